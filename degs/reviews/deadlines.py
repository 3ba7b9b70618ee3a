"""Deadlines as chairs say them, in English and Hindi, resolved against the meeting date.

Pure functions, no database. Only the forms by which an order sets a limit count ("within / in",
"के अंदर / के भीतर / में"), and a span led by "last / पिछले / गत" is dropped first, so a figure
such as "पिछले तीन महीने में" (in the last three months) is never read as a deadline.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from degs.core.text import WORD_END as _END
from degs.core.text import WORD_START as _START
from degs.core.text import ascii_digits, clean_text
from degs.core.text import nfc as _nfc
from degs.core.text import text_pattern as _compile

_T = TypeVar("_T")


def _words(words: Iterable[str], *extra: str) -> str:
    """A regex group of whole words, longest first so "sept" wins over "sep"."""
    alternatives = sorted({re.escape(_nfc(word)) for word in words}, key=len, reverse=True)
    return rf"{_START}(?:{'|'.join([*extra, *alternatives])}){_END}"


def _table(pairs: dict[str, _T]) -> dict[str, _T]:
    return {_nfc(key): value for key, value in pairs.items()}


class DeadlineError(ValueError):
    """The phrase could not be read, or needs something that is missing.

    ``message`` is a lazy translated sentence for the user.
    """

    def __init__(self, message: str | Promise) -> None:
        self.message = message
        super().__init__(str(message))


@dataclass(frozen=True)
class Deadline:
    due: dt.date
    rule: str  # immediate, days, weeks, months, next_meeting, weekday, date, day_of_month


_NUMBERS = _table({
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "fifteen": 15, "twenty": 20, "thirty": 30,
    "एक": 1, "दो": 2, "तीन": 3, "चार": 4, "पांच": 5, "पाँच": 5, "छह": 6, "छः": 6, "सात": 7,
    "आठ": 8, "नौ": 9, "दस": 10, "पंद्रह": 15, "पन्द्रह": 15, "बीस": 20, "तीस": 30,
})  # fmt: skip
_UNITS = _table({
    "day": "days", "days": "days", "दिन": "days", "दिनों": "days", "दिवस": "days",
    "week": "weeks", "weeks": "weeks", "सप्ताह": "weeks", "सप्ताहों": "weeks",
    "हफ्ता": "weeks", "हफ्ते": "weeks", "हफ्तों": "weeks", "हफ़्ता": "weeks", "हफ़्ते": "weeks",
    "fortnight": "fortnights", "fortnights": "fortnights", "पखवाड़ा": "fortnights",
    "पखवाड़े": "fortnights", "month": "months", "months": "months", "माह": "months",
    "मास": "months", "महीना": "months", "महीने": "months", "महीनों": "months",
    "hour": "hours", "hours": "hours", "hrs": "hours", "घंटे": "hours", "घंटों": "hours",
    "घण्टे": "hours", "घण्टों": "hours", "दिवसों": "days",
})  # fmt: skip
_WEEKDAYS = _table({
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6, "सोमवार": 0, "मंगलवार": 1, "बुधवार": 2, "गुरुवार": 3, "बृहस्पतिवार": 3,
    "वीरवार": 3, "शुक्रवार": 4, "शनिवार": 5, "रविवार": 6,
})  # fmt: skip
_MONTHS = _table({
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12, "जनवरी": 1, "फरवरी": 2, "फ़रवरी": 2, "मार्च": 3, "अप्रैल": 4,
    "अप्रेल": 4, "मई": 5, "जून": 6, "जुलाई": 7, "अगस्त": 8, "सितंबर": 9, "सितम्बर": 9,
    "अक्टूबर": 10, "अक्तूबर": 10, "नवंबर": 11, "नवम्बर": 11, "दिसंबर": 12, "दिसम्बर": 12,
})  # fmt: skip
_NUMBER = _words(_NUMBERS, r"\d{1,3}")
_UNIT, _WEEKDAY, _MONTH = _words(_UNITS), _words(_WEEKDAYS), _words(_MONTHS)
WEEKDAYS = _WEEKDAYS  # weekday names in English and Hindi -> Monday 0 … Sunday 6
WEEKDAY_PATTERN = _WEEKDAY

# "last three months", "पिछले तीन महीने में", "गत माह": a period already past, not a limit.
_PAST_SPAN = _compile(
    rf"{_START}(?:last|past|previous|पिछले|पिछली|गत|विगत|बीते)\s+(?:{_NUMBER}\s*)?{_UNIT}"
)
_SPAN = rf"(?P<count>{_NUMBER})\s*(?P<unit>{_UNIT})"
# "within a week", "in 10 days", "within the next two weeks", "within a period of one month"
_WITHIN_EN = _compile(rf"\b(?:within|in)\s+(?:the\s+next\s+|next\s+|a\s+period\s+of\s+)?{_SPAN}")
# "एक सप्ताह के अंदर", "15 दिनों के भीतर", "दो माह में", "एक माह की अवधि में"
_WITHIN_HI = _compile(rf"{_SPAN}\s+(?:की\s+(?:सम)?अवधि\s+)?(?:के\s+)?(?:अंदर|अन्दर|भीतर|में){_END}")
_IMMEDIATE = _compile(
    r"\b(?:immediately|at\s+once|forthwith|as\s+(?:soon|swiftly|quickly|early|fast|expeditiously)"
    r"\s+as\s+possible|asap|at\s+the\s+earliest|on\s+(?:top\s+)?priority\s+basis"
    rf"|without\s+delay|(?:on\s+)?the\s+same\s+day)\b|{_START}(?:तत्काल|तुरंत|तुरन्त|अविलंब|अविलम्ब|जल्द\s+से\s+जल्द|उसी\s+दिन"
    rf"|यथाशीघ्र|शीघ्रातिशीघ्र|शीघ्र){_END}"
)
_NEXT_MEETING = _compile(
    r"\b(?:by|before|till|until|in|at)\s+(?:the\s+)?next\s+(?:review\s+)?meeting\b"
    rf"|{_START}(?:अगली|आगामी)\s+(?:\S+\s+){{0,2}}?बैठक\s+(?:तक|से\s+(?:पूर्व|पहले)|में){_END}"
)
# "within the stipulated time", "निर्धारित समय-सीमा में", "समय पर", "in a time-bound manner": a
# limit the order sets without a date. Read as the next meeting when one is scheduled, else
# STIPULATED_DAYS after the meeting (the review comes round monthly).
STIPULATED_DAYS = 30
_STIPULATED = _compile(
    r"\bwithin\s+(?:the\s+)?(?:due\s+date|stipulated\s+(?:time|period|date)(?:[\s-]*(?:frame|limit|"
    r"line|period))?|prescribed\s+time(?:[\s-]*(?:frame|limit|line))?|given\s+time(?:[\s-]*(?:frame|line))?"
    r"|set\s+timelines?|(?:notified\s+)?time[\s-]*(?:limit|lines?|frame))\b"
    r"|\bin\s+a\s+time[\s-]bound\s+manner\b|\btime[\s-]bound(?:\s+manner)?\b|\bon\s+time\b"
    rf"|{_START}(?:निर्धारित\s+समय(?:[\s-]?सीमा)?|समय[\s-]?सीमा)\s+(?:में|के\s+(?:अंदर|अन्दर|भीतर)){_END}"
    rf"|{_START}(?:समय\s+पर|समयबद्ध\s+(?:ढंग|तरीके|रूप)\s+से|समयबद्ध\s+रूप\s+से|समयबद्धता\s+से){_END}"
)
# "within days", "कुछ दिनों में": a few days, read as FEW_DAYS.
FEW_DAYS = 7
_FEW_DAYS = _compile(
    r"\bwithin\s+(?:a\s+few\s+|few\s+)?days\b"
    rf"|{_START}(?:कुछ|चंद)\s+(?:ही\s+)?(?:दिनों|दिन)\s+(?:में|के\s+(?:अंदर|भीतर)){_END}"
)
# "by the end of July", "before the end of the month", "माह के अंत तक", "जुलाई के अंत तक".
_END_OF = _compile(
    rf"\b(?:by|before|till|until)\s+(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?(?:month\b|(?P<m1>{_MONTH}))"
    rf"|(?:{_START}(?:इस\s+)?(?:माह|महीने)|(?P<m2>{_MONTH}))\s+(?:माह\s+)?के\s+(?:अंत|अन्त)\s+तक{_END}"
)
_WEEKDAY_BEFORE = _compile(
    rf"\b(?:next|by|on|before|till|until|coming|अगले|आगामी)\s+(?P<day>{_WEEKDAY})"
)
_WEEKDAY_AFTER = _compile(rf"(?P<day>{_WEEKDAY})\s+(?:तक|को|से\s+पहले|से\s+पूर्व){_END}")
_DAY = r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\b"
_NAMED_MONTH, _YEAR = rf"(?P<month>{_MONTH})\.?", r"(?:,?\s+(?P<year>\d{4})\b)?"
_DATES = (  # 2026-12-20; 20-12-2026, 20.12.2026, 20/12/2026 (day first); 20 Sept; Sept 20th
    _compile(r"\b(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})\b"),
    _compile(r"\b(?P<day>\d{1,2})[./-](?P<month>\d{1,2})[./-](?P<year>\d{4})\b"),
    _compile(rf"{_DAY}\s+(?:of\s+)?{_NAMED_MONTH}{_YEAR}"),
    _compile(rf"{_NAMED_MONTH}\s+{_DAY}{_YEAR}"),
    _compile(rf"\b(?P<day>\d{{1,2}})-{_NAMED_MONTH}-(?P<year>\d{{4}})\b"),  # 15-जनवरी-2025
)

# "by the 20th", "before the 5th", "20 तारीख तक": a day of the month, the month left unsaid
_DAY_OF_MONTH = (
    _compile(
        r"\b(?:by|before|till|until|on)\s+(?:the\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?"
        r"|(?P<nth>\d{1,2})(?:st|nd|rd|th))\b"
    ),
    _compile(
        rf"{_START}(?P<day>\d{{1,2}})\s*(?:तारीख|तारीख़|तिथि)\s+(?:तक|को|से\s+पहले|से\s+पूर्व){_END}"
    ),
)

_UNREADABLE = _(
    "This deadline could not be read. Write it like “within a week”, “एक माह के अंदर”, "
    "“by the next meeting” or give a date."
)
_NO_NEXT_MEETING = _(
    "The committee has no next meeting scheduled yet. Schedule it first, or give a date."
)


def _add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months later, clamped to a shorter month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBERS[word.lower()]


def _span(count: int, unit: str, start: dt.date) -> Deadline:
    if unit == "hours":
        return Deadline(start + dt.timedelta(days=max(1, -(-count // 24))), "days")
    if unit == "days":
        return Deadline(start + dt.timedelta(days=count), "days")
    if unit in ("weeks", "fortnights"):
        weeks = count * 2 if unit == "fortnights" else count
        return Deadline(start + dt.timedelta(weeks=weeks), "weeks")
    return Deadline(_add_months(start, count), "months")


def _next_weekday(start: dt.date, weekday: int) -> dt.date:
    """The first ``weekday`` strictly after ``start``: a week later when it falls that day."""
    return start + dt.timedelta(days=(weekday - start.weekday()) % 7 or 7)


def _make_date(day: int, month: int, year: str | None, meeting_date: dt.date) -> dt.date:
    """The date; without a year, its next occurrence on or after the meeting date."""
    years = [int(year)] if year else [meeting_date.year, meeting_date.year + 1]
    for candidate_year in years:
        try:
            candidate = dt.date(candidate_year, month, day)
        except ValueError:
            continue
        if year or candidate >= meeting_date:
            return candidate
    raise DeadlineError(_("This date does not exist. Check the day and the month."))


def written_dates(text: str) -> Iterator[tuple[re.Match[str], int, int, int | None]]:
    """Every date written out in ``text`` ("2026-12-20", "20.12.2026", "20 दिसंबर 2026",
    "September 20th"), in the order of the forms: the match, day, month and year (None when
    the text gives none). The day and month are not checked to exist."""
    for pattern in _DATES:
        for match in pattern.finditer(text):
            month = match["month"]
            number = int(month) if month.isdigit() else _MONTHS[month.lower()]
            year = int(match["year"]) if match["year"] else None
            yield match, int(match["day"]), number, year


def _explicit_date(text: str, meeting_date: dt.date) -> dt.date | None:
    for pattern in _DATES:
        if match := pattern.search(text):
            month = match["month"]
            number = int(month) if month.isdigit() else _MONTHS[month.lower()]
            return _make_date(int(match["day"]), number, match["year"], meeting_date)
    return None


def _day_of_month(text: str, meeting_date: dt.date) -> dt.date | None:
    """The next such day of a month after the meeting date; a month too short for it
    ends on its last day ("by the 31st" in November is the 30th)."""
    for pattern in _DAY_OF_MONTH:
        if match := pattern.search(text):
            day = int(match.group("day") or match.groupdict().get("nth") or 0)
            if not 1 <= day <= 31:
                raise DeadlineError(_("This date does not exist. Check the day and the month."))
            month_start = meeting_date.replace(day=1)
            for months in (0, 1):
                first = _add_months(month_start, months)
                last = calendar.monthrange(first.year, first.month)[1]
                candidate = first.replace(day=min(day, last))
                if candidate > meeting_date:
                    return candidate
    return None


def _month_end(match: re.Match[str], meeting_date: dt.date) -> dt.date:
    """The last day of the month named (its next end on or after the meeting), or of the
    meeting's own month."""
    named = match["m1"] or match["m2"]
    month = _MONTHS[named.lower()] if named else meeting_date.month
    year = meeting_date.year + (1 if month < meeting_date.month else 0)
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _read(
    text: str, meeting_date: dt.date, next_meeting: dt.date | None, immediate_days: int
) -> Deadline:
    if _NEXT_MEETING.search(text):
        if next_meeting is None:
            raise DeadlineError(_NO_NEXT_MEETING)
        return Deadline(next_meeting, "next_meeting")
    for pattern in (_WITHIN_EN, _WITHIN_HI):
        if match := pattern.search(text):
            count, unit = _number(match["count"]), _UNITS[match["unit"].lower()]
            return _span(count, unit, meeting_date)
    if _IMMEDIATE.search(text):
        return Deadline(meeting_date + dt.timedelta(days=immediate_days), "immediate")
    if _FEW_DAYS.search(text):
        return Deadline(meeting_date + dt.timedelta(days=FEW_DAYS), "days")
    if match := _END_OF.search(text):
        return Deadline(_month_end(match, meeting_date), "month_end")
    if _STIPULATED.search(text):
        if next_meeting is not None:
            return Deadline(next_meeting, "next_meeting")
        return Deadline(meeting_date + dt.timedelta(days=STIPULATED_DAYS), "stipulated")
    if match := _WEEKDAY_BEFORE.search(text) or _WEEKDAY_AFTER.search(text):
        weekday = _WEEKDAYS[match["day"].lower()]
        return Deadline(_next_weekday(meeting_date, weekday), "weekday")
    if (due := _explicit_date(text, meeting_date)) is not None:
        return Deadline(due, "date")
    if (due := _day_of_month(text, meeting_date)) is not None:
        return Deadline(due, "day_of_month")
    raise DeadlineError(_UNREADABLE)


