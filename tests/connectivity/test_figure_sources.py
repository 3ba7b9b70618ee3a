"""The connectivity figure sources (degs/connectivity/selectors/figures.py): links in service
and up, and outages past their restore clock, at a past period's end and now, counted by hand
over the test network; the lists they link to show exactly those rows."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from degs.connectivity.choices import DetectedBy, LinkStatus, OutageStatus
from degs.connectivity.models import Link, LinkEvent, Outage
from degs.core.figures import figure_source
from tests.connectivity.conftest import _link

pytestmark = pytest.mark.django_db

FIRST, LAST = dt.date(2026, 3, 1), dt.date(2026, 3, 31)  # the period: March 2026


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _outage(link: Link, started: dt.datetime, **values: Any) -> Outage:
    values.setdefault("status", OutageStatus.RESTORED)
    return Outage.objects.create(
        link=link, started_at=started, detected_by=DetectedBy.ENGINEER, **values
    )


@pytest.fixture
def rows(world, net) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    d = dt.date
    made: dict[str, Any] = {"link_a1": net.link_a1, "link_a2": net.link_a2}
    # installed the day after the period
    made["new"] = _link(net.bsnl, net.sla, "NEW", None, world.gp_a1)
    Link.objects.filter(pk=made["new"].pk).update(install_date=d(2026, 4, 1))
    # decommissioned during the period's last day
    made["gone"] = _link(
        net.bsnl, net.sla, "GONE", None, world.block_a1, status=LinkStatus.DECOMMISSIONED
    )
    LinkEvent.objects.create(
        link=made["gone"], action="decommission", to_status="decommissioned", at=at(LAST, 10)
    )
    # terminated and decommissioned after the period: in service at its end
    made["later"] = _link(
        net.bsnl,
        net.sla,
        "LATER",
        None,
        world.block_a1,
        status=LinkStatus.DECOMMISSIONED,
        termination_date=d(2026, 4, 1),
    )
    LinkEvent.objects.create(
        link=made["later"],
        action="decommission",
        to_status="decommissioned",
        at=at(d(2026, 4, 2), 9),
    )
    # not reporting now
    made["quiet"] = _link(
        net.bsnl, net.sla, "QUIET", None, world.block_a2, status=LinkStatus.UNKNOWN
    )
    # down across the period's end, restored after it, past its restore clock then
    made["o1"] = _outage(
        net.link_a1,
        at(LAST, 20),
        restored_at=at(d(2026, 4, 1), 2),
        restore_due_at=at(LAST, 23),
    )
    # restored before the end; and a cancelled one open at the end
    made["o2"] = _outage(
        net.link_a2, at(d(2026, 3, 30), 10), restored_at=at(LAST, 12), restore_due_at=at(LAST, 18)
    )
    made["o3"] = _outage(
        net.link_a2, at(LAST, 22), status=OutageStatus.CANCELLED, restore_due_at=at(LAST, 23)
    )
    # district B: open since the last day's morning, past its clock
    made["o4"] = _outage(
        net.link_b1, at(LAST, 10), status=OutageStatus.OPEN, restore_due_at=at(LAST, 18)
    )
    # now: link A1 down, its outage past its restore clock
    now = timezone.now()
    made["o5"] = _outage(
        net.link_a1,
        now - dt.timedelta(hours=2),
        status=OutageStatus.ACKNOWLEDGED,
        restore_due_at=now - dt.timedelta(hours=1),
    )
    Link.objects.filter(pk=net.link_a1.pk).update(status=LinkStatus.DOWN)
    return made


def _count(code: str, district: Any, first: dt.date, last: dt.date) -> dict[int, int]:
    source = figure_source(code)
    assert source is not None and source.over_time == "last"
    return {k: int(v) for k, v in source.count(district, first, last).items()}


def test_at_a_past_periods_end(world, rows, django_assert_num_queries) -> None:
    a1, a2 = world.block_a1.pk, world.block_a2.pk
    expected = {
        # A1: link A1 and "later"; A2: link A2 and "quiet"; the planned and new ones not yet
        "connectivity.links_active": {a1: 2, a2: 2},
        # link A1 was down (o1); the cancelled o3 does not count
        "connectivity.links_up": {a1: 1, a2: 2},
        "connectivity.outages_past_clock": {a1: 1},  # o1
    }
    for code, counts in expected.items():
        with django_assert_num_queries(1):
            assert _count(code, world.district_a, FIRST, LAST) == counts, code
    b1 = world.block_b1.pk
    assert _count("connectivity.links_active", world.district_b, FIRST, LAST) == {b1: 1}
    assert _count("connectivity.links_up", world.district_b, FIRST, LAST) == {}
    assert _count("connectivity.outages_past_clock", world.district_b, FIRST, LAST) == {b1: 1}


def test_now_for_a_period_not_over(world, rows) -> None:
    today = timezone.localdate()
    first, last = today.replace(day=1), today + dt.timedelta(days=31)
    a1, a2, gp = world.block_a1.pk, world.block_a2.pk, world.gp_a1.pk
    assert _count("connectivity.links_active", world.district_a, first, last) == {
        a1: 1,  # link A1, down
        a2: 2,  # link A2, "quiet"
        gp: 1,  # the new one
    }
    assert _count("connectivity.links_up", world.district_a, first, last) == {a2: 1, gp: 1}
    assert _count("connectivity.outages_past_clock", world.district_a, first, last) == {a1: 1}


def _listed(client, url: str) -> set[int]:
    response = client.get(url)
    assert response.status_code == 200, url
    return {row.pk for row in response.context["page"].object_list}


def test_rows_list_exactly_those_counted(world, rows, client_as) -> None:
    client = client_as(world.dc_a)
    cases = [
        ("connectivity.links_active", world.block_a2, {"link_a2", "quiet"}),
        ("connectivity.links_up", world.district_a, {"link_a2", "quiet", "later"}),
        ("connectivity.outages_past_clock", world.district_a, {"o1"}),
    ]
    for code, area, names in cases:
        source = figure_source(code)
        assert source is not None and source.rows is not None
        url = source.rows(area, FIRST, LAST)
        assert _listed(client, url) == {rows[n].pk for n in names}, (code, url)
    today = timezone.localdate()
    source = figure_source("connectivity.outages_past_clock")
    assert source is not None and source.rows is not None
    assert _listed(client, source.rows(world.block_a1, today, today)) == {rows["o5"].pk}
    # district A's DC follows district B's address: nothing
    assert _listed(client_as(world.dc_a), source.rows(world.district_b, FIRST, LAST)) == set()
