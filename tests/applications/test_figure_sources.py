"""The applications' figure sources (degs/applications/figures.py): counts worked by hand over
applications filed in the test world and moved to known days, one query each, and the list
each figure links to showing exactly the applications behind it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from degs.applications import figures
from degs.applications.models import Application
from degs.core.figures import figure_source
from tests.applications.conftest import file_one

pytestmark = pytest.mark.django_db

FIRST, LAST = dt.date(2025, 9, 1), dt.date(2025, 9, 30)  # the period: September 2025


def at(day: dt.date, hour: int = 10, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _set(application: Application, **values: Any) -> Application:
    Application.objects.filter(pk=application.pk).update(**values)
    application.refresh_from_db()
    return application


def _decided(day: dt.date, due: dt.date, state: str = "issued") -> dict[str, Any]:
    return {
        "state": state,
        "is_open": False,
        "decided_on": day,
        "within_limit": day <= due,
        "due_date": due,
    }


@pytest.fixture
def filed(world, apps) -> dict[str, Application]:
    d = dt.date
    made: dict[str, Application] = {}

    def one(name: str, **values: Any) -> None:
        made[name] = _set(file_one(world, apps), **values)

    # In panchayat A1 (block A1, district A), filed at its centre.
    one("a1", submitted_at=at(d(2025, 9, 10)), **_decided(d(2025, 9, 20), d(2025, 9, 25)))
    # filed the evening before the period; decided late, after it
    one(
        "a2",
        submitted_at=at(d(2025, 8, 31), 23, 30),
        **_decided(d(2025, 10, 5), d(2025, 9, 15)),
    )
    # filed in the period's last hour, still open, due in October
    one("a3", submitted_at=at(d(2025, 9, 30), 23, 0), due_date=d(2025, 10, 20))
    # decided on the period's last day, late, rejected
    one(
        "a4",
        submitted_at=at(d(2025, 9, 5)),
        **_decided(d(2025, 9, 30), d(2025, 9, 20), state="rejected"),
    )
    # still open, due on the period's last day (not yet beyond the limit on that day)
    one("a5", submitted_at=at(d(2025, 9, 2)), due_date=d(2025, 9, 30))
    # filed at midnight after the period, decided in October
    one("a6", submitted_at=at(d(2025, 10, 1), 0, 0), **_decided(d(2025, 10, 2), d(2025, 10, 20)))
    # a draft never filed
    one("draft", state="draft", is_open=False, submitted_at=None, due_date=None)
    # At block A2's own centre (the block is its area), open past due since September.
    one(
        "a7",
        area=world.block_a2,
        block=world.block_a2,
        submitted_at=at(d(2025, 9, 3)),
        due_date=d(2025, 9, 10),
    )
    # In district B: decided in the period, within time.
    one(
        "b1",
        area=world.gp_b1,
        block=world.block_b1,
        district=world.district_b,
        submitted_at=at(d(2025, 9, 10)),
        **_decided(d(2025, 9, 12), d(2025, 9, 25)),
    )
    return made


def _count(code: str, district: Any, first: dt.date, last: dt.date) -> dict[int, int]:
    source = figure_source(code)
    assert source is not None
    return {area: int(n) for area, n in source.count(district, first, last).items()}


def test_counts_per_area_for_a_past_period(world, filed, django_assert_num_queries) -> None:
    gp, block_a2 = world.gp_a1.pk, world.block_a2.pk
    expected = {
        "applications.received": {gp: 4, block_a2: 1},  # a1 a3 a4 a5; a7
        "applications.disposed": {gp: 2},  # a1 a4
        "applications.disposed_in_time": {gp: 1},  # a1
        "applications.pending_beyond_limit": {gp: 1, block_a2: 1},  # a2 (on 30-09); a7
    }
    for code, counts in expected.items():
        with django_assert_num_queries(1):
            assert _count(code, world.district_a, FIRST, LAST) == counts, code


def test_the_other_district_counts_its_own(world, filed) -> None:
    gp = world.gp_b1.pk
    assert _count("applications.received", world.district_b, FIRST, LAST) == {gp: 1}
    assert _count("applications.disposed", world.district_b, FIRST, LAST) == {gp: 1}
    assert _count("applications.disposed_in_time", world.district_b, FIRST, LAST) == {gp: 1}
    assert _count("applications.pending_beyond_limit", world.district_b, FIRST, LAST) == {}


def test_pending_now_for_a_period_not_over(world, filed) -> None:
    today = timezone.localdate()
    first = today.replace(day=1)
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    # a3 (due 20-10-2025) and a5 (due 30-09-2025) are open and past due today; a2 was decided.
    assert _count("applications.pending_beyond_limit", world.district_a, first, last) == {
        world.gp_a1.pk: 2,
        world.block_a2.pk: 1,
    }


def test_a_quarter_adds_the_flows_of_its_months(world, filed) -> None:
    # July to September 2025 holds the same filings as September (none earlier than 31-08)
    # plus a2, filed on 31-08.
    counts = _count("applications.received", world.district_a, dt.date(2025, 7, 1), LAST)
    assert counts == {world.gp_a1.pk: 5, world.block_a2.pk: 1}


def _listed(client, url: str) -> set[int]:
    response = client.get(url)
    assert response.status_code == 200, url
    return {a.pk for a in response.context["page"].object_list}


def test_rows_list_exactly_the_applications_counted(world, filed, client_as) -> None:
    client = client_as(world.dc_a)
    f = filed
    cases = [
        ("applications.received", world.district_a, {f["a1"], f["a3"], f["a4"], f["a5"], f["a7"]}),
        ("applications.received", world.gp_a1, {f["a1"], f["a3"], f["a4"], f["a5"]}),
        ("applications.disposed", world.block_a1, {f["a1"], f["a4"]}),
        ("applications.disposed_in_time", world.gp_a1, {f["a1"]}),
        ("applications.pending_beyond_limit", world.block_a1, {f["a2"]}),
        ("applications.pending_beyond_limit", world.block_a2, {f["a7"]}),
        ("applications.pending_beyond_limit", world.district_a, {f["a2"], f["a7"]}),
    ]
    for code, area, expected in cases:
        source = figure_source(code)
        assert source is not None and source.rows is not None
        url = source.rows(area, FIRST, LAST)
        assert _listed(client, url) == {a.pk for a in expected}, (code, area, url)


def test_pending_beyond_limit_now_links_to_the_blocks_past_due_list(
    world, filed, client_as
) -> None:
    today = timezone.localdate()
    source = figure_source("applications.pending_beyond_limit")
    assert source is not None and source.rows is not None
    url = source.rows(world.block_a1, today.replace(day=1), today)
    assert url == f"/applications/?block={world.block_a1.pk}&late=1"
    # The block's officer lands on the block's applications open past their due date.
    listed = _listed(client_as(world.bdo_a1), url)
    assert listed == {filed["a3"].pk, filed["a5"].pk}
    # Another district's block officer follows the same address and sees none of them.
    assert _listed(client_as(world.bdo_b1), url) == set()


def test_the_figures_filters_are_the_apis_too(world, filed, client_as) -> None:
    client = client_as(world.dc_a)
    query = {"area": world.gp_a1.pk, "pending_on": "2025-09-30", "late": "1"}
    response = client.get("/api/applications/", query)
    assert response.status_code == 200, response.content
    assert {row["id"] for row in response.json()["items"]} == {filed["a2"].pk}
    # pending on the day, due or not: a2 and a5 (a3 was filed that evening: pending too)
    query = {"area": world.gp_a1.pk, "pending_on": "2025-09-30"}
    listed = _listed(client, "/applications/?" + "&".join(f"{k}={v}" for k, v in query.items()))
    assert listed == {filed["a2"].pk, filed["a3"].pk, filed["a5"].pk}


def test_stock_day_is_today_for_a_period_not_over() -> None:
    today = timezone.localdate()
    assert figures.stock_day(today + dt.timedelta(days=20)) == today
    assert figures.stock_day(dt.date(2025, 9, 30)) == dt.date(2025, 9, 30)
