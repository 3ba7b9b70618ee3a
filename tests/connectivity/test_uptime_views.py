"""The uptime page, the SLA report (page, PDF, workbook) and the uptime API, in English and
Hindi, for the users who see the links and no one else."""

from __future__ import annotations

import calendar
import datetime as dt
import io
import re
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from degs.connectivity.choices import DetectedBy, OutageStatus
from degs.connectivity.models import Link, Outage
from degs.connectivity.selectors.uptime import month_bounds, uptime_report
from tests.hindi_crawl import data_words, english_words

pytestmark = pytest.mark.django_db

IST = timezone.get_fixed_timezone(330)
JUNE = "2026-06"


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 6, day, hour, minute, tzinfo=IST)


@pytest.fixture
def june(net):  # type: ignore[no-untyped-def]
    """June 2026: link A1 down 3 hours (99.58), link A2 down 18 hours (97.50, below 98)."""
    Outage.objects.create(
        link=net.link_a1,
        started_at=at(10, 10),
        responded_at=at(10, 11),
        respond_due_at=at(10, 12),
        restored_at=at(10, 13),
        restore_due_at=at(10, 12, 30),
        detected_by=DetectedBy.ENGINEER,
        status=OutageStatus.RESTORED,
        provider_reference="=HYPERLINK(1)",
    )
    Outage.objects.create(
        link=net.link_a2,
        started_at=at(20, 0),
        restored_at=at(20, 18),
        detected_by=DetectedBy.OFFICE,
        status=OutageStatus.RESTORED,
    )
    return net


def hindi(user):  # type: ignore[no-untyped-def]
    user.language = "hi"
    user.save(update_fields=["language"])
    return user


# --- the page ---------------------------------------------------------------------------------


def test_page_shows_blocks_providers_and_links_below_target_first(client_as, world, june) -> None:  # type: ignore[no-untyped-def]
    response = client_as(world.dc_a).get(reverse("connectivity:uptime"), {"month": JUNE})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Uptime: 06-2026" in body
    assert "99.58" in body and "97.50" in body
    # (720 + 720 - 3 - 18) / 1440 = 98.5416… for the provider and the district
    assert "98.54" in body
    assert body.index("BN-A2-001") < body.index("BN-A1-001")  # below target first
    # A figure opens the link's outages of the month: its provider's report for that link.
    report = reverse("connectivity:sla_report", args=[june.bsnl.pk])
    assert f"{report}?month=2026-06&amp;link={june.link_a1.pk}" in body
    assert reverse("connectivity:sla_report", args=[june.bsnl.pk]) in body


def test_page_in_hindi_has_no_english(client_as, world, june) -> None:  # type: ignore[no-untyped-def]
    response = client_as(hindi(world.dc_a)).get(reverse("connectivity:uptime"), {"month": JUNE})
    body = response.content.decode()
    assert "उपलब्धता" in body
    assert english_words(body, data_words()) == set()


def test_block_officer_sees_only_their_block(client_as, world, june) -> None:  # type: ignore[no-untyped-def]
    body = (
        client_as(world.bdo_a1)
        .get(reverse("connectivity:uptime"), {"month": JUNE})
        .content.decode()
    )
    assert "BN-A1-001" in body
    assert "BN-A2-001" not in body and "BN-B1-001" not in body


def test_page_filters_by_area(client_as, world, june) -> None:  # type: ignore[no-untyped-def]
    response = client_as(world.dc_a).get(
        reverse("connectivity:uptime"), {"month": JUNE, "area": world.block_a2.pk}
    )
    body = response.content.decode()
    assert "BN-A2-001" in body and "BN-A1-001" not in body


def test_user_without_the_section_is_refused(client_as, world, june) -> None:  # type: ignore[no-untyped-def]
    client = client_as(world.operator_a1)
    assert client.get(reverse("connectivity:uptime")).status_code == 403
    pk = june.bsnl.pk
    assert client.get(reverse("connectivity:sla_report_pdf", args=[pk])).status_code == 403


def test_anonymous_is_sent_to_sign_in(client, june) -> None:  # type: ignore[no-untyped-def]
    assert client.get(reverse("connectivity:uptime")).status_code == 302


# --- the SLA report -----------------------------------------------------------------------------


def test_sla_report_page(client_as, world, june) -> None:  # type: ignore[no-untyped-def]
    url = reverse("connectivity:sla_report", args=[june.bsnl.pk])
    body = client_as(world.dc_a).get(url, {"month": JUNE}).content.decode()
    assert "SLA report: BSNL, 06-2026" in body
    assert "BN-A1-001" in body and "BN-A2-001" in body and "BN-B1-001" not in body
    assert "3.00" in body and "18.00" in body  # hours counted


