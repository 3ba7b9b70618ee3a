"""Centres API: scoped lists and details, writes through the services, clear errors, fixed
query counts, idempotent inspections and draws."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from degs.accounts.roles import Role
from degs.centres import services
from degs.centres.choices import CentreKind, CentreStatus, Decision, Period
from degs.centres.models import (
    Centre,
    CentreEvent,
    Draw,
    Inspection,
    InspectionQuota,
    Operator,
    OperatorId,
)
from tests.factories import UserFactory, grant, hold, make_designation, make_post

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
MISSING = 987654321
ALL_FINE = {
    "board": "yes",
    "rate_list": "yes",
    "operator_present": "yes",
    "internet": "yes",
    "overcharging": "no",
}


def send(client, method: str, name: str, body: object = None, **kwargs: object):  # type: ignore[no-untyped-def]
    return getattr(client, method)(
        reverse(name, kwargs=kwargs or None), body or {}, content_type="application/json"
    )


def get(client, name: str, query: dict | None = None, **kwargs: object):  # type: ignore[no-untyped-def]
    return client.get(reverse(name, kwargs=kwargs or None), query or {})


def ids(response) -> list[int]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["items"]]


def inspect(world, centre: Centre, actor=None, **extra: object) -> Inspection:  # type: ignore[no-untyped-def]
    values: dict[str, object] = {"answers": dict(ALL_FINE), "result": "functional"}
    values.update(extra)
    inspection, _created = services.inspection_record(
        actor=actor or world.csc_manager_a,
        centre=centre,
        client_token=uuid.uuid4(),
        finding=services.Finding(**values),  # type: ignore[arg-type]
    )
    return inspection


def inspection_body(centre: Centre, token: uuid.UUID, **extra: object) -> dict[str, object]:
    body: dict[str, object] = {
        "centre": centre.pk,
        "client_token": str(token),
        "answers": dict(ALL_FINE),
        "result": "functional",
        "latitude": 23.344123,
        "longitude": 85.309562,
        "accuracy_m": 12,
    }
    body.update(extra)
    return body


# --- who may call ------------------------------------------------------------------------------


def test_anonymous_is_refused_on_every_endpoint(world, centres, client) -> None:
    # given one row of each kind
    services.draw_create(actor=None, quota=centres.quota)
    draw = Draw.objects.get()
    inspection = inspect(world, centres.centre_a1, recommendation="warning")
    record = OperatorId.objects.get()
    centre, operator = centres.centre_a1.pk, centres.operator_a1.pk
    calls = [
        ("get", "api:list_centres", {}),
        ("post", "api:create_centre", {}),
        ("get", "api:get_centre", {"centre_id": centre}),
        ("patch", "api:update_centre", {"centre_id": centre}),
        ("post", "api:transition_centre", {"centre_id": centre}),
        ("get", "api:list_operators", {}),
        ("get", "api:get_operator", {"operator_id": operator}),
        ("get", "api:list_operator_ids", {}),
        ("post", "api:create_operator_id", {"operator_id": operator}),
        ("post", "api:update_operator_id", {"record_id": record.pk}),
        ("get", "api:list_quotas", {}),
        ("post", "api:create_draw", {"quota_id": centres.quota.pk}),
        ("get", "api:list_draws", {}),
        ("get", "api:get_draw", {"draw_id": draw.pk}),
        ("get", "api:list_inspections", {}),
        ("get", "api:get_inspection", {"inspection_id": inspection.pk}),
        ("post", "api:create_inspection", {}),
        ("post", "api:decide_inspection", {"inspection_id": inspection.pk}),
    ]
    events = CentreEvent.objects.count()
    for method, name, kwargs in calls:
        # when nobody is signed in
        response = send(client, method, name, {"version": 1}, **kwargs)
        # then every endpoint answers 401 with a sentence, and nothing changes
        assert response.status_code == 401, f"{method} {name}: {response.status_code}"
        assert "detail" in response.json()
    assert CentreEvent.objects.count() == events
    assert Draw.objects.count() == Inspection.objects.count() == 1


def test_openapi_describes_the_centres_api(client) -> None:
    schema = client.get("/api/openapi.json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert "/api/centres/centres/" in paths
    assert "/api/centres/inspections/{inspection_id}/decide/" in paths
    assert client.get("/api/docs").status_code == 200


def test_officers_without_a_centres_role_cannot_list_centres(world, centres, client_as) -> None:
    engineer = UserFactory(username="engineer_a")
    grant(engineer, Role.NETWORK_ENGINEER, world.district_a)
    client = client_as(engineer)
    for name in ("api:list_centres", "api:list_operators", "api:list_inspections"):
        assert get(client, name).status_code == 403, name
    # refused before the filters are checked: no 422 telling them what the area choice holds
    refused = get(client, "api:list_centres", {"area": 999999})
    assert refused.status_code == 403


def test_the_read_only_viewer_lists_centres_as_the_pages_do(world, centres, client_as) -> None:
    viewer = UserFactory(username="viewer_a")
    grant(viewer, Role.VIEWER, world.district_a)
    client = client_as(viewer)
    for name in ("api:list_centres", "api:list_operators", "api:list_inspections"):
        assert get(client, name).status_code == 200, name


# --- jurisdiction ------------------------------------------------------------------------------


@pytest.fixture
def district_b_rows(world, centres):  # type: ignore[no-untyped-def]
    """An ID, an inspection, a quota and a draw in district B, made by its block officer."""
    record = services.operator_id_record(
        actor=None, operator=centres.operator_b1, id_type=centres.bc, applied_on=TODAY()
    )
    inspection = inspect(world, centres.centre_b1, actor=world.bdo_b1)
    quota = InspectionQuota.objects.create(post=world.post_bdo_b1, count=2, period=Period.MONTH)
    draw, _created = services.draw_create(actor=None, quota=quota)
    return {"record": record, "inspection": inspection, "quota": quota, "draw": draw}


def test_district_b_is_absent_for_the_csc_manager_of_a(
    world, centres, district_b_rows, client_as
) -> None:
    # given district A's own rows too
    own_inspection = inspect(world, centres.centre_a1)
    services.draw_create(actor=None, quota=centres.quota)
    client = client_as(world.csc_manager_a)
    # then lists hold district A only
    assert ids(get(client, "api:list_centres")) == [
        centres.centre_a1.pk,
        centres.centre_a1b.pk,
        centres.centre_a2.pk,
    ]
    assert centres.operator_b1.pk not in ids(get(client, "api:list_operators"))
    assert set(ids(get(client, "api:list_operators"))) == {
        centres.operator_a1.pk,
        centres.operator_a1b.pk,
    }
    listed_ids = ids(get(client, "api:list_operator_ids"))
    assert listed_ids and district_b_rows["record"].pk not in listed_ids
    assert ids(get(client, "api:list_inspections")) == [own_inspection.pk]
    assert district_b_rows["draw"].pk not in ids(get(client, "api:list_draws"))
    assert ids(get(client, "api:list_quotas")) == [centres.quota.pk]
    # and district B's details answer 404 exactly like rows that do not exist
    for name, kwarg, pk in [
        ("api:get_centre", "centre_id", centres.centre_b1.pk),
        ("api:get_operator", "operator_id", centres.operator_b1.pk),
        ("api:get_inspection", "inspection_id", district_b_rows["inspection"].pk),
        ("api:get_draw", "draw_id", district_b_rows["draw"].pk),
    ]:
        hidden = get(client, name, **{kwarg: pk})
        missing = get(client, name, **{kwarg: MISSING})
        assert hidden.status_code == missing.status_code == 404, name
        assert hidden.json() == missing.json()
    # and so do writes to them
    for method, name, kwargs, body in [
        ("patch", "api:update_centre", {"centre_id": centres.centre_b1.pk}, {"version": 1}),
        (
            "post",
            "api:transition_centre",
            {"centre_id": centres.centre_b1.pk},
            {"action": "suspend", "version": 1, "reason": "x"},
        ),
        (
            "post",
            "api:update_operator_id",
            {"record_id": district_b_rows["record"].pk},
            {"version": 1, "status": "issued"},
        ),
        (
            "post",
            "api:create_operator_id",
            {"operator_id": centres.operator_b1.pk},
            {"id_type": "jharseva", "applied_on": TODAY().isoformat()},
        ),
        ("post", "api:create_draw", {"quota_id": district_b_rows["quota"].pk}, {}),
        (
            "post",
            "api:decide_inspection",
            {"inspection_id": district_b_rows["inspection"].pk},
            {"version": 1, "approve": True},
        ),
    ]:
        assert send(client, method, name, body, **kwargs).status_code == 404, name
    # and an inspection of a district B centre names the field
    response = send(
        client, "post", "api:create_inspection", inspection_body(centres.centre_b1, uuid.uuid4())
    )
    assert response.status_code == 422
    assert "centre" in response.json()["errors"]


def test_block_officers_see_their_own_block_only(
    world, centres, district_b_rows, client_as
) -> None:
    client = client_as(world.bdo_a1)
    assert ids(get(client, "api:list_centres")) == [centres.centre_a1.pk, centres.centre_a1b.pk]
    assert get(client, "api:get_centre", centre_id=centres.centre_a2.pk).status_code == 404
    client = client_as(world.bdo_b1)
    assert ids(get(client, "api:list_centres")) == [centres.centre_b1.pk]
    assert ids(get(client, "api:list_inspections")) == [district_b_rows["inspection"].pk]
    assert ids(get(client, "api:list_draws")) == [district_b_rows["draw"].pk]
    assert get(client, "api:get_centre", centre_id=centres.centre_a1.pk).status_code == 404
    assert get(client, "api:get_operator", operator_id=centres.operator_a1.pk).status_code == 404


# --- centres -----------------------------------------------------------------------------------


def test_centre_list_filters(world, centres, client_as) -> None:
    client = client_as(world.csc_manager_a)
    a1, a1b, a2 = centres.centre_a1.pk, centres.centre_a1b.pk, centres.centre_a2.pk
    for query, expected in [
        ({"q": "market"}, [a1b]),
        ({"kind": "pragya_kendra"}, [a1, a2]),
        ({"status": "proposed"}, [a2]),
        ({"premises": "panchayat_bhawan", "without_id": "jharseva"}, [a1]),
        ({"area": world.block_a2.pk}, [a2]),
        ({"area": world.block_b1.pk}, []),
        ({"not_inspected_days": 30}, [a1, a1b, a2]),
    ]:
        assert ids(get(client, "api:list_centres", query)) == expected, query
    inspect(world, centres.centre_a1)
    assert ids(get(client, "api:list_centres", {"not_inspected_days": 30})) == [a1b, a2]
    # a value that is not a choice is refused rather than ignored
    assert get(client, "api:list_centres", {"kind": "kiosk"}).status_code == 422


def test_centre_list_pages_hold_at_most_100(world, centres, client_as) -> None:
    Centre.objects.bulk_create(
        Centre(code=f"BULK-{i:03d}", name=f"Bulk {i}", kind=CentreKind.CSC, area=world.gp_a1)
        for i in range(105)
    )
    client = client_as(world.csc_manager_a)
    body = get(client, "api:list_centres").json()
    assert (len(body["items"]), body["count"]) == (100, 108)
    # more than 100 is refused, not quietly cut short (docs/api.md)
    refused = get(client, "api:list_centres", {"limit": 1000})
    assert refused.status_code == 422
    assert "limit" in str(refused.json()["errors"])


def test_centre_detail_shows_services_operator_and_history(world, centres, client_as) -> None:
    number = "499118665246"  # UIDAI's published test number
    operator = services.operator_update(
        actor=None,
        operator=centres.operator_a1,
        version=centres.operator_a1.version,
        aadhaar=number,
    )
    response = get(client_as(world.csc_manager_a), "api:get_centre", centre_id=centres.centre_a1.pk)
    assert response.status_code == 200
    body = response.json()
    assert body["services"] == ["certificates"]
    assert body["operator"]["aadhaar_last4"] == number[-4:]
    assert body["actions"] == ["suspend", "close"]
    # the centre's events and its operator's, newest first
    assert [e["action"] for e in body["history"]] == [
        "operator_changed",
        "registered",
        "operator_added",
    ]
    text = response.content.decode()
    assert number not in text
    assert operator.aadhaar_hash not in text
    assert "aadhaar_hash" not in text
    # an inspector who may not manage sees no actions
    as_bdo = get(client_as(world.bdo_a1), "api:get_centre", centre_id=centres.centre_a1.pk)
    assert as_bdo.json()["actions"] == []


def test_register_activate_and_change_a_centre(world, centres, client_as) -> None:
    client = client_as(world.csc_manager_a)
    # when the CSC manager registers a centre
    created = send(
        client,
        "post",
        "api:create_centre",
        {
            "code": "jh-a1-003",
            "name": "Pragya Kendra A1 Haat",
            "kind": "pragya_kendra",
            "area": world.gp_a1.pk,
            "premises": "panchayat_bhawan",
            "phone": "9123456789",
            "services": ["certificates"],
            "equipment": ["printer", "pc"],
            "operator": centres.operator_a1b.pk,
            "latitude": 23.344123,
        },
    )
    # then it is proposed, with its services, operator and a history
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["code"], body["status"], body["version"]) == ("JH-A1-003", "proposed", 1)
    assert body["services"] == ["certificates"]
    assert body["equipment"] == ["pc", "printer"]
    assert body["operator"]["id"] == centres.operator_a1b.pk
    assert body["latitude"] == "23.344123"
    assert body["history"][0]["action"] == "registered"
    assert body["history"][0]["actor"] == world.csc_manager_a.label
    # when it is activated
    activated = send(
        client,
        "post",
        "api:transition_centre",
        {"action": "activate", "version": 1, "reason": "Inaugurated", "order_reference": "DC/7"},
        centre_id=body["id"],
    )
    assert activated.status_code == 200, activated.content
    body = activated.json()
    assert (body["status"], body["status_since"], body["version"]) == (
        "active",
        TODAY().isoformat(),
        2,
    )
    assert body["history"][0]["action"] == "activate"
    assert body["history"][0]["order_reference"] == "DC/7"
    # and when its details change, only what was sent changes
    changed = send(
        client,
        "patch",
        "api:update_centre",
        {"version": 2, "opening_hours": "10:00 to 17:00", "operator": None, "services": []},
        centre_id=body["id"],
    )
    assert changed.status_code == 200, changed.content
    body = changed.json()
    assert (body["opening_hours"], body["operator"], body["services"]) == (
        "10:00 to 17:00",
        None,
        [],
    )
    assert (body["name"], body["phone"], body["version"]) == (
        "Pragya Kendra A1 Haat",
        "9123456789",
        3,
    )


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"phone": "12345"}, "phone"),
        ({"area": "district_a"}, "area"),
        ({"area": "gp_b1"}, "area"),
        ({"area": MISSING}, "area"),
        ({"services": ["certificates", "banking"]}, "services"),
        ({"operator": "operator_b1"}, "operator"),
        ({"operator": "inactive"}, "operator"),
        ({"code": "JH-A1-001"}, "code"),
        ({"kind": "kiosk"}, "kind"),
        ({"pincode": "0123"}, "pincode"),
        ({"latitude": 51.5}, "latitude"),
        ({"equipment": ["fax"]}, "equipment"),
    ],
)
def test_bad_centre_is_422_naming_the_field(world, centres, client_as, change, field) -> None:
    body: dict[str, object] = {
        "code": "JH-A1-010",
        "name": "New",
        "kind": "csc",
        "area": world.gp_a1.pk,
    }
    for key, value in change.items():
        if key == "area" and isinstance(value, str):
            value = getattr(world, value).pk
        if value == "inactive":
            Operator.objects.filter(pk=centres.operator_a1b.pk).update(is_active=False)
            value = "operator_a1b"
        if key == "operator":
            value = getattr(centres, value).pk
        body[key] = value
    before = Centre.objects.count()
    response = send(client_as(world.csc_manager_a), "post", "api:create_centre", body)
    assert response.status_code == 422, response.content
    assert field in response.json()["errors"]
    assert Centre.objects.count() == before


def test_transition_errors(world, centres, client_as) -> None:
    centre = centres.centre_a1
    url_kwargs = {"centre_id": centre.pk}
    client = client_as(world.csc_manager_a)
    # a change without a reason names the field
    no_reason = send(
        client,
        "post",
        "api:transition_centre",
        {"action": "suspend", "version": centre.version},
        **url_kwargs,
    )
    assert no_reason.status_code == 422
    assert "reason" in no_reason.json()["errors"]
    # a suspension ending before it begins names the field
    backwards = send(
        client,
        "post",
        "api:transition_centre",
        {
            "action": "suspend",
            "version": centre.version,
            "reason": "Closed during visit",
            "suspended_until": (TODAY() - dt.timedelta(days=1)).isoformat(),
        },
        **url_kwargs,
    )
    assert backwards.status_code == 422
    assert "suspended_until" in backwards.json()["errors"]
    # an action the status does not allow is a conflict
    activate = send(
        client,
        "post",
        "api:transition_centre",
        {"action": "activate", "version": centre.version, "reason": "x"},
        **url_kwargs,
    )
    assert activate.status_code == 409
    # a block officer may look but not change
    refused = send(
        client_as(world.bdo_a1),
        "post",
        "api:transition_centre",
        {"action": "suspend", "version": centre.version, "reason": "x"},
        **url_kwargs,
    )
    assert refused.status_code == 403
    assert "detail" in refused.json()
    centre.refresh_from_db()
    assert centre.status == CentreStatus.ACTIVE


def test_stale_version_is_409(world, centres, client_as) -> None:
    centre = centres.centre_a1
    client = client_as(world.csc_manager_a)
    seen = centre.version
    first = send(
        client,
        "post",
        "api:transition_centre",
        {"action": "suspend", "version": seen, "reason": "Operator absent"},
        centre_id=centre.pk,
    )
    assert first.status_code == 200
    for method, name, body in [
        ("post", "api:transition_centre", {"action": "close", "version": seen, "reason": "x"}),
        ("patch", "api:update_centre", {"version": seen, "name": "Renamed"}),
    ]:
        response = send(client, method, name, body, centre_id=centre.pk)
        assert response.status_code == 409, name
        assert "detail" in response.json()
    centre.refresh_from_db()
    assert (centre.status, centre.name) == ("suspended", "Pragya Kendra A1")


def test_patch_refuses_fields_it_cannot_change(world, centres, client_as) -> None:
    centre = centres.centre_a1
    response = send(
        client_as(world.csc_manager_a),
        "patch",
        "api:update_centre",
        {"version": centre.version, "status": "closed"},
        centre_id=centre.pk,
    )
    assert response.status_code == 422
    centre.refresh_from_db()
    assert (centre.status, centre.version) == ("active", 1)


# --- operators and their IDs -------------------------------------------------------------------


def test_operator_detail_never_shows_the_aadhaar_number(world, centres, client_as) -> None:
    number = "499118665246"  # UIDAI's published test number
    services.operator_update(
        actor=None,
        operator=centres.operator_a1,
        version=centres.operator_a1.version,
        aadhaar=number,
    )
    stored = Operator.objects.get(pk=centres.operator_a1.pk)
    client = client_as(world.csc_manager_a)
    for response in (
        get(client, "api:get_operator", operator_id=stored.pk),
        get(client, "api:list_operators", {"q": "Ramesh"}),
    ):
        assert response.status_code == 200
        text = response.content.decode()
        assert number[-4:] in text
        assert number not in text
        assert stored.aadhaar_hash not in text
        assert "aadhaar_hash" not in text
    detail = get(client, "api:get_operator", operator_id=centres.operator_a1b.pk).json()
    assert [(i["id_type"]["code"], i["status"]) for i in detail["ids"]] == [("jharseva", "issued")]


def test_operator_filters(world, centres, client_as) -> None:
    client = client_as(world.csc_manager_a)
    assert ids(get(client, "api:list_operators", {"q": "sunita"})) == [centres.operator_a1b.pk]
    assert ids(get(client, "api:list_operators", {"q": "9876543210"})) == [centres.operator_a1.pk]
    assert ids(get(client, "api:list_operators", {"area": world.block_a2.pk})) == []


def test_record_and_move_on_an_id(world, centres, client_as) -> None:
    client = client_as(world.csc_manager_a)
    applied = TODAY() - dt.timedelta(days=40)
    # when the CSC manager records a BC ID application
    created = send(
        client,
        "post",
        "api:create_operator_id",
        {"id_type": "bc", "applied_on": applied.isoformat(), "application_reference": "BC/9"},
        operator_id=centres.operator_a1.pk,
    )
    assert created.status_code == 201, created.content
    record = created.json()
    assert (record["status"], record["days_pending"], record["id_type"]["code"]) == (
        "applied",
        40,
        "bc",
    )
    # then the lists find it
    assert ids(get(client, "api:list_operator_ids", {"pending_days": 30})) == [record["id"]]
    assert ids(get(client, "api:list_operator_ids", {"pending_days": 45})) == []
    assert ids(get(client, "api:list_operator_ids", {"id_type": "bc"})) == [record["id"]]
    issued = ids(get(client, "api:list_operator_ids", {"status": "issued"}))
    assert issued == [OperatorId.objects.get(number="JS-1001").pk]
    # when it is issued without a number, the field is named
    url = {"record_id": record["id"]}
    no_number = send(
        client, "post", "api:update_operator_id", {"version": 1, "status": "issued"}, **url
    )
    assert no_number.status_code == 422
    assert "number" in no_number.json()["errors"]
    # and with a number it is issued
    done = send(
        client,
        "post",
        "api:update_operator_id",
        {"version": 1, "status": "issued", "number": "BC-55"},
        **url,
    )
    assert done.status_code == 200, done.content
    assert (done.json()["status"], done.json()["number"], done.json()["version"]) == (
        "issued",
        "BC-55",
        2,
    )
    # an old version, an issued ID going back, or a status that does not exist are refused
    stale = send(
        client, "post", "api:update_operator_id", {"version": 1, "status": "rejected"}, **url
    )
    assert stale.status_code == 409
    back = send(
        client, "post", "api:update_operator_id", {"version": 2, "status": "applied"}, **url
    )
    assert back.status_code == 409
    bogus = send(client, "post", "api:update_operator_id", {"version": 2, "status": "lost"}, **url)
    assert bogus.status_code == 422


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"id_type": "passport"}, "id_type"),
        ({"id_type": "jharseva"}, "id_type"),  # Sunita already has one
        ({"id_type": "bc", "applied_on": "2999-01-01"}, "applied_on"),
        ({"id_type": "bc", "status": "rejected", "decided_on": "2020-01-01"}, "remarks"),
        ({"id_type": "bc", "status": "lost"}, "status"),
    ],
)
def test_bad_id_is_422_naming_the_field(world, centres, client_as, body, field) -> None:
    payload = {"applied_on": "2019-06-01", **body}
    before = OperatorId.objects.count()
    response = send(
        client_as(world.csc_manager_a),
        "post",
        "api:create_operator_id",
        payload,
        operator_id=centres.operator_a1b.pk,
    )
    assert response.status_code == 422, response.content
    assert field in response.json()["errors"]
    assert OperatorId.objects.count() == before


# --- quotas and draws --------------------------------------------------------------------------


def test_draw_once_per_period_and_follow_it(world, centres, client_as) -> None:
    client = client_as(world.csc_manager_a)
    quota = get(client, "api:list_quotas").json()["items"][0]
    assert (quota["id"], quota["count"], quota["period"], quota["done"], quota["draw_id"]) == (
        centres.quota.pk,
        3,
        "month",
        0,
        None,
    )
    assert quota["period_start"] == TODAY().replace(day=1).isoformat()
    # when the CSC manager draws this month's list
    first = send(client, "post", "api:create_draw", quota_id=centres.quota.pk)
    assert first.status_code == 201, first.content
    draw = first.json()
    # then it holds district A's active centres, in order, none inspected yet
    assert [i["rank"] for i in draw["items"]] == [1, 2]
    assert {i["centre"]["id"] for i in draw["items"]} == {
        centres.centre_a1.pk,
        centres.centre_a1b.pk,
    }
    assert all("never_inspected" in i["reasons"] for i in draw["items"])
    assert not any(i["inspected"] for i in draw["items"])
    # and drawing again gives back the same list
    again = send(client, "post", "api:create_draw", quota_id=centres.quota.pk)
    assert again.status_code == 200
    assert again.json()["id"] == draw["id"]
    assert again.json()["items"] == draw["items"]
    assert Draw.objects.count() == 1
    # when a drawn centre is inspected, the draw and the quota show it
    response = send(
        client, "post", "api:create_inspection", inspection_body(centres.centre_a1, uuid.uuid4())
    )
    assert response.status_code == 201
    detail = get(client, "api:get_draw", draw_id=draw["id"]).json()
    assert detail["done"] == 1
    inspected = [i for i in detail["items"] if i["inspected"]]
    assert [i["centre"]["id"] for i in inspected] == [centres.centre_a1.pk]
    assert inspected[0]["inspection_id"] == response.json()["id"]
    listed = get(client, "api:list_draws").json()["items"]
    assert [(d["id"], d["done"]) for d in listed] == [(draw["id"], 1)]
    quota = get(client, "api:list_quotas").json()["items"][0]
    assert (quota["done"], quota["remaining"], quota["draw_id"]) == (1, 2, draw["id"])


def test_block_officer_cannot_draw_for_the_district(world, centres, client_as) -> None:
    response = send(client_as(world.bdo_a1), "post", "api:create_draw", quota_id=centres.quota.pk)
    assert response.status_code == 404
    assert Draw.objects.count() == 0


# --- inspections -------------------------------------------------------------------------------


def test_inspection_sent_twice_is_recorded_once(world, centres, client_as) -> None:
    client = client_as(world.csc_manager_a)
    token = uuid.uuid4()
    body = inspection_body(centres.centre_a1b, token)
    first = send(client, "post", "api:create_inspection", body)
    assert first.status_code == 201, first.content
    again = send(client, "post", "api:create_inspection", body)
    assert again.status_code == 200
    assert again.json() == first.json()
    assert Inspection.objects.count() == 1
    inspection = first.json()
    assert inspection["client_token"] == str(token)
    assert inspection["answers"] == ALL_FINE
    assert (inspection["latitude"], inspection["accuracy_m"], inspection["photos"]) == (
        "23.344123",
        12,
        0,
    )
    assert inspection["post"]["id"] == centres.post_csc.pk
    assert inspection["inspector"] == world.csc_manager_a.label
    centres.centre_a1b.refresh_from_db()
    assert centres.centre_a1b.last_inspected_on == TODAY()
    # someone else sending the same token finds nothing
    other = send(client_as(world.dc_a), "post", "api:create_inspection", body)
    assert other.status_code == 404
    assert Inspection.objects.count() == 1


def test_kiosk_software_with_a_token_retries_safely(world, centres) -> None:
    from django.test import Client

    from degs.accounts.services import api_token_create

    _token, raw = api_token_create(actor=world.csc_manager_a, name="inspection app")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    body = inspection_body(centres.centre_a1, uuid.uuid4())
    statuses = [send(client, "post", "api:create_inspection", body).status_code for _ in range(3)]
    assert statuses == [201, 200, 200]
    assert Inspection.objects.get().inspector == world.csc_manager_a
    unknown = Client(HTTP_AUTHORIZATION="Bearer degs_not-a-token")
    assert send(unknown, "post", "api:create_inspection", body).status_code == 401


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"answers": {"board": "yes"}}, "q_rate_list"),
        ({"answers": {**ALL_FINE, "toilet": "yes"}}, "answers"),
        ({"result": "closed"}, "result"),
        ({"result": "partly"}, "remarks"),
        ({"recommendation": "fine", "result": "partly", "remarks": "No board"}, "fine_amount"),
        ({"visited_on": "2999-01-01"}, "visited_on"),
        ({"centre": MISSING}, "centre"),
    ],
)
def test_bad_inspection_is_422_naming_the_field(world, centres, client_as, change, field) -> None:
    body = {**inspection_body(centres.centre_a1, uuid.uuid4()), **change}
    response = send(client_as(world.csc_manager_a), "post", "api:create_inspection", body)
    assert response.status_code == 422, response.content
    assert field in response.json()["errors"]
    assert Inspection.objects.count() == 0


def test_proposed_centre_is_not_inspected(world, centres, client_as) -> None:
    body = inspection_body(centres.centre_a2, uuid.uuid4())
    response = send(client_as(world.csc_manager_a), "post", "api:create_inspection", body)
    assert response.status_code == 409


def test_closure_waits_for_the_district_admin(world, centres, client_as) -> None:
    centre = centres.centre_a1
    client = client_as(world.csc_manager_a)
    # when the CSC manager recommends closure
    recorded = send(
        client,
        "post",
        "api:create_inspection",
        inspection_body(
            centre,
            uuid.uuid4(),
            answers={**ALL_FINE, "operator_present": "no", "board": "no"},
            result="non_functional",
            recommendation="closure",
            remarks="Shut for months; equipment removed.",
        ),
    )
    assert recorded.status_code == 201
    inspection = recorded.json()
    assert (inspection["decision"], inspection["faults"], inspection["actions"]) == (
        "pending",
        2,
        [],
    )
    listed = get(client, "api:list_inspections", {"awaiting": "true", "centre": centre.pk})
    assert ids(listed) == [inspection["id"]]
    assert ids(get(client, "api:list_inspections", {"centre": centres.centre_a1b.pk})) == []
    url = {"inspection_id": inspection["id"]}
    # then the CSC manager may not decide it
    refused = send(client, "post", "api:decide_inspection", {"version": 1, "approve": True}, **url)
    assert refused.status_code == 403
    # but the DC may, and the centre is closed
    dc = client_as(world.dc_a)
    assert get(dc, "api:get_inspection", **url).json()["actions"] == ["decide"]
    no_remark = send(dc, "post", "api:decide_inspection", {"version": 1, "approve": False}, **url)
    assert no_remark.status_code == 422
    assert "remark" in no_remark.json()["errors"]
    # recorded without a position: approving needs the acknowledgement
    unacknowledged = send(
        dc, "post", "api:decide_inspection", {"version": 1, "approve": True}, **url
    )
    assert unacknowledged.status_code == 422
    assert "acknowledge_position" in unacknowledged.json()["errors"]
    assert get(dc, "api:get_inspection", **url).json()["position_check"] == "not_checked"
    approved = send(
        dc,
        "post",
        "api:decide_inspection",
        {
            "version": 1,
            "approve": True,
            "order_reference": "DC/CSC/12",
            "acknowledge_position": True,
        },
        **url,
    )
    assert approved.status_code == 200, approved.content
    body = approved.json()
    assert (body["decision"], body["decided_by"], body["version"]) == (
        "approved",
        world.dc_a.label,
        2,
    )
    centre.refresh_from_db()
    assert centre.status == CentreStatus.CLOSED
    assert centre.events.filter(action="close", order_reference="DC/CSC/12").exists()
    assert ids(get(dc, "api:list_inspections", {"awaiting": "true"})) == []
    # and deciding again is a conflict
    again = send(dc, "post", "api:decide_inspection", {"version": 2, "approve": True}, **url)
    assert again.status_code == 409
    stale = send(dc, "post", "api:decide_inspection", {"version": 1, "approve": True}, **url)
    assert stale.status_code == 409
    assert Inspection.objects.get().decision == Decision.APPROVED


# --- query budgets -----------------------------------------------------------------------------


def _queries(client, url: str) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    assert response.json()["count"] > 0, url
    return len(captured.captured_queries)


def test_lists_keep_a_fixed_number_of_queries(world, centres, client_as) -> None:
    services.draw_create(actor=None, quota=centres.quota)
    client = client_as(world.csc_manager_a)

    def add(n: int, start: int) -> None:
        for i in range(start, start + n):
            operator = services.operator_create(
                actor=None, area=world.gp_a1, name=f"Op {i}", mobile=f"9{i:09d}"
            )
            centre = services.centre_create(
                actor=None,
                code=f"Q-{i}",
                name=f"Q {i}",
                kind="csc",
                area=world.gp_a1,
                status="active",
                operator=operator,
                services=[centres.certificates],
            )
            services.operator_id_record(
                actor=None, operator=operator, id_type=centres.bc, applied_on=TODAY()
            )
            inspect(world, centre)
            # a post of the block with a weekly quota, a holder and this week's draw
            post = make_post(make_designation("dsp", Role.INSPECTOR), world.block_a1, seat=str(i))
            hold(post, UserFactory(username=f"inspector{i}"))
            quota = InspectionQuota.objects.create(post=post, count=1, period=Period.WEEK)
            services.draw_create(actor=None, quota=quota)

    names = [
        "api:list_centres",
        "api:list_operators",
        "api:list_operator_ids",
        "api:list_quotas",
        "api:list_draws",
        "api:list_inspections",
    ]
    add(1, 0)
    urls = [reverse(name) + "?limit=100" for name in names]
    before = [_queries(client, url) for url in urls]
    add(9, 1)
    after = [_queries(client, url) for url in urls]
    assert after == before, dict(zip(names, zip(before, after, strict=True), strict=True))
    assert max(before) <= 12, dict(zip(names, before, strict=True))
