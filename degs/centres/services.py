"""Writes of the centres app. Each is atomic, checks who may act and leaves a ``CentreEvent``.

Centre and ID status changes check the version the user saw (``StaleVersion`` otherwise).
Inspections are idempotent on the form's ``client_token``; a surprise draw is made once per post
and period; a suspension or closure recommended by an inspection changes the centre only when
the district admin approves it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from degs.accounts.models import User
from degs.accounts.roles import Capability
from degs.accounts.selectors import require_capability
from degs.accounts.services import notice_send
from degs.centres import workflow
from degs.centres.choices import (
    NEEDS_APPROVAL,
    Answer,
    CentreGoal,
    CentreStatus,
    Decision,
    Equipment,
    IdStatus,
    InspectionResult,
    Period,
    Recommendation,
)
from degs.centres.models import (
    Centre,
    CentreEvent,
    CentreService,
    CentreSet,
    ChecklistItem,
    Draw,
    DrawItem,
    IdType,
    Inspection,
    InspectionPhoto,
    InspectionQuota,
    Operator,
    OperatorId,
)
from degs.core.aadhaar import aadhaar_parts
from degs.core.exceptions import (
    ApplicationError,
    InvalidTransition,
    OutOfJurisdiction,
    PermissionDenied,
    StaleVersion,
)
from degs.core.scoping import jurisdiction_of
from degs.core.text import clean_paragraphs, clean_text
from degs.directory.choices import AreaKind
from degs.directory.models import Area, Post

SERVED_KINDS = (AreaKind.GRAM_PANCHAYAT, AreaKind.WARD, AreaKind.BLOCK, AreaKind.MUNICIPALITY)


def _require(actor: User | None, capability: str, area: Area, message: Any = None) -> None:
    if actor is None:  # management commands, imports run by the system, the demo
        return
    require_capability(actor, capability, area, message)


def _require_manage(actor: User | None, area: Area) -> None:
    _require(
        actor,
        Capability.CENTRES_MANAGE,
        area,
        _("Only the CSC manager or the district administration may change centres."),
    )


def _event(
    *,
    actor: User | None,
    action: str,
    centre: Centre | None = None,
    operator: Operator | None = None,
    before: str = "",
    after: str = "",
    effective_on: dt.date | None = None,
    reason: str = "",
    order_reference: str = "",
    **data: Any,
) -> CentreEvent:
    return CentreEvent.objects.create(
        centre=centre,
        operator=operator,
        action=action,
        from_status=before,
        to_status=after,
        effective_on=effective_on,
        reason=reason,
        order_reference=order_reference,
        actor=actor,
        data=data,
    )


def _save(row: Model, actor: User | None) -> None:
    row.full_clean()
    row._history_user = actor  # type: ignore[attr-defined]
    row.save()


# --- operators ---------------------------------------------------------------------------------

OPERATOR_FIELDS = {"name", "name_hi", "mobile", "email", "area", "user", "is_active"}


def _operator_values(fields: dict[str, Any]) -> dict[str, Any]:
    values = dict(fields)
    for key in ("name", "name_hi", "mobile", "email"):
        if key in values:
            values[key] = clean_text(values[key] or "")
    return values


def _set_aadhaar(operator: Operator, aadhaar: str | None) -> None:
    if aadhaar is None:
        return
    if not aadhaar.strip():
        operator.aadhaar_last4, operator.aadhaar_hash = "", ""
        return
    try:
        operator.aadhaar_last4, operator.aadhaar_hash = aadhaar_parts(aadhaar)
    except ValidationError as error:
        raise ValidationError({"aadhaar": error.messages}) from error


@transaction.atomic
def operator_create(
    *, actor: User | None, area: Area, name: str, mobile: str, aadhaar: str = "", **fields: Any
) -> Operator:
    """Add an operator working in ``area``; Aadhaar, if given, is kept as last four + hash."""
    _require_manage(actor, area)
    if set(fields) - OPERATOR_FIELDS:
        raise ApplicationError(_("These fields cannot be set here."))
    operator = Operator(area=area, **_operator_values({"name": name, "mobile": mobile, **fields}))
    _set_aadhaar(operator, aadhaar)
    _save(operator, actor)
    _event(actor=actor, action="operator_added", operator=operator)
    return operator


@transaction.atomic
def operator_update(
    *,
    actor: User | None,
    operator: Operator,
    version: int,
    aadhaar: str | None = None,
    **fields: Any,
) -> Operator:
    """Change an operator's details; ``aadhaar=None`` keeps the number, "" removes it."""
    if set(fields) - OPERATOR_FIELDS:
        raise ApplicationError(_("These fields cannot be changed here."))
    locked = Operator.objects.select_for_update().get(pk=operator.pk)
    _require_manage(actor, locked.area)
    if locked.version != version:
        raise StaleVersion
    if "area" in fields:
        _require_manage(actor, fields["area"])
    for key, value in _operator_values(fields).items():
        setattr(locked, key, value)
    _set_aadhaar(locked, aadhaar)
    locked.version += 1
    _save(locked, actor)
    _event(actor=actor, action="operator_changed", operator=locked)
    return locked


