"""The review pack: what its snapshot holds (agenda items' figures with their trend, open
directives with progress and the last action-taken report, the overdue lists), that it keeps
the figures of the day it was built, who may build and read it, one pack per click, the API,
the PDF in Hindi and the Hindi page.

Figures are written by hand (``put``) as the figures' keeper leaves them; every expected number
is one written here, never one the code under test works out."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from degs.core.exceptions import OutOfJurisdiction, PermissionDenied
from degs.dashboards.models import ReviewPack
from degs.dashboards.services.packs import pack_build
from degs.indicators.models import Figure, Indicator
from degs.indicators.periods import Period
from degs.reviews import services as reviews
from degs.reviews.choices import DirectiveStatus
from degs.reviews.models import ComplianceUpdate, Directive
from tests.factories import UserFactory, grant, make_designation, make_post
from tests.hindi_crawl import data_words, english_words, speak

pytestmark = pytest.mark.django_db

# The meeting the pack is for, and the month it reviews (counted by hand: the month before).
MEETING_DAY = dt.date(2026, 3, 10)
MONTH = Period.month(2026, 2)
JANUARY = Period.month(2026, 1)
MARCH_2025 = Period.month(2025, 3)  # the trend's first month: 12 months ending in February


def put(indicator: Any, area: Any, period: Period, value: str | None, **extra: Any) -> Figure:
    """One maintained figure, as the figures' keeper would leave it."""
    target = extra.pop("target", None)
    return Figure.objects.create(
        indicator=indicator,
        area=area,
        parent=area.parent,
        kind=area.kind,
        period_type=period.type,
        period_start=period.start,
        value=None if value is None else Decimal(value),
        target=None if target is None else Decimal(target),
        **extra,
    )


@pytest.fixture
def ind(catalogue: Any) -> dict[str, Indicator]:
    return {k.split(":", 1)[1]: v for k, v in catalogue.items() if k.startswith("indicator:")}


@pytest.fixture
def review(world: Any, ind: dict[str, Indicator]) -> Any:
    """District A's committee: a meeting held in January with three directives (one overdue
    with two reports, one closed, one not yet due) and the meeting of 10-03-2026 with two
    agenda items (services; other); figures of district A and its blocks."""
    secretary = make_post(make_designation("edm"), world.district_a)
    committee = reviews.committee_create(
        actor=None,
        area=world.district_a,
        kind="executive",
        name="Executive committee A",
        name_hi="कार्यकारी समिति ए",
        chair_post=world.post_dc_a,
        secretary_post=secretary,
    )
    held = reviews.meeting_create(actor=None, committee=committee, date=dt.date(2026, 1, 5))
    late = reviews.directive_create(
        actor=None,
        meeting=held,
        lead_post=world.post_bdo_a1,
        text="Clear the pending applications",
        text_hi="लंबित आवेदनों का निष्पादन करें",
        due_date=dt.date(2026, 1, 31),
    )
    closed = reviews.directive_create(
        actor=None,
        meeting=held,
        lead_post=world.post_bdo_a1,
        text="Paint the centre",
        due_date=dt.date(2026, 1, 20),
    )
    Directive.objects.filter(pk=closed.pk).update(status=DirectiveStatus.CLOSED)
    later = reviews.directive_create(
        actor=None,
        meeting=held,
        lead_post=world.post_dc_a,
        text="Open two more centres",
        due_date=dt.date(2099, 1, 1),
    )
    for percent, words in ((20, "Forty cleared"), (45, "Ninety cleared")):
        ComplianceUpdate.objects.create(
            directive=late,
            author=world.bdo_a1,
            post=world.post_bdo_a1,
            author_name="BDO A1",
            percent=percent,
            text=words,
        )
    meeting = reviews.meeting_create(
        actor=None,
        committee=committee,
        date=MEETING_DAY,
        agenda=[
            ("e-District services", "ई-डिस्ट्रिक्ट सेवाएं", "services"),
            ("Any other matter", "अन्य विषय", "other"),
        ],
    )
    late_share = ind["services_in_time"]
    put(late_share, world.district_a, MONTH, "82.5", target="90", expected=4, reported=3)
    put(late_share, world.district_a, JANUARY, "80.0")
    put(late_share, world.district_a, MARCH_2025, "60.0")
    pending = ind["services_pending_late"]
    put(pending, world.district_a, MONTH, "17")
    put(pending, world.block_a1, MONTH, "12")
    put(pending, world.block_a2, MONTH, "5")
    put(ind["outages_past_clock"], world.district_a, MONTH, "0")
    put(ind["services_pending_late"], world.district_b, MONTH, "99")  # another district's
    return {"meeting": meeting, "late": late, "closed": closed, "later": later}


