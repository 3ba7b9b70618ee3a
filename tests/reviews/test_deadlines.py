"""Deadline phrases in English and Hindi resolved against the meeting date; no database."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from degs.reviews.deadlines import (
    RECURRENCES,
    Deadline,
    DeadlineError,
    detect_recurrence,
    period_bounds,
    resolve_deadline,
)

MEETING = dt.date(2026, 9, 14)  # a Monday
NEXT_MEETING = dt.date(2026, 10, 12)


def resolve(phrase: str, meeting: dt.date = MEETING, **extra: object) -> Deadline:
    return resolve_deadline(phrase, meeting_date=meeting, **extra)  # type: ignore[arg-type]


def days_after(days: int) -> dt.date:
    return MEETING + dt.timedelta(days=days)


@pytest.mark.parametrize(
    "phrase",
    [
        "immediately",
        "Immediately",
        "to be done at once",
        "forthwith",
        "as soon as possible",
        "ASAP",
        "तत्काल",
        "तुरंत कार्रवाई करें",
        "तुरन्त",
        "अविलंब",
        "अविलम्ब प्रस्तुत करें",
        "जल्द से जल्द",
        "शीघ्र",
    ],
)
def test_immediate_phrases_add_the_immediate_days(phrase: str) -> None:
    assert resolve(phrase) == Deadline(days_after(3), "immediate")


@pytest.mark.parametrize("immediate_days", [0, 1, 7])
def test_immediate_days_is_a_setting(immediate_days: int) -> None:
    deadline = resolve("तत्काल", immediate_days=immediate_days)
    assert deadline == Deadline(days_after(immediate_days), "immediate")


@pytest.mark.parametrize(
    ("phrase", "days", "rule"),
    [
        ("within a week", 7, "weeks"),
        ("to be done within a week", 7, "weeks"),
        ("within one week", 7, "weeks"),
        ("Within Two Weeks", 14, "weeks"),
        ("within a fortnight", 14, "weeks"),
        ("within 15 days", 15, "days"),
        ("in 10 days", 10, "days"),
        ("within fifteen days", 15, "days"),
        ("within the next 3 days", 3, "days"),
        ("एक सप्ताह के अंदर", 7, "weeks"),
        ("एक सप्ताह के अंदर करें", 7, "weeks"),
        ("एक सप्ताह के अन्दर", 7, "weeks"),
        ("एक सप्ताह के भीतर", 7, "weeks"),
        ("एक हफ्ते में", 7, "weeks"),
        ("दो सप्ताह में", 14, "weeks"),
        ("15 दिनों के अंदर", 15, "days"),
        ("१५ दिनों के अंदर", 15, "days"),
        ("पंद्रह दिन के भीतर", 15, "days"),
        ("पन्द्रह दिन के भीतर", 15, "days"),
        ("सात दिनों में", 7, "days"),
        ("पाँच दिन में", 5, "days"),
        ("एक पखवाड़े में", 14, "weeks"),
    ],
)
def test_within_days_and_weeks(phrase: str, days: int, rule: str) -> None:
    assert resolve(phrase) == Deadline(days_after(days), rule)


def test_fortnight_written_with_a_decomposed_or_precomposed_nukta() -> None:
    precomposed = "एक पखवा\u095c\u0947 में"
    decomposed = unicodedata.normalize("NFD", precomposed)
    assert resolve(precomposed) == resolve(decomposed) == Deadline(days_after(14), "weeks")


@pytest.mark.parametrize(
    ("phrase", "due"),
    [
        ("within a month", dt.date(2026, 10, 14)),
        ("within 3 months", dt.date(2026, 12, 14)),
        ("within six months", dt.date(2027, 3, 14)),
        ("एक माह के अंदर", dt.date(2026, 10, 14)),
        ("एक महीने के भीतर", dt.date(2026, 10, 14)),
        ("दो माह में", dt.date(2026, 11, 14)),
        ("एक माह की अवधि में", dt.date(2026, 10, 14)),
        ("within a period of one month", dt.date(2026, 10, 14)),
        ("तीन महीने में", dt.date(2026, 12, 14)),
    ],
)
def test_within_months_is_the_same_day_later(phrase: str, due: dt.date) -> None:
    assert resolve(phrase) == Deadline(due, "months")


@pytest.mark.parametrize(
    ("meeting", "phrase", "due"),
    [
        (dt.date(2026, 1, 31), "within a month", dt.date(2026, 2, 28)),
        (dt.date(2028, 1, 31), "within a month", dt.date(2028, 2, 29)),
        (dt.date(2026, 3, 31), "एक माह के अंदर", dt.date(2026, 4, 30)),
        (dt.date(2026, 11, 30), "within 3 months", dt.date(2027, 2, 28)),
        (dt.date(2026, 12, 15), "दो माह में", dt.date(2027, 2, 15)),
    ],
)
def test_months_clamp_to_the_last_day_and_roll_the_year(
    meeting: dt.date, phrase: str, due: dt.date
) -> None:
    assert resolve(phrase, meeting) == Deadline(due, "months")


@pytest.mark.parametrize(
    "phrase",
    [
        "by the next meeting",
        "Before the next meeting",
        "till next meeting",
        "to be reported in the next meeting",
        "अगली बैठक तक",
        "अगली बैठक से पूर्व",
        "अगली बैठक से पहले",
        "आगामी बैठक तक",
        "अगली बैठक में प्रस्तुत करें",
    ],
)
def test_next_meeting(phrase: str) -> None:
    assert resolve(phrase, next_meeting=NEXT_MEETING) == Deadline(NEXT_MEETING, "next_meeting")


@pytest.mark.parametrize("phrase", ["by the next meeting", "अगली बैठक तक"])
def test_next_meeting_missing_is_an_error(phrase: str) -> None:
    with pytest.raises(DeadlineError) as error:
        resolve(phrase)
    assert "no next meeting scheduled" in str(error.value.message)


@pytest.mark.parametrize(
    ("phrase", "due"),
    [
        ("next Monday", dt.date(2026, 9, 21)),  # the meeting is a Monday: strictly after
        ("by Friday", dt.date(2026, 9, 18)),
        ("on Tuesday", dt.date(2026, 9, 15)),
        ("by next sunday", dt.date(2026, 9, 20)),
        ("अगले सोमवार", dt.date(2026, 9, 21)),
        ("आगामी सोमवार", dt.date(2026, 9, 21)),
        ("सोमवार तक", dt.date(2026, 9, 21)),
        ("अगले शुक्रवार तक", dt.date(2026, 9, 18)),
        ("गुरुवार तक", dt.date(2026, 9, 17)),
        ("बृहस्पतिवार तक", dt.date(2026, 9, 17)),
        ("शनिवार को", dt.date(2026, 9, 19)),
    ],
)
def test_weekday_is_the_first_one_strictly_after_the_meeting(phrase: str, due: dt.date) -> None:
    assert resolve(phrase) == Deadline(due, "weekday")


@pytest.mark.parametrize(
    ("phrase", "due"),
    [
        ("by 20 September", dt.date(2026, 9, 20)),
        ("by September 20th", dt.date(2026, 9, 20)),
        ("20 Sept", dt.date(2026, 9, 20)),
        ("by 5th Oct", dt.date(2026, 10, 5)),
        ("by 1 March 2027", dt.date(2027, 3, 1)),
        ("15 अप्रैल तक", dt.date(2027, 4, 15)),  # before the meeting this year: next year
        ("15 अप्रैल 2027 तक", dt.date(2027, 4, 15)),
        ("30 सितंबर तक", dt.date(2026, 9, 30)),
        ("३० सितम्बर तक", dt.date(2026, 9, 30)),
        ("5 फरवरी तक", dt.date(2027, 2, 5)),
        ("14 September", MEETING),  # the meeting day itself is allowed
        ("20-12-2026", dt.date(2026, 12, 20)),
        ("20.12.2026", dt.date(2026, 12, 20)),
        ("by 20/12/2026", dt.date(2026, 12, 20)),
        ("2026-12-20", dt.date(2026, 12, 20)),
        ("05/01/2027 तक", dt.date(2027, 1, 5)),  # day first, Indian style
    ],
)
def test_dates(phrase: str, due: dt.date) -> None:
    assert resolve(phrase) == Deadline(due, "date")


@pytest.mark.parametrize("phrase", ["by 31 February", "30 फरवरी तक", "31-04-2027", "2026-13-01"])
def test_a_date_that_does_not_exist_is_an_error(phrase: str) -> None:
    with pytest.raises(DeadlineError):
        resolve(phrase)


@pytest.mark.parametrize(
    "phrase",
    [
        "last three months",
        "in the last three months",
        "पिछले तीन महीने",
        "पिछले तीन महीने में",
        "गत माह में",
        "60 inspections",
    ],
)
def test_figures_are_not_deadlines(phrase: str) -> None:
    with pytest.raises(DeadlineError):
        resolve(phrase)


@pytest.mark.parametrize("phrase", ["", "   ", "soonish", "जब संभव हो", "three months"])
def test_an_unreadable_phrase_is_an_error(phrase: str) -> None:
    with pytest.raises(DeadlineError) as error:
        resolve(phrase)
    assert "could not be read" in str(error.value.message)
    assert str(error.value) == str(error.value.message)


@pytest.mark.parametrize(
    ("phrase", "extra"),
    [
        ("by 1 January 2026", {}),
        ("10-09-2026", {}),
        ("by the next meeting", {"next_meeting": dt.date(2026, 9, 1)}),
    ],
)
def test_a_due_date_before_the_meeting_is_an_error(phrase: str, extra: dict[str, object]) -> None:
    with pytest.raises(DeadlineError) as error:
        resolve(phrase, **extra)
    assert str(error.value.message) == "The deadline falls before the meeting date."


@pytest.mark.parametrize(
    ("text", "recurrence"),
    [
        ("Inspect ten kiosks every month", "monthly"),
        ("each month", "monthly"),
        ("Monthly report", "monthly"),
        ("200 certificates per month", "monthly"),
        ("60 inspections a month", "monthly"),
        ("प्रत्येक माह समीक्षा", "monthly"),
        ("प्रत्येक महीने", "monthly"),
        ("हर महीने", "monthly"),
        ("हर माह", "monthly"),
        ("प्रतिमाह 60 निरीक्षण", "monthly"),
        ("मासिक प्रतिवेदन", "monthly"),
        ("every week", "weekly"),
        ("Weekly review", "weekly"),
        ("each week", "weekly"),
        ("प्रत्येक सप्ताह", "weekly"),
        ("हर सप्ताह", "weekly"),
        ("हर हफ्ते", "weekly"),
        ("साप्ताहिक बैठक", "weekly"),
        ("प्रति सप्ताह", "weekly"),
        ("daily", "daily"),
        ("every day", "daily"),
        ("each day", "daily"),
        ("upload on a daily basis", "daily"),
        ("प्रतिदिन", "daily"),
        ("रोज", "daily"),
        ("रोजाना अपलोड करें", "daily"),
        ("दैनिक उपस्थिति", "daily"),
        ("हर दिन", "daily"),
        ("monthly report of daily attendance", "monthly"),  # the first named wins
        ("Obtain BC ID for every operator", ""),
        ("within a month", ""),
        ("15 visits within a month", ""),
        ("त्रैमासिक प्रतिवेदन", ""),  # quarterly is not monthly
        ("रोजगार मेला", ""),  # "employment" is not "daily"
        ("", ""),
    ],
)
def test_detect_recurrence(text: str, recurrence: str) -> None:
    assert detect_recurrence(text) == recurrence
    assert recurrence in ("", *RECURRENCES)


@pytest.mark.parametrize(
    ("recurrence", "day", "bounds"),
    [
        ("daily", dt.date(2026, 9, 16), (dt.date(2026, 9, 16), dt.date(2026, 9, 16))),
        ("weekly", dt.date(2026, 9, 16), (dt.date(2026, 9, 14), dt.date(2026, 9, 20))),
        ("weekly", dt.date(2026, 9, 14), (dt.date(2026, 9, 14), dt.date(2026, 9, 20))),
        ("weekly", dt.date(2026, 9, 20), (dt.date(2026, 9, 14), dt.date(2026, 9, 20))),
        ("weekly", dt.date(2026, 12, 31), (dt.date(2026, 12, 28), dt.date(2027, 1, 3))),
        ("monthly", dt.date(2026, 9, 16), (dt.date(2026, 9, 1), dt.date(2026, 9, 30))),
        ("monthly", dt.date(2028, 2, 10), (dt.date(2028, 2, 1), dt.date(2028, 2, 29))),
        ("monthly", dt.date(2026, 12, 31), (dt.date(2026, 12, 1), dt.date(2026, 12, 31))),
    ],
)
def test_period_bounds(recurrence: str, day: dt.date, bounds: tuple[dt.date, dt.date]) -> None:
    assert period_bounds(recurrence, day) == bounds


@pytest.mark.parametrize("recurrence", ["", "yearly", "Monthly"])
def test_period_bounds_rejects_an_unknown_recurrence(recurrence: str) -> None:
    with pytest.raises(ValueError):
        period_bounds(recurrence, MEETING)
