"""The reviews story in a real browser: the DIO records a meeting and three directives with
spoken deadlines, the CSC manager reports from a phone, the DC verifies, the ATR downloads in
Hindi, and the committee's next meeting opens with what is unfinished."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from degs.directory.models import Post
from degs.reviews import services
from degs.reviews.choices import CommitteeKind
from degs.reviews.models import Directive, Meeting
from tests.e2e.conftest import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _fmt(day: dt.date) -> str:
    return day.strftime("%d-%m-%Y")


def test_meeting_directives_report_verify_atr_carry_over(  # type: ignore[no-untyped-def]
    world, page, phone, screenshot_dir
) -> None:
    district = world.district_a
    post_dio = Post.objects.get(designation__code="dio", area=district)
    post_csc = Post.objects.get(designation__code="csc_dm", area=district)
    committee = services.committee_create(
        actor=None,
        area=district,
        kind=CommitteeKind.EXECUTIVE,
        name="DeGS review",
        name_hi="डीईजीएस समीक्षा",
        chair_post=world.post_dc_a,
        secretary_post=post_dio,
        members=[world.post_dc_a, post_dio, post_csc],
    )
    today = timezone.localdate()
    next_meeting = services.meeting_create(
        actor=None, committee=committee, date=today + dt.timedelta(days=21)
    )

    # the DIO records today's meeting
    sign_in(page, "dio_a")
    page.goto(page.base_url + f"/reviews/meetings/new/?committee={committee.pk}")
    page.locator("#id_date").fill(today.isoformat())
    page.locator("#id_venue").fill("Collectorate")
    page.locator("#id_agenda").fill("Kiosks and IDs")
    page.get_by_role("button", name="Save the meeting").click()
    page.wait_for_url("**/reviews/meetings/*/")
    meeting = Meeting.objects.exclude(pk=next_meeting.pk).get()

    directives = [
        ("Obtain BC ID for every operator", "", post_csc, "within a week"),
        ("", "शेष राशन डीलरों को सीएससी में पंजीकृत करें", post_csc, "एक माह के अंदर"),
        ("Report the video conference test of every block", "", post_dio, "by the next meeting"),
    ]
    for text, text_hi, post, phrase in directives:
        page.goto(page.base_url + f"/reviews/meetings/{meeting.pk}/directives/new/")
        if text:
            page.locator("#id_text").fill(text)
        if text_hi:
            page.locator("#id_text_hi").fill(text_hi)
        page.locator("#id_lead_post").select_option(str(post.pk))
        page.locator("#id_deadline_phrase").fill(phrase)
        # the resolved date shows while typing
        page.locator("#deadline-preview").get_by_text("Due on").wait_for()
        page.get_by_role("button", name="Save", exact=True).click()
        page.wait_for_url(f"**/reviews/meetings/{meeting.pk}/")
    saved = {d.deadline_phrase: d for d in Directive.objects.filter(meeting=meeting)}
    assert saved["by the next meeting"].due_date == next_meeting.date
    week = saved["within a week"].due_date
    assert dt.timedelta(days=7) <= week - today <= dt.timedelta(days=9)
    month = saved["एक माह के अंदर"].due_date
    assert 28 <= (month - today).days <= 34
    body = page.locator("main").inner_text()
    for directive in saved.values():
        assert _fmt(directive.due_date) in body
    page.screenshot(path=str(screenshot_dir / "meeting-en.png"), full_page=True)

    # the CSC manager reports from a phone
    sign_in(phone, "csc_a")
    phone.goto(phone.base_url + "/reviews/mine/")
    cards = phone.locator("article.card")
    assert cards.count() == 2
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
    week_card = phone.locator(f"#directive-{saved['within a week'].pk}")
    week_card.get_by_text("Report progress").click()
    week_card.locator("input[name=percent]").fill("100")
    week_card.locator("textarea[name=text]").fill("All 118 operators have applied; IDs issued.")
    week_card.get_by_role("button", name="Save report").click()
    phone.locator(f"#directive-{saved['within a week'].pk}").get_by_text(
        "Your report is saved."
    ).wait_for()
    month_card = phone.locator(f"#directive-{saved['एक माह के अंदर'].pk}")
    month_card.get_by_text("Report progress").click()
    month_card.locator("input[name=percent]").fill("40")
    month_card.locator("textarea[name=text]").fill("15 of 38 dealers registered.")
    month_card.get_by_role("button", name="Save report").click()
    phone.locator(f"#directive-{saved['एक माह के अंदर'].pk}").get_by_text(
        "Your report is saved."
    ).wait_for()
    phone.screenshot(path=str(screenshot_dir / "my-directives-phone.png"), full_page=True)

    # the DC verifies the complied one
    sign_in(page, "dc_a")
    page.goto(page.base_url + f"/reviews/directives/{saved['within a week'].pk}/")
    page.get_by_role("button", name="Verify and close").click()
    page.get_by_text("The directive's status is changed.").wait_for()
    assert "Verified and closed" in page.locator("main").inner_text()

    # the ATR in Hindi downloads with the Hindi text intact
    page.get_by_role("button", name="हिन्दी").click()
    page.wait_for_load_state()
    response = page.request.get(page.base_url + f"/reviews/meetings/{meeting.pk}/atr.pdf")
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)
    assert "राशन" in text and "सीएससी" in text
    assert "40%" in text

    # the next meeting opens with the two unfinished directives
    page.goto(page.base_url + f"/reviews/meetings/{next_meeting.pk}/")
    carried = page.locator("#carried").locator("xpath=..")
    carried_text = carried.inner_text()
    assert "शेष राशन डीलरों" in carried_text
    assert "Report the video conference test" in carried_text
    assert "Obtain BC ID" not in carried_text
    page.screenshot(path=str(screenshot_dir / "next-meeting-hi.png"), full_page=True)


@pytest.mark.parametrize(("language", "due_on"), [("en", "Due on"), ("hi", "को देय")])
def test_the_due_date_shown_while_typing_is_the_one_saved(  # type: ignore[no-untyped-def]
    world, page, screenshot_dir, language, due_on
) -> None:
    """A repeating directive with the chair's words: the preview follows the repeat and the
    words as they are typed, and the directive is saved with the date it showed."""
    committee = services.committee_create(
        actor=None,
        area=world.district_a,
        kind=CommitteeKind.EXECUTIVE,
        name="DeGS review",
        chair_post=world.post_dc_a,
        secretary_post=Post.objects.get(designation__code="dio", area=world.district_a),
    )
    meeting = services.meeting_create(
        actor=None, committee=committee, date=dt.date(2026, 12, 2)
    )  # a Wednesday; the test district has no holidays
    post_csc = Post.objects.get(designation__code="csc_dm", area=world.district_a)
    world.dio_a.language = language
    world.dio_a.save()

    sign_in(page, "dio_a")
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(page.base_url + f"/reviews/meetings/{meeting.pk}/directives/new/")
        preview = page.locator("#deadline-preview")
        page.locator("#id_recurrence").select_option("monthly")
        # no words yet: the end of the first month after the meeting
        page.wait_for_function(
            "document.querySelector('#deadline-preview').innerText.includes('31-12-2026')"
        )
        page.locator("#id_deadline_phrase").fill("15 दिनों के अंदर")
        # 2-12-2026 + 15 days, not the month's end
        page.wait_for_function(
            "document.querySelector('#deadline-preview').innerText.includes('17-12-2026')"
        )
        assert due_on in preview.inner_text()
        assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
        page.screenshot(
            path=str(screenshot_dir / f"deadline-preview-{language}-{width}.png"), full_page=True
        )
    page.locator("#id_text_hi").fill("प्रत्येक माह 60 प्रज्ञा केंद्रों का निरीक्षण करें")
    page.locator("#id_lead_post").select_option(str(post_csc.pk))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(f"**/reviews/meetings/{meeting.pk}/")
    directive = Directive.objects.get(meeting=meeting)
    assert directive.due_date == dt.date(2026, 12, 17)
    assert directive.periods.get().due_on == dt.date(2026, 12, 17)
