"""Schemathesis over the whole API, from its own OpenAPI description (docs/api.md, "Fuzzing").

Every operation is called with generated values, valid ones and deliberately invalid ones
(schemathesis's coverage phase adds the boundaries: 2^63, empty and huge strings, wrong types),
as a district administrator with an API token and as an anonymous caller, against the demo
district. Each answer must not be a server error, must carry a status the description declares
for that operation, and must match the schema declared for that status.

Bounded: ``DEGS_FUZZ_EXAMPLES`` examples per operation and identity in the fuzzing phase (20
by default), a fixed seed (``DEGS_FUZZ_SEED``) so that a failure in CI is reproduced by running
the same test again, no Hypothesis database.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, settings
from ninja.responses import NinjaJSONEncoder
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from config.api import api
from degs.accounts.demo import load_users
from degs.accounts.models import User
from degs.accounts.services import api_token_create
from degs.applications.demo import load_applications_demo
from degs.applications.models import Application
from degs.catalogue.demo import load_catalogue_demo
from degs.catalogue.models import Service
from degs.centres.demo import load_centres_demo
from degs.centres.models import Centre, Draw, Inspection, InspectionQuota, Operator, OperatorId
from degs.directory.demo import load_demo
from degs.directory.models import Area, Office, Post
from degs.reviews.demo import load_reviews_demo
from degs.reviews.models import Directive, Meeting

EXAMPLES = int(os.environ.get("DEGS_FUZZ_EXAMPLES", "20"))
SEED = int(os.environ.get("DEGS_FUZZ_SEED", "20261202"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    response_schema_conformance,
    content_type_conformance,
]

# Path parameters and the rows they name: half of the generated ids are turned into real ones,
# so that details, transitions and writes are reached, not only "not found".
PATH_MODELS: dict[str, Any] = {
    "area_id": Area,
    "office_id": Office,
    "post_id": Post,
    "meeting_id": Meeting,
    "directive_id": Directive,
    "centre_id": Centre,
    "operator_id": Operator,
    "record_id": OperatorId,
    "quota_id": InspectionQuota,
    "draw_id": Draw,
    "inspection_id": Inspection,
    "service_id": Service,
    "application_id": Application,
}

CONFIG = schemathesis.Config.from_dict(
    {
        "seed": SEED,
        "generation": {
            "mode": "all",
            "max-examples": EXAMPLES,
            "database": "none",
        },
        "phases": {
            "examples": {"enabled": False},
            "coverage": {"enabled": True},
            "fuzzing": {"enabled": True},
            "stateful": {"enabled": False},
        },
    }
)


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    """The demo district, loaded once for the module inside a transaction rolled back at the
    end (each test's own changes are rolled back after it by the ``db`` fixture's savepoint)."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            load_demo()
            load_users()  # the demo users are the accounts app's demo
            load_reviews_demo()
            load_centres_demo()
            load_catalogue_demo()
            load_applications_demo()
            dc = User.objects.get(username="dc.jamtara")
            _token, raw = api_token_create(actor=dc, name="schemathesis")
            ids = {
                name: list(model.objects.order_by("pk").values_list("pk", flat=True)[:50])
                for name, model in PATH_MODELS.items()
            }
            yield {"token": raw, "ids": ids}
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _keep_the_test_connection(demo: dict[str, Any], db: None) -> Iterator[None]:
    """Django's test client keeps the test's database connection open across requests; a WSGI
    call must too, so the per-request connection housekeeping is paused as the client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _tuples_as_arrays(node: Any) -> Any:
    """Schemathesis 4.32 turns an OpenAPI 3.1 tuple (``prefixItems``, as in ``/accounts/me``'s
    ``roles``) into the draft-4 ``items: [...]`` and then refuses it when it validates answers
    (schemathesis issue 3842); the tuple is checked here as an array of its members' types."""
    if isinstance(node, dict):
        node = {key: _tuples_as_arrays(value) for key, value in node.items()}
        if "prefixItems" in node:
            node["items"] = {"anyOf": node.pop("prefixItems")}
        return node
    if isinstance(node, list):
        return [_tuples_as_arrays(value) for value in node]
    return node


# The description as /api/openapi.json serves it; the requests go to the WSGI application.
schema = schemathesis.openapi.from_dict(
    _tuples_as_arrays(json.loads(json.dumps(api.get_openapi_schema(), cls=NinjaJSONEncoder))),
    config=CONFIG,
)
schema.app = WSGIHandler()


def _real_ids(case: Any, ids: dict[str, list[int]]) -> None:
    for name, value in (case.path_parameters or {}).items():
        known = ids.get(name)
        if known and isinstance(value, int) and not isinstance(value, bool) and value % 2 == 0:
            case.path_parameters[name] = known[(abs(value) // 2) % len(known)]


def _call(case: Any, demo: dict[str, Any], headers: dict[str, str]) -> None:
    _real_ids(case, demo["ids"])
    case.call_and_validate(headers=headers, checks=CHECKS)


HYPOTHESIS = settings(deadline=None, suppress_health_check=list(HealthCheck), database=None)


@schema.parametrize()
@HYPOTHESIS
def test_api_as_a_district_administrator(case: Any, demo: dict[str, Any]) -> None:
    _call(case, demo, {"Authorization": f"Bearer {demo['token']}"})


@schema.parametrize()
@HYPOTHESIS
def test_api_without_sign_in(case: Any, demo: dict[str, Any]) -> None:
    _call(case, demo, {})