def _figure(pack: ReviewPack, code: str) -> dict[str, Any]:
    for item in pack.data["items"]:
        for row in item["indicators"]:
            if row["code"] == code:
                return dict(row)
    raise AssertionError(code)


# --- what the snapshot holds -------------------------------------------------------------------


def test_pack_holds_the_agenda_figures_of_the_month_before_the_meeting(world, review) -> None:
    pack = pack_build(actor=world.dc_a, meeting=review["meeting"])

    assert pack.period_start == dt.date(2026, 2, 1)
    assert pack.data["period"] == "2026-02"
    items = pack.data["items"]
    assert [i["topic"] for i in items] == [
        {"en": "e-District services", "hi": "ई-डिस्ट्रिक्ट सेवाएं"},
        {"en": "Any other matter", "hi": "अन्य विषय"},
    ]
    # the services item carries the services indicators; "other" none
    assert {row["code"] for row in items[0]["indicators"]} == {
        "services_in_time",
        "services_pending_late",
        "services_received",
    }
    assert items[1]["indicators"] == []
    row = _figure(pack, "services_in_time")
    assert row["name"] == {
        "en": "Applications disposed within time",
        "hi": "समय-सीमा में निष्पादित आवेदन",
    }
    assert (row["value"], row["target"], row["previous"]) == ("82.5", "90", "80")
    assert row["met"] is False
    assert row["completeness"] == "75.0"  # 3 reports of 4
    assert len(row["trend"]) == 12
    assert row["trend"][0] == {"period": "2025-03", "value": "60"}
    assert row["trend"][-2:] == [
        {"period": "2026-01", "value": "80"},
        {"period": "2026-02", "value": "82.5"},
    ]
    assert [p["value"] for p in row["trend"][1:10]] == [None] * 9
    assert _figure(pack, "services_received")["value"] is None


def test_pack_holds_open_directives_with_their_last_report(world, review) -> None:
    pack = pack_build(actor=world.dc_a, meeting=review["meeting"])

    rows = {row["id"]: row for row in pack.data["directives"]}
    assert set(rows) == {review["late"].pk, review["later"].pk}  # the closed one is not there
    late = rows[review["late"].pk]
    assert late["text"] == {
        "en": "Clear the pending applications",
        "hi": "लंबित आवेदनों का निष्पादन करें",
    }
    assert late["overdue"] is True
    assert late["due_date"] == "2026-01-31"
    assert late["last_report"]["text"] == "Ninety cleared"
    assert late["last_report"]["percent"] == 45
    assert late["last_report"]["by"] == {"en": "BDO A1", "hi": "BDO A1"}
    assert rows[review["later"].pk]["overdue"] is False
    assert rows[review["later"].pk]["last_report"] is None
    # English-only text reads the same in Hindi
    assert rows[review["later"].pk]["text"] == {
        "en": "Open two more centres",
        "hi": "Open two more centres",
    }
    assert pack.data["overdue_directives"] == [review["late"].pk]


def test_pack_lists_overdue_figures_block_by_block(world, review) -> None:
    pack = pack_build(actor=world.dc_a, meeting=review["meeting"])

    overdue = {row["code"]: row for row in pack.data["overdue_figures"]}
    assert list(overdue) == ["services_pending_late", "outages_past_clock", "rollout_late"]
    pending = overdue["services_pending_late"]
    assert pending["total"] == "17"
    assert [(a["name"]["en"], a["value"]) for a in pending["areas"]] == [
        ("Block A1", "12"),
        ("Block A2", "5"),
    ]
    assert pending["areas"][0]["name"]["hi"] == "प्रखंड A1"
    assert overdue["outages_past_clock"]["total"] == "0"
    assert overdue["outages_past_clock"]["areas"] == []
    assert overdue["rollout_late"]["total"] is None


