"""Receipts: the society's share of a month's user charges, received once; a grant received
against a sanction (never more than is left of it); interest (docs/finance.md, "Receipts").

The share is worked by hand from the demo income certificate's published fee split: ₹30 a
certificate (₹10 paid by the citizen, ₹20 reimbursed by the state), of which the District
e-Governance Society's share is ₹4.00 (operator ₹22, service provider ₹2, state ₹2). Three
certificates filed in May 2026 at a centre of district A: 3 x ₹4.00 = ₹12.00 = 1,200 paise."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from degs.applications.models import LedgerEntry
from degs.finance.choices import EntryKind
from degs.finance.models import Entry, Sanction
from degs.finance.selectors import receipts as selectors
from degs.finance.selectors.ledger import head_balance
from degs.finance.services import receipts as services
from tests.applications.conftest import apps, file_one  # noqa: F401
from tests.centres.conftest import centres  # noqa: F401

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 15)
MAY = dt.date(2026, 5, 1)


@pytest.fixture
def may_filings(world, apps):  # type: ignore[no-untyped-def]  # noqa: F811
    """Three applications in district A, their fee posted on 3, 17 and 31 May 2026."""
    days = [dt.date(2026, 5, 3), dt.date(2026, 5, 17), dt.date(2026, 5, 31)]
    for day in days:
        application = file_one(world, apps)
        LedgerEntry.objects.filter(application=application).update(posted_on=day)
    return days


def sanction(fund, world, amount=50_000_000, number="JAP-IT/2026/117"):  # type: ignore[no-untyped-def]
    return services.sanction_create(
        actor=world.dio_a,
        district=world.district_a,
        head=fund.grant_a,
        number=number,
        date=dt.date(2026, 4, 2),
        grantor="Department of IT, Jharkhand",
        amount_paise=amount,
        purpose="Video-conference rooms in blocks",
    )


def test_user_charges_are_the_degs_share_received_once(world, fund, may_filings, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)
    assert selectors.user_charges_share(district=world.district_a, month=MAY) == 1_200
    assert selectors.user_charges_share(district=world.district_b, month=MAY) == 0
    entry = services.user_charges_receive(
        actor=fund.accountant_a, district=world.district_a, month=dt.date(2026, 5, 20)
    )
    assert entry.kind == EntryKind.RECEIPT and entry.date == dt.date(2026, 5, 31)
    assert entry.source_key == "user-charges:2026-05"
    assert {(leg.account.code, leg.head.code, leg.amount_paise) for leg in entry.legs.all()} == {
        ("1100", "uc", 1_200),
        ("4100", "uc", -1_200),
    }
    again = services.user_charges_receive(
        actor=fund.accountant_a, district=world.district_a, month=MAY
    )
    assert again.pk == entry.pk and Entry.objects.count() == 1
    call_command("receive_user_charges", "--month", "2026-05", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Entry.objects.count() == 1
    assert head_balance(fund.uc_a) == 1_200
    (row,) = selectors.user_charges_months(user=fund.accountant_a, district=world.district_a)
    assert (row.month, row.due, row.received) == (MAY, 1_200, 1_200)


def test_the_month_end_job_receives_last_month(world, fund, may_filings, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: dt.date(2026, 6, 1))
    call_command("receive_user_charges", stdout=open("/dev/null", "w"))  # noqa: SIM115
    (entry,) = Entry.objects.all()
    assert entry.source_key == "user-charges:2026-05" and entry.posted_by is None
    assert head_balance(fund.uc_a) == 1_200


def test_a_month_not_over_is_not_received(world, fund, may_filings, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: dt.date(2026, 5, 31))
    with pytest.raises(ValidationError) as caught:
        services.user_charges_receive(actor=fund.accountant_a, district=world.district_a, month=MAY)
    assert caught.value.messages == [
        "05-2026 is not over yet; its share is received after the month ends."
    ]
    assert Entry.objects.count() == 0


def test_grant_above_what_is_left_of_the_sanction_is_refused(world, fund, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)
    s = sanction(fund, world)  # ₹5,00,000
    first = services.grant_receive(
        actor=fund.accountant_a,
        sanction=s,
        date=dt.date(2026, 4, 20),
        amount_paise=30_000_000,
        reference="UTR SBIN126110012345",
        source_key="tok-1",
    )
    # the same form posted again: the same receipt
    again = services.grant_receive(
        actor=fund.accountant_a,
        sanction=s,
        date=dt.date(2026, 4, 20),
        amount_paise=30_000_000,
        reference="UTR SBIN126110012345",
        source_key="tok-1",
    )
    assert again.pk == first.pk
    assert selectors.sanction_left(s) == 20_000_000
    with pytest.raises(ValidationError) as caught:
        services.grant_receive(
            actor=fund.accountant_a,
            sanction=s,
            date=dt.date(2026, 5, 2),
            amount_paise=20_000_001,
            reference="PFMS 2026-3344",
        )
    assert caught.value.message_dict["amount_paise"] == [
        "Only ₹\u00a02,00,000.00 is left to receive against sanction JAP-IT/2026/117 "
        "(sanctioned ₹\u00a05,00,000.00)."
    ]
    services.grant_receive(
        actor=fund.accountant_a,
        sanction=s,
        date=dt.date(2026, 5, 2),
        amount_paise=20_000_000,
        reference="PFMS 2026-3344",
    )
    assert selectors.sanction_left(s) == 0
    assert head_balance(fund.grant_a) == 50_000_000


def test_interest_and_sanction_rules(world, fund, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)
    entry = services.interest_receive(
        actor=fund.accountant_a, head=fund.uc_a, date=dt.date(2026, 6, 1), amount_paise=12_345
    )
    assert {(leg.account.code, leg.amount_paise) for leg in entry.legs.all()} == {
        ("1100", 12_345),
        ("4300", -12_345),
    }
    s = sanction(fund, world)
    with pytest.raises(ValidationError):
        sanction(fund, world)  # the same letter number again
    services.grant_receive(
        actor=fund.accountant_a,
        sanction=s,
        date=dt.date(2026, 4, 20),
        amount_paise=30_000_000,
        reference="UTR 1",
    )
    with pytest.raises(ValidationError) as caught:
        services.sanction_update(actor=world.dio_a, sanction=s, amount_paise=10_000_000)
    assert "cannot be less" in caught.value.message_dict["amount_paise"][0]
    assert Sanction.objects.get(pk=s.pk).amount_paise == 50_000_000
