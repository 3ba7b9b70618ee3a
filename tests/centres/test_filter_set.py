"""The centre register's one filter set: the list page, the CSV export and the API list the
same centres for the same query; the page takes the API's "not inspected for" filter; no
filter reaches past the user's areas."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from degs.centres.filters import CentreFilterSet

pytestmark = pytest.mark.django_db


def _page(client, query):  # type: ignore[no-untyped-def]
    response = client.get(reverse("centres:centre_list"), query)
    assert response.status_code == 200
    return {c.code for c in response.context["page"].object_list}


def _api(client, query):  # type: ignore[no-untyped-def]
    response = client.get("/api/centres/centres/", query)
    assert response.status_code == 200, response.content
    return {row["code"] for row in response.json()["items"]}


def _export(client, query):  # type: ignore[no-untyped-def]
    response = client.get(reverse("centres:export", args=["centres", "csv"]), query)
    assert response.status_code == 200
    text = b"".join(response.streaming_content if response.streaming else [response.content])
    rows = list(csv.reader(io.StringIO(text.decode("utf-8-sig"))))
    return {row[0] for row in rows[1:] if row}


def test_page_api_and_export_list_the_same_centres(world, centres, client_as) -> None:
    client = client_as(world.csc_manager_a)
    queries = [
        {},
        {"q": "market"},
        {"kind": "pragya_kendra"},
        {"status": "proposed"},
        {"premises": "panchayat_bhawan", "without_id": "jharseva"},
        {"area": world.block_a2.pk},
        {"area": world.block_b1.pk},
        {"not_inspected_days": 30},
    ]
    for query in queries:
        assert _page(client, query) == _api(client, query) == _export(client, query), query
    page = client.get(reverse("centres:centre_list"), {"not_inspected_days": 30})
    assert 'name="not_inspected_days"' in page.content.decode()
    assert "not_inspected_days=30" in page.context["query"]


def test_a_filter_never_reaches_past_the_users_areas(world, centres, client_as) -> None:
    # district A's manager names district B: nothing is listed, by page, API or export
    client = client_as(world.csc_manager_a)
    outside = {"area": world.district_b.pk}
    assert _page(client, outside) == _api(client, outside) == _export(client, outside) == set()
    assert not CentreFilterSet(outside, user=world.csc_manager_a).qs.exists()
    assert centres.centre_b1.code not in _page(client, {"q": centres.centre_b1.code})


def test_operators_page_api_and_export_list_the_same_rows(world, centres, client_as) -> None:
    import openpyxl

    client = client_as(world.csc_manager_a)

    def page(query):  # type: ignore[no-untyped-def]
        response = client.get(reverse("centres:operator_list"), query)
        assert response.status_code == 200
        return {o.name for o in response.context["page"].object_list}

    def api(query):  # type: ignore[no-untyped-def]
        response = client.get("/api/centres/operators/", query)
        assert response.status_code == 200, response.content
        return {row["name"] for row in response.json()["items"]}

    def export(query):  # type: ignore[no-untyped-def]
        response = client.get(reverse("centres:export", args=["operators", "xlsx"]), query)
        assert response.status_code == 200
        text = b"".join(response.streaming_content if response.streaming else [response.content])
        sheet = openpyxl.load_workbook(io.BytesIO(text)).active
        return {row[0] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]}

    name = centres.operator_a1.name
    for query in (
        {},
        {"q": name},
        {"area": world.block_a1.pk},
        {"area": world.block_a2.pk},
        {"area": world.district_b.pk},
    ):
        assert page(query) == api(query) == export(query), query
    assert page({"area": world.district_b.pk}) == set()
    # the page now narrows by area, as the API and the export did
    narrowed = client.get(reverse("centres:operator_list"), {"area": world.block_a1.pk})
    assert 'name="area"' in narrowed.content.decode()
    assert f"area={world.block_a1.pk}" in narrowed.context["export_query"]


def test_operator_ids_api_and_export_list_the_same_rows(world, centres, client_as) -> None:
    import datetime as dt

    from django.utils import timezone

    from degs.centres import services

    services.operator_id_record(
        actor=None,
        operator=centres.operator_a1,
        id_type=centres.bc,
        applied_on=timezone.localdate() - dt.timedelta(days=40),
    )
    client = client_as(world.csc_manager_a)

    def api(query):  # type: ignore[no-untyped-def]
        response = client.get("/api/centres/operator-ids/", query)
        assert response.status_code == 200, response.content
        return sorted((row["status"], row["id_type"]["code"]) for row in response.json()["items"])

    def export(query):  # type: ignore[no-untyped-def]
        response = client.get(reverse("centres:export", args=["operator_ids", "csv"]), query)
        assert response.status_code == 200
        text = b"".join(response.streaming_content if response.streaming else [response.content])
        rows = list(csv.DictReader(io.StringIO(text.decode("utf-8-sig"))))
        return sorted((row["status"], row["id_type"]) for row in rows)

    for query in (
        {},
        {"status": "issued"},
        {"id_type": "bc"},
        {"pending_days": 0},
        {"pending_days": 30},
        {"pending_days": 60},
    ):
        assert api(query) == export(query), query
