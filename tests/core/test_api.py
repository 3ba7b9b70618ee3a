"""The rules every API operation shares (degs.core.api, docs/api.md "Rules"): bounded
pagination, errors declared in the OpenAPI description and answered as JSON, one name per
schema, and no write left behind by a server error."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from ninja import Schema
from pydantic import BaseModel

from config.api import api
from degs.reviews.models import Meeting
from degs.reviews.services import committee_create

BIG = 2**63  # one past the largest 64-bit integer a database column holds


def _devanagari(text: str) -> int:
    return sum("\u0900" <= ch <= "\u097f" for ch in text)


def _openapi(client: Client) -> dict[str, Any]:
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    return response.json()


def _operations(schema: dict[str, Any]):  # type: ignore[no-untyped-def]
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def _lists(schema: dict[str, Any]) -> list[str]:
    """Every paginated list: the operations that take ``limit``."""
    return [
        path
        for path, method, operation in _operations(schema)
        if method == "get" and any(p["name"] == "limit" for p in operation.get("parameters", []))
    ]


def test_every_list_declares_the_bounds_of_limit_and_offset(db, client) -> None:
    schema = _openapi(client)
    lists = _lists(schema)
    assert len(lists) >= 10, lists
    for path in lists:
        params = {p["name"]: p["schema"] for p in schema["paths"][path]["get"]["parameters"]}
        assert (params["limit"]["minimum"], params["limit"]["maximum"]) == (1, 100), path
        assert (params["offset"]["minimum"], params["offset"]["maximum"]) == (0, 1_000_000), path


@pytest.mark.parametrize(
    "query",
    [
        {"limit": BIG},
        {"offset": BIG},
        {"limit": 100_000},
        {"limit": 0},
        {"offset": -1},
        {"offset": 1_000_001},
        {"limit": 100, "offset": BIG - 1},
    ],
)
def test_out_of_range_limit_or_offset_answers_422_on_every_list(
    world, client_as, query: dict[str, int]
) -> None:
    client = client_as(world.state_admin)
    for path in _lists(_openapi(client)):
        response = client.get(path, query)
        assert response.status_code == 422, (path, response.status_code, response.content[:300])
        body = response.json()
        assert body["detail"] and set(query) & set(json.dumps(body["errors"]).split('"')), path


def test_the_deepest_offset_and_the_largest_page_are_answered(world, client_as) -> None:
    client = client_as(world.state_admin)
    # A list under one row (a programme's targets) needs a row of the caller's: its own test
    # pages it (tests/rollouts/test_programmes_api.py).
    for path in (p for p in _lists(_openapi(client)) if "{" not in p):
        response = client.get(path, {"limit": 100, "offset": 1_000_000})
        # 403: lists the state administrator's roles carry nothing about (the centres')
        assert response.status_code in (200, 403), (path, response.content[:300])
        if response.status_code == 200:
            assert response.json()["items"] == [], path


def test_every_operation_declares_the_errors_it_can_answer(db, client) -> None:
    schema = _openapi(client)
    error = {"$ref": "#/components/schemas/Error"}
    assert schema["components"]["schemas"]["Error"]["required"] == ["detail"]
    for path, method, operation in _operations(schema):
        declared = set(operation["responses"])
        expected = set()
        if operation.get("security"):
            expected |= {"401", "403"}
        if operation.get("parameters") or "requestBody" in operation:
            expected |= {"404", "422"}
        if "requestBody" in operation:
            expected |= {"400", "413"}
        if method != "get":
            expected.add("409")
        assert expected <= declared, (method, path, sorted(expected - declared))
        for status in declared - {"200", "201"}:
            content = operation["responses"][status]["content"]["application/json"]
            assert content["schema"] == error, (method, path, status)
    # the answers the issue saw undeclared
    meeting = schema["paths"]["/api/reviews/meetings/{meeting_id}/"]["get"]["responses"]
    assert {"401", "404", "422"} <= set(meeting)
    transition = schema["paths"]["/api/reviews/directives/{directive_id}/transition/"]["post"]
    assert "409" in transition["responses"]


def _models(annotation: Any, seen: set[type]) -> None:
    """Collect every pydantic model reachable from a type (through lists, unions, fields)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation in seen:
            return
        seen.add(annotation)
        for field in annotation.model_fields.values():
            _models(field.annotation, seen)
        return
    for argument in getattr(annotation, "__args__", ()):
        _models(argument, seen)


