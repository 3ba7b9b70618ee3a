"""Reporting periods against the calendar (``calendar.monthrange``) and India's financial year
as the Government of India defines it: 1 April to 31 March, its first quarter April to June."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from degs.indicators.periods import BadPeriod, Period


def test_a_month_ends_on_the_calendars_last_day() -> None:
    for year, month in [(2024, 2), (2025, 2), (2026, 4), (2026, 12)]:
        period = Period.parse(f"{year}-{month:02d}")
        assert period.type == "month"
        assert period.start == dt.date(year, month, 1)
        assert period.end == dt.date(year, month, calendar.monthrange(year, month)[1])


def test_financial_year_quarters() -> None:
    q1, q4 = Period.parse("2026-27-Q1"), Period.parse("2026-27-Q4")
    assert (q1.start, q1.end) == (dt.date(2026, 4, 1), dt.date(2026, 6, 30))
    assert (q4.start, q4.end) == (dt.date(2027, 1, 1), dt.date(2027, 3, 31))
    year = Period.parse("2026-27")
    assert (year.start, year.end) == (dt.date(2026, 4, 1), dt.date(2027, 3, 31))
    # January 2027 lies in the fourth quarter and in the year 2026-27.
    assert [p.code for p in Period.parse("2027-01").containing()] == ["2026-27-Q4", "2026-27"]
    assert [p.code for p in year.month_periods()][:2] == ["2026-04", "2026-05"]
    assert len(year.month_periods()) == 12


@pytest.mark.parametrize(
    "code", ["", "2026", "2026-13", "2026-00", "2026-28", "2026-27-Q5", "2014-15", "2014-04", "x"]
)
def test_codes_that_name_no_period(code: str) -> None:
    with pytest.raises(BadPeriod):
        Period.parse(code)


def test_previous_next_trend_and_due_day() -> None:
    april = Period.parse("2026-04")
    assert april.previous().code == "2026-03"
    assert Period.parse("2026-12").next().code == "2027-01"
    assert [p.code for p in april.trend(3)] == ["2026-02", "2026-03", "2026-04"]
    assert Period.parse("2026-27-Q1").previous().code == "2025-26-Q4"
    assert april.due_on(10) == dt.date(2026, 5, 10)


def test_labels_in_both_languages() -> None:
    with translation.override("en"):
        assert Period.parse("2026-04").label == "Apr 2026"
        assert Period.parse("2026-27-Q1").label == "Q1 2026-27"
    with translation.override("hi"):
        assert "अप्रैल" in Period.parse("2026-04").label
        assert "Q" not in Period.parse("2026-27-Q1").label


@given(st.dates(min_value=dt.date(2015, 4, 1), max_value=dt.date(2099, 3, 31)))
def test_every_day_lies_in_its_month_quarter_and_year(day: dt.date) -> None:
    for kind in ("month", "quarter", "year"):
        period = Period.of(kind, day)
        assert period.start <= day <= period.end
        assert Period.parse(period.code) == period
    fy_start = dt.date(day.year if day.month >= 4 else day.year - 1, 4, 1)
    assert Period.of("year", day).start == fy_start
    quarters = {4: 1, 5: 1, 6: 1, 7: 2, 8: 2, 9: 2, 10: 3, 11: 3, 12: 3, 1: 4, 2: 4, 3: 4}
    assert Period.of("quarter", day).quarter_number == quarters[day.month]


def test_what_the_pages_offer_on_4_december_2026() -> None:
    from degs.indicators.periods import from_code, last_over, offered

    today = dt.date(2026, 12, 4)
    codes = [p.code for p in offered(today)]
    assert codes[:2] == ["2026-11", "2026-10"] and codes[11] == "2025-12"
    assert codes[12:] == [
        "2026-27-Q3",
        "2026-27-Q2",
        "2026-27-Q1",
        "2025-26-Q4",
        "2025-26-Q3",
        "2025-26-Q2",
        "2025-26-Q1",
        "2026-27",
        "2025-26",
    ]
    assert last_over(today=today).code == "2026-11"
    assert from_code("2026-27-Q3", today).code == "2026-27-Q3"  # begun
    assert from_code("2027-01", today).code == "2026-11"  # still ahead
    assert from_code("nonsense", today).code == "2026-11"