def _id_type_for(operator: Operator, id_type: IdType) -> None:
    if not operator.area.path.startswith(id_type.state.path):
        raise ValidationError({"id_type": _("This ID is configured for another state.")})


@transaction.atomic
def operator_id_record(
    *,
    actor: User | None,
    operator: Operator,
    id_type: IdType,
    status: str = IdStatus.APPLIED,
    applied_on: dt.date,
    application_reference: str = "",
    number: str = "",
    decided_on: dt.date | None = None,
    remarks: str = "",
) -> OperatorId:
    """Record that an operator applied for (or already holds) an ID of ``id_type``."""
    _require_manage(actor, operator.area)
    _id_type_for(operator, id_type)
    if OperatorId.objects.filter(operator=operator, id_type=id_type).exists():
        raise ValidationError(
            {"id_type": _("This operator already has a record for this ID; change that one.")}
        )
    record = OperatorId(
        operator=operator,
        id_type=id_type,
        status=status,
        applied_on=applied_on,
        application_reference=clean_text(application_reference),
        number=clean_text(number),
        decided_on=decided_on,
        remarks=clean_paragraphs(remarks),
    )
    _check_id(record)
    record.full_clean()
    record.save()
    _event(
        actor=actor,
        action="id_recorded",
        operator=operator,
        after=status,
        effective_on=decided_on or applied_on,
        reason=record.remarks,
        order_reference=record.application_reference,
        id_type=id_type.code,
        number=record.number,
    )
    return record


def _check_id(record: OperatorId) -> None:
    errors: dict[str, Any] = {}
    today = timezone.localdate()
    if record.applied_on > today:
        errors["applied_on"] = _("The application date cannot be in the future.")
    if record.status == IdStatus.ISSUED and not record.number:
        errors["number"] = _("Give the number of the issued ID.")
    if record.status in (IdStatus.ISSUED, IdStatus.REJECTED):
        if record.decided_on is None:
            errors["decided_on"] = _("Give the date it was issued or rejected.")
        elif record.decided_on < record.applied_on:
            errors["decided_on"] = _("This date is before the application date.")
        elif record.decided_on > today:
            errors["decided_on"] = _("This date cannot be in the future.")
    if record.status == IdStatus.REJECTED and not record.remarks:
        errors["remarks"] = _("Say why it was rejected.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def operator_id_update(
    *,
    actor: User | None,
    record: OperatorId,
    version: int,
    status: str,
    application_reference: str | None = None,
    number: str | None = None,
    decided_on: dt.date | None = None,
    applied_on: dt.date | None = None,
    remarks: str | None = None,
) -> OperatorId:
    """Move an ID application on: under process, issued (with number) or rejected (with reason)."""
    locked = OperatorId.objects.select_for_update().select_related("operator__area").get(
        pk=record.pk
    )
    _require_manage(actor, locked.operator.area)
    if locked.version != version:
        raise StaleVersion
    before = locked.status
    if not workflow.id_status_allowed(before, status):
        raise InvalidTransition(
            _("An ID that is “%(before)s” cannot become “%(after)s”.")
            % {"before": IdStatus(before).label, "after": IdStatus(status).label}
        )
    locked.status = status
    if application_reference is not None:
        locked.application_reference = clean_text(application_reference)
    if number is not None:
        locked.number = clean_text(number)
    if remarks is not None:
        locked.remarks = clean_paragraphs(remarks)
    if applied_on is not None:
        locked.applied_on = applied_on
    if status == IdStatus.APPLIED and before == IdStatus.REJECTED:
        locked.decided_on = None
        locked.applied_on = applied_on or timezone.localdate()
    elif status in (IdStatus.ISSUED, IdStatus.REJECTED):
        locked.decided_on = decided_on or locked.decided_on or timezone.localdate()
    _check_id(locked)
    locked.version += 1
    locked.full_clean()
    locked.save()
    _event(
        actor=actor,
        action="id_changed",
        operator=locked.operator,
        before=before,
        after=status,
        effective_on=locked.decided_on or locked.applied_on,
        reason=locked.remarks,
        order_reference=locked.application_reference,
        id_type=locked.id_type.code,
        number=locked.number,
    )
    return locked


