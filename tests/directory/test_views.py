import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from degs.directory.choices import AreaKind
from tests.factories import UserFactory, hold, make_area, make_designation, make_office, make_post


def test_dc_tree_starts_at_own_district_with_its_blocks(world, client_as) -> None:
    client = client_as(world.dc_a)
    tree = client.get(reverse("directory:area_tree")).content.decode()
    assert "District A" in tree and "District B" not in tree
    children = client.get(reverse("directory:area_children", args=[world.district_a.pk]))
    body = children.content.decode()
    assert "Block A1" in body and "Block A2" in body and "Block B1" not in body


def test_htmx_expansion_returns_fragment(world, client_as) -> None:
    client = client_as(world.dc_a)
    response = client.get(
        reverse("directory:area_children", args=[world.district_a.pk]), HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert "<html" not in body and "Block A1" in body


def test_area_page_shows_children_offices_posts_holders_history(world, client_as) -> None:
    page = client_as(world.dc_a).get(reverse("directory:area_detail", args=[world.block_a1.pk]))
    body = page.content.decode()
    for text in ("Panchayat A1", "Block Office A1", "BDO A1", "History of changes"):
        assert text in body
    # breadcrumbs: the state is shown as text, not a link the DC could not open
    assert "Test State" in body
    assert reverse("directory:area_detail", args=[world.state.pk]) not in body


@pytest.mark.parametrize("language", ["hi", "en"])
def test_master_data_in_active_language(world, client_as, language: str) -> None:
    client = client_as(world.dc_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    body = client.get(reverse("directory:area_detail", args=[world.district_a.pk])).content.decode()
    assert f'<html lang="{language}">' in body
    heading = body.split("<h1", 1)[1].split("</h1>", 1)[0]
    assert ("जिला ए" in heading) == (language == "hi")


def test_area_detail_query_count_does_not_grow_with_rows(world, client_as) -> None:
    client = client_as(world.dc_a)
    url = reverse("directory:area_detail", args=[world.block_a1.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    designation = make_designation("gp_post")
    for i in range(15):
        gp = make_area(AreaKind.GRAM_PANCHAYAT, f"More {i}", world.block_a1)
        make_office(world.block_a1, f"Office more {i}")
        hold(make_post(designation, world.block_a1, seat=str(i)), UserFactory())
        make_area(AreaKind.VILLAGE, f"Village more {i}", gp)
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(large.captured_queries) == len(small.captured_queries)
    assert len(large.captured_queries) <= 20


def test_post_list_query_budget(world, client_as) -> None:
    client = client_as(world.dc_a)
    designation = make_designation("gp_post")
    for i in range(20):
        hold(make_post(designation, world.block_a2, seat=str(i)), UserFactory())
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("directory:post_list"))
    assert response.status_code == 200
    assert len(ctx.captured_queries) <= 12


def test_vacant_posts_filter(world, client_as) -> None:
    make_post(make_designation("co"), world.block_a1)
    body = (
        client_as(world.dc_a).get(reverse("directory:post_list") + "?vacant=yes").content.decode()
    )
    assert "Designation co" in body and "BDO A1" not in body


def test_office_page(world, client_as) -> None:
    body = client_as(world.bdo_a1).get(
        reverse("directory:office_detail", args=[world.office_a1.pk])
    )
    assert b"Block Office A1" in body.content


def test_export_xlsx_and_csv(world, client_as) -> None:
    client = client_as(world.dc_a)
    csv = client.get(reverse("directory:export") + "?kind=offices&format=csv")
    assert csv["Content-Type"].startswith("text/csv")
    text = csv.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("kind,name,name_hi,area_kind")
    assert "Block Office A1" in text and "Block Office B1" not in text
    xlsx = client.get(
        reverse("directory:export") + f"?kind=areas&format=xlsx&under={world.block_a1.pk}"
    )
    assert xlsx.content[:2] == b"PK"
    bad = client.get(reverse("directory:export") + "?kind=people")
    assert bad.status_code == 400


def test_holidays_and_designations_pages(world, client_as) -> None:
    client = client_as(world.bdo_a1)
    assert client.get(reverse("directory:holiday_list") + "?year=abc").status_code == 200
    assert b"Designation bdo" in client.get(reverse("directory:designation_list")).content


def test_home_lists_posts_and_areas(world, client_as) -> None:
    body = client_as(world.bdo_a1).get(reverse("dashboards:home")).content.decode()
    assert "Block A1" in body and "Block B1" not in body