def test_sla_report_of_one_link_lists_its_outages_of_the_month(client_as, world, june) -> None:  # type: ignore[no-untyped-def]
    url = reverse("connectivity:sla_report", args=[june.bsnl.pk])
    response = client_as(world.dc_a).get(url, {"month": JUNE, "link": june.link_a1.pk})
    body = response.content.decode()
    outage = Outage.objects.get(link=june.link_a1)
    assert outage.get_absolute_url() in body
    assert "BN-A1-001" in body and "BN-A2-001" not in body
    assert "10-06-2026 10:00" in body


def test_sla_report_page_in_hindi_has_no_english(client_as, world, june) -> None:  # type: ignore[no-untyped-def]
    url = reverse("connectivity:sla_report", args=[june.bsnl.pk])
    body = client_as(hindi(world.dc_a)).get(url, {"month": JUNE}).content.decode()
    assert "एसएलए रिपोर्ट" in body
    assert english_words(body, data_words()) == set()


def test_sla_report_of_a_provider_without_the_users_links_is_not_found(
    client_as, world, net
) -> None:  # type: ignore[no-untyped-def]
    Link.objects.exclude(area__path__startswith=world.district_b.path).delete()
    for name in ("sla_report", "sla_report_pdf", "sla_report_xlsx"):
        url = reverse(f"connectivity:{name}", args=[net.bsnl.pk])
        assert client_as(world.bdo_a1).get(url).status_code == 404


def pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.mark.parametrize(
    ("language", "heading"), [("en", "SLA report: BSNL"), ("hi", "एसएलए रिपोर्ट")]
)
def test_sla_report_pdf_in_both_languages(client_as, world, june, language, heading) -> None:  # type: ignore[no-untyped-def]
    client = client_as(hindi(world.dc_a) if language == "hi" else world.dc_a)
    url = reverse("connectivity:sla_report_pdf", args=[june.bsnl.pk])
    response = client.get(url, {"month": JUNE})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="sla-bsnl-2026-06.pdf"' in response["Content-Disposition"]
    text = pdf_text(response.content)
    assert heading in text
    assert "BN-A1-001" in text and "BN-A2-001" in text and "BN-B1-001" not in text
    assert "99.58" in text


def test_sla_report_pdf_language_can_be_chosen(client_as, world, june) -> None:  # type: ignore[no-untyped-def]
    url = reverse("connectivity:sla_report_pdf", args=[june.bsnl.pk])
    response = client_as(world.dc_a).get(url, {"month": JUNE, "lang": "hi"})
    assert "एसएलए रिपोर्ट" in pdf_text(response.content)


def workbook(content: bytes):  # type: ignore[no-untyped-def]
    return load_workbook(io.BytesIO(content))


@pytest.mark.parametrize(("language", "sheet"), [("en", "Links"), ("hi", "लिंक")])
def test_sla_report_workbook_in_both_languages(client_as, world, june, language, sheet) -> None:  # type: ignore[no-untyped-def]
    client = client_as(hindi(world.dc_a) if language == "hi" else world.dc_a)
    url = reverse("connectivity:sla_report_xlsx", args=[june.bsnl.pk])
    response = client.get(url, {"month": JUNE})
    assert response.status_code == 200
    assert 'filename="sla-bsnl-2026-06.xlsx"' in response["Content-Disposition"]
    book = workbook(response.content)
    assert book.sheetnames[0] == sheet
    rows = {r[0]: r for r in book.worksheets[0].iter_rows(min_row=2, values_only=True)}
    assert set(rows) == {"BN-A1-001", "BN-A2-001", "BN-GPA1-001"}
    assert Decimal(str(rows["BN-A1-001"][5])) == Decimal("99.58")
    assert Decimal(str(rows["BN-A2-001"][5])) == Decimal("97.50")
    assert rows["BN-GPA1-001"][5] is None  # not in service: no figure


def test_sla_report_workbook_neutralises_formulas(client_as, world, june) -> None:  # type: ignore[no-untyped-def]
    url = reverse("connectivity:sla_report_xlsx", args=[june.bsnl.pk])
    book = workbook(client_as(world.dc_a).get(url, {"month": JUNE}).content)
    outages = book.worksheets[1]
    cells = [c for row in outages.iter_rows(min_row=2) for c in row if c.value == "=HYPERLINK(1)"]
    assert len(cells) == 1
    assert cells[0].data_type == "s"
    assert cells[0].quotePrefix