# --- centres -----------------------------------------------------------------------------------

CENTRE_FIELDS = {
    "name",
    "name_hi",
    "kind",
    "area",
    "premises",
    "address",
    "address_hi",
    "pincode",
    "latitude",
    "longitude",
    "phone",
    "opening_hours",
    "equipment",
    "operator",
    "complaints_open",
    "monthly_transactions",
}


def _centre_values(fields: dict[str, Any]) -> dict[str, Any]:
    values = dict(fields)
    for key in ("name", "name_hi", "pincode", "phone", "opening_hours"):
        if key in values:
            values[key] = clean_text(values[key] or "")
    for key in ("address", "address_hi"):
        if key in values:
            values[key] = clean_paragraphs(values[key] or "")
    if "equipment" in values:
        chosen = set(values["equipment"] or [])
        unknown = chosen - set(Equipment.values)
        if unknown:
            raise ValidationError({"equipment": _("Unknown equipment: %s") % ", ".join(unknown)})
        values["equipment"] = [e for e in Equipment.values if e in chosen]
    return values


def _check_centre(centre: Centre) -> None:
    if centre.area.kind not in SERVED_KINDS:
        raise ValidationError({"area": _("Choose the gram panchayat or ward the centre serves.")})
    # The operator must work in the centre's district (paths: state/district/...).
    if centre.operator is not None and centre.operator.area.path[:18] != centre.area.path[:18]:
        raise ValidationError({"operator": _("This operator works in another district.")})


@transaction.atomic
def centre_create(
    *,
    actor: User | None,
    code: str,
    name: str,
    kind: str,
    area: Area,
    services: Iterable[CentreService] = (),
    status: str = CentreStatus.PROPOSED,
    status_since: dt.date | None = None,
    **fields: Any,
) -> Centre:
    """Register a centre. It starts as proposed unless an import brings it in as it stands."""
    _require_manage(actor, area)
    if set(fields) - CENTRE_FIELDS:
        raise ApplicationError(_("These fields cannot be set here."))
    centre = Centre(
        code=clean_text(code).upper(),
        kind=kind,
        area=area,
        status=status,
        status_since=status_since or timezone.localdate(),
        **_centre_values({"name": name, **fields}),
    )
    _check_centre(centre)
    if Centre.objects.filter(code=centre.code).exists():
        raise ValidationError({"code": _("A centre with this code is already registered.")})
    _save(centre, actor)
    centre.services.set(list(services))
    _event(
        actor=actor,
        action="registered",
        centre=centre,
        operator=centre.operator,
        after=status,
        effective_on=centre.status_since,
    )
    return centre


