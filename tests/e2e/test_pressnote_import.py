"""A meeting imported from a press note in a real browser, in Hindi: the DIO pastes sample 002,
checks what was read beside the note, corrects a directive, and saves; the meeting page shows
the directives with due dates resolved from the chair's words."""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from degs.directory.models import Post
from degs.reviews.models import Directive, Meeting
from tests.e2e.conftest import sign_in
from tests.factories import district_committee

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SAMPLE = (
    Path(__file__).resolve().parents[2] / "degs/reviews/data/press_notes/002_0e56e2880c222ce2.txt"
).read_text(encoding="utf-8")
SHOTS = Path(os.environ.get("DEGS_IMPORT_SHOTS", tempfile.gettempdir()))  # import_review_*.png


def test_dio_imports_sample_002_in_hindi(world, page, screenshot_dir) -> None:  # type: ignore[no-untyped-def]
    committee = district_committee(world, name="DeGS review")
    post_dio = Post.objects.get(designation__code="dio", area=world.district_a)
    post_csc = Post.objects.get(designation__code="csc_dm", area=world.district_a)
    world.dio_a.language = "hi"
    world.dio_a.save()

    sign_in(page, "dio_a")
    page.goto(page.base_url + "/reviews/")
    page.get_by_role("link", name="प्रेस नोट से आयात").click()
    page.wait_for_url("**/reviews/meetings/import/")
    page.locator("#id_committee").select_option(str(committee.pk))
    page.locator("#id_text").fill(SAMPLE)
    page.get_by_role("button", name="नोट पढ़ें").click()
    page.get_by_role("heading", name="आयात की गई बैठक की जाँच करें").wait_for()

    # what was read: the date, the chair, who attended and the four directives
    assert page.locator("#id_date").input_value() == "2020-11-12"
    assert "12 नवंबर 2020" in page.locator("main").inner_text()
    assert page.locator("#id_chair_name").input_value() == "फैज अक अहमद मुमताज"
    assert page.locator(".attendee-row").count() >= 8
    assert page.locator("#id_a-0-name").input_value() == "नमन प्रियेश लकड़ा"
    rows = page.locator(".directive-row")
    assert rows.count() == 4
    assert page.locator("#id_d-0-deadline_phrase").input_value() == "जल्द से जल्द"
    assert "संबंधित अधिकारियों व संबंधित" in rows.nth(0).inner_text()  # the addressee as written
    assert "संबंधित पदाधिकारी" in rows.nth(3).inner_text()
    assert page.locator(".degs-source mark").count() >= 4
    page.screenshot(path=str(SHOTS / "import_review_1280.png"), full_page=True)

    # corrections: a lead post for each, a deadline where the note gave none, one text
    for i, post in enumerate([post_dio, post_csc, post_dio, post_csc]):
        page.locator(f"#id_d-{i}-lead_post").select_option(str(post.pk))
    page.locator("#id_d-1-text").fill("जिनका आधार कार्ड नहीं बना है, उनका आधार कार्ड बनवाएँ")
    page.locator("#id_d-1-deadline_phrase").fill("एक माह के अंदर")
    page.locator("#id_d-2-deadline_phrase").fill("15 दिनों के अंदर")
    page.locator("#id_d-3-deadline_phrase").fill("अगली बैठक तक")
    page.locator("#id_d-3-due_date").fill("2020-12-15")

    page.set_viewport_size({"width": 360, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth") <= 361
    page.screenshot(path=str(SHOTS / "import_review_360.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_role("button", name="बैठक और निर्देश सहेजें").click()
    page.wait_for_url("**/reviews/meetings/*/")
    meeting = Meeting.objects.get()
    assert meeting.date.isoformat() == "2020-11-12"
    directives = list(Directive.objects.filter(meeting=meeting).order_by("number"))
    assert len(directives) == 4
    assert directives[1].text_hi == "जिनका आधार कार्ड नहीं बना है, उनका आधार कार्ड बनवाएँ"
    assert directives[1].lead_post == post_csc
    assert 28 <= (directives[1].due_date - meeting.date).days <= 34
    assert 15 <= (directives[2].due_date - meeting.date).days <= 18
    assert directives[3].due_date.isoformat() == "2020-12-15"
    body = page.locator("main").inner_text()
    assert "जिनका आधार कार्ड नहीं बना है" in body
    for directive in directives:
        assert directive.due_date.strftime("%d-%m-%Y") in body
    page.screenshot(path=str(screenshot_dir / "import-saved-hi.png"), full_page=True)

    # and in the directive register, with their due dates
    page.goto(page.base_url + "/reviews/")
    register = page.locator("main").inner_text()
    assert "जिनका आधार कार्ड नहीं बना है" in register
    for directive in directives:
        assert directive.due_date.strftime("%d-%m-%Y") in register


@pytest.mark.parametrize(
    ("language", "read", "said", "open_it"),
    [
        (
            "en",
            "Read the note",
            "This note is already imported for this committee, as the meeting of 12-11-2020.",
            "Open the meeting",
        ),
        (
            "hi",
            "नोट पढ़ें",
            "यह नोट इस समिति के लिए पहले ही आयात हो चुका है, 12-11-2020 की बैठक के रूप में।",
            "बैठक खोलें",
        ),
    ],
)
def test_a_note_imported_again_is_recognised_with_a_link_to_its_meeting(  # type: ignore[no-untyped-def]
    world, page, screenshot_dir, language, read, said, open_it
) -> None:
    from datetime import date

    from degs.reviews import services

    committee = district_committee(world, name="DeGS review")
    meeting = services.meeting_import(
        actor=world.dio_a, committee=committee, date=date(2020, 11, 12), source=SAMPLE
    )
    world.dio_a.language = language
    world.dio_a.save()

    sign_in(page, "dio_a")
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 900 if width > 400 else 740})
        page.goto(page.base_url + f"/reviews/meetings/import/?committee={committee.pk}")
        page.locator("#id_text").fill(SAMPLE)
        page.get_by_role("button", name=read).click()
        alert = page.locator("#already-imported")
        alert.wait_for()
        assert said in " ".join(alert.inner_text().split())
        link = alert.get_by_role("link", name=open_it)
        assert link.is_visible()
        # the text is kept for the user, and the page fits the screen
        assert page.locator("#id_text").input_value().strip() == SAMPLE.strip()
        assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
        page.screenshot(
            path=str(screenshot_dir / f"import-again-{language}-{width}.png"), full_page=True
        )
    link.click()
    page.wait_for_url(f"**/reviews/meetings/{meeting.pk}/")
    assert Meeting.objects.count() == 1


def _sample_reading() -> Any:
    """Sample 002 as a reader could read it, with where the date, the chair and the district
    stand and another person who may have chaired: built by hand, so that the page is tested
    whatever the reader's rules find."""
    from degs.reviews.pressnote import Found, Order, Person, Reading

    text = "\n".join(line.strip(" ■*") for line in SAMPLE.splitlines() if line.strip())

    def at(part: str, after: str = "") -> Found:
        start = text.index(part, text.index(after) if after else 0)
        return Found(part, start, start + len(part))

    def sentence(starts: str) -> Found:
        start = text.index(starts)
        end = text.index("।", start) + 1
        return Found(text[start:end], start, end)

    district = at("जामताड़ा")
    return Reading(
        text=text,
        district="जामताड़ा",
        district_source=district,
        district_candidates=[district],
        meeting_date=date(2020, 11, 12),
        date_phrase="12 नवंबर 2020",
        date_source=at("12 नवंबर 2020"),
        chair=Person(
            "फैज अक अहमद मुमताज",
            "उपायुक्त सह जिला दंडाधिकारी",
            at("उपायुक्त सह जिला दंडाधिकारी श्री फैज अक अहमद मुमताज", "आज दिनांक"),
        ),
        chair_candidates=[
            Person("नमन प्रियेश लकड़ा", "उप विकास आयुक्त", at("उप विकास आयुक्त श्री नमन प्रियेश लकड़ा"))
        ],
        attendees=[Person("अभय पराशर", "जिला सूचना विज्ञान पदाधिकारी")],
        orders=[
            Order(
                text="सभी प्रखंड/पंचायत भवनों में इंटरनेट कनेक्शन जल्द से जल्द कराना सुनिश्चित करे",
                sentence=sentence("उपायुक्त जामताड़ा ने संबंधित अधिकारियों"),
                responsible="संबंधित अधिकारियों व संबंधित",
                post="dio",
                deadline_phrase="जल्द से जल्द",
            ),
            Order(
                text="जिसका आधार कार्ड नहीं बना है, उसका आधार कार्ड बनाना सुनिश्चित करेंगे",
                sentence=sentence("उपायुक्त जामताड़ा द्वारा निर्देश"),
                responsible="",
            ),
        ],
    )


def test_where_each_field_came_from_and_a_chair_candidate_in_hindi(  # type: ignore[no-untyped-def]
    world, page, monkeypatch
) -> None:
    """The DIO of district A reads a Jamtara note: the date, the chair and the district are
    quoted under their fields and marked in the note; another person who may have chaired is
    one click away; the note's district is not the committee's, and the DIO also records
    Jamtara's meetings, so the page offers to read it for Jamtara's committee."""
    from degs.accounts.roles import Role
    from degs.directory.choices import AreaKind
    from degs.reviews import selectors, services
    from degs.reviews.choices import CommitteeKind
    from tests.e2e.test_accessibility import AXE, AXE_RUN
    from tests.factories import grant, make_area, make_designation, make_post

    reading = _sample_reading()
    monkeypatch.setattr(selectors, "read_note", lambda raw, **kwargs: reading)
    committee = district_committee(world, name="DeGS review")
    jamtara = make_area(AreaKind.DISTRICT, "Jamtara", world.state, name_hi="जामताड़ा")
    theirs = services.committee_create(
        actor=None,
        area=jamtara,
        kind=CommitteeKind.EXECUTIVE,
        name="Jamtara DeGS",
        name_hi="जामताड़ा डीईजीएस",
        chair_post=make_post(make_designation("dc"), jamtara),
    )
    grant(world.dio_a, Role.DISTRICT_ADMIN, jamtara)
    world.dio_a.language = "hi"
    world.dio_a.save()
    SHOTS.mkdir(parents=True, exist_ok=True)

    sign_in(page, "dio_a")
    page.goto(page.base_url + f"/reviews/meetings/import/?committee={committee.pk}")
    page.locator("#id_text").fill(SAMPLE)
    page.get_by_role("button", name="नोट पढ़ें").click()
    page.get_by_role("heading", name="आयात की गई बैठक की जाँच करें").wait_for()

    # each field says where it was read, and the mark is in the note
    date_line = page.locator("#date-read-from")
    assert " ".join(date_line.inner_text().split()) == "इससे पढ़ा गया: «12 नवंबर 2020»"
    assert page.locator("mark#src-date").inner_text() == "12 नवंबर 2020"
    chair = "उपायुक्त सह जिला दंडाधिकारी श्री फैज अक अहमद मुमताज"
    assert page.locator("mark#src-chair").inner_text() == chair
    assert page.locator("mark#src-district").inner_text() == "जामताड़ा"
    assert page.locator("#id_chair_designation").input_value() == "उपायुक्त सह जिला दंडाधिकारी"
    warning = page.locator("#district-elsewhere")
    assert "नोट में जिला जामताड़ा बताया गया है, पर यह समिति जिला ए की है।" in warning.inner_text()
    page.locator("#chair-read-from a").click()  # to the chair's mark in the note
    assert page.evaluate("location.hash") == "#src-chair"

    # one click on another candidate fills the name and the designation
    other = page.get_by_role("button", name="या: नमन प्रियेश लकड़ा, उप विकास आयुक्त")
    back = page.get_by_role("button", name="या: फैज अक अहमद मुमताज, उपायुक्त सह जिला दंडाधिकारी")
    assert other.is_visible() and not back.is_visible()
    other.click()
    assert page.locator("#id_chair_name").input_value() == "नमन प्रियेश लकड़ा"
    assert page.locator("#id_chair_designation").input_value() == "उप विकास आयुक्त"
    assert back.is_visible() and not other.is_visible()  # the reader's choice, to go back
    page.screenshot(path=str(SHOTS / "import_sources_hi_1280.png"), full_page=True)
    page.add_script_tag(path=str(AXE))
    assert page.evaluate(AXE_RUN) == []  # no serious or critical WCAG 2 A/AA problem

    page.set_viewport_size({"width": 360, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth") <= 361
    page.locator("#note-district").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "import_sources_hi_360.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})

    # the note read again for Jamtara's committee
    page.get_by_role("button", name="इसे जामताड़ा डीईजीएस के लिए पढ़ें").click()
    page.get_by_role("heading", name="आयात की गई बैठक की जाँच करें").wait_for()
    assert page.locator("input[name=committee]").input_value() == str(theirs.pk)
    assert page.locator("#district-elsewhere").count() == 0
    assert Meeting.objects.count() == 0
