from django.urls import reverse


def test_area_list_paginates_and_filters(world, client_as) -> None:
    client = client_as(world.dc_a)
    data = client.get("/api/directory/areas/?kind=block&limit=1").json()
    assert data["count"] == 2 and len(data["items"]) == 1
    assert data["items"][0]["kind"] == "block"


def test_area_detail_has_ancestors(world, client_as) -> None:
    data = client_as(world.dc_a).get(f"/api/directory/areas/{world.village_a1.pk}/").json()
    assert [a["name"] for a in data["ancestors"]] == [
        "Test State",
        "District A",
        "Block A1",
        "Panchayat A1",
    ]


def test_posts_carry_current_holders(world, client_as) -> None:
    data = client_as(world.dc_a).get(f"/api/directory/posts/{world.post_bdo_a1.pk}/").json()
    assert data["designation"]["code"] == "bdo"
    assert [h["name"] for h in data["holders"]] == ["BDO A1"]


def test_errors_are_json_with_message(world, client_as) -> None:
    client = client_as(world.dc_a)
    missing = client.get("/api/directory/offices/999999/")
    assert missing.status_code == 404 and missing.json() == {"detail": "Not found."}
    invalid = client.get("/api/directory/areas/?limit=abc")
    assert invalid.status_code == 422
    assert invalid.json()["detail"] and invalid.json()["errors"]


def test_errors_in_hindi(world, client_as) -> None:
    client = client_as(world.dc_a)
    response = client.get("/api/directory/offices/999999/", HTTP_ACCEPT_LANGUAGE="hi")
    detail = response.json()["detail"]
    assert any("\u0900" <= ch <= "\u097f" for ch in detail), detail


def test_docs_are_served(db, client) -> None:
    assert client.get("/api/docs").status_code == 200
    schema = client.get("/api/openapi.json").json()
    assert "/api/directory/areas/" in schema["paths"]


def test_under_filter_outside_scope_is_404(world, client_as) -> None:
    client = client_as(world.bdo_a1)
    assert client.get(f"/api/directory/areas/?under={world.district_b.pk}").status_code == 404
    assert reverse("api:list_areas") == "/api/directory/areas/"
