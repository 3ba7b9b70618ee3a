"""The "directives overdue" figure source (degs/reviews/figures.py): counted by hand over
directives of the test world whose status history is moved to known days, one query each, and
the register the figure links to listing exactly those directives."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from degs.core.figures import figure_source
from degs.reviews.models import Directive, DirectiveEvent

pytestmark = pytest.mark.django_db

d = dt.date
FIRST, LAST = d(2025, 9, 1), d(2025, 9, 30)


def at(day: dt.date, hour: int = 11) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _given(reviews: Any, lead: Any, due: dt.date) -> Directive:
    """A directive given in the fixture's meeting, then moved to ``due`` (the form refuses a
    date before the meeting)."""
    directive = reviews.directive(lead_post=lead)
    Directive.objects.filter(pk=directive.pk).update(due_date=due)
    return directive


def _history(directive: Directive, created: dt.date, *steps: tuple[str, dt.date]) -> Directive:
    """The directive made on ``created`` and then moved through ``steps`` (status, day)."""
    DirectiveEvent.objects.filter(directive=directive).update(at=at(created))
    for status, day in steps:
        DirectiveEvent.objects.create(
            directive=directive, action="test", from_status="", to_status=status, at=at(day)
        )
    if steps:
        Directive.objects.filter(pk=directive.pk).update(status=steps[-1][0])
    return directive


@pytest.fixture
def directives(world, reviews) -> dict[str, Directive]:  # type: ignore[no-untyped-def]
    csc, bdo = reviews.post_csc, reviews.post_bdo_a1  # district A's area; block A1's
    made = {
        # open on 30-09 (reported after it): overdue then, not now
        "d1": _history(
            _given(reviews, csc, d(2025, 9, 20)),
            d(2025, 9, 1),
            ("reported", d(2025, 10, 5)),
        ),
        # reported on 28-09, reopened in October: not overdue then, overdue now
        "d2": _history(
            _given(reviews, bdo, d(2025, 9, 25)),
            d(2025, 9, 1),
            ("reported", d(2025, 9, 28)),
            ("reopened", d(2025, 10, 10)),
        ),
        # due on 30-09 itself: not yet overdue that day
        "d3": _history(_given(reviews, csc, d(2025, 9, 30)), d(2025, 9, 1)),
        # given after the period
        "d4": _history(_given(reviews, reviews.post_dc, d(2025, 9, 10)), d(2025, 10, 2)),
        # dropped on 29-09
        "d6": _history(
            _given(reviews, csc, d(2025, 9, 20)),
            d(2025, 9, 1),
            ("dropped", d(2025, 9, 29)),
        ),
    }
    # A directive on district B's block officer: counted in district B.
    b = _history(_given(reviews, csc, d(2025, 9, 10)), d(2025, 9, 1))
    Directive.objects.filter(pk=b.pk).update(lead_post=world.post_bdo_b1)
    made["b"] = b
    return made


def _count(district: Any, first: dt.date, last: dt.date) -> dict[int, int]:
    source = figure_source("reviews.directives_overdue")
    assert source is not None and source.over_time == "last"
    return {k: int(v) for k, v in source.count(district, first, last).items()}


def test_overdue_at_a_past_periods_end(world, directives, django_assert_num_queries) -> None:
    with django_assert_num_queries(1):
        assert _count(world.district_a, FIRST, LAST) == {world.district_a.pk: 1}  # d1
    assert _count(world.district_b, FIRST, LAST) == {world.block_b1.pk: 1}


def test_overdue_now_for_a_period_not_over(world, directives) -> None:
    today = timezone.localdate()
    counts = _count(world.district_a, today.replace(day=1), today + dt.timedelta(days=30))
    # d3 and d4 (district A's posts), d2 (block A1's); d1 reported, d6 dropped
    assert counts == {world.district_a.pk: 2, world.block_a1.pk: 1}


def _listed(client, url: str) -> set[int]:
    response = client.get(url)
    assert response.status_code == 200, url
    return {row.pk for row in response.context["page"].object_list}


def test_rows_are_the_registers_directives(world, directives, client_as) -> None:
    source = figure_source("reviews.directives_overdue")
    assert source is not None and source.rows is not None
    client = client_as(world.dc_a)
    assert _listed(client, source.rows(world.district_a, FIRST, LAST)) == {directives["d1"].pk}
    today = timezone.localdate()
    now = source.rows(world.block_a1, today.replace(day=1), today)
    assert _listed(client, now) == {directives["d2"].pk}
    assert _listed(client, source.rows(world.district_a, today, today)) == {
        directives[k].pk for k in ("d2", "d3", "d4")
    }