def resolve_deadline(
    phrase: str,
    *,
    meeting_date: dt.date,
    next_meeting: dt.date | None = None,
    immediate_days: int = 3,
) -> Deadline:
    """The due date a chair's deadline phrase sets, counted from the meeting date.

    Raises DeadlineError when the phrase cannot be read, needs a next meeting that is not
    scheduled, names a date that does not exist, or lands before the meeting date.
    """
    text = _PAST_SPAN.sub(" ", ascii_digits(clean_text(phrase)))
    if not text.strip():
        raise DeadlineError(_UNREADABLE)
    deadline = _read(text, meeting_date, next_meeting, immediate_days)
    if deadline.due < meeting_date:
        raise DeadlineError(_("The deadline falls before the meeting date."))
    return deadline


RECURRENCES = ("daily", "weekly", "monthly")
_RECURRENCE_PATTERNS = {
    "daily": _compile(
        r"\bdaily\b|\b(?:every|each|per)\s+(?:working\s+)?day\b|\bon\s+a\s+daily\s+basis\b"
        r"|\bon\s+all\s+working\s+days\b"
        rf"|{_START}(?:प्रतिदिन|रोज|रोज़|रोजाना|रोज़ाना|दैनिक|(?:हर|प्रत्येक|प्रति)\s+दिन){_END}"
    ),
    "weekly": _compile(
        rf"\bweekly\b|\b(?:every|each|per)\s+(?:week|{_WEEKDAY})\b|\bon\s+a\s+weekly\s+basis\b"
        rf"|{_START}(?:साप्ताहिक|(?:हर|प्रत्येक|प्रति)\s+(?:सप्ताह|हफ्ते|हफ़्ते|{_WEEKDAY})){_END}"
    ),
    "monthly": _compile(
        r"\bmonthly\b|\b(?:every|each|per)\s+month\b|\bon\s+a\s+monthly\s+basis\b"
        r"|\b\d+\s+(?:(?!within\b|in\b)[a-z-]+\s+){1,3}a\s+month\b"  # "60 inspections a month"
        r"|\bregularly\b|\bon\s+a\s+regular\s+basis\b"  # "regularly": at each monthly review
        rf"|{_START}(?:मासिक|प्रतिमाह|(?:हर|प्रत्येक|प्रति)\s+(?:माह|महीने|मास)|नियमित\s+रूप\s+से"
        rf"|नियमित\s+तौर\s+पर){_END}"
    ),
}


