"""A clock that runs on working hours: the minutes between ``day_starts`` and ``day_ends`` of
an area's working days (its holidays and those of every area above it, Sundays and the
Saturday rule, as ``selectors.working_calendar`` gives them), or round the clock.

The time-to-respond and time-to-restore clocks of an outage run on it (connectivity), as will
the tickets of later apps. Times are aware datetimes; the working day is read in the project's
time zone (Asia/Kolkata)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Protocol

from django.utils import timezone

from degs.directory.models import Area
from degs.directory.selectors import WorkingCalendar, working_calendar

# The value of an SLA's ``clock`` that means round the clock (connectivity's SlaClock; the
# directory names it by value, as it imports no later app).
ROUND_THE_CLOCK = "round_the_clock"


class ClockTerms(Protocol):
    """What a clock is built from: a service level's hours (connectivity's ``Sla``)."""

    clock: str
    day_starts: dt.time
    day_ends: dt.time


@dataclass(frozen=True)
class WorkingClock:
    """Counts minutes on working hours of working days; ``calendar=None``: round the clock.

    A moment outside working hours counts from the next working minute: an outage opened on
    Friday at 17:00 with 120 minutes to respond (working day 10:00-18:00, Saturday and Sunday
    off) is due on Monday at 11:00."""

    calendar: WorkingCalendar | None
    day_starts: dt.time
    day_ends: dt.time

    def __post_init__(self) -> None:
        if self.calendar is not None and self.day_ends <= self.day_starts:
            raise ValueError("a working day must end after it starts")

    # --- the working hours of one day -------------------------------------------------------

    def _hours(
        self, calendar: WorkingCalendar, day: dt.date
    ) -> tuple[dt.datetime, dt.datetime] | None:
        """The working hours of ``day`` (local), or None on a day off."""
        if not calendar.is_working_day(day):
            return None
        zone = timezone.get_current_timezone()
        return (
            dt.datetime.combine(day, self.day_starts, tzinfo=zone),
            dt.datetime.combine(day, self.day_ends, tzinfo=zone),
        )

    # --- the interface ----------------------------------------------------------------------

    def add(self, start: dt.datetime, minutes: int) -> dt.datetime:
        """The moment the clock has run ``minutes`` working minutes after ``start``."""
        if minutes < 0:
            raise ValueError("minutes must not be negative")
        if self.calendar is None:
            return start + dt.timedelta(minutes=minutes)
        left = dt.timedelta(minutes=minutes)
        day = timezone.localtime(start).date()
        # Ten years of days off in a row would be a broken calendar, not a long holiday.
        for _ in range(3660):
            hours = self._hours(self.calendar, day)
            if hours is not None:
                opens, closes = hours
                begin = max(opens, start)
                if begin < closes:
                    if begin + left <= closes:
                        # Exactly at closing time is the end of the day, not the next morning.
                        return timezone.localtime(begin + left)
                    left -= closes - begin
            day += dt.timedelta(days=1)
        raise ValueError("no working day within ten years")

    def minutes_between(self, start: dt.datetime, end: dt.datetime) -> int:
        """Whole working minutes from ``start`` to ``end`` (0 when ``end`` is not after it)."""
        if end <= start:
            return 0
        if self.calendar is None:
            return int((end - start).total_seconds() // 60)
        total = dt.timedelta()
        day = timezone.localtime(start).date()
        last = timezone.localtime(end).date()
        while day <= last:
            hours = self._hours(self.calendar, day)
            if hours is not None:
                begin, finish = max(hours[0], start), min(hours[1], end)
                if finish > begin:
                    total += finish - begin
            day += dt.timedelta(days=1)
        return int(total.total_seconds() // 60)


def clock_for(area: Area, sla: ClockTerms, start: dt.date, end: dt.date) -> WorkingClock:
    """The clock of ``sla`` for a link in ``area``: round the clock, or the working hours of
    the area's working days between ``start`` and ``end`` (the holidays are read for these
    dates only: choose ``end`` past any moment the clock will be asked about)."""
    if sla.clock == ROUND_THE_CLOCK:
        return WorkingClock(None, sla.day_starts, sla.day_ends)
    calendar = working_calendar(area=area, start=start, end=end)
    return WorkingClock(calendar, sla.day_starts, sla.day_ends)


def clock_span(minutes: int, terms: Any) -> int:
    """How many calendar days to read holidays for so that ``minutes`` working minutes fit:
    the working days they take, twice over, plus a month of holidays and weekly offs."""
    per_day = max(
        1,
        (
            dt.datetime.combine(dt.date(2000, 1, 1), terms.day_ends)
            - dt.datetime.combine(dt.date(2000, 1, 1), terms.day_starts)
        ).seconds
        // 60,
    )
    return 2 * (minutes // per_day + 1) + 31
