"""Deadlines as chairs say them, in English and Hindi, turned into dates.

Pure functions, no database: "within a week", "एक माह के अंदर", "by the next meeting",
"next Monday", "तत्काल", "by 20 September" are resolved against the meeting date. Only the
forms by which an order sets a limit count ("within / in / by", "के अंदर / के भीतर / में / तक"),
so a figure such as "पिछले तीन महीने" (the last three months) is never read as a deadline.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from degs.core.text import clean_text


class DeadlineError(ValueError):
    """The phrase could not be read, or needs something that is missing."""

    def __init__(self, message: Any) -> None:
        self.message = message
        super().__init__(str(message))


@dataclass(frozen=True)
class Deadline:
    due: dt.date
    rule: str  # immediate, days, weeks, months, next_meeting, weekday, date


_DEVANAGARI_DIGITS = str.maketrans("०१२३४५६७८९", "0123456789")

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "fifteen": 15, "twenty": 20, "thirty": 30,
    "एक": 1, "दो": 2, "तीन": 3, "चार": 4, "पांच": 5, "पाँच": 5, "छह": 6, "छः": 6, "सात": 7,
    "आठ": 8, "नौ": 9, "दस": 10, "पंद्रह": 15, "पन्द्रह": 15, "बीस": 20, "तीस": 30,
}  # fmt: skip
_NUMBER = r"(\d{1,3}|" + "|".join(sorted(map(re.escape, NUMBER_WORDS), key=len, reverse=True)) + ")"

UNITS = {
    "day": "days", "days": "days", "दिन": "days", "दिनों": "days", "दिवस": "days",
    "week": "weeks", "weeks": "weeks", "सप्ताह": "weeks", "हफ्ते": "weeks", "हफ़्ते": "weeks",
    "हफ्ता": "weeks", "हफ्तों": "weeks",
    "fortnight": "fortnight", "fortnights": "fortnight", "पखवाड़े": "fortnight",
    "पखवाड़ा": "fortnight",
    "month": "months", "months": "months", "माह": "months", "महीने": "months",
    "महीना": "months", "महीनों": "months", "मास": "months",
}  # fmt: skip
_UNIT = "(" + "|".join(sorted(map(re.escape, UNITS), key=len, reverse=True)) + ")"

# "within a week", "in 10 days", "within the next two weeks"
_WITHIN_EN = re.compile(
    rf"\b(?:within|in|inside|before\s+the\s+end\s+of)\s+(?:the\s+next\s+|next\s+)?{_NUMBER}\s*{_UNIT}\b",
    re.IGNORECASE,
)
# "within a month" written with no number before the unit: "within month" is rare; the article
# form is covered above. Hindi: "एक सप्ताह के अंदर", "15 दिनों के भीतर", "दो माह में".
_WITHIN_HI = re.compile(
    rf"(?:^|\s){_NUMBER}\s*{_UNIT}\s*(?:के\s*)?(?:अंदर|अन्दर|भीतर|में)(?=\s|$|[।,.])"
)
# the same unit without a number: "एक पखवाड़े" is covered above; "सप्ताह भर में" means a week.
_UNIT_BHAR_HI = re.compile(rf"(?:^|\s){_UNIT}\s*भर\s*में")

_IMMEDIATE = re.compile(
    r"\b(?:immediately|at\s+once|forthwith|as\s+soon\s+as\s+possible|asap|without\s+delay)\b"
    r"|तत्काल|तुरंत|तुरन्त|अविलंब|अविलम्ब|जल्द\s+से\s+जल्द|शीघ्रातिशीघ्र|शीघ्र",
    re.IGNORECASE,
)
_NEXT_MEETING = re.compile(
    r"\b(?:by|before|till|until|in|at)\s+(?:the\s+)?next\s+(?:review\s+)?meeting\b"
    r"|(?:अगली|आगामी)\s+(?:समीक्षा\s+)?बैठक\s*(?:तक|से\s+(?:पूर्व|पहले)|में)",
    re.IGNORECASE,
)

WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6, "सोमवार": 0, "मंगलवार": 1, "बुधवार": 2, "गुरुवार": 3, "बृहस्पतिवार": 3,
    "वीरवार": 3, "शुक्रवार": 4, "शनिवार": 5, "रविवार": 6,
}  # fmt: skip
_WEEKDAY = "(" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + ")"
_WEEKDAY_EN = re.compile(
    rf"\b(?:next|by|on|before|till|until|coming)\s+{_WEEKDAY}\b", re.IGNORECASE
)
_WEEKDAY_HI = re.compile(rf"(?:(?:अगले|आगामी|अगला)\s+{_WEEKDAY})|(?:{_WEEKDAY}\s*(?:तक|को))")

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
    "जनवरी": 1, "फरवरी": 2, "फ़रवरी": 2, "मार्च": 3, "अप्रैल": 4, "अप्रेल": 4, "मई": 5,
    "जून": 6, "जुलाई": 7, "अगस्त": 8, "सितंबर": 9, "सितम्बर": 9, "अक्टूबर": 10,
    "अक्तूबर": 10, "नवंबर": 11, "नवम्बर": 11, "दिसंबर": 12, "दिसम्बर": 12,
}  # fmt: skip
_MONTH = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"
_DAY_MONTH = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\.?(?:,?\s+(\d{{4}}))?", re.IGNORECASE
)
_MONTH_DAY = re.compile(
    rf"\b{_MONTH}\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?", re.IGNORECASE
)
_NUMERIC_DMY = re.compile(r"\b(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")

_UNREADABLE = _(
    "This deadline could not be read. Write it like “within a week”, “एक माह के अंदर”, "
    "“by the next meeting” or give a date."
)


def _number(word: str) -> int:
    word = word.lower()
    return int(word) if word.isdigit() else NUMBER_WORDS[word]


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, clamped to the end of a shorter month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _span(count: int, unit: str, start: dt.date) -> Deadline:
    if unit == "days":
        return Deadline(start + dt.timedelta(days=count), "days")
    if unit == "weeks":
        return Deadline(start + dt.timedelta(weeks=count), "weeks")
    if unit == "fortnight":
        return Deadline(start + dt.timedelta(days=14 * count), "days")
    return Deadline(add_months(start, count), "months")


def _make_date(day: int, month: int, year: int | None, meeting_date: dt.date) -> dt.date:
    try:
        if year is not None:
            return dt.date(year + 2000 if year < 100 else year, month, day)
        candidate = dt.date(meeting_date.year, month, day)
        if candidate < meeting_date:
            candidate = dt.date(meeting_date.year + 1, month, day)
        return candidate
    except ValueError as error:
        raise DeadlineError(_("This date does not exist.")) from error


def _explicit_date(text: str, meeting_date: dt.date) -> dt.date | None:
    if match := _ISO.search(text):
        year, month, day = (int(g) for g in match.groups())
        return _make_date(day, month, year, meeting_date)
    if match := _NUMERIC_DMY.search(text):
        day, month, year = (int(g) for g in match.groups())
        return _make_date(day, month, year, meeting_date)
    if match := _DAY_MONTH.search(text):
        day_s, month_s, year_s = match.groups()
        return _make_date(
            int(day_s), MONTHS[month_s.lower()], int(year_s) if year_s else None, meeting_date
        )
    if match := _MONTH_DAY.search(text):
        month_s, day_s, year_s = match.groups()
        return _make_date(
            int(day_s), MONTHS[month_s.lower()], int(year_s) if year_s else None, meeting_date
        )
    return None


def _next_weekday(start: dt.date, weekday: int) -> dt.date:
    ahead = (weekday - start.weekday()) % 7 or 7
    return start + dt.timedelta(days=ahead)


def _read(
    text: str, meeting_date: dt.date, next_meeting: dt.date | None, immediate_days: int
) -> Deadline:
    if _NEXT_MEETING.search(text):
        if next_meeting is None:
            raise DeadlineError(
                _(
                    "The committee has no next meeting scheduled yet. Schedule it first, or give a date."
                )
            )
        return Deadline(next_meeting, "next_meeting")
    for pattern in (_WITHIN_EN, _WITHIN_HI):
        if match := pattern.search(text):
            return _span(_number(match.group(1)), UNITS[match.group(2).lower()], meeting_date)
    if match := _UNIT_BHAR_HI.search(text):
        return _span(1, UNITS[match.group(1)], meeting_date)
    if _IMMEDIATE.search(text):
        return Deadline(meeting_date + dt.timedelta(days=immediate_days), "immediate")
    if match := _WEEKDAY_EN.search(text):
        return Deadline(_next_weekday(meeting_date, WEEKDAYS[match.group(1).lower()]), "weekday")
    if match := _WEEKDAY_HI.search(text):
        name = match.group(1) or match.group(2)
        return Deadline(_next_weekday(meeting_date, WEEKDAYS[name]), "weekday")
    explicit = _explicit_date(text, meeting_date)
    if explicit is not None:
        return Deadline(explicit, "date")
    raise DeadlineError(_UNREADABLE)


def resolve_deadline(
    phrase: str,
    *,
    meeting_date: dt.date,
    next_meeting: dt.date | None = None,
    immediate_days: int = 3,
) -> Deadline:
    """The due date a deadline phrase sets, counted from the meeting date."""
    text = clean_text(phrase).translate(_DEVANAGARI_DIGITS)
    if not text:
        raise DeadlineError(_UNREADABLE)
    deadline = _read(text, meeting_date, next_meeting, immediate_days)
    if deadline.due < meeting_date:
        raise DeadlineError(_("The deadline falls before the meeting date."))
    return deadline


RECURRENCES = ("daily", "weekly", "monthly")
_RECURRENCE = {
    "monthly": re.compile(
        r"\b(?:every|each|per)\s+month\b|\bmonthly\b|\d+\s+\w+(?:\s+\w+)?\s+a\s+month\b"
        r"|(?:प्रत्येक|हर|प्रति)\s*(?:माह|महीने|महीना|मास)|प्रतिमाह|मासिक",
        re.IGNORECASE,
    ),
    "weekly": re.compile(
        r"\b(?:every|each|per)\s+week\b|\bweekly\b"
        r"|(?:प्रत्येक|हर|प्रति)\s*(?:सप्ताह|हफ्ते|हफ़्ते)|साप्ताहिक",
        re.IGNORECASE,
    ),
    "daily": re.compile(
        r"\bdaily\b|\b(?:every|each)\s+day\b|\bon\s+a\s+daily\s+basis\b"
        r"|प्रतिदिन|रोजाना|रोज़ाना|रोज|रोज़|दैनिक|हर\s+दिन|प्रत्येक\s+दिन",
        re.IGNORECASE,
    ),
}


def detect_recurrence(text: str) -> str:
    """ "monthly", "weekly" or "daily" when the text orders something done each period."""
    cleaned = clean_text(text)
    for name in ("daily", "weekly", "monthly"):
        if _RECURRENCE[name].search(cleaned):
            return name
    return ""


def period_bounds(recurrence: str, day: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day (the due date) of the period of ``recurrence`` holding ``day``."""
    if recurrence == "daily":
        return day, day
    if recurrence == "weekly":
        start = day - dt.timedelta(days=day.weekday())
        return start, start + dt.timedelta(days=6)
    if recurrence == "monthly":
        last = calendar.monthrange(day.year, day.month)[1]
        return day.replace(day=1), day.replace(day=last)
    raise ValueError(recurrence)
