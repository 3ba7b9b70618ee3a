"""The DeGS fund in the test world (conftest.py's two districts).

The chart of accounts (``CHART``: bank, cash; the fund; receipts from user charges, grants and
interest; expenditure on equipment, maintenance and office), a book for each district, and
fund heads ``uc`` (user charges) and ``grant`` (a state grant) in district A and ``uc`` in B.
No entry is posted: a test posts what it needs. An accountant of district A
(``accountant_a``) posts; the DIO of A (district administration) closes months.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from degs.accounts.models import User
from degs.finance.choices import AccountKind
from degs.finance.models import Account, Book, FundHead
from tests.factories import UserFactory, grant

CHART = [
    ("1100", "Bank", "बैंक", AccountKind.ASSET, True),
    ("1200", "Cash", "नकद", AccountKind.ASSET, True),
    ("3000", "Fund", "निधि", AccountKind.FUND, False),
    (
        "4100",
        "User charges (DeGS share)",
        "उपयोगकर्ता शुल्क (सोसाइटी का अंश)",
        AccountKind.INCOME,
        False,
    ),
    ("4200", "Grants received", "प्राप्त अनुदान", AccountKind.INCOME, False),
    ("4300", "Interest", "ब्याज", AccountKind.INCOME, False),
    ("5100", "Equipment", "उपकरण", AccountKind.EXPENSE, False),
    ("5200", "Maintenance and repair", "रखरखाव और मरम्मत", AccountKind.EXPENSE, False),
    ("5300", "Office expenses", "कार्यालय व्यय", AccountKind.EXPENSE, False),
]


@dataclass
class Fund:
    accounts: dict[str, Account]
    book_a: Book
    book_b: Book
    uc_a: FundHead
    grant_a: FundHead
    uc_b: FundHead
    accountant_a: User


@pytest.fixture
def fund(world) -> Fund:  # type: ignore[no-untyped-def]
    accounts = {
        code: Account.objects.get_or_create(
            code=code, defaults={"name": name, "name_hi": name_hi, "kind": kind, "is_money": money}
        )[0]
        for code, name, name_hi, kind, money in CHART
    }
    book_a = Book.objects.create(district=world.district_a, society="DeGS, District A")
    book_b = Book.objects.create(district=world.district_b, society="DeGS, District B")
    uc_a = FundHead.objects.create(
        district=world.district_a, code="uc", name="User charges", name_hi="उपयोगकर्ता शुल्क"
    )
    grant_a = FundHead.objects.create(
        district=world.district_a, code="grant", name="State grant", name_hi="राज्य अनुदान"
    )
    uc_b = FundHead.objects.create(
        district=world.district_b, code="uc", name="User charges", name_hi="उपयोगकर्ता शुल्क"
    )
    accountant_a = UserFactory(username="accountant_a", full_name="Accountant A")
    grant(accountant_a, "accountant", world.district_a)
    return Fund(accounts, book_a, book_b, uc_a, grant_a, uc_b, accountant_a)
