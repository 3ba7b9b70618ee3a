"""The register's and verification's API: the list with the page's filters, scoped; create,
change (version), status step and move; a verification with its photo (multipart)."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

pytestmark = pytest.mark.django_db


def send(client, method: str, name: str, body: object = None, **kwargs: object):  # type: ignore[no-untyped-def]
    return getattr(client, method)(
        reverse(name, kwargs=kwargs or None), body or {}, content_type="application/json"
    )


def tags(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [row["tag"] for row in response.json()["items"]]


def test_list_is_scoped_and_filtered(world, kit, client_as) -> None:  # type: ignore[no-untyped-def]
    url = reverse("api:list_assets")
    assert tags(client_as(world.dio_a).get(url)) == ["JA-PRJ-0001", "JA-UPS-0001"]
    assert tags(client_as(world.dio_a).get(url, {"status": "in_store"})) == ["JA-UPS-0001"]
    assert tags(client_as(world.bdo_a1).get(url)) == ["JA-PRJ-0001"]
    assert client_as(world.dio_a).get(url, {"status": "lost"}).status_code == 422
    other = send(client_as(world.dio_a), "get", "api:get_asset", asset_id=kit.projector_b1.pk)
    assert other.status_code == 404


def test_create_change_step_and_move(world, kit, client_as) -> None:  # type: ignore[no-untyped-def]
    client = client_as(world.dio_a)
    made = send(
        client,
        "post",
        "api:create_asset",
        {"model": kit.apc.pk, "office": world.dc_office_a.pk, "funding": "degs_fund"},
    )
    assert made.status_code == 201, made.content
    body = made.json()
    assert body["tag"] == "DIS-UPS-0001" and body["status"] == "in_store"
    pk = body["id"]
    changed = send(
        client, "patch", "api:update_asset", {"version": 1, "serial": "BX9"}, asset_id=pk
    )
    assert changed.json()["serial"] == "BX9" and changed.json()["version"] == 2
    stale = send(client, "patch", "api:update_asset", {"version": 1, "serial": "X"}, asset_id=pk)
    assert stale.status_code == 409
    issued = send(client, "post", "api:step_asset", {"action": "issue", "version": 2}, asset_id=pk)
    assert issued.json()["status"] == "issued"
    moved = send(
        client,
        "post",
        "api:move_asset",
        {"office": world.office_a1.pk, "version": issued.json()["version"]},
        asset_id=pk,
    )
    assert moved.status_code == 200, moved.content
    assert moved.json()["office"]["id"] == world.office_a1.pk
    assert moved.json()["area"]["id"] == world.block_a1.pk
    away = send(
        client,
        "post",
        "api:move_asset",
        {"office": world.office_b1.pk, "version": moved.json()["version"]},
        asset_id=pk,
    )
    assert away.status_code == 422  # an office the caller does not see


def test_verification_with_a_photo(world, kit, client_as) -> None:  # type: ignore[no-untyped-def]
    out = io.BytesIO()
    Image.new("RGB", (20, 20), "blue").save(out, format="PNG")
    client = client_as(world.bdo_a1)
    url = reverse("api:create_verification", kwargs={"asset_id": kit.projector_a1.pk})
    photo = SimpleUploadedFile("p.png", out.getvalue(), content_type="image/png")
    made = client.post(url, {"condition": "working", "photo": photo})
    assert made.status_code == 201, made.content
    assert made.json()["condition"] == "working" and len(made.json()["photo_sha256"]) == 64
    again = client.post(url, {"condition": "not_found"})
    assert again.status_code == 422 and "already verified" in again.content.decode()
    lists = client.get(reverse("api:list_suppliers"))
    assert [s["gstin"] for s in lists.json()] == ["20AAACJ1234K1Z5"]
