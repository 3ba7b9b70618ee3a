"""Applications API: file at a centre, act, list, get, the officer's inbox, and (without
sign-in) certificate verification. Scoped like the pages: applications outside the caller's
areas (and not with a post they hold) answer 404; writes go through the services as the
caller; a stale ``version`` answers 409 with the current state; a refused form answers 422 with
each field's messages.

Documents travel as base64 in the JSON body (``documents: [{code, name, content_base64}]``), so
kiosk software can file in one request; they are checked by content like uploads on the page.
"""

import base64
import binascii
import datetime as dt
import uuid
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from pydantic import ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from degs.accounts.selectors import require_section
from degs.applications import selectors, services, signing
from degs.applications.choices import ISSUED
from degs.applications.disclosure import (
    Disclosure,
    disclosed_data,
    disclosed_mobile,
    disclosure,
)
from degs.applications.filters import ApplicationFilterSet
from degs.applications.models import Application
from degs.core.api import Id, act_on
from degs.core.filters import list_operation
from degs.core.models import in_reader_language
from degs.core.ratelimit import rate_limit
from degs.core.schemas import Text
from degs.core.typing import AuthedRequest

router = Router(tags=["applications"])
public_router = Router(tags=["certificates"])


class DocumentIn(Schema):
    code: Text
    name: Text = "document.pdf"
    content_base64: Text


class FileIn(Schema):
    centre: Id
    service: Id
    values: dict[str, Any]
    documents: list[DocumentIn] = []
    client_token: uuid.UUID | None = None


class ActIn(Schema):
    action: Text
    target: Text
    remark: Text = ""
    version: int


class ApplicationEventOut(Schema):
    """One step in an application's history: what happened, the workflow action, the states
    before and after, the remark, who and when."""

    kind: str
    action: str
    from_state: str
    to_state: str
    remark: str
    actor: str | None
    at: dt.datetime

    # The table's columns are the shared ``from_status``/``to_status``; the API keeps its names.
    @staticmethod
    def resolve_from_state(obj: Any) -> str:
        return str(obj.from_status)

    @staticmethod
    def resolve_to_state(obj: Any) -> str:
        return str(obj.to_status)

    @staticmethod
    def resolve_actor(obj: Any) -> str | None:
        return obj.actor.label if obj.actor else None

    @staticmethod
    def resolve_remark(obj: Any) -> str:
        return in_reader_language(obj.remark, obj.remark_hi)


class ApplicationRow(Schema):
    id: int
    number: str | None
    former_number: str = Field(
        "", description="The number before a move from a district's laptop (usually empty)."
    )
    service: str
    centre: str
    applicant_name: str
    state: str
    state_label: str
    submitted_at: dt.datetime | None
    due_date: dt.date | None
    step_due: dt.date | None
    assigned_post: str | None
    version: int

    @staticmethod
    def resolve_service(obj: Application) -> str:
        return obj.service.code

    @staticmethod
    def resolve_centre(obj: Application) -> str:
        return obj.centre.code

    @staticmethod
    def resolve_assigned_post(obj: Application) -> str | None:
        return obj.assigned_post.label if obj.assigned_post else None


class NextStep(Schema):
    action: str
    target: str
    designation: str


class ApplicationOut(ApplicationRow):
    """An application as the caller may see it (docs/accounts.md): ``disclosure`` is
    ``whole`` for the centre that filed it and the officers who act on it, else ``limited``:
    then the mobile and the form's personal fields are masked, and ``withheld`` names the
    fields left out of ``data``."""

    service_version: int
    disclosure: str
    mobile: str
    aadhaar_last4: str
    data: dict[str, Any]
    withheld: list[str]
    fee_paise: int
    decided_on: dt.date | None
    within_limit: bool | None
    certificate: str | None
    next_steps: list[NextStep]
    events: list[ApplicationEventOut]

    @staticmethod
    def resolve_service_version(obj: Application) -> int:
        return obj.service_version.number

    @staticmethod
    def resolve_disclosure(obj: Application, context: dict[str, Any]) -> str:
        return _seen(obj, context).level

    @staticmethod
    def resolve_mobile(obj: Application, context: dict[str, Any]) -> str:
        return disclosed_mobile(obj, whole=_seen(obj, context).whole)

    @staticmethod
    def resolve_data(obj: Application, context: dict[str, Any]) -> dict[str, Any]:
        return disclosed_data(obj, whole=_seen(obj, context).whole)[0]

    @staticmethod
    def resolve_withheld(obj: Application, context: dict[str, Any]) -> list[str]:
        return disclosed_data(obj, whole=_seen(obj, context).whole)[1]

    @staticmethod
    def resolve_certificate(obj: Application) -> str | None:
        if obj.state != ISSUED:  # only an issued application has one
            return None
        certificate = getattr(obj, "certificate", None)
        return certificate.number if certificate else None

    @staticmethod
    def resolve_next_steps(obj: Application) -> list[dict[str, str]]:
        from degs.applications.routing import steps_now

        return [
            {"action": s.action, "target": s.target, "designation": s.designation}
            for s in steps_now(obj.definition, obj.state)
        ]

    @staticmethod
    def resolve_events(obj: Application) -> list[Any]:
        return list(obj.events.all())  # read with the application (application_with_events)


