"""Reporting periods: a month, a financial-year quarter (Q1 = April to June) or a financial
year (April to March), each named by a code people can type and read back:

- a month: ``2026-04``
- a quarter: ``2026-27-Q1``
- a year: ``2026-27``

A period is its type and its first day; ``Period.parse`` reads a code, ``Period.code`` writes
one. The one place figures, targets, imports and the API take their periods from."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from degs.core.years import financial_year_label, financial_year_of
from degs.indicators.choices import PeriodType

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-(\d{2})-Q([1-4])$")
_YEAR = _MONTH

# Months people write, in the reader's language (the month's own translation).
_MONTH_NAMES = (
    lambda: pgettext("month", "Jan"),
    lambda: pgettext("month", "Feb"),
    lambda: pgettext("month", "Mar"),
    lambda: pgettext("month", "Apr"),
    lambda: pgettext("month", "May"),
    lambda: pgettext("month", "Jun"),
    lambda: pgettext("month", "Jul"),
    lambda: pgettext("month", "Aug"),
    lambda: pgettext("month", "Sep"),
    lambda: pgettext("month", "Oct"),
    lambda: pgettext("month", "Nov"),
    lambda: pgettext("month", "Dec"),
)

# From 2015 a month's code (``2016-12``) can never read as a year's (``2015-16``).
FIRST_YEAR = 2015
LAST_YEAR = 2099


class BadPeriod(ValueError):
    """A code that names no period."""


def _month_add(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True, order=True)
class Period:
    """One reporting period: its type and its first day."""

    start: dt.date
    type: str = PeriodType.MONTH

    # --- making one --------------------------------------------------------------------------

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls(dt.date(year, month, 1), PeriodType.MONTH)

    @classmethod
    def quarter_of(cls, day: dt.date) -> Period:
        """The financial-year quarter ``day`` falls in."""
        months_in = (day.month - 4) % 12  # 0 for April
        return cls(
            _month_add(dt.date(day.year, day.month, 1), -(months_in % 3)), PeriodType.QUARTER
        )

    @classmethod
    def year_of(cls, day: dt.date) -> Period:
        return cls(dt.date(financial_year_of(day), 4, 1), PeriodType.YEAR)

    @classmethod
    def month_of(cls, day: dt.date) -> Period:
        return cls(dt.date(day.year, day.month, 1), PeriodType.MONTH)

    @classmethod
    def of(cls, type: str, day: dt.date) -> Period:
        """The period of ``type`` that ``day`` falls in."""
        if type == PeriodType.MONTH:
            return cls.month_of(day)
        if type == PeriodType.QUARTER:
            return cls.quarter_of(day)
        if type == PeriodType.YEAR:
            return cls.year_of(day)
        raise BadPeriod(type)

    @classmethod
    def current(cls, type: str = PeriodType.MONTH) -> Period:
        return cls.of(type, timezone.localdate())

    @classmethod
    def parse(cls, code: str) -> Period:
        """``2026-04``, ``2026-27-Q1`` or ``2026-27``; BadPeriod for anything else."""
        code = (code or "").strip()
        if m := _QUARTER.match(code):
            year, short, q = int(m[1]), int(m[2]), int(m[3])
            if (year + 1) % 100 != short:
                raise BadPeriod(code)
            period = cls(_month_add(dt.date(year, 4, 1), 3 * (q - 1)), PeriodType.QUARTER)
        elif (m := _MONTH.match(code)) and 1 <= int(m[2]) <= 12:
            period = cls.month(int(m[1]), int(m[2]))
        elif (m := _YEAR.match(code)) and (int(m[1]) + 1) % 100 == int(m[2]):
            period = cls(dt.date(int(m[1]), 4, 1), PeriodType.YEAR)
        else:
            raise BadPeriod(code)
        if not FIRST_YEAR <= period.start.year <= LAST_YEAR:
            raise BadPeriod(code)
        return period

    # --- reading one -------------------------------------------------------------------------

    @property
    def months(self) -> int:
        months: dict[str, int] = {"month": 1, "quarter": 3, "year": 12}
        return months[self.type]

    @property
    def end(self) -> dt.date:
        """The period's last day."""
        return _month_add(self.start, self.months) - dt.timedelta(days=1)

    @property
    def fy(self) -> int:
        return financial_year_of(self.start)

    @property
    def code(self) -> str:
        if self.type == PeriodType.MONTH:
            return f"{self.start:%Y-%m}"
        if self.type == PeriodType.QUARTER:
            return f"{financial_year_label(self.fy)}-Q{self.quarter_number}"
        return financial_year_label(self.fy)

    @property
    def quarter_number(self) -> int:
        return (self.start.month - 4) % 12 // 3 + 1

    @property
    def label(self) -> str:
        """ "Apr 2026", "Q1 2026-27", "2026-27" in the reader's language."""
        if self.type == PeriodType.MONTH:
            return f"{_MONTH_NAMES[self.start.month - 1]()} {self.start.year}"
        if self.type == PeriodType.QUARTER:
            return _("Q%(number)s %(year)s") % {
                "number": self.quarter_number,
                "year": financial_year_label(self.fy),
            }
        return financial_year_label(self.fy)

    def __str__(self) -> str:
        return self.code

    def contains(self, other: Period) -> bool:
        return self.start <= other.start and other.end <= self.end

    def month_periods(self) -> list[Period]:
        """The months of this period, first to last."""
        return [Period(_month_add(self.start, i), PeriodType.MONTH) for i in range(self.months)]

    def containing(self) -> list[Period]:
        """The longer periods this one is part of: a month's quarter and year, a quarter's
        year."""
        longer = []
        if self.type == PeriodType.MONTH:
            longer.append(Period.quarter_of(self.start))
        if self.type != PeriodType.YEAR:
            longer.append(Period.year_of(self.start))
        return longer

    def previous(self, count: int = 1) -> Period:
        """The period of the same type ``count`` before this one."""
        return Period(_month_add(self.start, -self.months * count), self.type)

    def next(self) -> Period:
        return Period(_month_add(self.start, self.months), self.type)

    def trend(self, length: int = 12) -> list[Period]:
        """The ``length`` periods of this type ending with this one, oldest first."""
        return [self.previous(i) for i in range(length - 1, -1, -1)]

    def due_on(self, days_after: int) -> dt.date:
        """The day a report for this period is due: ``days_after`` days after its end."""
        return self.end + dt.timedelta(days=days_after)


