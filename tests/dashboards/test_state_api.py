"""``GET /api/dashboard/state``: the state's view as JSON, on the made figures of
tests/dashboards/test_state.py (A 250 and B 400 per lakh, C without population, U in another
state)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.dashboards.test_state import states  # noqa: F401 - shared fixture

pytestmark = pytest.mark.django_db

API = "/api/dashboard/state"
OCTOBER = {"indicator": "aadhaar_enrolments", "period": "2026-10"}


def test_the_ranking_as_json(world: Any, states: Any, client_as: Any) -> None:  # noqa: F811
    answer = client_as(world.state_admin).get(API, OCTOBER)
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["state"]["name"]["en"] == "Test State" and body["whole_state"] is True
    assert body["period"] == "2026-10" and body["basis"] == "per_lakh"
    rows = [
        (r["district"]["name"]["en"], r["rank"], r["score"], r["unranked"])
        for r in body["standings"]
    ]
    assert rows == [
        ("District B", 1, "400", ""),
        ("District A", 2, "250", ""),
        ("District C", None, None, "no_population"),
    ]
    a = body["standings"][1]
    assert (a["value"], a["target"], a["expected"], a["reported"], a["late"]) == (
        "500",
        "400",
        4,
        3,
        1,
    )
    assert a["completeness"] == "75"


def test_share_of_target(world: Any, states: Any, client_as: Any) -> None:  # noqa: F811
    body = client_as(world.state_admin).get(API, {**OCTOBER, "basis": "of_target"}).json()
    assert [(r["rank"], r["score"]) for r in body["standings"]] == [
        (1, "125"),
        (2, "80"),
        (None, None),
    ]


def test_no_other_state_and_a_dc_sees_their_district(
    world: Any,
    states: Any,  # noqa: F811
    client_as: Any,
) -> None:
    admin = client_as(world.state_admin)
    assert "District U" not in admin.get(API, OCTOBER).content.decode()
    assert admin.get(API, {**OCTOBER, "state": states["other"].pk}).status_code == 404
    body = client_as(world.dc_a).get(API, OCTOBER).json()
    assert [r["district"]["name"]["en"] for r in body["standings"]] == ["District A"]
    assert body["whole_state"] is False


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"period": "2026-13"}, 422),
        ({"basis": "ratio"}, 422),
        ({"indicator": "nothing"}, 404),
        ({"state": "0"}, 422),
    ],
)
def test_bad_parameters(
    world: Any,
    states: Any,  # noqa: F811
    client_as: Any,
    params: dict[str, str],
    status: int,
) -> None:
    assert client_as(world.state_admin).get(API, params).status_code == status


def test_anonymous_is_refused(client: Any) -> None:
    assert client.get(API).status_code == 401
