"""India's financial year (1 April to 31 March), named by the year it starts: 2026 is 1 April
2026 to 31 March 2027, written "2026-27". The one place every register, verification round,
fund statement and utilisation certificate takes its year from."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def financial_year_of(day: dt.date | None = None) -> int:
    """The financial year ``day`` (today in India when not given) falls in."""
    day = day or timezone.localdate()
    return day.year if day.month >= 4 else day.year - 1


def financial_year_dates(year: int) -> tuple[dt.date, dt.date]:
    """1 April ``year`` to 31 March ``year + 1``."""
    return dt.date(year, 4, 1), dt.date(year + 1, 3, 31)


def financial_year_label(year: int) -> str:
    """2026 -> "2026-27"."""
    return f"{year}-{(year + 1) % 100:02d}"
