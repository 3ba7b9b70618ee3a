"""The finance demo's ledger part (the first of the finance demos): the books of the district
e-Governance societies of Jamtara and East Singhbhum, their fund heads (e-District user
charges, the state IT department's grant, interest on the savings account), the balances
brought forward on 1 April 2026 and the months closed up to two months ago. The receipts and
payments part adds the year's entries after it (in the open months).

A second load finds the books and heads by district and code, the opening entry by its
``source_key`` and the closed months by their dates: it makes nothing new."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from degs.accounts.models import RoleGrant, User
from degs.directory.choices import AreaKind
from degs.directory.models import Area
from degs.finance.choices import EntryKind
from degs.finance.models import FundHead
from degs.finance.selectors.ledger import last_closed_month, month_start
from degs.finance.services import ledger as services

OPENING_DATE = dt.date(2026, 4, 1)
OPENING_KEY = "opening-2026-04"

SOCIETIES = {
    "Jamtara": (
        "District e-Governance Society, Jamtara",
        "जिला ई-गवर्नेंस सोसाइटी, जामताड़ा",
        "accountant.jamtara",
        {"edistrict-uc": 12_45_300_00, "state-it-grant": 25_00_000_00, "interest": 38_415_50},
    ),
    "East Singhbhum": (
        "District e-Governance Society, East Singhbhum",
        "जिला ई-गवर्नेंस सोसाइटी, पूर्वी सिंहभूम",
        "accountant.eastsinghbhum",
        {"edistrict-uc": 18_72_650_00, "state-it-grant": 30_00_000_00, "interest": 52_120_75},
    ),
}
HEADS = {
    "edistrict-uc": ("e-District user charges", "ई-डिस्ट्रिक्ट उपयोगकर्ता शुल्क"),
    "state-it-grant": ("State IT department grant", "राज्य आईटी विभाग अनुदान"),
    "interest": ("Interest on the savings account", "बचत खाते पर ब्याज"),
}
ACCOUNTANT_NAMES = {
    "accountant.jamtara": ("Accountant, DeGS Jamtara (demo)", "लेखापाल, डीईजीएस जामताड़ा (डेमो)"),
    "accountant.eastsinghbhum": (
        "Accountant, DeGS East Singhbhum (demo)",
        "लेखापाल, डीईजीएस पूर्वी सिंहभूम (डेमो)",
    ),
}


def _accountant(username: str, district: Area) -> tuple[User, bool]:
    from degs.accounts.demo import DEMO_PASSWORD

    user, created = User.objects.get_or_create(username=username)
    if created:
        user.full_name, user.full_name_hi = ACCOUNTANT_NAMES[username]
        user.set_password(DEMO_PASSWORD)
        user.save()
    RoleGrant.objects.get_or_create(user=user, role="accountant", area=district)
    return user, created


def _closing_target() -> dt.date:
    """The month two months before this one: the demo's months are closed up to it."""
    this = month_start(timezone.localdate())
    return month_start(month_start(this - dt.timedelta(days=1)) - dt.timedelta(days=1))


@transaction.atomic
def load() -> list[str]:
    lines: list[str] = []
    accounts = services.chart_ensure()
    target = _closing_target()
    for name, (society, society_hi, username, opening) in SOCIETIES.items():
        district = Area.objects.filter(kind=AreaKind.DISTRICT, name=name).first()
        if district is None:
            continue
        services.book_open(actor=None, district=district, society=society, society_hi=society_hi)
        user, created = _accountant(username, district)
        if created:
            lines.append(f"  {username:<20} accountant of the DeGS fund, {name}")
        heads = {}
        for code, (head_name, head_hi) in HEADS.items():
            head = FundHead.objects.filter(district=district, code=code).first()
            heads[code] = head or services.fund_head_add(
                actor=None, district=district, code=code, name=head_name, name_hi=head_hi
            )
        legs = []
        for code, paise in opening.items():
            legs += [
                (accounts["1100"], heads[code], paise),
                (accounts["3000"], heads[code], -paise),
            ]
        if last_closed_month(district) is None or last_closed_month(district) < OPENING_DATE:  # type: ignore[operator]
            services.entry_post(
                actor=user,
                district=district,
                date=OPENING_DATE,
                kind=EntryKind.OPENING,
                narration="Balances brought forward from 2025-26 (audited accounts)",
                legs=legs,
                source_key=OPENING_KEY,
            )
        last = last_closed_month(district)
        if target >= OPENING_DATE and (last is None or last < target):
            services.month_close(actor=None, district=district, month=target)
            lines.append(f"Fund of {name}: months up to {target:%m-%Y} closed.")
    return lines
