"""The directory's lists, one filter set each: the pages, the API and the export list the
same rows for the same query; the pages take ``under`` as the API does; no filter reaches
past the user's areas."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from degs.directory.filters import AreaFilterSet, PostFilterSet
from degs.directory.models import Area

pytestmark = pytest.mark.django_db


def _page(client, name, query):  # type: ignore[no-untyped-def]
    response = client.get(reverse(name), query)
    assert response.status_code == 200
    return {row.pk for row in response.context["page"].paginator.object_list}


def _api(client, path, query):  # type: ignore[no-untyped-def]
    response = client.get(path, query)
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["items"]}


def _export_areas(client, query):  # type: ignore[no-untyped-def]
    response = client.get(reverse("directory:export"), {**query, "kind": "areas", "format": "csv"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content if response.streaming else [response.content])
    rows = list(csv.DictReader(io.StringIO(text.decode("utf-8-sig"))))
    names = {row["name"] for row in rows}
    return set(Area.objects.filter(name__in=names).values_list("pk", flat=True))


def test_areas_page_api_and_export_list_the_same_rows(world, client_as) -> None:
    client = client_as(world.dc_a)
    for query in ({}, {"under": world.block_a1.pk}, {"under": world.district_a.pk}):
        page = _page(client, "directory:area_list", query)
        assert page == _api(client, "/api/directory/areas/", query), query
        assert page == _export_areas(client, query), query
    # the area page narrows to what lies under one area, as the API did
    under = _page(client, "directory:area_list", {"under": world.block_a1.pk})
    assert world.gp_a1.pk in under and world.gp_b1.pk not in under
    assert world.block_a2.pk not in under
    narrowed = client.get(reverse("directory:area_list"), {"under": world.block_a1.pk})
    assert 'name="under"' in narrowed.content.decode()
    for query in (
        {"kind": "block"},
        {"q": "A1"},
        {"kind": "gram_panchayat", "under": world.block_a1.pk},
    ):
        assert _page(client, "directory:area_list", query) == _api(
            client, "/api/directory/areas/", query
        ), query


def test_posts_and_offices_page_and_api_list_the_same_rows(world, client_as) -> None:
    client = client_as(world.dc_a)
    for query in (
        {},
        {"under": world.block_a1.pk},
        {"designation": "bdo"},
        {"vacant": "yes"},
        {"vacant": "no", "under": world.district_a.pk},
    ):
        page = _page(client, "directory:post_list", query)
        assert page == _api(client, "/api/directory/posts/", query), query
    assert _page(client, "directory:post_list", {"under": world.block_a1.pk}) == {
        world.post_bdo_a1.pk
    }
    for query in ({}, {"under": world.block_a1.pk}, {"kind": "dc_office"}):
        page = _page(client, "directory:office_list", query)
        assert page == _api(client, "/api/directory/offices/", query), query


def test_a_filter_never_reaches_past_the_users_areas(world, client_as) -> None:
    client = client_as(world.bdo_a1)
    # an area outside the user's areas is not found, as on its own page
    for name in ("directory:area_list", "directory:office_list", "directory:post_list"):
        assert client.get(reverse(name), {"under": world.district_b.pk}).status_code == 404
    for path in ("/api/directory/areas/", "/api/directory/posts/", "/api/directory/offices/"):
        assert client.get(path, {"under": world.district_b.pk}).status_code == 404
    # and the rows start from what the user sees
    areas = AreaFilterSet({"kind": "block"}, user=world.bdo_a1).qs
    assert set(areas) == {world.block_a1}
    posts = PostFilterSet({"designation": "bdo"}, user=world.bdo_a1).qs
    assert set(posts) == {world.post_bdo_a1}
