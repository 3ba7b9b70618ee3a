import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from degs.accounts import services
from degs.accounts.models import ApiToken
from degs.core.exceptions import ApplicationError, OutOfJurisdiction


def _bearer(raw: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_token_reads_api_within_holders_scope(world, client) -> None:
    _token, raw = services.api_token_create(actor=world.bdo_a1, name="block dashboard")
    response = client.get("/api/directory/areas/?limit=100", **_bearer(raw))
    assert response.status_code == 200
    names = {item["name"] for item in response.json()["items"]}
    assert "Block A1" in names and "Block B1" not in names
    office = client.get(f"/api/directory/offices/{world.office_b1.pk}/", **_bearer(raw))
    assert office.status_code == 404


def test_only_hash_is_stored(world) -> None:
    token, raw = services.api_token_create(actor=world.dc_a, name="x")
    assert raw not in token.key_hash and raw.startswith("degs_")
    assert ApiToken.objects.filter(key_hash=services.hash_token(raw)).exists()


@pytest.mark.parametrize("state", ["revoked", "expired", "inactive", "garbage"])
def test_dead_tokens_are_refused(world, client, state: str) -> None:
    token, raw = services.api_token_create(actor=world.dc_a, name="x")
    if state == "revoked":
        services.api_token_revoke(actor=world.dc_a, token_id=token.pk)
    elif state == "expired":
        ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(1))
    elif state == "inactive":
        world.dc_a.is_active = False
        world.dc_a.save()
    else:
        raw = "degs_not-a-token"
    response = client.get("/api/accounts/me/", **_bearer(raw))
    assert response.status_code == 401
    assert response.json()["detail"]


def test_cannot_revoke_someone_elses_token(world, client_as) -> None:
    token, _raw = services.api_token_create(actor=world.dc_a, name="x")
    with pytest.raises(OutOfJurisdiction):
        services.api_token_revoke(actor=world.bdo_a1, token_id=token.pk)
    response = client_as(world.bdo_a1).post(reverse("accounts:token_revoke", args=[token.pk]))
    assert response.status_code == 404


def test_token_needs_a_name(world) -> None:
    with pytest.raises(ApplicationError):
        services.api_token_create(actor=world.dc_a, name="  ")


def test_token_pages(world, client_as) -> None:
    client = client_as(world.dc_a)
    response = client.post(reverse("accounts:token_create"), {"name": "state dashboard"})
    assert response.status_code == 200
    raw = response.context["raw"]
    assert raw in response.content.decode()
    profile = client.get(reverse("accounts:profile")).content.decode()
    assert "state dashboard" in profile and raw not in profile


def test_me_endpoint(world, client) -> None:
    _token, raw = services.api_token_create(actor=world.bdo_a1, name="x")
    me = client.get("/api/accounts/me/", **_bearer(raw)).json()
    assert me["username"] == "bdo_a1"
    assert me["areas"] == [world.block_a1.pk]
    assert me["roles"] == [["block_officer", world.block_a1.pk]]
    assert me["posts"] == [world.post_bdo_a1.pk]


def test_a_refused_token_is_explained_on_the_profile_page_with_the_name_kept(
    world, client_as
) -> None:
    """One error policy: the reason on the form, in the user's language, nothing created
    (it was flashed after a redirect before)."""
    world.dc_a.language = "hi"
    world.dc_a.save()
    client = client_as(world.dc_a)
    client.cookies["degs_language"] = "hi"
    before = ApiToken.objects.count()
    response = client.post(
        reverse("accounts:token_create"), {"name": "dashboard", "expires_on": "not a date"}
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert 'value="dashboard"' in body
    assert "टोकन नहीं बना: नाम और तिथि जाँचें।" in body
    assert "The token was not created" not in body
    assert ApiToken.objects.count() == before
