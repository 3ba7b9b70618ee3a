"""The rollouts API's programmes and progress parts: the list with the page's filters and the
caller's figures, one programme, create, targets by list and by filter (a re-add adds nothing),
a target leaving the set, the progress on a day; scope."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from degs.rollouts.models import Target


def send(client, method: str, name: str, body: object = None, **kwargs: object):  # type: ignore[no-untyped-def]
    return getattr(client, method)(
        reverse(name, kwargs=kwargs or None), body or {}, content_type="application/json"
    )


def test_list_one_and_progress_are_scoped(roll, world, client_as):  # type: ignore[no-untyped-def]
    Target.objects.filter(pk=roll.target_a1.pk).update(done_on=timezone.localdate())
    dc = client_as(world.dc_a)
    rows = dc.get(reverse("api:list_programmes"), {"kind": "projector"}).json()["items"]
    assert [(r["code"], r["done"], r["in_set"]) for r in rows] == [("projectors-a", 1, 2)]
    assert dc.get(reverse("api:list_programmes"), {"kind": "vc"}).json()["items"] == []
    one = send(dc, "get", "api:get_programme", programme_id=roll.programme.pk).json()
    assert [m["weight"] for m in one["milestones"]] == [1, 2, 1]
    bdo = client_as(world.bdo_a1)
    rows = bdo.get(reverse("api:list_programmes")).json()["items"]
    assert [(r["done"], r["in_set"]) for r in rows] == [(1, 1)]  # block A1's target only
    progress = send(bdo, "get", "api:get_programme_progress", programme_id=roll.programme.pk)
    assert progress.json()["total"]["in_set"] == 1
    other = client_as(world.bdo_b1)
    assert (
        send(other, "get", "api:get_programme", programme_id=roll.programme.pk).status_code == 404
    )
    assert (
        send(other, "get", "api:get_programme_progress", programme_id=roll.programme.pk).status_code
        == 404
    )


def test_create_add_targets_and_leave(world, client_as):  # type: ignore[no-untyped-def]
    client = client_as(world.dio_a)
    today = timezone.localdate()
    created = send(
        client,
        "post",
        "api:create_programme",
        {
            "name": "e-Office in every office",
            "kind": "e_office",
            "area": world.district_a.pk,
            "starts_on": (today - dt.timedelta(days=10)).isoformat(),
            "due_on": (today + dt.timedelta(days=30)).isoformat(),
        },
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    refused = send(
        client,
        "post",
        "api:create_programme",
        {
            "name": "x",
            "kind": "rockets",
            "area": world.district_b.pk,
            "starts_on": "2026-01-01",
            "due_on": "2026-01-02",
        },
    )
    assert refused.status_code == 422
    body = {
        "under": world.district_a.pk,
        "office_kinds": ["block_office"],
        "offices": [world.dc_office_a.pk],
        "joined_on": (today - dt.timedelta(days=5)).isoformat(),
    }
    added = send(client, "post", "api:add_programme_targets", body, programme_id=pk)
    assert added.status_code == 200, added.content
    assert len(added.json()) == 3
    again = send(client, "post", "api:add_programme_targets", body, programme_id=pk)
    assert again.json() == []
    listed = client.get(reverse("api:list_programme_targets", kwargs={"programme_id": pk}))
    assert listed.json()["count"] == 3
    deepest = client.get(
        reverse("api:list_programme_targets", kwargs={"programme_id": pk}),
        {"limit": 100, "offset": 1_000_000},
    )
    assert deepest.status_code == 200 and deepest.json()["items"] == []
    target = Target.objects.get(programme_id=pk, office=world.office_a2)
    left = send(
        client,
        "post",
        "api:remove_target",
        {"left_on": today.isoformat(), "left_because": "closed"},
        target_id=target.pk,
    )
    assert left.status_code == 200, left.content
    assert left.json()["left_on"] == today.isoformat()
    progress = send(client, "get", "api:get_programme_progress", programme_id=pk).json()
    assert progress["total"]["in_set"] == 2
    yesterday = client.get(
        reverse("api:get_programme_progress", kwargs={"programme_id": pk}),
        {"on": (today - dt.timedelta(days=1)).isoformat()},
    ).json()
    assert yesterday["total"]["in_set"] == 3  # the office left today
    before = client.get(
        reverse("api:get_programme_progress", kwargs={"programme_id": pk}),
        {"on": (today - dt.timedelta(days=6)).isoformat()},
    ).json()
    assert before["total"]["in_set"] == 0  # they joined five days ago
