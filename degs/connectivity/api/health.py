"""The API of the connectivity app's health part: where probes post heartbeats.

These operations are not for people: no session, no CSRF, no user's API token. Each link has
its own probe token (made on the link's token page), sent as ``Authorization: Bearer <token>``
or, for a monitor that can only call a URL (Uptime Kuma's push), in the address. A wrong token
answers 401; a link id that names no link in service answers 404 whatever the token
(docs/connectivity.md, "Heartbeats and probes").
"""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router, Schema
from ninja.security import HttpBearer

from degs.connectivity.schemas.health import HeartbeatsIn, IngestOut
from degs.connectivity.services import health
from degs.core.api import Id
from degs.core.exceptions import ApplicationError
from degs.core.schemas import Text

router = Router(tags=["network"])

MAX_BODY = 256 * 1024
"""The largest heartbeat post read (500 beats take about 80 KB)."""


class BodyTooLarge(ApplicationError):
    status = 413


class ProbeToken(HttpBearer):
    """A link's probe token in ``Authorization: Bearer``. The header is only taken here: the
    service compares it with the link's (so a wrong token answers 401, an unknown link 404).
    An oversized body is refused before it is parsed."""

    openapi_scheme = "bearer"

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BODY or len(request.body) > MAX_BODY:
            raise BodyTooLarge(
                _("The request is too large: send at most %(size)s.")
                % {"size": filesizeformat(MAX_BODY)}
            )
        return token or None


def _answer(result: health.IngestResult) -> dict[str, Any]:
    return {
        "accepted": result.accepted,
        "duplicates": result.duplicates,
        "rejected": result.rejected,
        "last_heartbeat_at": result.last_heartbeat_at,
        "status": result.status,
    }


@router.post(
    "/links/{link_id}/heartbeats",
    response=IngestOut,
    auth=ProbeToken(),
    url_name="link_heartbeats",
    summary="A probe's heartbeats for its link",
)
def link_heartbeats(request: HttpRequest, link_id: Id, payload: HeartbeatsIn) -> dict[str, Any]:
    """Store up to 500 heartbeats (a probe that was offline sends its backlog). A replayed beat
    is stored once and counted in ``duplicates``; a beat wrong on its own is in ``rejected``
    with its place in ``beats`` and why."""
    result = health.heartbeat_ingest(
        link_id=link_id,
        token=str(request.auth),  # type: ignore[attr-defined]
        beats=[beat.model_dump() for beat in payload.beats],
    )
    return _answer(result)


class PushIn(Schema):
    """Uptime Kuma's push parameters (``?status=up&msg=OK&ping=12``)."""

    status: Literal["up", "down"] = "up"
    msg: Text = ""
    ping: float | None = None


@router.api_operation(
    ["GET", "POST"],
    "/links/{link_id}/push/{token}",
    response=IngestOut,
    auth=None,
    openapi_extra={"x-also-answers": [401]},
    url_name="link_push",
    summary="One heartbeat in Uptime Kuma's push shape",
)
def link_push(
    request: HttpRequest, link_id: Id, token: str, params: Query[PushIn]
) -> dict[str, Any]:
    """For a monitor that can only call a URL: the push URL Uptime Kuma gives a push monitor,
    with this link's id and token in the path. ``status=up`` is one heartbeat at the server's
    time, ``ping`` its latency in milliseconds; ``status=down`` is refused in ``rejected``
    (silence is what opens an outage)."""
    if params.status != "up":
        beats: list[dict[str, Any]] = [{"at": None}]
    else:
        beats = [{"at": timezone.now().isoformat(), "latency_ms": params.ping}]
    result = health.heartbeat_ingest(link_id=link_id, token=token, beats=beats)
    if params.status != "up":
        result.rejected = [
            {"index": 0, "reason": str(_("A probe reporting “down” is not a heartbeat."))}
        ]
    return _answer(result)