def detect_recurrence(text: str) -> str:
    """The period ("daily", "weekly", "monthly") a standing order repeats in, or "" if none.

    When several are named the first wins: "monthly report of daily attendance" is monthly.
    """
    cleaned = clean_text(text)
    found = [
        (match.start(), name)
        for name, pattern in _RECURRENCE_PATTERNS.items()
        if (match := pattern.search(cleaned))
    ]
    return min(found)[1] if found else ""


def period_bounds(recurrence: str, day: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day (the due date) of the period holding ``day``.

    daily: the day itself; weekly: Monday to Sunday; monthly: the 1st to the last day.
    """
    if recurrence == "daily":
        return day, day
    if recurrence == "weekly":
        monday = day - dt.timedelta(days=day.weekday())
        return monday, monday + dt.timedelta(days=6)
    if recurrence == "monthly":
        return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])
    raise ValueError(f"Unknown recurrence: {recurrence!r}")


# --- finding the phrases in running text (the press-note import) -----------------------------

_BY_DATE = tuple(
    _compile(rf"\b(?:by|before|till|until|not\s+later\s+than|on\s+or\s+before)\s+(?:{p.pattern})")
    for p in _DATES[1:]
) + tuple(_compile(rf"(?:{p.pattern})\s+(?:तक|से\s+पहले|से\s+पूर्व){_END}") for p in _DATES)
_DEADLINE_FINDERS = (
    _NEXT_MEETING,
    _WITHIN_EN,
    _WITHIN_HI,
    *_BY_DATE,
    _END_OF,
    _WEEKDAY_BEFORE,
    _WEEKDAY_AFTER,
    _IMMEDIATE,
    _FEW_DAYS,
    _STIPULATED,
)


def deadline_spans(text: str, *, first: bool = False) -> list[tuple[int, int]]:
    """Where ``text`` sets a limit, as (start, end): every phrase a deadline finder reads, or
    each finder's first with ``first``. A span of time already past is never one."""
    past = [m.span() for m in _PAST_SPAN.finditer(text)]
    found: list[tuple[int, int]] = []
    for pattern in _DEADLINE_FINDERS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if not any(s <= start < e or start <= s < end for s, e in past):
                found.append((start, end))
                if first:
                    break
    return found


def find_deadline(text: str) -> str | None:
    """The first phrase in ``text`` that sets a limit ("within a week", "एक माह के अंदर",
    "15 अप्रैल तक", "by September 20th", "अगली बैठक तक"), as written; None if there is none.
    A span of time already past ("पिछले तीन महीने में") is never one."""
    found = deadline_spans(text, first=True)
    if not found:
        return None
    start, end = min(found, key=lambda span: (span[0], -span[1]))
    return text[start:end].strip()


def find_recurrence(text: str) -> tuple[str, str] | None:
    """The first phrase in ``text`` that makes an order repeat, as written, and its period:
    ("प्रत्येक माह", "monthly"); None if there is none."""
    found = [
        (match.start(), match.group(0), name)
        for name, pattern in _RECURRENCE_PATTERNS.items()
        if (match := pattern.search(text))
    ]
    if not found:
        return None
    _start, phrase, name = min(found)
    return phrase.strip(), name
