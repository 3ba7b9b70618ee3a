"""The figures API: an area's figures and its children's, as JSON and CSV, scoped to the
caller's areas."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.test import Client

from tests.indicators.test_figures import filled  # noqa: F401  (the fixture)

URL = "/api/figures/figures"


def test_an_areas_figure_as_json(filled: Any, client_as: Any) -> None:  # noqa: F811
    client = client_as(filled.dc_a)
    response = client.get(
        URL,
        {"indicator": "pmgdisha_women_share", "area": filled.block_a1.pk, "period": "2025-04"},
    )
    assert response.status_code == 200
    [row] = response.json()
    assert row["indicator"] == "pmgdisha_women_share"
    assert (row["area_id"], row["area_name"], row["area_kind"]) == (
        filled.block_a1.pk,
        "Block A1",
        "block",
    )
    assert (row["numerator"], row["denominator"], row["value"]) == (15, 41, 36.5854)
    assert (row["expected"], row["reported"], row["late"]) == (2, 2, 0)
    assert row["period"] == "2025-04" and row["target"] is None


def test_children_and_every_indicator(filled: Any, client_as: Any) -> None:  # noqa: F811
    client = client_as(filled.dc_a)
    response = client.get(
        URL,
        {
            "indicator": "pmgdisha_trained",
            "area": filled.block_a1.pk,
            "period": "2025-26-Q1",
            "level": "children",
        },
    )
    rows = response.json()
    assert [(r["area_name"], r["value"]) for r in rows] == [
        ("Panchayat A1", 30),
        ("Panchayat A1b", 15),
    ]
    every = client.get(URL, {"area": filled.district_a.pk, "period": "2025-26-Q1"}).json()
    assert {r["indicator"] for r in every} >= {"pmgdisha_trained", "fps_epos_share"}
    assert len({r["indicator"] for r in every}) == len(every)


def test_csv_has_the_same_rows(filled: Any, client_as: Any) -> None:  # noqa: F811
    client = client_as(filled.dc_a)
    response = client.get(
        URL + ".csv",
        {
            "indicator": "pmgdisha_trained",
            "area": filled.block_a1.pk,
            "period": "2025-26-Q1",
            "level": "children",
        },
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    lines = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [(r["area_name"], r["value"], r["expected"], r["late"]) for r in lines] == [
        ("Panchayat A1", "30.0", "3", "1"),
        ("Panchayat A1b", "15.0", "3", "0"),
    ]


def test_scoped_to_the_callers_areas(filled: Any, client_as: Any) -> None:  # noqa: F811
    bdo_b1 = client_as(filled.bdo_b1)
    params = {"indicator": "pmgdisha_trained", "period": "2025-04"}
    assert bdo_b1.get(URL, {**params, "area": filled.gp_a1.pk}).status_code == 404
    assert bdo_b1.get(URL + ".csv", {**params, "area": filled.block_a1.pk}).status_code == 404
    assert bdo_b1.get(URL, {**params, "area": filled.district_a.pk}).status_code == 404
    [own] = bdo_b1.get(URL, {**params, "area": filled.gp_b1.pk}).json()
    assert own["value"] == 7
    # The DC of district A does not see the state's row.
    dc = client_as(filled.dc_a)
    assert dc.get(URL, {**params, "area": filled.state.pk}).status_code == 404
    # The state's children are its districts only.
    state = client_as(filled.state_admin)
    rows = state.get(URL, {**params, "area": filled.state.pk, "level": "children"}).json()
    assert sorted(r["area_name"] for r in rows) == ["District A", "District B"]


def test_refusals(filled: Any, client_as: Any) -> None:  # noqa: F811
    client = client_as(filled.dc_a)
    area = filled.district_a.pk
    assert client.get(URL, {"area": area, "period": "2025-13"}).status_code == 422
    assert client.get(URL, {"area": area, "period": "2025-04", "level": "x"}).status_code == 422
    assert client.get(URL, {"area": area}).status_code == 422
    missing = client.get(URL, {"area": area, "period": "2025-04", "indicator": "nothing"})
    assert missing.status_code == 404
    assert Client().get(URL, {"area": area, "period": "2025-04"}).status_code == 401
