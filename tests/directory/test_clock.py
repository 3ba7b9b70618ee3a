"""The working-hours clock (directory.clock): expected moments worked out by hand on the
calendar of December 2026 (1 December is a Tuesday; Saturdays fall on the 5th, 12th, 19th and
26th), and properties over many starts and lengths."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from degs.directory.choices import SaturdayRule
from degs.directory.clock import WorkingClock, clock_for
from degs.directory.models import Holiday
from degs.directory.selectors import WorkingCalendar

IST = ZoneInfo("Asia/Kolkata")
TEN, SIX = dt.time(10, 0), dt.time(18, 0)


def at(day: int, hour: int, minute: int = 0, month: int = 12) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=IST)


def office_clock(
    rule: str = SaturdayRule.SECOND_FOURTH, holidays: frozenset[dt.date] = frozenset()
) -> WorkingClock:
    return WorkingClock(WorkingCalendar(holidays=holidays, saturday_rule=rule), TEN, SIX)


@pytest.mark.parametrize(
    ("start", "minutes", "due", "why"),
    [
        (at(11, 17), 120, at(14, 11), "Fri 17:00: 60 min Fri, Sat 12 (2nd) and Sun off, 60 Mon"),
        (at(4, 17), 120, at(5, 11), "Fri 17:00 before the first Saturday: it is worked"),
        (at(3, 9), 120, at(3, 12), "before opening: counts from 10:00"),
        (at(3, 19), 30, at(4, 10, 30), "after closing: counts from the next morning"),
        (at(3, 16), 120, at(3, 18), "ends exactly at closing time, the same day"),
        (at(3, 16), 480, at(4, 16), "a full working day later"),
        (at(13, 12), 60, at(14, 11), "on a Sunday: counts from Monday 10:00"),
        (at(10, 10), 8 * 60 * 3, at(14, 18), "Thu, Fri, (Sat, Sun off), Mon"),
    ],
)
def test_add_on_working_hours(start, minutes, due, why) -> None:  # type: ignore[no-untyped-def]
    assert office_clock().add(start, minutes) == due, why


def test_a_holiday_is_skipped() -> None:
    # Monday 14 December a district holiday: Friday 17:00 + 120 min → Tuesday 11:00.
    clock = office_clock(holidays=frozenset({dt.date(2026, 12, 14)}))
    assert clock.add(at(11, 17), 120) == at(15, 11)
    assert clock.minutes_between(at(11, 17), at(15, 11)) == 120


def test_every_saturday_off() -> None:
    # Friday 4 December 17:00 + 120: Saturday 5 off too → Monday 7 at 11:00.
    assert office_clock(SaturdayRule.ALL).add(at(4, 17), 120) == at(7, 11)


@pytest.mark.parametrize(
    ("start", "end", "minutes"),
    [
        (at(11, 17), at(14, 11), 120),
        (at(3, 9), at(3, 20), 480),  # the whole working day, nothing before or after
        (at(12, 9), at(13, 23), 0),  # second Saturday and Sunday
        (at(3, 12), at(3, 11), 0),  # end before start
        (at(3, 10, 30), at(3, 10, 59), 29),
        (at(1, 10), at(8, 10), 6 * 480),  # Tue 1-Sat 5 (first Saturday worked), Mon 7; Sun off
    ],
)
def test_minutes_between(start, end, minutes) -> None:  # type: ignore[no-untyped-def]
    assert office_clock().minutes_between(start, end) == minutes


def test_round_the_clock() -> None:
    clock = WorkingClock(None, TEN, SIX)
    assert clock.add(at(11, 17), 120) == at(11, 19)
    assert clock.add(at(31, 23), 90) == dt.datetime(2027, 1, 1, 0, 30, tzinfo=IST)
    assert clock.minutes_between(at(11, 17), at(14, 11)) == (2 * 24 + 18) * 60


def test_negative_minutes_refused() -> None:
    with pytest.raises(ValueError):
        office_clock().add(at(3, 10), -1)


# hypothesis takes naive bounds and makes aware moments in the zone given.
starts = st.datetimes(
    min_value=dt.datetime(2026, 1, 1),  # noqa: DTZ001
    max_value=dt.datetime(2027, 12, 31),  # noqa: DTZ001
    timezones=st.just(IST),
)
holiday_sets = st.frozensets(
    st.dates(min_value=dt.date(2026, 1, 1), max_value=dt.date(2028, 6, 30)), max_size=40
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    start=starts,
    minutes=st.integers(min_value=0, max_value=20_000),
    rule=st.sampled_from([r for r in SaturdayRule.values if r]),
    holidays=holiday_sets,
    round_the_clock=st.booleans(),
)
def test_add_then_count_gives_the_minutes(start, minutes, rule, holidays, round_the_clock) -> None:  # type: ignore[no-untyped-def]
    calendar = None if round_the_clock else WorkingCalendar(holidays=holidays, saturday_rule=rule)
    clock = WorkingClock(calendar, TEN, SIX)
    due = clock.add(start, minutes)
    assert due >= start
    assert clock.minutes_between(start, due) == minutes
    if calendar is not None and minutes:
        # The due moment lies in working hours of a working day.
        local = due.astimezone(IST)
        assert calendar.is_working_day(local.date())
        assert TEN < local.time() <= SIX


@settings(max_examples=200, deadline=None)
@given(start=starts, a=st.integers(0, 5000), b=st.integers(0, 5000))
def test_add_is_additive(start, a, b) -> None:  # type: ignore[no-untyped-def]
    clock = office_clock()
    assert clock.add(clock.add(start, a), b) == clock.add(start, a + b) or b == 0


@pytest.mark.django_db
def test_clock_for_reads_the_area_calendar(world) -> None:  # type: ignore[no-untyped-def]
    # The district's holiday and the state's Saturday rule reach the block's clock.
    world.state.saturdays_off = SaturdayRule.SECOND_FOURTH
    world.state.save(update_fields=["saturdays_off"])
    Holiday.objects.create(area=world.district_a, date=dt.date(2026, 12, 14), name="Local")
    terms = SimpleNamespace(clock="working_hours", day_starts=TEN, day_ends=SIX)
    clock = clock_for(world.block_a1, terms, dt.date(2026, 12, 1), dt.date(2027, 1, 31))
    assert clock.add(at(11, 17), 120) == at(15, 11)
    # District B has no such holiday: Monday 11:00.
    clock_b = clock_for(world.block_b1, terms, dt.date(2026, 12, 1), dt.date(2027, 1, 31))
    assert clock_b.add(at(11, 17), 120) == at(14, 11)
    terms.clock = "round_the_clock"
    assert clock_for(world.block_a1, terms, dt.date(2026, 12, 1), dt.date(2026, 12, 2)).add(
        at(11, 17), 120
    ) == at(11, 19)


def test_adding_nothing_inside_working_hours_leaves_the_moment_where_it_is() -> None:
    """``add(x, 0)`` (the case the additive property above lets through): inside working hours
    it is ``x``; from a closing time the clock has not started yet, so it is the next opening
    (Friday 11-12-2026 18:00 -> Monday 14-12-2026 10:00, the 12th being a second Saturday)."""
    clock = office_clock()
    assert clock.add(at(11, 12, 30), 0) == at(11, 12, 30)
    assert clock.add(at(11, 10), 0) == at(11, 10)
    assert clock.add(at(11, 18), 0) == at(14, 10)