def test_pack_keeps_the_figures_of_the_day_it_was_built(world, review, ind, client_as) -> None:
    first = pack_build(actor=world.dc_a, meeting=review["meeting"])
    # a value entered later changes the maintained figure
    Figure.objects.filter(
        indicator=ind["services_in_time"], area=world.district_a, period_start=MONTH.start
    ).update(value=Decimal("95.5"))

    client = client_as(world.dc_a)
    body = client.get(reverse("dashboards:pack_detail", args=[first.pk])).content.decode()
    assert "82.5" in body
    assert "95.5" not in body
    # built again, the new pack reads the new figure and the first is kept beside it
    second = pack_build(actor=world.dc_a, meeting=review["meeting"])
    assert _figure(second, "services_in_time")["value"] == "95.5"
    first.refresh_from_db()
    assert _figure(first, "services_in_time")["value"] == "82.5"
    assert ReviewPack.objects.filter(meeting=review["meeting"]).count() == 2
    meeting_page = client.get(reverse("reviews:meeting_detail", args=[review["meeting"].pk]))
    links = re.findall(r'href="/dashboard/packs/(\d+)/"', meeting_page.content.decode())
    assert sorted(int(pk) for pk in links) == sorted([first.pk, second.pk])


# --- who may build and read --------------------------------------------------------------------


def _dc_b(world: Any) -> Any:
    dc_b = UserFactory(username="dc_b")
    grant(dc_b, "district_admin", world.district_b)
    return dc_b


def test_another_district_and_a_block_officer_get_not_found(world, review, client_as) -> None:
    pack = pack_build(actor=world.dc_a, meeting=review["meeting"])
    meeting = review["meeting"]
    for user in (_dc_b(world), world.bdo_a1):  # the BDO sees block A1, not the district's
        with pytest.raises(OutOfJurisdiction):
            pack_build(actor=user, meeting=meeting)
        client = client_as(user)
        for url in (
            reverse("dashboards:pack_detail", args=[pack.pk]),
            reverse("dashboards:pack_pdf", args=[pack.pk]),
            f"/api/dashboard/packs/{pack.pk}/",
            f"/api/dashboard/meetings/{meeting.pk}/packs/",
        ):
            assert client.get(url).status_code == 404, (user, url)
        build = client.post(reverse("dashboards:pack_build", args=[meeting.pk]), {"seen": 0})
        assert build.status_code == 404
    assert ReviewPack.objects.count() == 1


def test_who_sees_the_meeting_but_not_the_figures_may_not_build(world, review) -> None:
    # a kiosk operator placed over the whole district sees its meetings, not its figures
    operator = UserFactory(username="operator_district")
    grant(operator, "kiosk_operator", world.district_a)
    with pytest.raises(PermissionDenied):
        pack_build(actor=operator, meeting=review["meeting"])
    assert not ReviewPack.objects.exists()


def test_the_meeting_page_offers_the_button_only_to_who_may_open_dashboards(
    world, review, client_as
) -> None:
    url = reverse("reviews:meeting_detail", args=[review["meeting"].pk])
    build = reverse("dashboards:pack_build", args=[review["meeting"].pk])
    assert build in client_as(world.dc_a).get(url).content.decode()
    operator = UserFactory(username="operator_district")
    grant(operator, "kiosk_operator", world.district_a)
    page = client_as(operator).get(url)  # the meeting is in their area: they read it
    assert page.status_code == 200
    assert build not in page.content.decode()


