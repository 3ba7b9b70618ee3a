"""The links API: the list with the page's filters, one link, create, change (the version
check), a status step, providers."""

from __future__ import annotations

import pytest
from django.urls import reverse

from degs.connectivity.choices import LinkStatus
from degs.connectivity.models import Link

pytestmark = pytest.mark.django_db


def send(client, method: str, name: str, body: object = None, **kwargs: object):  # type: ignore[no-untyped-def]
    return getattr(client, method)(
        reverse(name, kwargs=kwargs or None), body or {}, content_type="application/json"
    )


def circuits(response) -> list[str]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.content
    return sorted(row["circuit_id"] for row in response.json()["items"])


def test_list_is_scoped_and_takes_the_page_filters(world, net, client_as):
    client = client_as(world.bdo_a1)
    url = reverse("api:list_links")
    assert circuits(client.get(url)) == ["BN-A1-001", "BN-GPA1-001"]
    assert circuits(client.get(url, {"status": "planned"})) == ["BN-GPA1-001"]
    assert circuits(client.get(url, {"q": "gpa1"})) == ["BN-GPA1-001"]
    assert circuits(client_as(world.dio_a).get(url, {"area": world.block_a2.pk})) == ["BN-A2-001"]
    assert client.get(url, {"status": "broken"}).status_code == 422


def test_get_one_and_out_of_scope_is_not_found(world, net, client_as):
    client = client_as(world.bdo_a1)
    body = send(client, "get", "api:get_link", link_id=net.link_a1.pk).json()
    assert (body["circuit_id"], body["area"]["id"], body["version"]) == (
        "BN-A1-001",
        world.block_a1.pk,
        1,
    )
    assert send(client, "get", "api:get_link", link_id=net.link_b1.pk).status_code == 404


def test_create_change_and_step(world, net, client_as):
    client = client_as(world.dio_a)
    created = send(
        client,
        "post",
        "api:create_link",
        {
            "provider": net.bsnl.pk,
            "circuit_id": "bn-gp-9",
            "kind": "bharatnet_gpon",
            "committed_kbps": 2000,
            "panchayat": world.gp_a1.pk,
            "sla": net.sla.pk,
        },
    )
    assert created.status_code == 201, created.content
    link_id = created.json()["id"]
    assert created.json()["status"] == LinkStatus.PLANNED
    changed = send(
        client, "patch", "api:update_link", {"version": 1, "committed_kbps": 4000}, link_id=link_id
    )
    assert changed.status_code == 200, changed.content
    assert changed.json()["version"] == 2
    stale = send(
        client, "patch", "api:update_link", {"version": 1, "committed_kbps": 1}, link_id=link_id
    )
    assert stale.status_code == 409
    assert "DIO A" in stale.json()["detail"]
    step = send(
        client, "post", "api:step_link", {"action": "provision", "version": 2}, link_id=link_id
    )
    assert step.status_code == 200, step.content
    assert step.json()["status"] == LinkStatus.PROVISIONING
    assert Link.objects.get(pk=link_id).committed_kbps == 4000


def test_circuit_taken_answers_on_the_field(world, net, client_as):
    response = send(
        client_as(world.dio_a),
        "post",
        "api:create_link",
        {
            "provider": net.bsnl.pk,
            "circuit_id": "BN-A2-001",
            "kind": "broadband",
            "committed_kbps": 2000,
            "office": world.office_a1.pk,
        },
    )
    assert response.status_code == 422
    assert "circuit_id" in str(response.json())


def test_engineer_may_not_create_or_step(world, net, client_as):
    client = client_as(net.engineer_a)
    body = {
        "provider": net.bsnl.pk,
        "circuit_id": "X-1",
        "kind": "broadband",
        "committed_kbps": 2000,
        "office": world.office_a1.pk,
    }
    assert send(client, "post", "api:create_link", body).status_code == 403
    step = {"action": "decommission", "version": 1, "remark": "x"}
    assert send(client, "post", "api:step_link", step, link_id=net.link_a1.pk).status_code == 403


def test_providers_list(world, net, client_as):
    response = client_as(world.bdo_a1).get(reverse("api:list_providers"))
    assert [p["code"] for p in response.json()] == ["bsnl"]
    assert client_as(world.operator_a1).get(reverse("api:list_providers")).status_code == 403