# --- the periods pages offer ---------------------------------------------------------------------


def last_over(type: str = PeriodType.MONTH, today: dt.date | None = None) -> Period:
    """The last period of the type that has ended: what is reported and reviewed now."""
    return Period.of(type, today or timezone.localdate()).previous()


def from_code(code: str | None, today: dt.date | None = None) -> Period:
    """The period a page's ``?period=`` names, if it has begun; else the last month over (no
    code, a code that names no period, or a period still ahead)."""
    today = today or timezone.localdate()
    if code:
        try:
            period = Period.parse(code)
        except BadPeriod:
            return last_over(today=today)
        if period.start <= today:
            return period
    return last_over(today=today)


def offered(today: dt.date | None = None) -> list[Period]:
    """What a page's period selector offers: the last twelve months over (latest first), this
    financial year's quarters begun so far and the last year's, this year and the last."""
    today = today or timezone.localdate()
    months = list(reversed(last_over(today=today).trend(12)))
    this_year = Period.of(PeriodType.YEAR, today)
    last_year = this_year.previous()
    quarters = [
        Period.quarter_of(m.start)
        for year in (this_year, last_year)
        for m in year.month_periods()[::3]
        if m.start <= today
    ]
    return [*months, *sorted(quarters, reverse=True), this_year, last_year]