def _seen(application: Application, context: dict[str, Any]) -> Disclosure:
    return disclosure(user=context["request"].user, application=application)


def _uploads(documents: list[DocumentIn]) -> list[services.Upload]:
    result = []
    for index, document in enumerate(documents):
        try:
            content = base64.b64decode(document.content_base64, validate=True)
        except (binascii.Error, ValueError) as error:
            raise services.ApplicationRefused(
                extra={"errors": {f"documents[{index}]": [_("Not valid base64.")]}}
            ) from error
        result.append(
            services.Upload(code=document.code, file=SimpleUploadedFile(document.name, content))
        )
    return result


@router.post("/", response={200: ApplicationOut, 201: ApplicationOut})
def file_application(request: AuthedRequest, payload: FileIn) -> object:
    """File an application at a centre the caller operates. Send a fresh ``client_token`` per
    form: sending the same one again (a retry) answers 200 with the application already filed,
    not a second one."""
    centre = selectors.centre_get(user=request.user, pk=payload.centre)
    service = selectors.service_get(user=request.user, pk=payload.service)
    application, created = services.application_submit(
        actor=request.user,
        centre=centre,
        service=service,
        values=payload.values,
        uploads=_uploads(payload.documents),
        client_token=payload.client_token,
    )
    if created:  # the row just written, with what it refers to already loaded
        return 201, application
    return 200, selectors.application_with_events(user=request.user, pk=application.pk)


list_operation(
    router,
    "/",
    ApplicationFilterSet,
    ApplicationRow,
    name="list_applications",
    section="applications",
    doc="The pages' rule (``roles.SECTIONS``): those who see applications.",
)


@router.get("/inbox/", response=list[ApplicationRow])
def inbox(request: AuthedRequest) -> object:
    """Applications waiting for a post the caller holds, soonest due first."""
    require_section(request.user, "applications")
    box = selectors.inbox(user=request.user)
    return [*box.overdue, *box.due_soon, *box.pending]


@router.get("/{application_id}/", response=ApplicationOut)
def get_application(request: AuthedRequest, application_id: int) -> object:
    return selectors.application_with_events(user=request.user, pk=application_id)


@router.post("/{application_id}/act/", response=ApplicationOut)
def act(request: AuthedRequest, application_id: int, payload: ActIn) -> object:
    """Take a workflow step (see ``next_steps``). ``version`` is the one you read: if someone
    acted first the answer is 409 and nothing changes."""
    return act_on(
        request,
        application_id,
        read=selectors.application_get,
        service=services.application_act,
        subject="application",
        payload=payload,
        answer=selectors.application_with_events,
    )


class VerifyOut(Schema):
    valid: bool
    status: str  # issued, revoked, unknown, invalid
    number: str | None = None
    # All the signed fields for a QR payload; for a number with its second fact only the
    # certificate number, service and dates (c, s, sn, sh, i, v). See docs/api.md.
    fields: dict[str, Any] | None = None
    revoked_on: dt.date | None = None
    revocation_reason: str | None = None
    public_key: str


class VerifyIn(Schema):
    payload: Text = Field("", description="What the QR code holds: the payload or its address.")
    number: Text = Field("", description="The certificate number printed on it.")
    last4: Text = Field(
        "",
        validate_default=True,
        description="With `number`: the last four digits (0-9) of the mobile given in the "
        "application.",
    )

    @field_validator("last4")
    @classmethod
    def _second_fact(cls, last4: str, info: ValidationInfo) -> str:
        """A number needs the digits; a payload needs none (its signature is the proof)."""
        if (
            str(info.data.get("payload", "")).strip()
            or not str(info.data.get("number", "")).strip()
        ):
            return last4
        if len(last4) != 4 or not last4.isascii() or not last4.isdigit():
            raise PydanticCustomError(
                "second_fact",
                _("Give the last four digits of the mobile given in the application."),
            )
        return last4


@public_router.get("/verify/", response=VerifyOut, auth=None)
def verify(request: HttpRequest, query: Query[VerifyIn]) -> object:
    """Check a certificate by its QR payload (or the address the QR holds), or by its number
    with ``last4``. No sign-in. A payload whose signature does not match answers ``status:
    invalid``; a number with wrong digits answers exactly like a number no certificate has.
    Limited per client address and hour together with the verification page (429)."""
    rate_limit(request, scope="verify", per_hour=settings.DEGS_VERIFY_LOOKUPS_PER_HOUR)
    if query.payload.strip():
        return selectors.verification(payload=query.payload)
    return selectors.verification(number=query.number, last4=query.last4)


@public_router.get("/key/", auth=None)
def public_key(request: HttpRequest) -> object:
    """The Ed25519 public key (base64) that signs certificates, for offline verification."""
    return {
        "algorithm": "Ed25519",
        "public_key": signing.public_key_text(),
        "key_id": signing.key_id(),
    }


__all__ = ["public_router", "router"]
