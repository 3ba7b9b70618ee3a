"""What every API operation shares, in one place: the error body and the error statuses each
operation declares in the OpenAPI description, pagination with a bounded ``limit`` and
``offset``, and writes that leave nothing behind when the server fails after saving.

``config/api.py`` builds the one ``DegsAPI``; routers declare only their successful answers.
The contract is written out in ``docs/api.md`` ("Rules").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import wraps
from typing import Annotated, Any

from django.db import transaction
from django.http import HttpRequest, HttpResponseBase
from django.urls import URLPattern
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Schema
from ninja.pagination import LimitOffsetPagination
from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

MAX_LIMIT = 100
"""The most rows one list answer holds (and the default)."""

MAX_OFFSET = 1_000_000
"""The deepest a list can be read by offset; past it, narrow the list with its filters."""

MAX_ID = 2**63 - 1
"""The largest key a database row can have (a 64-bit integer, on SQLite and PostgreSQL)."""

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})

Id = Annotated[int, Field(ge=1, le=MAX_ID)]
"""The type of every id the API takes in a query or a body: a number that can name a row. A
larger one (2^63) answers 422 instead of reaching the database, which cannot hold it."""


class ErrorOut(Schema):
    """Every error the API answers: a sentence in the caller's language and, for refused
    input, what is wrong with each field or parameter."""

    detail: str
    errors: dict[str, Any] | list[Any] | None = None


class Pagination(LimitOffsetPagination):
    """The one pagination of every API list. Values out of range answer 422 (never a silently
    shortened page, never a database error); the bounds are in the OpenAPI description."""

    class Input(Schema):
        limit: int = Field(
            MAX_LIMIT, ge=1, le=MAX_LIMIT, description=f"rows to return, 1 to {MAX_LIMIT}"
        )
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description=f"rows to skip, 0 to {MAX_OFFSET}")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_limit=MAX_LIMIT, **kwargs)


def _local_time(value: dt.time) -> dt.time:
    if value.tzinfo is not None:
        raise PydanticCustomError(
            "time_with_zone",
            _("Give the local time without a time zone or offset, such as 10:30."),
        )
    return value


LocalTime = Annotated[dt.time, AfterValidator(_local_time)]
"""A time of day as the district's clocks show it. A time with a zone or offset
("10:30+05:30") is refused with 422 before anything is saved: a time of day alone cannot be
moved between zones, and a zone-carrying time could not be stored or answered."""


# --- the error statuses each operation declares ------------------------------------------------

_ERROR_DESCRIPTIONS = {
    400: "The request could not be read or carried out (the body is not JSON, or a rule of "
    "the domain refused it).",
    401: "No valid session or API token.",
    403: "Signed in, but not allowed to do this (or the CSRF token is missing).",
    404: "Not found, or outside the caller's areas (answered alike).",
    409: "The record changed since the version sent, or its state does not allow this.",
    413: "The body is larger than the server accepts (DATA_UPLOAD_MAX_MEMORY_SIZE).",
    422: "Invalid values: `errors` names each field or parameter and what is wrong.",
    429: "Too many look-ups from this connection; try again later.",
}


def error_statuses(operation: dict[str, Any], method: str) -> set[int]:
    """The error statuses an operation can answer, read from its own OpenAPI description:
    what it takes as input, whether it needs sign-in, and whether it writes."""
    has_body = "requestBody" in operation
    has_input = has_body or bool(operation.get("parameters"))
    statuses: set[int] = set()
    if operation.get("security"):
        statuses |= {401, 403}
    else:
        statuses.add(429)  # public look-ups are rate-limited (degs.core.ratelimit)
    if has_input:
        statuses |= {404, 422}  # an id may name nothing the caller sees
    if has_body:
        statuses |= {400, 413}
    if method.upper() not in SAFE_METHODS:
        statuses.add(409)
    # What an operation answers beyond these, named in its ``openapi_extra``: a probe's push
    # address takes its token in the path, not as the API's credential, and answers 401.
    statuses |= {int(status) for status in operation.get("x-also-answers", ())}
    return statuses


def _atomic_writes(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """A request that may write runs in one transaction that includes writing the answer: a
    server error anywhere, even after a service has saved, leaves nothing saved (so a retrying
    client never makes a duplicate)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.method in SAFE_METHODS:
            return view(request, *args, **kwargs)
        with transaction.atomic():
            response = view(request, *args, **kwargs)
            if response.status_code >= 500:  # answered, not raised (e.g. with DEBUG)
                transaction.set_rollback(True)
            return response

    return wrapper


class DegsAPI(NinjaAPI):
    """The NinjaAPI with the shared rules above applied to every operation of every router."""

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(**kwargs)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components["Error"] = ErrorOut.model_json_schema(
            ref_template="#/components/schemas/{model}"
        )
        error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
        for methods in schema["paths"].values():
            for method, operation in methods.items():
                responses = operation.setdefault("responses", {})
                for status in sorted(error_statuses(operation, method)):
                    responses.setdefault(
                        status, {"description": _ERROR_DESCRIPTIONS[status], "content": error}
                    )
        return schema

    @property
    def urls(self) -> tuple[list[Any], str, str]:
        patterns, app_name, namespace = super().urls
        for pattern in patterns:
            if isinstance(pattern, URLPattern):
                pattern.callback = _atomic_writes(pattern.callback)
        return patterns, app_name, namespace


def act_on(
    request: Any,
    pk: int,
    *,
    read: Callable[..., Any],
    service: Callable[..., Any],
    subject: str,
    payload: Schema,
    answer: Callable[..., Any] | None = None,
    **values: Any,
) -> Any:
    """The API's one way to act on an object: read it in the caller's scope (``read(user=,
    pk=)``: 404 outside it), call ``service(actor=caller, <subject>=obj, ...)`` with the
    payload's fields (``values`` add to them or replace them) and answer the object as it now
    is (read again, by ``answer`` when its answer needs more than ``read`` gives). A refusal
    is the service's exception, answered by the API's one error policy (``config/api.py``)."""
    obj = read(user=request.user, pk=pk)
    service(actor=request.user, **{subject: obj}, **{**payload.model_dump(), **values})
    return (answer or read)(user=request.user, pk=pk)
