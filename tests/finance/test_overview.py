"""The DC's overview: what was bought this financial year, the equipment by status and by block,
open, overdue and technical tickets, each head's balance; a fixed number of queries; the
home block; scope (district B's rows never counted for district A's DC)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from degs.assets.choices import AssetStatus, CaseStatus, Route, TicketKind, TicketStatus
from degs.assets.models import Category, EquipmentModel, Priority, ProcurementCase, Ticket
from degs.finance.selectors.home import fund_home
from degs.finance.selectors.overview import overview
from tests.assets.conftest import make_asset
from tests.finance.statements_set import posted_set  # noqa: F401  (the fixture "posted")
from tests.hindi_crawl import data_words, english_words, speak

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 12, 4)  # financial year 2026-27


@pytest.fixture
def things(world):  # type: ignore[no-untyped-def]
    projector = Category.objects.create(code="projector", name="Projector", name_hi="प्रोजेक्टर")
    epson = EquipmentModel.objects.create(category=projector, make="Epson", name="EB-X51")
    p1 = Priority.objects.create(
        code="p1", rank=1, name="Urgent", name_hi="अति आवश्यक", own_minutes=60, resolve_minutes=480
    )
    made = [
        ("JA-PRJ-0001", world.office_a1, AssetStatus.ISSUED, 4_250_000),
        ("JA-PRJ-0002", world.office_a1, AssetStatus.UNDER_REPAIR, 4_250_000),
        ("JA-PRJ-0003", world.office_a2, AssetStatus.ISSUED, 4_000_000),
        ("JA-PRJ-0004", world.dc_office_a, AssetStatus.IN_STORE, 4_000_000),
        ("JB-PRJ-0001", world.office_b1, AssetStatus.UNDER_REPAIR, 9_999_900),
    ]
    assets = [
        make_asset(tag, epson, office, status=status, cost_paise=cost)
        for tag, office, status, cost in made
    ]
    now = timezone.now()
    late = now - dt.timedelta(days=2)
    later = now + dt.timedelta(days=2)
    tickets = [
        # open, past its time to be owned: overdue
        (world.office_a1, TicketStatus.OPEN, TicketKind.FAULT, late, later),
        # owned, past its time to be resolved: overdue
        (world.office_a1, TicketStatus.OWNED, TicketKind.FAULT, late, late),
        # a technical case, in time
        (world.dc_office_a, TicketStatus.OPEN, TicketKind.TECHNICAL_CASE, later, later),
        # resolved: not open
        (world.office_a2, TicketStatus.RESOLVED, TicketKind.FAULT, late, late),
        # district B's
        (world.office_b1, TicketStatus.OPEN, TicketKind.TECHNICAL_CASE, late, late),
    ]
    for office, status, kind, own_due, resolve_due in tickets:
        Ticket.objects.create(
            office=office,
            area=office.area,
            title="Projector lamp",
            priority=p1,
            status=status,
            kind=kind,
            own_due_at=own_due,
            resolve_due_at=resolve_due,
        )
    for area, delivered, value in (
        (world.district_a, dt.date(2026, 6, 1), 8_500_000),  # this year
        (world.district_a, dt.date(2026, 3, 31), 1_000_000),  # last year
        (world.district_b, dt.date(2026, 6, 1), 7_000_000),  # district B
    ):
        ProcurementCase.objects.create(
            area=area,
            title="Projectors",
            category=projector,
            quantity=2,
            estimated_paise=value,
            route=Route.DIRECT,
            status=CaseStatus.DELIVERED,
            order_paise=value,
            delivered_on=delivered,
        )
    return assets


def test_overview_figures_for_the_dc(world, fund, posted, things, django_assert_num_queries):
    with django_assert_num_queries(9):  # the user's roles and eight
        o = overview(user=world.dc_a, today=TODAY)
    assert (o.start, o.bought.cases, o.bought.quantity, o.bought.value_paise) == (
        dt.date(2026, 4, 1),
        1,
        2,
        8_500_000,
    )
    assert o.assets == 4
    counts = {s.status: (s.count, s.value_paise) for s in o.statuses}
    assert counts[AssetStatus.ISSUED] == (2, 8_250_000)
    assert counts[AssetStatus.UNDER_REPAIR] == (1, 4_250_000)
    assert counts[AssetStatus.IN_STORE] == (1, 4_000_000)
    blocks = {b.block.pk if b.block else None: (b.count, b.broken) for b in o.blocks}
    assert blocks == {world.block_a1.pk: (2, 1), world.block_a2.pk: (1, 0), None: (1, 0)}
    assert (o.tickets_open, o.tickets_overdue, o.technical_pending) == (3, 2, 1)
    # each head's balance today, worked by hand (statements_set.py): 8,42,345.17 and 40,000
    balances = {h.head.code: h.balance for h in o.heads}
    assert balances == {"grant": 84_234_517, "uc": 4_000_000}
    assert o.fund_total == 88_234_517


@pytest.mark.parametrize("language", ["en", "hi"])
def test_overview_page(world, fund, posted, things, client_as, language):
    client = speak(client_as(world.dc_a), world.dc_a, language)
    body = client.get(reverse("finance:overview")).content.decode()
    assert "₹\u00a08,82,345.17" in body  # left in the fund
    assert "₹\u00a085,000.00" in body  # bought this year
    with translation.override(language):
        assert world.block_a1.label in body and world.block_b1.label not in body
    if language == "hi":
        assert "निधि में शेष" in body
        assert english_words(body, data_words()) == set()
    answer = client.get(reverse("api:fund_overview")).json()
    assert answer["fund_paise"] == 88_234_517 and answer["tickets_overdue"] == 2


def test_home_block_shows_balances_and_months_not_closed(
    world, fund, posted, client_as, django_assert_num_queries
):
    with django_assert_num_queries(6):  # the user's roles, heads, sums, books, closes, firsts
        (society,) = fund_home(user=world.dc_a, today=TODAY)
    assert society.balance == 88_234_517
    # first posting April 2025, nothing closed: April 2025 to November 2026 are over and open
    assert len(society.open_months) == 20
    assert society.open_months[0] == dt.date(2025, 4, 1)
    body = client_as(world.dc_a).get(reverse("dashboards:home")).content.decode()
    assert "₹\u00a08,42,345.17" in body and reverse("finance:overview") in body


def test_the_overview_is_for_those_who_see_the_fund(world, fund, client_as):
    assert client_as(world.bdo_a1).get(reverse("finance:overview")).status_code == 403
