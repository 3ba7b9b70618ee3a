"""The due date shown before saving is the one saved: the directive form's preview, the import's
review page and API, and the saved directive, for deadlines as said and repeating directives.

Every expected date is worked out here with plain date arithmetic from the meeting date
(Wednesday 2 December 2026); the district in the tests has no holidays and works every
Saturday, so only a Sunday moves a date said in words to the Monday after.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from degs.directory.models import Holiday
from degs.reviews import services
from degs.reviews.models import Directive, Meeting

MEETING = dt.date(2026, 12, 2)
DAY = dt.timedelta(days=1)


def _working(day: dt.date) -> dt.date:
    return day + DAY if day.weekday() == 6 else day


def _month_end(day: dt.date) -> dt.date:
    first_of_next = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return first_of_next - DAY


def _sunday_after(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=6 - day.weekday())


CASES = [
    # the case: "15 दिनों के अंदर", every month: 2-12 + 15 days, not the month's end
    ("15 दिनों के अंदर", "monthly", _working(MEETING + dt.timedelta(days=15))),
    ("within 15 days", "weekly", _working(MEETING + dt.timedelta(days=15))),
    ("within 15 days", "", _working(MEETING + dt.timedelta(days=15))),
    # the 20th of December 2026 is a Sunday
    ("by the 20th", "monthly", _working(dt.date(2026, 12, 20))),
    ("20 तारीख तक", "", _working(dt.date(2026, 12, 20))),
    ("एक सप्ताह के अंदर", "weekly", _working(MEETING + dt.timedelta(days=7))),
    ("within a month", "", _working(dt.date(2027, 1, 2))),
    # repeating with no words: the end of the first period after the meeting
    ("", "monthly", _month_end(MEETING + DAY)),
    ("", "weekly", _sunday_after(MEETING + DAY)),
    ("", "daily", MEETING + DAY),
]


@pytest.fixture
def meeting(world, reviews):  # type: ignore[no-untyped-def]
    assert not Holiday.objects.exists()
    assert not world.state.saturdays_off and not world.district_a.saturdays_off
    return services.meeting_create(actor=None, committee=reviews.committee, date=MEETING)


def _preview(client, meeting, phrase: str, recurrence: str) -> dt.date | None:  # type: ignore[no-untyped-def]
    url = reverse("reviews:deadline_preview", args=[meeting.pk])
    body = client.get(url, {"deadline_phrase": phrase, "recurrence": recurrence}).content.decode()
    found = re.search(r"(\d\d)-(\d\d)-(\d{4})", body)
    if found is None:
        return None
    return dt.date(int(found[3]), int(found[2]), int(found[1]))


@pytest.mark.parametrize(("phrase", "recurrence", "expected"), CASES)
def test_the_preview_and_the_saved_due_date_agree(
    world, reviews, meeting, client_as, phrase, recurrence, expected
) -> None:
    client = client_as(world.dio_a)
    # before saving, the page shows ...
    assert _preview(client, meeting, phrase, recurrence) == expected
    # ... the date the directive is saved with
    response = client.post(
        reverse("reviews:directive_create", args=[meeting.pk]),
        {
            "text": "Inspect the centres",
            "lead_post": reviews.post_csc.pk,
            "deadline_phrase": phrase,
            "recurrence": recurrence,
            "priority": "normal",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    directive = Directive.objects.get(meeting=meeting)
    assert directive.due_date == expected
    if recurrence:
        first = directive.periods.get()
        assert first.due_on == expected
        assert first.starts_on <= expected


def test_a_typed_date_is_kept_and_previewed_as_typed(world, reviews, meeting, client_as) -> None:
    client = client_as(world.dio_a)
    url = reverse("reviews:deadline_preview", args=[meeting.pk])
    sunday = dt.date(2026, 12, 13)
    body = client.get(url, {"due_date": sunday.isoformat(), "recurrence": "monthly"})
    assert "13-12-2026" in body.content.decode()
    directive = services.directive_create(
        actor=None,
        meeting=meeting,
        text="x",
        lead_post=reviews.post_csc,
        due_date=sunday,
        recurrence="monthly",
    )
    assert directive.due_date == sunday


def test_the_later_periods_of_a_repeating_directive_follow_the_first(
    world, reviews, meeting
) -> None:
    directive = services.directive_create(
        actor=None,
        meeting=meeting,
        text="60 inspections every month",
        lead_post=reviews.post_csc,
        deadline_phrase="15 दिनों के अंदर",
        recurrence="monthly",
    )
    # a sweep on the meeting day adds nothing before the first period; January adds January
    services.directive_periods_advance(today=MEETING)
    services.directive_periods_advance(today=dt.date(2027, 1, 5))
    periods = list(directive.periods.values_list("starts_on", "due_on"))
    assert periods == [
        (dt.date(2026, 12, 1), dt.date(2026, 12, 17)),
        (dt.date(2027, 1, 1), dt.date(2027, 1, 31)),
    ]


def test_the_import_review_and_api_show_the_date_the_save_gives(
    world, reviews, meeting, client_as
) -> None:
    note = (
        "उपायुक्त की अध्यक्षता में 02.12.2026 को जिला ई-गवर्नेंस सोसाइटी की बैठक हुई। "
        "उपायुक्त ने जिला प्रबंधक सीएससी को प्रत्येक माह 60 प्रज्ञा केंद्रों का निरीक्षण "
        "15 दिनों के अंदर करने का निर्देश दिया।"
    )
    # the note records this meeting: it is imported, not typed in (nor the fixture's, when
    # that falls on the same day)
    Meeting.objects.filter(committee=reviews.committee, date=MEETING).delete()
    response = client_as(world.dio_a).post(
        "/api/reviews/press-notes/read/",
        {"committee_id": reviews.committee.pk, "text": note},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    draft = response.json()
    assert draft["meeting_date"] == MEETING.isoformat()
    [order] = draft["directives"]
    assert order["recurrence"] == "monthly"
    expected = _working(MEETING + dt.timedelta(days=15))
    assert order["due_date"] == expected.isoformat()
    meeting = services.meeting_import(
        actor=world.dio_a,
        committee=reviews.committee,
        date=MEETING,
        source=draft["text"],
        directives=[
            services.ImportedDirective(
                text=order["text"],
                lead_post=reviews.post_csc,
                deadline_phrase=order["deadline_phrase"],
                recurrence=order["recurrence"],
            )
        ],
    )
    assert meeting.directives.get().due_date == expected


@pytest.mark.parametrize(
    ("phrase", "recurrence", "sweep_on", "expected"),
    [
        # "by the 20th" every month: each month's item is due on its 20th
        ("by the 20th", "monthly", dt.date(2027, 1, 5), _working(dt.date(2027, 1, 20))),
        ("20 तारीख तक", "monthly", dt.date(2027, 2, 1), _working(dt.date(2027, 2, 20))),
        # "by Friday" every week: each week's Friday (Monday 14-12-2026 + 4 days)
        ("शुक्रवार तक", "weekly", dt.date(2026, 12, 14), dt.date(2026, 12, 14) + 4 * DAY),
        # a span names no day of the period: the period's last day
        ("15 दिनों के अंदर", "monthly", dt.date(2027, 2, 10), _month_end(dt.date(2027, 2, 1))),
    ],
)
def test_a_later_period_is_due_on_the_day_the_chair_named(
    world, reviews, meeting, phrase, recurrence, sweep_on, expected
) -> None:
    directive = services.directive_create(
        actor=None,
        meeting=meeting,
        text="Report the inspections",
        lead_post=reviews.post_csc,
        deadline_phrase=phrase,
        recurrence=recurrence,
    )
    services.directive_periods_advance(today=sweep_on)
    latest = directive.periods.order_by("-starts_on").first()
    assert latest is not None and latest.starts_on <= sweep_on <= latest.due_on
    assert latest.due_on == expected


def test_the_sweep_reads_each_meetings_calendar_once_and_each_directives_periods_together(
    world, reviews, meeting
) -> None:
    """Advancing 2 or 6 repeating directives of a meeting takes the same reads of the district's
    holidays, and a second sweep that has nothing to add takes the same number of queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from degs.reviews.choices import DirectiveStatus

    sweep_on = dt.date(2027, 1, 5)
    calendar_reads, idle_sweeps = [], []
    for rows in (2, 6):
        batch = [
            services.directive_create(
                actor=None,
                meeting=meeting,
                text=f"Report {n}",
                lead_post=reviews.post_csc,
                deadline_phrase="by the 20th",
                recurrence="monthly",
            ).pk
            for n in range(rows)
        ]
        with CaptureQueriesContext(connection) as first:
            assert services.directive_periods_advance(today=sweep_on) == rows
        calendar_reads.append(
            sum(Holiday._meta.db_table in q["sql"] for q in first.captured_queries)
        )
        with CaptureQueriesContext(connection) as again:
            assert services.directive_periods_advance(today=sweep_on) == 0
        idle_sweeps.append(len(again))
        # each January item is due on the 20th (a Wednesday), as the chair said
        assert set(Directive.objects.get(pk=batch[0]).periods.values_list("due_on", flat=True)) == {
            _working(dt.date(2026, 12, 20)),
            dt.date(2027, 1, 20),
        }
        Directive.objects.filter(pk__in=batch).update(status=DirectiveStatus.CLOSED)
    assert calendar_reads[0] == calendar_reads[1] > 0
    assert idle_sweeps[0] == idle_sweeps[1]
