"""The finance app's pages for tests/e2e/test_accessibility.py: one address of each page with a
real object of the demo district, and the role that opens it; NOT_PAGES: its named URLs that
are not pages a person reads, and why. The roles are demo users' names."""

from __future__ import annotations

from typing import Any

from tests.e2e.demo_rows import first

DC, ADMIN = "dc.jamtara", "admin"

NOT_PAGES: dict[str, str] = {
    # part "ledger"
    "finance:entry_reverse": "POST only: the reverse form is on the entry's page",
    # part "statements"
    "finance:statement_csv": "a CSV download of the fund statement",
    "finance:statement_xlsx": "a workbook download of the fund statement",
    "finance:uc_pdf": "a PDF download of the utilisation certificate",
}


def pages(district: Any) -> dict[str, tuple[str, str]]:
    """Named URL -> (demo user, address) of the finance pages in ``district`` (Jamtara)."""
    from django.utils import timezone

    from degs.core.years import financial_year_of
    from degs.finance.models import FundHead

    pages: dict[str, tuple[str, str]] = {}
    # part "ledger"
    from degs.finance.models import Entry

    entry = first(Entry, district=district, posted=True)
    ledger_head = first(FundHead, district=district)
    pages["finance:entry_list"] = (DC, "/fund/journal/")
    pages["finance:entry_create"] = ("accountant.jamtara", "/fund/journal/new/")
    pages["finance:entry_detail"] = (DC, f"/fund/journal/{entry.pk}/")
    pages["finance:month_close"] = (DC, "/fund/months/")
    pages["finance:trial_balance"] = (DC, f"/fund/trial-balance/?district={district.pk}")
    pages["finance:head_list"] = (DC, "/fund/heads/")
    pages["finance:head_create"] = (DC, "/fund/heads/new/")
    pages["finance:head_detail"] = (DC, f"/fund/heads/{ledger_head.pk}/")
    pages["finance:head_edit"] = (DC, f"/fund/heads/{ledger_head.pk}/edit/")
    # part "statements"
    head = first(FundHead, district=district)
    pages["finance:statement"] = (DC, f"/fund/statement/?district={district.pk}")
    year = financial_year_of(timezone.localdate())
    pages["finance:uc"] = (DC, f"/fund/uc/?head={head.pk}&year={year}")
    pages["finance:overview"] = (DC, "/fund/overview/")
    # parts "receipts" and "payments"
    from degs.finance.models import Sanction

    sanction = first(Sanction, district=district)
    pages["finance:sanction_list"] = (DC, "/fund/sanctions/")
    pages["finance:sanction_create"] = (DC, "/fund/sanctions/new/")
    pages["finance:sanction_detail"] = (DC, f"/fund/sanctions/{sanction.pk}/")
    pages["finance:sanction_edit"] = (DC, f"/fund/sanctions/{sanction.pk}/edit/")
    pages["finance:grant_receive"] = (DC, f"/fund/sanctions/{sanction.pk}/receive/")
    pages["finance:user_charges"] = (DC, "/fund/user-charges/")
    pages["finance:interest_receive"] = (DC, "/fund/receipts/interest/")
    pages["finance:payment_list"] = (DC, "/fund/payments/")
    pages["finance:payment_create"] = (DC, "/fund/payments/new/")
    return pages
