"""The directive register's one filter set: the page, the API and the Excel export list the
same directives for the same query, and the page filters by due date as the API does."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from degs.reviews.filters import DirectiveFilterSet

pytestmark = pytest.mark.django_db


def _page(client, query):  # type: ignore[no-untyped-def]
    response = client.get(reverse("reviews:register"), query)
    assert response.status_code == 200
    return {d.text for d in response.context["page"].object_list}


def _api(client, query):  # type: ignore[no-untyped-def]
    response = client.get("/api/reviews/directives/", query)
    assert response.status_code == 200, response.content
    return {d["text"] for d in response.json()["items"]}


def _export(client, query):  # type: ignore[no-untyped-def]
    response = client.get(reverse("reviews:register"), {**query, "format": "xlsx"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return {row[4] for row in sheet.iter_rows(min_row=2, values_only=True) if row[4]}


@pytest.fixture
def due(reviews):  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    for days in (3, 10, 30):
        reviews.directive(
            text=f"Due in {days} days", due_date=today + dt.timedelta(days=days), deadline_phrase=""
        )
    return today


def test_page_api_and_export_list_the_same_directives(world, reviews, due, client_as) -> None:
    client = client_as(world.dc_a)
    queries = [
        {},
        {"due_from": (due + dt.timedelta(days=5)).isoformat()},
        {"due_to": (due + dt.timedelta(days=12)).isoformat()},
        {
            "due_from": (due + dt.timedelta(days=5)).isoformat(),
            "due_to": (due + dt.timedelta(days=12)).isoformat(),
        },
        {"q": "30 days"},
        {"committee": reviews.committee.pk, "status": "unfinished"},
        {"post": reviews.post_csc.pk},
    ]
    for query in queries:
        page = _page(client, query)
        assert page == _api(client, query) == _export(client, query), query
    # the register page now filters by due date, as the API did
    window = {
        "due_from": (due + dt.timedelta(days=5)).isoformat(),
        "due_to": (due + dt.timedelta(days=12)).isoformat(),
    }
    assert _page(client, window) == {"Due in 10 days"}
    page = client.get(reverse("reviews:register"), window).content.decode()
    assert 'name="due_from"' in page and 'name="due_to"' in page
    # and its export link carries the query
    assert "due_from=" in client.get(reverse("reviews:register"), window).context["export_query"]


def test_a_filter_never_reaches_past_the_users_areas(world, reviews, due, client_as) -> None:
    # a user of district B names district A's committee and post: nothing of A is listed
    client = client_as(world.bdo_b1)
    for query in ({"committee": reviews.committee.pk}, {"post": reviews.post_csc.pk}, {}):
        assert _api(client, query) == set(), query
        filterset = DirectiveFilterSet(query, user=world.bdo_b1)
        assert not filterset.qs.exists(), query


def test_the_api_describes_the_filter_sets_parameters(client) -> None:
    spec = client.get("/api/openapi.json").json()
    params = {p["name"] for p in spec["paths"]["/api/reviews/directives/"]["get"]["parameters"]}
    assert set(DirectiveFilterSet.base_filters) <= params
