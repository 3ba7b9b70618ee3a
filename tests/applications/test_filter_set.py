"""The application list's one filter set: the list page and the API list the same
applications for the same query, and no filter reaches past the user's scope."""

from __future__ import annotations

import pytest
from django.urls import reverse

from degs.applications.filters import ApplicationFilterSet
from tests.applications.conftest import file_one

pytestmark = pytest.mark.django_db


def _page(client, query):  # type: ignore[no-untyped-def]
    response = client.get(reverse("applications:application_list"), query)
    assert response.status_code == 200
    return {a.pk for a in response.context["page"].object_list}


def _api(client, query):  # type: ignore[no-untyped-def]
    response = client.get("/api/applications/", query)
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["items"]}


def test_page_and_api_list_the_same_applications(world, apps, client_as) -> None:
    first = file_one(world, apps)
    second = file_one(world, apps)
    client = client_as(world.dc_a)
    queries = [
        {},
        {"service": apps.service.pk},
        {"state": "open"},
        {"block": world.block_a1.pk},
        {"centre": apps.centres.centre_a1.pk},
        {"q": first.applicant_name[:4]},
        {"late": "1"},
        {"post": apps.post_co_a1.pk},
        {"district": world.district_a.pk},
    ]
    for query in queries:
        assert _page(client, query) == _api(client, query), query
    assert _page(client, {}) == {first.pk, second.pk}


def test_a_filter_never_reaches_past_the_users_scope(world, apps, client_as) -> None:
    filed = file_one(world, apps)
    # a block officer of district B names district A's post, district and centre
    client = client_as(world.bdo_b1)
    for query in (
        {"post": apps.post_co_a1.pk},
        {"district": world.district_a.pk},
        {"centre": apps.centres.centre_a1.pk},
        {"issued_by": apps.post_co_a1.pk},
    ):
        assert filed.pk not in _api(client, query), query
        assert not ApplicationFilterSet(query, user=world.bdo_b1).qs.filter(pk=filed.pk).exists()
    # the API refuses what the page's form refuses, with the form's message
    refused = client.get("/api/applications/", {"issued_by": "someone"})
    assert refused.status_code == 422
    assert "issued_by" in str(refused.json()["errors"])
