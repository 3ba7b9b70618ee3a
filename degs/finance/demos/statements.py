"""The finance demo's statements part: Jamtara's state grant of the last whole financial year
(2025-26), so that its utilisation certificate has figures and 2026-27's opens with a balance.

A sanction of ₹3,00,000 of 16-06-2025, received on 04-07-2025; projectors for the blocks' VC
rooms bought for ₹1,85,000 on 20-11-2025; the bank's interest of ₹4,212 on 31-03-2026; the
months up to March 2026 then closed. Every entry carries a source key, so a second load posts
nothing."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from degs.accounts.models import User
from degs.directory.choices import AreaKind
from degs.directory.models import Area
from degs.finance.choices import EntryKind
from degs.finance.models import Account, Book, Entry, FundHead, Sanction
from degs.finance.selectors.ledger import head_balance, last_closed_month
from degs.finance.services import ledger
from degs.finance.services import receipts as services

ACTOR = "dio.jamtara"
SANCTION = "JAP-IT/DeGS/2025/041"
MARCH_2026 = dt.date(2026, 3, 1)


def load() -> list[str]:
    district = Area.objects.filter(kind=AreaKind.DISTRICT, name="Jamtara").first()
    actor = User.objects.filter(username=ACTOR).first()
    if district is None or actor is None or not Book.objects.filter(district=district).exists():
        return []
    grant = FundHead.objects.filter(district=district, code="grant").first()
    if grant is None or timezone.localdate() < dt.date(2026, 4, 1):
        return []
    if last_closed_month(district) is not None:
        return []  # months are closed (by this part's first load or by hand): nothing is added
    lines: list[str] = []
    sanction = Sanction.objects.filter(district=district, number=SANCTION).first()
    if sanction is None:
        sanction = services.sanction_create(
            actor=actor,
            district=district,
            head=grant,
            number=SANCTION,
            date=dt.date(2025, 6, 16),
            grantor="Department of Information Technology & e-Governance, Jharkhand",
            amount_paise=3_00_000_00,
            purpose="Projectors for the video-conference rooms of the blocks of Jamtara",
        )
        lines.append(f"Fund: sanction {SANCTION} of 2025-26 (₹3,00,000)")
    services.grant_receive(
        actor=actor,
        sanction=sanction,
        date=dt.date(2025, 7, 4),
        amount_paise=3_00_000_00,
        reference="PFMS-JH-2025-0704-118",
        source_key="demo-fy2025-grant",
    )
    paid = Entry.objects.filter(district=district, source_key="demo-fy2025-projectors").exists()
    if not paid and head_balance(grant) >= 1_85_000_00:
        ledger.entry_post(
            actor=actor,
            district=district,
            date=dt.date(2025, 11, 20),
            kind=EntryKind.PAYMENT,
            narration="Projectors for the VC rooms of the blocks (GeM order)",
            legs=[
                (Account.objects.get(code="5100"), grant, 1_85_000_00),
                (Account.objects.get(code="1100"), grant, -1_85_000_00),
            ],
            party="Jharkhand Digital Supplies",
            reference="GEMC-511687700041230",
            sanction=sanction,
            source_key="demo-fy2025-projectors",
        )
    services.interest_receive(
        actor=actor,
        head=grant,
        date=dt.date(2026, 3, 31),
        amount_paise=4_212_00,
        reference="SB interest 2025-26",
        source_key="demo-fy2025-interest",
    )
    ledger.month_close(actor=actor, district=district, month=MARCH_2026)
    lines.append(
        "Fund: 2025-26's grant received, spent in part, interest; months to 03-2026 closed"
    )
    return lines
