"""Payments: out of a head against a sanction, a procurement case (at most its order value), a
ticket (at most its cost) or nothing; beyond the head's balance refused with the balance named;
a case paid is marked "paid" and its version moves on (docs/finance.md, "Payments").

Figures by hand: ₹2,00,000.00 received under "User charges"; a projector ordered for
₹1,20,000.00; ₹80,000.00 paid against it leaves ₹40,000.00 to pay and ₹1,20,000.00 in the
head."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from degs.assets.choices import CaseStatus, Route, TicketStatus
from degs.assets.models import CaseEvent, Priority, ProcurementCase, Ticket, TicketEvent
from degs.core.exceptions import StaleVersion
from degs.finance.choices import EntryKind
from degs.finance.models import Entry
from degs.finance.selectors import payments as selectors
from degs.finance.selectors.ledger import head_balance
from degs.finance.services import payments as services
from degs.finance.services.ledger import entry_post

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 15)
NBSP = "\u00a0"


@pytest.fixture(autouse=True)
def _today(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)


def receive(fund, paise, head=None):  # type: ignore[no-untyped-def]
    head = head or fund.uc_a
    return entry_post(
        actor=fund.accountant_a,
        district=head.district,
        date=dt.date(2026, 5, 31),
        kind=EntryKind.RECEIPT,
        narration="Share of user charges, 05-2026",
        legs=[(fund.accounts["1100"], head, paise), (fund.accounts["4100"], head, -paise)],
    )


def make_case(world, status=CaseStatus.ORDERED, order_paise=12_000_000, area=None):  # type: ignore[no-untyped-def]
    return ProcurementCase.objects.create(
        area=area or world.district_a,
        title="Projector for the DC's VC room",
        quantity=1,
        estimated_paise=12_500_000,
        route=Route.L1,
        status=status,
        order_number="GEMC-511687700099999",
        order_paise=order_paise,
    )


def make_ticket(world, status=TicketStatus.RESOLVED, cost_paise=450_000):  # type: ignore[no-untyped-def]
    priority = Priority.objects.create(
        code="p3", rank=3, name="Normal", name_hi="सामान्य", own_minutes=240, resolve_minutes=2400
    )
    return Ticket.objects.create(
        area=world.block_a1,
        office=world.office_a1,
        title="UPS battery dead",
        priority=priority,
        status=status,
        cost_paise=cost_paise,
    )


def pay(fund, paise, **kw):  # type: ignore[no-untyped-def]
    values = {
        "actor": fund.accountant_a,
        "district": fund.uc_a.district,
        "head": fund.uc_a,
        "expense": fund.accounts["5100"],
        "date": dt.date(2026, 6, 10),
        "amount_paise": paise,
        "payee": "Jharkhand Digital Supplies",
        "reference": "CHQ 004512",
        **kw,
    }
    return services.payment_make(**values)


def test_payment_against_a_case_up_to_its_order_value(world, fund):  # type: ignore[no-untyped-def]
    receive(fund, 20_000_000)
    case = make_case(world)
    entry = pay(fund, 8_000_000, procurement=case, version=1)
    assert {(leg.account.code, leg.amount_paise) for leg in entry.legs.all()} == {
        ("5100", 8_000_000),
        ("1100", -8_000_000),
    }
    case.refresh_from_db()
    assert case.version == 2
    event = CaseEvent.objects.get(case=case, action="paid")
    assert event.actor == fund.accountant_a and event.data["amount_paise"] == 8_000_000
    paid = selectors.payments_for(case)
    assert (paid.paid, paid.limit, paid.left) == (8_000_000, 12_000_000, 4_000_000)
    with pytest.raises(ValidationError) as caught:
        pay(fund, 4_000_001, procurement=case, version=2)
    assert caught.value.message_dict["amount_paise"] == [
        f"₹{NBSP}80,000.00 has been paid against the order of ₹{NBSP}1,20,000.00; at most "
        f"₹{NBSP}40,000.00 more can be paid, not ₹{NBSP}40,000.01."
    ]
    assert head_balance(fund.uc_a) == 12_000_000
    # the version seen before the first payment is stale now, naming who paid and when
    with pytest.raises(StaleVersion) as stale:
        pay(fund, 100, procurement=case, version=1)
    assert "Accountant A changed this at" in str(stale.value.message)


def test_only_ordered_or_delivered_cases_and_resolved_tickets_with_a_cost(world, fund):  # type: ignore[no-untyped-def]
    receive(fund, 20_000_000)
    with pytest.raises(ValidationError) as caught:
        pay(fund, 100, procurement=make_case(world, status=CaseStatus.SANCTIONED), version=1)
    assert "procurement" in caught.value.message_dict
    with pytest.raises(ValidationError):
        pay(fund, 100, ticket=make_ticket(world, status=TicketStatus.OWNED), version=1)


def test_ticket_cost_paid_once(world, fund):  # type: ignore[no-untyped-def]
    receive(fund, 20_000_000)
    ticket = make_ticket(world)
    pay(fund, 450_000, ticket=ticket, version=1, expense=fund.accounts["5200"])
    assert TicketEvent.objects.filter(ticket=ticket, action="paid").count() == 1
    ticket.refresh_from_db()
    assert ticket.version == 2
    with pytest.raises(ValidationError):
        pay(fund, 1, ticket=ticket, version=2)
    assert selectors.payments_for(ticket).left == 0


def test_payment_beyond_the_head_balance_is_refused_naming_it(world, fund):  # type: ignore[no-untyped-def]
    receive(fund, 1_23_456_78)
    with pytest.raises(ValidationError) as caught:
        pay(fund, 2_00_000_00, expense=fund.accounts["5300"])
    assert caught.value.messages == [
        f"User charges has ₹{NBSP}1,23,456.78; this payment is ₹{NBSP}2,00,000.00."
    ]
    assert Entry.objects.filter(kind=EntryKind.PAYMENT).count() == 0


def test_a_form_posted_twice_pays_once(world, fund):  # type: ignore[no-untyped-def]
    receive(fund, 20_000_000)
    first = pay(fund, 150_000, expense=fund.accounts["5300"], source_key="abc")
    again = pay(fund, 150_000, expense=fund.accounts["5300"], source_key="abc")
    assert first.pk == again.pk and head_balance(fund.uc_a) == 19_850_000


def test_another_districts_case_is_refused(world, fund):  # type: ignore[no-untyped-def]
    receive(fund, 20_000_000)
    case_b = make_case(world, area=world.district_b)
    with pytest.raises(ValidationError):
        pay(fund, 100, procurement=case_b, version=1)
