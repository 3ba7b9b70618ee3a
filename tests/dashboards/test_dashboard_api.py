"""The dashboard's API: the same figures as the page, as JSON, for an area the caller sees."""

from __future__ import annotations

import pytest
from django.urls import reverse

from degs.indicators.models import Indicator
from degs.indicators.periods import Period
from tests.dashboards.test_dashboard import BEFORE, LAST, put

pytestmark = pytest.mark.django_db


@pytest.fixture
def ind(catalogue) -> dict[str, Indicator]:
    return {k.split(":", 1)[1]: v for k, v in catalogue.items() if k.startswith("indicator:")}


def url(area, query: str = "") -> str:
    return reverse("api:get_dashboard", kwargs={"area_id": area.pk}) + query


def test_figures_as_json(world, client_as, ind) -> None:
    put(ind["services_pending_late"], world.district_a, LAST, "12", "10", is_demo=True)
    put(ind["services_pending_late"], world.district_a, BEFORE, "20", "10")
    put(ind["services_pending_late"], world.district_a, Period.current(), "4")
    response = client_as(world.dc_a).get(url(world.district_a))
    assert response.status_code == 200
    body = response.json()
    assert body["area"]["id"] == world.district_a.pk and body["period"] == LAST.code
    assert body["is_demo"] is True
    figure = next(f for f in body["figures"] if f["code"] == "services_pending_late")
    assert figure["value"] == "12" and figure["target"] == "10"
    assert figure["reached"] is False  # lower is better: 12 is over the limit of 10
    assert figure["previous"] == "20" and figure["change"] == "-8" and figure["better"] is True
    assert figure["unit"] == {"en": "applications", "hi": "आवेदन"}
    assert [p["period"] for p in figure["trend"]] == [p.code for p in LAST.trend(12)]
    overdue = {o["code"]: o for o in body["overdue"]}
    assert overdue["services_pending_late"]["value"] == "4"
    assert overdue["outages_past_clock"]["value"] is None


def test_period_codes_and_a_bad_one(world, client_as, ind) -> None:
    put(ind["services_in_time"], world.district_a, Period.parse("2026-27-Q1"), "61.25")
    client = client_as(world.dc_a)
    body = client.get(url(world.district_a, "?period=2026-27-Q1")).json()
    assert body["period"] == "2026-27-Q1"
    assert next(f for f in body["figures"] if f["code"] == "services_in_time")["value"] == "61.25"
    response = client.get(url(world.district_a, "?period=2026-13"))
    assert response.status_code == 422 and "period" in str(response.json())


def test_out_of_scope_is_404(world, client_as, ind) -> None:
    client = client_as(world.bdo_a1)
    assert client.get(url(world.block_a1)).status_code == 200
    for other in (world.block_a2, world.block_b1, world.district_a):
        assert client.get(url(other)).status_code == 404