def test_sla_report_answer_times_against_due(client_as, world, june) -> None:  # type: ignore[no-untyped-def]
    # Link A1's outage: acknowledged at 11:00, due 12:00 (in time); restored 13:00, due 12:30.
    url = reverse("connectivity:sla_report_xlsx", args=[june.bsnl.pk])
    book = workbook(client_as(world.dc_a).get(url, {"month": JUNE}).content)
    rows = {r[0]: r for r in book.worksheets[1].iter_rows(min_row=2, values_only=True)}
    row = rows["BN-A1-001"]
    assert (row[6], row[9]) == ("yes", "no")
    assert Decimal(str(row[10])) == Decimal("3.00")
    totals = dict(book.worksheets[2].iter_rows(min_row=2, values_only=True))
    assert totals["Restored late"] == 1 and totals["Answered late"] == 0


# --- the API ------------------------------------------------------------------------------------


def test_api_report(client_as, world, june) -> None:  # type: ignore[no-untyped-def]
    response = client_as(world.dc_a).get(reverse("api:uptime_report"), {"month": JUNE})
    assert response.status_code == 200
    data = response.json()
    assert data["month"] == JUNE
    figures = {row["circuit_id"]: row["uptime_percent"] for row in data["links"]}
    assert figures == {"BN-A1-001": "99.58", "BN-A2-001": "97.50", "BN-GPA1-001": None}
    assert data["total"]["uptime_percent"] == "98.54"
    assert data["providers"][0]["code"] == "bsnl"
    assert data["providers"][0]["meeting_target"] == 1
    blocks = {row["name"]: row["uptime_percent"] for row in data["blocks"]}
    assert blocks == {"Block A1": "99.58", "Block A2": "97.50"}


def test_api_scope_and_refusals(client, client_as, world, june) -> None:  # type: ignore[no-untyped-def]
    url = reverse("api:uptime_report")
    assert client.get(url).status_code == 401
    data = client_as(world.bdo_a1).get(url, {"month": JUNE}).json()
    assert {row["circuit_id"] for row in data["links"]} == {"BN-A1-001", "BN-GPA1-001"}
    assert client_as(world.bdo_a1).get(url, {"month": "2026-13"}).status_code == 422
    assert client_as(world.operator_a1).get(url).status_code == 403


# --- the month changes with an outage recorded and restored --------------------------------------


def test_outage_recorded_and_restored_changes_the_months_figure(world, net) -> None:  # type: ignore[no-untyped-def]
    from degs.connectivity.services.outages import outage_open, outage_restore

    today = timezone.localdate()
    month = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)  # last month
    start, end = month_bounds(month)
    hours = Decimal((end - start).total_seconds()) / 3600

    def figure() -> Decimal | None:
        report = uptime_report(user=net.engineer_a, month=month)
        return next(line.uptime.percent for line in report.links if line.link == net.link_a1)

    assert figure() == Decimal("100.00")
    started = start + dt.timedelta(days=9, hours=10)
    outage = outage_open(
        actor=net.engineer_a, link=net.link_a1, detected_by=DetectedBy.ENGINEER, started_at=started
    )
    # Open: down from the 10th at 10:00 to the month's end.
    down = (end - started).total_seconds() / 3600
    assert figure() == ((hours - Decimal(down)) / hours * 100).quantize(Decimal("0.01"))
    # The same worked from the calendar alone (not from month_bounds): a month of D days holds
    # D * 24 hours; from the 10th at 10:00 to its end is (D - 9) * 24 - 10 of them.
    days = calendar.monthrange(month.year, month.month)[1]
    whole = Decimal(days * 24)
    by_hand = (whole - ((days - 9) * 24 - 10)) / whole * 100
    assert figure() == by_hand.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    outage_restore(
        actor=net.engineer_a,
        outage=outage,
        resolution="repaired",
        remark="Fibre spliced",
        restored_at=started + dt.timedelta(hours=3),
    )
    assert figure() == ((hours - 3) / hours * 100).quantize(Decimal("0.01"))
    by_hand = (whole - 3) / whole * 100  # e.g. a 30-day month: 717 / 720 = 99.58 %
    assert figure() == by_hand.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def test_hours_and_percent_rounding_match_the_page(client_as, world, june) -> None:  # type: ignore[no-untyped-def]
    body = client_as(world.dc_a).get(reverse("connectivity:uptime"), {"month": JUNE}).content
    assert re.search(rb">\s*18\.00\s*<", body)  # link A2's hours down