def test_a_double_click_builds_one_pack(world, review, client_as) -> None:
    client = client_as(world.dc_a)
    url = reverse("dashboards:pack_build", args=[review["meeting"].pk])

    first = client.post(url, {"seen": 0})
    again = client.post(url, {"seen": 0})  # the same page's button, clicked twice

    assert ReviewPack.objects.count() == 1
    pack = ReviewPack.objects.get()
    assert (
        first["Location"] == again["Location"] == reverse("dashboards:pack_detail", args=[pack.pk])
    )
    # the page drawn after the first pack shows it: its button builds a second
    client.post(url, {"seen": pack.pk})
    assert ReviewPack.objects.count() == 2


# --- the API -----------------------------------------------------------------------------------


def test_api_lists_a_meetings_packs_and_answers_one(world, review, client_as) -> None:
    older = pack_build(actor=world.dc_a, meeting=review["meeting"])
    newer = pack_build(actor=world.dc_a, meeting=review["meeting"])
    client = client_as(world.dc_a)

    listed = client.get(f"/api/dashboard/meetings/{review['meeting'].pk}/packs/").json()
    assert listed["count"] == 2
    assert [p["id"] for p in listed["items"]] == [newer.pk, older.pk]
    assert listed["items"][0]["period"] == "2026-02"
    assert listed["items"][0]["built_by"] == "DC A"

    one = client.get(f"/api/dashboard/packs/{older.pk}/").json()
    assert one["meeting"]["date"] == "2026-03-10"
    services = one["items"][0]["indicators"]
    in_time = next(row for row in services if row["code"] == "services_in_time")
    assert in_time["value"] == "82.5"
    assert in_time["name"]["hi"] == "समय-सीमा में निष्पादित आवेदन"
    assert one["overdue_directives"] == [review["late"].pk]
    schema = client.get("/api/openapi.json").json()["components"]["schemas"]
    assert {"PackOut", "PackSummaryOut", "PackFigureOut"} <= set(schema)


# --- the PDF and the Hindi page ----------------------------------------------------------------


def _comparable(text: str) -> str:
    """Text as a PDF's extractor reads it back: no spaces (it splits words where glyphs
    are placed) and no vowel sign ि (U+093F), which is drawn before its consonant and read
    back in drawing order. That the glyphs are shaped is checked by eye in
    tests/e2e/test_review_pack.py."""
    return re.sub(r"[\s\u093f]+", "", text)


def test_the_hindi_pdf_carries_the_hindi_names_as_text(world, review, client_as) -> None:
    from pypdf import PdfReader

    pack = pack_build(actor=world.dc_a, meeting=review["meeting"])
    response = client_as(world.dc_a).get(
        reverse("dashboards:pack_pdf", args=[pack.pk]) + "?lang=hi"
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    content = b"".join(response.streaming_content) if response.streaming else response.content
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) >= 1
    text = "".join(page.extract_text() for page in reader.pages)
    for words in ("समय-सीमा में निष्पादित आवेदन", "समय-सीमा से अधिक लंबित"):
        assert _comparable(words) in _comparable(text), words
    assert "Applications disposed within time" not in text


def test_the_english_pdf_carries_the_english_names(world, review, client_as) -> None:
    from pypdf import PdfReader

    pack = pack_build(actor=world.dc_a, meeting=review["meeting"])
    response = client_as(world.dc_a).get(
        reverse("dashboards:pack_pdf", args=[pack.pk]) + "?lang=en"
    )
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Applications disposed within time" in re.sub(r"\s+", " ", text)


def test_the_hindi_page_has_no_english_word(world, review, client_as) -> None:
    pack = pack_build(actor=world.dc_a, meeting=review["meeting"])
    # the English-only directive is data, as typed
    Directive.objects.filter(pk=review["later"].pk).update(text_hi="दो और केंद्र खोलें")
    pack = pack_build(actor=world.dc_a, meeting=review["meeting"])
    client = speak(client_as(world.dc_a), world.dc_a, "hi")

    html = client.get(reverse("dashboards:pack_detail", args=[pack.pk])).content.decode()

    assert "समय-सीमा में निष्पादित आवेदन" in html
    assert "लंबित आवेदनों का निष्पादन करें" in html
    assert english_words(html, data_words()) == set()
    assert timezone.localdate().strftime("%d-%m-%Y") in html  # built today, dd-mm-yyyy