@transaction.atomic
def centre_update(
    *,
    actor: User | None,
    centre: Centre,
    version: int,
    services: Iterable[CentreService] | None = None,
    **fields: Any,
) -> Centre:
    """Change a centre's details (not its status: that is ``centre_transition``)."""
    if set(fields) - CENTRE_FIELDS:
        raise ApplicationError(_("These fields cannot be changed here."))
    locked = Centre.objects.select_for_update().get(pk=centre.pk)
    _require_manage(actor, locked.area)
    if locked.version != version:
        raise StaleVersion
    if "area" in fields:
        _require_manage(actor, fields["area"])
    before_operator = locked.operator_id
    changed = []
    for key, value in _centre_values(fields).items():
        if getattr(locked, key) != value:
            changed.append(key)
        setattr(locked, key, value)
    _check_centre(locked)
    locked.version += 1
    _save(locked, actor)
    if services is not None:
        locked.services.set(list(services))
        changed.append("services")
    if changed:
        _event(actor=actor, action="changed", centre=locked, fields=sorted(changed))
    if locked.operator_id != before_operator:
        _event(
            actor=actor,
            action="operator_changed",
            centre=locked,
            operator=locked.operator,
            previous_operator=before_operator,
        )
    return locked


@transaction.atomic
def centre_transition(
    *,
    actor: User | None,
    centre: Centre,
    action: str,
    version: int,
    effective_on: dt.date,
    reason: str,
    order_reference: str = "",
    suspended_until: dt.date | None = None,
    _approval: Inspection | None = None,
) -> Centre:
    """Change a centre's status with the date it takes effect, the reason and the order."""
    locked = Centre.objects.select_for_update().select_related("area").get(pk=centre.pk)
    if _approval is None:
        _require_manage(actor, locked.area)
    if locked.version != version:
        raise StaleVersion
    transition = workflow.centre_transition_for(locked.status, action)
    if transition is None:
        raise InvalidTransition(
            _("A centre that is “%(status)s” cannot be changed this way.")
            % {"status": CentreStatus(locked.status).label}
        )
    reason = clean_paragraphs(reason)
    errors: dict[str, Any] = {}
    if not reason:
        errors["reason"] = _("Give the reason for this change.")
    if effective_on > timezone.localdate() + dt.timedelta(days=366):
        errors["effective_on"] = _("This date is too far ahead.")
    if transition.target == CentreStatus.SUSPENDED:
        if suspended_until is not None and suspended_until <= effective_on:
            errors["suspended_until"] = _("The suspension must end after it begins.")
    if errors:
        raise ValidationError(errors)
    before = locked.status
    locked.status = transition.target
    locked.status_since = effective_on
    locked.suspended_until = (
        suspended_until if transition.target == CentreStatus.SUSPENDED else None
    )
    locked.version += 1
    _save(locked, actor)
    _event(
        actor=actor,
        action=action,
        centre=locked,
        operator=locked.operator,
        before=before,
        after=locked.status,
        effective_on=effective_on,
        reason=reason,
        order_reference=clean_text(order_reference),
        inspection=_approval.pk if _approval else None,
        suspended_until=suspended_until.isoformat() if suspended_until else None,
    )
    return locked


# --- saved sets --------------------------------------------------------------------------------


@transaction.atomic
def centre_set_create(
    *,
    actor: User | None,
    name: str,
    area: Area,
    goal: str,
    name_hi: str = "",
    kind: str = "",
    status: str = "",
    premises: str = "",
    goal_id_type: IdType | None = None,
) -> CentreSet:
    """Save a filter over centres with a goal, so that a directive can be about it."""
    if actor is not None and not _can_review(actor, area):
        _require_manage(actor, area)
    if goal == CentreGoal.HAS_ID and goal_id_type is None:
        raise ValidationError({"goal_id_type": _("Choose the ID the goal asks for.")})
    if goal != CentreGoal.HAS_ID:
        goal_id_type = None
    centre_set = CentreSet(
        name=clean_text(name),
        name_hi=clean_text(name_hi),
        area=area,
        kind=kind,
        status=status,
        premises=premises,
        goal=goal,
        goal_id_type=goal_id_type,
        created_by=actor,
    )
    centre_set.full_clean()
    centre_set.save()
    return centre_set


def _can_review(actor: User, area: Area) -> bool:
    from degs.accounts.selectors import user_can

    return user_can(actor, Capability.REVIEWS_MANAGE, area)