def test_no_two_schemas_share_a_name_in_the_openapi_description(db, client) -> None:
    # ninja names each component after its class: two classes of one name would be documented
    # as one (application and centre history were both "EventOut", with one's fields)
    _openapi(client)  # builds the paged and wrapped response models
    seen: set[type] = set()
    for router in api._get_bound_routers():
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                for model in operation.response_models.values():
                    _models(model, seen)
                for model in operation.models:
                    _models(model, seen)
    by_name: dict[str, set[str]] = {}
    for model in seen:
        if issubclass(model, Schema) and model.__module__.startswith("degs."):
            by_name.setdefault(model.__name__, set()).add(model.__module__)
    assert len(by_name) > 20
    shared = {name: modules for name, modules in by_name.items() if len(modules) > 1}
    assert shared == {}, shared


def test_a_body_over_the_upload_limit_answers_413_in_json(world, client_as, settings) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2048
    client = client_as(world.dio_a)
    body = json.dumps({"committee_id": 1, "text": "x" * 4096})
    details = {}
    for language in ("en", "hi"):
        response = client.post(
            reverse("api:read_press_note"),
            body,
            content_type="application/json",
            HTTP_ACCEPT_LANGUAGE=language,
        )
        assert response.status_code == 413, response.content[:300]
        assert response["Content-Type"].startswith("application/json")
        details[language] = response.json()["detail"]
    assert "2.0" in details["en"]  # the limit in force, not a fixed figure
    assert _devanagari(details["hi"]) > 10 and not _devanagari(details["en"]), details


def test_a_body_that_is_not_json_answers_400_in_the_callers_language(world, client_as) -> None:
    response = client_as(world.dio_a).post(
        reverse("api:create_meeting"),
        "{not json",
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="hi",
    )
    assert response.status_code == 400
    assert _devanagari(response.json()["detail"]) > 10


def test_a_write_that_fails_after_saving_leaves_nothing_saved(
    world, client_as, monkeypatch
) -> None:
    # given a committee, and an answer that cannot be written (a fault injected after the
    # service has saved, as a zone-carrying time once was)
    committee = committee_create(
        actor=None,
        area=world.district_a,
        kind="executive",
        name="DeGS executive committee",
        name_hi="डीईजीएस कार्यकारिणी समिति",
        chair_post=world.post_dc_a,
        members=[world.post_dc_a],
    )

    def fail(*args: object, **kwargs: object) -> str:
        raise RuntimeError("the answer could not be written")

    client = client_as(world.dio_a)
    client.raise_request_exception = False
    monkeypatch.setattr(api.renderer, "render", fail)
    # when a client records a meeting (and would retry on the 500)
    response = client.post(
        reverse("api:create_meeting"),
        {"committee_id": committee.pk, "date": "2026-11-20", "agenda": ["Kiosks"]},
        content_type="application/json",
    )
    # then the server error saved nothing: a retry cannot make a duplicate
    assert response.status_code == 500
    assert not Meeting.objects.filter(committee=committee).exists()


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/api/applications/", {"service": BIG}),
        ("/api/applications/", {"block": BIG}),
        ("/api/applications/", {"centre": BIG}),
        ("/api/reviews/directives/", {"post": BIG}),
        ("/api/reviews/directives/", {"committee": BIG}),
        ("/api/reviews/meetings/", {"committee": BIG}),
        ("/api/directory/areas/", {"under": BIG}),
        ("/api/directory/posts/", {"under": BIG}),
        ("/api/centres/centres/", {"area": BIG}),
        ("/api/centres/operators/", {"area": BIG}),
        ("/api/centres/inspections/", {"centre": BIG}),
    ],
)
def test_an_id_no_database_can_hold_answers_422(world, client_as, path, query) -> None:
    response = client_as(world.dc_a).get(path, query)
    assert response.status_code == 422, (path, query, response.status_code)
    assert set(query) & set(json.dumps(response.json()["errors"]).split('"'))


def test_ids_no_database_can_hold_in_bodies_and_paths(world, client_as) -> None:
    client = client_as(world.dc_a)
    response = client.post(
        reverse("api:create_meeting"),
        {"committee_id": BIG, "date": "2026-11-20"},
        content_type="application/json",
    )
    assert response.status_code == 422
    for path in ("/api/reviews/meetings/{}/", "/api/applications/{}/", "/api/centres/centres/{}/"):
        assert client.get(path.format(BIG)).status_code == 404, path


def test_a_request_refused_before_the_api_answers_json_too(db, client) -> None:
    # an unknown Host header is refused by Django before any view runs
    response = client.get("/api/accounts/me/", HTTP_HOST="evil.example", HTTP_ACCEPT_LANGUAGE="hi")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert _devanagari(response.json()["detail"]) > 5
    # the pages keep their own page
    assert not client.get("/", HTTP_HOST="evil.example")["Content-Type"].startswith(
        "application/json"
    )
