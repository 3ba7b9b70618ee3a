"""The centres' figure sources (degs/centres/figures.py): centres active at a period's end,
inspections done and due in it, counted by hand over the test world's centres, their status
events moved to known days, visits and quotas; the lists they link to show exactly those rows."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from degs.centres.choices import CentreStatus, InspectionResult, Period
from degs.centres.models import Centre, CentreEvent, Inspection, InspectionQuota
from degs.core.figures import figure_source
from degs.directory.models import Post

pytestmark = pytest.mark.django_db

d = dt.date
FIRST, LAST = d(2026, 9, 1), d(2026, 9, 30)  # the period: September 2026


def _status(centre: Centre, status: str, effective: dt.date) -> None:
    CentreEvent.objects.create(
        centre=centre, action="test", from_status="", to_status=status, effective_on=effective
    )


@pytest.fixture
def made(world, centres) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    c = centres
    # every centre registered long before the period
    CentreEvent.objects.filter(action="registered").update(effective_on=d(2025, 1, 1))
    # A1: suspended across the period's end, active again after it (active now)
    _status(c.centre_a1, CentreStatus.SUSPENDED, d(2026, 9, 25))
    _status(c.centre_a1, CentreStatus.ACTIVE, d(2026, 10, 3))
    # A1b: active through the period, closed the day after it
    _status(c.centre_a1b, CentreStatus.CLOSED, d(2026, 10, 1))
    Centre.objects.filter(pk=c.centre_a1b.pk).update(status=CentreStatus.CLOSED)
    # A2: proposed, active from the day after the period
    _status(c.centre_a2, CentreStatus.ACTIVE, d(2026, 10, 1))
    Centre.objects.filter(pk=c.centre_a2.pk).update(status=CentreStatus.ACTIVE)

    def visit(name: str, centre: Centre, day: dt.date) -> None:
        found[name] = Inspection.objects.create(
            centre=centre,
            post=c.post_csc,
            inspector=world.dc_a,
            visited_on=day,
            result=InspectionResult.FUNCTIONAL,
        )

    found: dict[str, Any] = {}
    visit("i1", c.centre_a1, FIRST)
    visit("i2", c.centre_a1, LAST)  # the same centre again
    visit("i3", c.centre_a2, FIRST - dt.timedelta(days=1))
    visit("i4", c.centre_a2, LAST + dt.timedelta(days=1))
    visit("i5", c.centre_a2, d(2026, 9, 15))
    visit("i6", c.centre_b1, d(2026, 9, 15))
    # Quotas: the fixture's 3 a month for the CSC manager (district A); 2 a week for the BDO
    # of A1; 9 a quarter in panchayat A1 for the CSC manager; an inactive one; district B's.
    InspectionQuota.objects.create(post=world.post_bdo_a1, count=2, period=Period.WEEK)
    InspectionQuota.objects.create(
        post=c.post_csc, count=9, period=Period.QUARTER, area=world.gp_a1
    )
    dio = Post.objects.get(designation__code="dio", area=world.district_a)
    InspectionQuota.objects.create(post=dio, count=100, period=Period.MONTH, is_active=False)
    InspectionQuota.objects.create(post=world.post_bdo_b1, count=4, period=Period.MONTH)
    return found


def _count(code: str, district: Any, first: dt.date, last: dt.date) -> dict[int, int]:
    source = figure_source(code)
    assert source is not None
    return {k: int(v) for k, v in source.count(district, first, last).items()}


def test_counts_for_a_past_period(world, made, django_assert_num_queries) -> None:
    gp, a2 = world.gp_a1.pk, world.block_a2.pk
    expected = {
        "centres.active": {gp: 1},  # A1b (A1 suspended, A2 proposed then)
        "centres.inspections_done": {gp: 2, a2: 1},  # i1 i2; i5
        # 3 (month) for the district; 2 x 4 weeks ending 6, 13, 20, 27-09 for block A1; the
        # quarter July-September ends on 30-09: 9 for panchayat A1
        "centres.inspections_due": {world.district_a.pk: 3, world.block_a1.pk: 8, gp: 9},
    }
    for code, counts in expected.items():
        with django_assert_num_queries(1):
            assert _count(code, world.district_a, FIRST, LAST) == counts, code


def test_the_other_district_and_other_periods(world, made) -> None:
    b = world.gp_b1.pk
    assert _count("centres.active", world.district_b, FIRST, LAST) == {b: 1}
    assert _count("centres.inspections_done", world.district_b, FIRST, LAST) == {b: 1}
    due_b = _count("centres.inspections_due", world.district_b, FIRST, LAST)
    assert due_b == {world.block_b1.pk: 4}
    # October 2026: four weeks end in it (4, 11, 18, 25), no quarter
    october = _count("centres.inspections_due", world.district_a, d(2026, 10, 1), d(2026, 10, 31))
    assert october == {world.district_a.pk: 3, world.block_a1.pk: 8}
    # the quarter July-September: 3 months, 13 weeks, one quarter
    quarter = _count("centres.inspections_due", world.district_a, d(2026, 7, 1), LAST)
    assert quarter == {world.district_a.pk: 9, world.block_a1.pk: 26, world.gp_a1.pk: 9}


def test_active_now_for_a_period_not_over(world, made) -> None:
    today = timezone.localdate()
    counts = _count("centres.active", world.district_a, today.replace(day=1), today)
    assert counts == {world.gp_a1.pk: 1, world.block_a2.pk: 1}  # A1, A2


def _listed(client, url: str, key: str = "page") -> set[int]:
    response = client.get(url)
    assert response.status_code == 200, url
    return {row.pk for row in response.context[key].object_list}


def test_rows_list_exactly_those_counted(world, centres, made, client_as) -> None:
    client = client_as(world.dc_a)
    active = figure_source("centres.active")
    done = figure_source("centres.inspections_done")
    assert active is not None and active.rows and done is not None and done.rows
    assert _listed(client, active.rows(world.district_a, FIRST, LAST)) == {centres.centre_a1b.pk}
    today = timezone.localdate()
    assert _listed(client, active.rows(world.district_a, today, today)) == {
        centres.centre_a1.pk,
        centres.centre_a2.pk,
    }
    url = done.rows(world.district_a, FIRST, LAST)
    assert _listed(client, url, "recent") == {made[k].pk for k in ("i1", "i2", "i5")}
    url = done.rows(world.block_a2, FIRST, LAST)
    assert _listed(client, url, "recent") == {made["i5"].pk}
