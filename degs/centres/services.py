"""Writes of the centres app. Each is atomic, checks who may act and leaves a ``CentreEvent``.

Centre and ID status changes check the version the user saw (``StaleVersion`` otherwise).
Inspections are idempotent on the form's ``client_token``; a surprise draw is made once per post
and period; a suspension or closure recommended by an inspection changes the centre only when
the district admin approves it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from degs.accounts.models import User
from degs.accounts.selectors import users_with_capability
from degs.accounts.services import notice_send
from degs.centres import workflow
from degs.centres.choices import (
    NEEDS_APPROVAL,
    SERVED_KINDS,
    Answer,
    CentreGoal,
    CentreStatus,
    Decision,
    Equipment,
    IdStatus,
    InspectionResult,
    PositionCheck,
    Recommendation,
    period_bounds,
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
from degs.core.bilingual import Bilingual, sentence, typed
from degs.core.exceptions import (
    ApplicationError,
    InvalidTransition,
    OutOfJurisdiction,
    StaleVersion,
)
from degs.core.formatting import format_date, group_indian
from degs.core.geo import distance_m
from degs.core.mobile import read_mobile
from degs.core.permissions import Capability, require_capability
from degs.core.photos import check_photo
from degs.core.registry import provided
from degs.core.scoping import district_path, jurisdiction_of
from degs.core.text import clean_paragraphs, clean_text
from degs.core.uploads import NewFiles
from degs.core.workflow import check_version, lock, record_event, transition
from degs.directory.models import Area, Post
from degs.directory.selectors import district_setting, held_post_ids

RowT = TypeVar("RowT", bound=Model)


def _ledger(name: str, inspection: Inspection) -> None:
    """Post or reverse an inspection's fine in the user-charge ledger, which a later app keeps
    (``provides`` in its config: centres does not import it). Without such an app installed
    there is no ledger to post to."""
    book = provided(name)
    if book is not None:
        book(inspection=inspection)


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


def _save(row: Model, actor: User | None) -> None:
    row.full_clean()
    row._history_user = actor  # type: ignore[attr-defined]
    row.save()


def _lock_for_change(
    row: RowT, *, actor: User | None, version: int, fields: dict[str, Any], allowed: set[str]
) -> RowT:
    """``row`` (a centre or an operator) under its row lock, for a change of ``fields`` by a
    manager of its area and of the area it moves to: refused when a field may not be changed
    here, or when the row changed since the user saw ``version`` (StaleVersion)."""
    if set(fields) - allowed:
        raise ApplicationError(_("These fields cannot be changed here."))
    locked = type(row)._default_manager.select_for_update().get(pk=row.pk)
    _require_manage(actor, locked.area)  # type: ignore[attr-defined]
    if locked.version != version:  # type: ignore[attr-defined]
        raise StaleVersion
    if "area" in fields:
        _require_manage(actor, fields["area"])
    return locked


# --- operators ---------------------------------------------------------------------------------

OPERATOR_FIELDS = {"name", "name_hi", "mobile", "email", "area", "user", "is_active"}


def _operator_values(fields: dict[str, Any]) -> dict[str, Any]:
    values = dict(fields)
    for key in ("name", "name_hi", "mobile", "email"):
        if key in values:
            values[key] = clean_text(values[key] or "")
    if "mobile" in values:
        values["mobile"] = read_mobile(values["mobile"])
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
    record_event(CentreEvent, actor=actor, action="operator_added", operator=operator)
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
    locked = _lock_for_change(
        operator, actor=actor, version=version, fields=fields, allowed=OPERATOR_FIELDS
    )
    for key, value in _operator_values(fields).items():
        setattr(locked, key, value)
    _set_aadhaar(locked, aadhaar)
    locked.version += 1
    _save(locked, actor)
    record_event(CentreEvent, actor=actor, action="operator_changed", operator=locked)
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
    check_id(record)
    record.full_clean()
    record.save()
    record_event(
        CentreEvent,
        actor=actor,
        action="id_recorded",
        operator=operator,
        to_status=status,
        effective_on=decided_on or applied_on,
        remark=record.remarks,
        order_reference=record.application_reference,
        data={"id_type": id_type.code, "number": record.number},
    )
    return record


def check_id(record: OperatorId) -> None:
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
    """Move an ID application on: under process, issued (with number) or rejected (with reason);
    the same status keeps the application where it is and changes its details. A step is the
    ID workflow's (``workflow.ID``)."""
    locked = lock(workflow.ID, record)
    _require_manage(actor, locked.operator.area)
    check_version(workflow.ID, locked, version)
    before = locked.status
    if status not in IdStatus.values:
        raise ValidationError({"status": _("Choose the status.")})
    step = workflow.id_step(before, status)
    if status != before and step is None:
        raise InvalidTransition(
            _("An ID that is “%(before)s” cannot become “%(after)s”.")
            % {"before": IdStatus(before).label, "after": IdStatus(status).label}
        )
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
    fields = ["application_reference", "number", "remarks", "applied_on", "decided_on"]

    def checked(row: OperatorId, step: Any = None) -> list[str]:
        check_id(row)
        row.full_clean()
        return fields

    columns = {
        "action": "id_changed",
        "effective_on": locked.decided_on or locked.applied_on,
        "order_reference": locked.application_reference,
    }
    facts = {"id_type": locked.id_type.code, "number": locked.number}
    if step is not None:
        return transition(
            workflow.ID,
            locked,
            step.action,
            actor=actor,
            version=version,
            remark=locked.remarks,
            apply=checked,
            event=columns,
            data=facts,
            locked=locked,
        )
    # The same status: the application's details change, written as the table's steps are.
    checked(locked)
    locked.version += 1
    locked.save(update_fields=[*fields, "version", "updated_at"])
    record_event(
        CentreEvent,
        actor=actor,
        operator=locked.operator,
        from_status=before,
        to_status=status,
        remark=locked.remarks,
        data=facts,
        **columns,
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
    if "phone" in values:
        values["phone"] = read_mobile(values["phone"])
    for key in ("address", "address_hi"):
        if key in values:
            values[key] = clean_paragraphs(values[key] or "")
    if "equipment" in values:
        chosen = set(values["equipment"] or [])
        unknown = chosen - set(Equipment.values)
        if unknown:
            raise ValidationError(
                {"equipment": _("Unknown equipment: %(unknown)s") % {"unknown": ", ".join(unknown)}}
            )
        values["equipment"] = [e for e in Equipment.values if e in chosen]
    return values


def check_centre(centre: Centre) -> None:
    if centre.area.kind not in SERVED_KINDS:
        raise ValidationError({"area": _("Choose the gram panchayat or ward the centre serves.")})
    # The operator must work in the centre's district (paths: state/district/...).
    if centre.operator is not None and district_path(centre.operator.area.path) != district_path(
        centre.area.path
    ):
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
    duplicate = ValidationError({"code": _("A centre with this code is already registered.")})
    errors: dict[str, Any] = {}
    if Centre.objects.filter(code=centre.code).exists():
        errors["code"] = duplicate.message_dict["code"]
    for check in (lambda: check_centre(centre), lambda: centre.full_clean()):
        try:
            check()
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors.setdefault(field, messages)
    if errors:
        raise ValidationError(errors)
    centre._history_user = actor  # type: ignore[attr-defined]
    try:
        with transaction.atomic():
            centre.save()
    except IntegrityError as error:
        # The same code registered a moment ago by someone else.
        raise duplicate from error
    centre.services.set(list(services))
    record_event(
        CentreEvent,
        centre,
        actor=actor,
        action="registered",
        operator=centre.operator,
        to_status=status,
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
    locked = _lock_for_change(
        centre, actor=actor, version=version, fields=fields, allowed=CENTRE_FIELDS
    )
    before_operator = locked.operator_id
    changed = []
    for key, value in _centre_values(fields).items():
        if getattr(locked, key) != value:
            changed.append(key)
        setattr(locked, key, value)
    check_centre(locked)
    locked.version += 1
    _save(locked, actor)
    if services is not None:
        locked.services.set(list(services))
        changed.append("services")
    if changed:
        record_event(
            CentreEvent, locked, actor=actor, action="changed", data={"fields": sorted(changed)}
        )
    if locked.operator_id != before_operator:
        record_event(
            CentreEvent,
            locked,
            actor=actor,
            action="operator_changed",
            operator=locked.operator,
            data={"previous_operator": before_operator},
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
    reason: str | Bilingual,
    order_reference: str = "",
    suspended_until: dt.date | None = None,
    _approval: Inspection | None = None,
) -> Centre:
    """Change a centre's status with the date it takes effect, the reason and the order: a
    step of the centre workflow (``workflow.CENTRE``), refused in the order: who may change
    centres (``centres.manage``; the district administration approving ``_approval``), the
    version the user saw, the status, then the reason and the dates all at once."""
    flow = workflow.CENTRE
    locked = lock(flow, centre)

    def gate(row: Centre) -> None:
        if _approval is None:
            _require_manage(actor, row.area)

    if flow.find(action) is None:  # no such step: refused after who and which version
        gate(locked)
        check_version(flow, locked, version)
        raise InvalidTransition(flow.refusal % {"status": CentreStatus(locked.status).label})

    def validate(row: Centre, step: Any, written: Bilingual) -> None:
        errors: dict[str, Any] = {}
        if effective_on > timezone.localdate() + dt.timedelta(days=366):
            errors["effective_on"] = _("This date is too far ahead.")
        if (
            step.target == CentreStatus.SUSPENDED
            and suspended_until is not None
            and suspended_until <= effective_on
        ):
            errors["suspended_until"] = _("The suspension must end after it begins.")
        if errors:
            raise ValidationError(errors)

    def apply(row: Centre, step: Any) -> list[str]:
        row.status_since = effective_on
        row.suspended_until = suspended_until if step.target == CentreStatus.SUSPENDED else None
        row.full_clean()
        row._history_user = actor  # type: ignore[attr-defined]
        return ["status_since", "suspended_until"]

    return transition(
        flow,
        locked,
        action,
        actor=actor,
        version=version,
        remark=reason,
        gate=gate,
        validate=validate,
        apply=apply,
        locked=locked,
        event={
            "operator": locked.operator,
            "effective_on": effective_on,
            "order_reference": clean_text(order_reference),
        },
        data={
            "inspection": _approval.pk if _approval else None,
            "suspended_until": suspended_until.isoformat() if suspended_until else None,
            **(
                {"position_check": _approval.position_check, "distance_m": _approval.distance_m}
                if _approval
                else {}
            ),
        },
    )


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
    from degs.core.permissions import user_can

    return user_can(actor, Capability.REVIEWS_MANAGE, area)


# --- periods and surprise draws ----------------------------------------------------------------


# How much each reason adds to a centre's chance of being drawn (a centre starts at 1).
DRAW_WEIGHTS: dict[str, float] = {
    "never_inspected": 2.0,
    "per_90_days_since_inspection": 1.0,  # capped at 2
    "per_open_complaint": 1.0,  # capped at 3
    "low_activity": 1.5,
}
LOW_ACTIVITY_BELOW = 30  # transactions last month


@dataclass(frozen=True)
class Candidate:
    centre_id: int
    weight: float
    reasons: tuple[str, ...]


def centre_weight(
    *,
    last_inspected_on: dt.date | None,
    complaints_open: int,
    monthly_transactions: int | None,
    on: dt.date,
) -> tuple[float, tuple[str, ...]]:
    """A centre's weight in a surprise draw, and the reasons behind it."""
    weight, reasons = 1.0, []
    if last_inspected_on is None:
        weight += DRAW_WEIGHTS["never_inspected"]
        reasons.append("never_inspected")
    else:
        days = (on - last_inspected_on).days
        if days >= 90:
            reasons.append("not_recently")
        weight += min(days / 90, 2.0) * DRAW_WEIGHTS["per_90_days_since_inspection"]
    if complaints_open:
        weight += min(complaints_open, 3) * DRAW_WEIGHTS["per_open_complaint"]
        reasons.append("complaints")
    if monthly_transactions is not None and monthly_transactions < LOW_ACTIVITY_BELOW:
        weight += DRAW_WEIGHTS["low_activity"]
        reasons.append("low_activity")
    return round(weight, 4), tuple(reasons)


def draw_candidates(*, area: Area, on: dt.date, window_days: int) -> list[Candidate]:
    """Active centres under ``area`` not inspected within the window, in a fixed order."""
    since = on - dt.timedelta(days=window_days)
    rows = (
        Centre.objects.under(area.path)
        .filter(status=CentreStatus.ACTIVE)
        .exclude(last_inspected_on__gt=since)
        .order_by("pk")
        .values_list("pk", "last_inspected_on", "complaints_open", "monthly_transactions")
    )
    result = []
    for pk, last, complaints, transactions in rows.iterator(chunk_size=5000):
        weight, reasons = centre_weight(
            last_inspected_on=last,
            complaints_open=complaints,
            monthly_transactions=transactions,
            on=on,
        )
        result.append(Candidate(pk, weight, reasons))
    return result


def weighted_sample(candidates: Sequence[Candidate], size: int, seed: int) -> list[Candidate]:
    """``size`` candidates drawn without replacement, each with chance by weight.

    Efraimidis and Spirakis: every candidate gets the key u ** (1 / weight) from one seeded
    generator, in the candidates' order; the largest keys win. Same candidates and seed, same
    list, in the same order.
    """
    generator = random.Random(seed)  # noqa: S311 - a reproducible draw, not a secret
    keyed = [(generator.random() ** (1.0 / c.weight), c) for c in candidates]
    keyed.sort(key=lambda pair: pair[0], reverse=True)
    return [c for _, c in keyed[:size]]


def candidates_digest(candidates: Sequence[Candidate]) -> str:
    """A fingerprint of the candidates and weights, kept with the draw to show it replays."""
    text = ";".join(f"{c.centre_id}:{c.weight}" for c in candidates)
    return hashlib.sha256(text.encode()).hexdigest()


def _may_act_as(actor: User | None, post: Post, area: Area) -> None:
    if actor is None or post.pk in held_post_ids(actor):
        return
    _require_manage(actor, area)


@transaction.atomic
def draw_create(
    *,
    actor: User | None,
    quota: InspectionQuota,
    on: dt.date | None = None,
    seed: int | None = None,
    size: int | None = None,
    window_days: int | None = None,
) -> tuple[Draw, bool]:
    """Draw this period's surprise list for the quota's post; once per post and period.

    Drawing again in the same period (a double click, or hoping for a kinder list) gives back
    the list already drawn. Returns (draw, whether it was drawn now).
    """
    day = on or timezone.localdate()
    area = quota.scope_area
    if actor is not None and not jurisdiction_of(actor).covers(quota.post.area.path):
        raise OutOfJurisdiction
    _may_act_as(actor, quota.post, area)
    start, end = period_bounds(quota.period, day)
    existing = Draw.objects.filter(post=quota.post, period_start=start).first()
    if existing is not None:
        return existing, False
    window = settings.DEGS_DRAW_WINDOW_DAYS if window_days is None else window_days
    candidates = draw_candidates(area=area, on=day, window_days=window)
    wanted = size or quota.count
    if seed is None:
        seed = random.SystemRandom().getrandbits(48)
    chosen = weighted_sample(candidates, wanted, seed)
    draw = Draw(
        post=quota.post,
        area=area,
        period=quota.period,
        period_start=start,
        period_end=end,
        size=wanted,
        seed=seed,
        window_days=window,
        candidates=len(candidates),
        params={
            "weights": DRAW_WEIGHTS,
            "low_activity_below": LOW_ACTIVITY_BELOW,
            "drawn_on": day.isoformat(),
            "digest": candidates_digest(candidates),
        },
        drawn_by=actor,
    )
    try:
        with transaction.atomic():
            draw.save()
    except IntegrityError:
        # Someone drew for this post and period a moment ago: theirs stands.
        return Draw.objects.get(post=quota.post, period_start=start), False
    DrawItem.objects.bulk_create(
        DrawItem(draw=draw, centre_id=c.centre_id, rank=rank, weight=c.weight, reasons=c.reasons)
        for rank, c in enumerate(chosen, start=1)
    )
    return draw, True


def draw_replay(draw: Draw) -> list[int]:
    """The centre ids a draw's seed gives over the candidates as they are now.

    Equal to the drawn list while the candidates' digest is unchanged (nothing inspected,
    opened or closed since).
    """
    day = dt.date.fromisoformat(draw.params["drawn_on"])
    candidates = draw_candidates(area=draw.area, on=day, window_days=draw.window_days)
    return [c.centre_id for c in weighted_sample(candidates, draw.size, draw.seed)]


# --- inspections -------------------------------------------------------------------------------

MAX_PHOTOS = 6


@dataclass(frozen=True)
class Finding:
    """What an inspector found: the checklist, the result and the recommendation."""

    answers: dict[str, str]
    result: str
    recommendation: str = Recommendation.NONE
    remarks: str = ""
    fine_amount: Decimal | None = None
    suspension_days: int | None = None


def checklist_for(area: Area) -> list[ChecklistItem]:
    """The active checklist questions of the state holding ``area``."""
    return list(ChecklistItem.objects.for_state_of(area).filter(is_active=True))


def _check_finding(centre: Centre, finding: Finding) -> tuple[dict[str, str], int]:
    errors: dict[str, Any] = {}
    questions = checklist_for(centre.area)
    answers: dict[str, str] = {}
    faults = 0
    for question in questions:
        answer = finding.answers.get(question.code, "")
        if answer not in Answer.values:
            errors[f"q_{question.code}"] = _("Answer this question.")
            continue
        answers[question.code] = answer
        faults += answer == question.fault_answer
    unknown = set(finding.answers) - {q.code for q in questions}
    if unknown:
        errors["answers"] = _("Unknown questions: %(codes)s") % {"codes": ", ".join(unknown)}
    if finding.result not in InspectionResult.values:
        errors["result"] = _("Choose the result.")
    if finding.recommendation not in Recommendation.values:
        errors["recommendation"] = _("Choose a recommendation.")
    if finding.result == InspectionResult.FUNCTIONAL and finding.recommendation in NEEDS_APPROVAL:
        errors["recommendation"] = _("A functional centre is not suspended or closed.")
    if finding.recommendation == Recommendation.FINE and not (
        finding.fine_amount and finding.fine_amount > 0
    ):
        errors["fine_amount"] = _("Give the amount of the fine.")
    if finding.recommendation == Recommendation.SUSPENSION and not finding.suspension_days:
        errors["suspension_days"] = _("Give the number of days of suspension.")
    if finding.result != InspectionResult.FUNCTIONAL and not clean_paragraphs(finding.remarks):
        errors["remarks"] = _("Say what was wrong.")
    if errors:
        raise ValidationError(errors)
    return answers, faults


def _inspecting_post(actor: User | None, centre: Centre) -> Post | None:
    """The actor's post whose quota covers the centre, so the visit counts against it."""
    if actor is None:
        return None
    for quota in (
        InspectionQuota.objects.filter(post_id__in=held_post_ids(actor), is_active=True)
        .select_related("post__area", "area")
        .order_by("pk")
    ):
        if centre.area.path.startswith(quota.scope_area.path):
            return quota.post
    return None


@dataclass(frozen=True)
class PositionFinding:
    """Where the inspector stood against the centre: within the district's limit, far, or not
    checked (no recorded position, or a centre without coordinates)."""

    check: str
    distance_m: int | None
    limit_m: int


def position_check(
    *, centre: Centre, latitude: Decimal | None, longitude: Decimal | None
) -> PositionFinding:
    """Compare a recorded position with the centre's coordinates (great-circle distance)
    against the limit the centre's district sets."""
    limit = district_setting(centre.area).inspection_distance_m
    if None in (latitude, longitude, centre.latitude, centre.longitude):
        return PositionFinding(PositionCheck.NOT_CHECKED, None, limit)
    metres = round(distance_m(centre.latitude, centre.longitude, latitude, longitude))  # type: ignore[arg-type]
    check = PositionCheck.FAR if metres > limit else PositionCheck.WITHIN
    return PositionFinding(check, metres, limit)


@transaction.atomic
def inspection_record(
    *,
    actor: User,
    centre: Centre,
    client_token: Any,
    finding: Finding,
    visited_on: dt.date | None = None,
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    accuracy_m: int | None = None,
    photos: Sequence[UploadedFile] = (),
) -> tuple[Inspection, bool]:
    """Record a visit. Returns (inspection, created): the same form sent again creates nothing.

    A suspension or closure recommendation waits for the district admin
    (``inspection_decide``); the admins are told on commit.
    """
    existing = Inspection.objects.filter(client_token=client_token).first()
    if existing is not None:
        if existing.inspector_id != actor.pk:
            raise OutOfJurisdiction
        return existing, False
    require_capability(
        actor,
        Capability.CENTRES_INSPECT,
        centre.area,
        _("Only inspecting officers record inspections."),
    )
    if centre.status not in (CentreStatus.ACTIVE, CentreStatus.SUSPENDED):
        raise InvalidTransition(_("Only active or suspended centres are inspected."))
    today = timezone.localdate()
    day = visited_on or today
    if day > today:
        raise ValidationError({"visited_on": _("The visit cannot be in the future.")})
    if day < today - dt.timedelta(days=60):
        raise ValidationError({"visited_on": _("Record a visit within 60 days of it.")})
    answers, faults = _check_finding(centre, finding)
    if len(photos) > MAX_PHOTOS:
        raise ValidationError({"photos": _("Attach at most %(n)s photos.") % {"n": MAX_PHOTOS}})
    checked = [check_photo(photo) for photo in photos]
    post = _inspecting_post(actor, centre)
    draw_item = None
    if post is not None:
        draw_item = (
            DrawItem.objects.filter(
                draw__post=post,
                centre=centre,
                draw__period_start__lte=day,
                draw__period_end__gte=day,
            )
            .order_by("-draw__period_start")
            .first()
        )
    position = position_check(centre=centre, latitude=latitude, longitude=longitude)
    inspection = Inspection(
        centre=centre,
        post=post,
        inspector=actor,
        draw_item=draw_item,
        visited_on=day,
        latitude=latitude,
        longitude=longitude,
        accuracy_m=accuracy_m,
        position_check=position.check,
        distance_m=position.distance_m,
        distance_limit_m=position.limit_m,
        answers=answers,
        faults=faults,
        remarks=clean_paragraphs(finding.remarks),
        result=finding.result,
        recommendation=finding.recommendation,
        fine_amount=finding.fine_amount if finding.recommendation == Recommendation.FINE else None,
        suspension_days=finding.suspension_days
        if finding.recommendation == Recommendation.SUSPENSION
        else None,
        decision=Decision.PENDING if finding.recommendation in NEEDS_APPROVAL else "",
        client_token=client_token,
    )
    inspection.full_clean(exclude=["client_token"])
    try:
        with transaction.atomic():
            inspection.save()
    except IntegrityError:
        # The same form arrived twice at once: the first one stands.
        return Inspection.objects.get(client_token=client_token), False
    with NewFiles() as files:  # journaled: a kill before the commit leaves no photo behind
        for content, content_type, width, height in checked:
            photo = InspectionPhoto(
                inspection=inspection,
                content_type=content_type,
                size=len(content),
                width=width,
                height=height,
            )
            files.write(
                photo.file, content, extension="png" if content_type == "image/png" else "jpg"
            )
            photo.save()
    Centre.objects.filter(pk=centre.pk).exclude(last_inspected_on__gte=day).update(
        last_inspected_on=day
    )
    record_event(
        CentreEvent,
        centre,
        actor=actor,
        action="inspected",
        operator=centre.operator,
        effective_on=day,
        remark=inspection.remarks,
        data={
            "inspection": inspection.pk,
            "result": inspection.result,
            "recommendation": inspection.recommendation,
            "position_check": inspection.position_check,
            "distance_m": inspection.distance_m,
        },
    )
    if inspection.recommendation == Recommendation.FINE:
        # A fine needs no approval: it is imposed with the inspection and posted to the ledger.
        _ledger("fines.post", inspection)
        record_event(
            CentreEvent,
            centre,
            actor=actor,
            action="fine_imposed",
            operator=centre.operator,
            effective_on=day,
            data={"inspection": inspection.pk, "amount": str(inspection.fine_amount)},
        )
    if inspection.decision == Decision.PENDING:
        transaction.on_commit(lambda: _tell_approvers(inspection.pk))
    return inspection, True


def _approvers(area: Area) -> list[User]:
    """Users who may approve closures in the district holding ``area`` (district roles)."""
    return users_with_capability(
        capability=Capability.CENTRES_APPROVE, paths=[district_path(area.path)]
    )


def _tell_approvers(inspection_pk: int) -> None:
    inspection = Inspection.objects.select_related("centre__area").get(pk=inspection_pk)
    centre = inspection.centre
    url = reverse("centres:inspection_detail", args=[inspection.pk])
    text, text_hi = sentence(
        _("Approval needed: %(what)s of %(centre)s"),
        {"what": Recommendation(inspection.recommendation).label, "centre": centre.code},
    )
    for user in _approvers(centre.area):
        notice_send(
            user=user,
            key=f"inspection-{inspection.pk}-approve",
            text=text,
            text_hi=text_hi,
            url=url,
        )


def _lock_for_approver(
    actor: User, inspection: Inspection, version: int, refusal: Any
) -> Inspection:
    """The inspection locked for a district admin's decision on it: refused with ``refusal``
    to anyone else, ``StaleVersion`` when it changed since the user saw ``version``."""
    locked = (
        Inspection.objects.select_for_update().select_related("centre__area").get(pk=inspection.pk)
    )
    require_capability(actor, Capability.CENTRES_APPROVE, locked.centre.area, refusal)
    if locked.version != version:
        raise StaleVersion
    return locked


@transaction.atomic
def inspection_decide(
    *,
    actor: User,
    inspection: Inspection,
    version: int,
    approve: bool,
    remark: str = "",
    order_reference: str = "",
    effective_on: dt.date | None = None,
    acknowledge_position: bool = False,
) -> Inspection:
    """The district admin approves (the centre is suspended or closed) or declines: a step of
    ``workflow.DECISION``.

    Approving on an inspection recorded far from the centre, or whose position could not be
    checked, needs ``acknowledge_position``: without it nothing changes."""
    flow = workflow.DECISION
    locked = lock(flow, inspection)
    remark = clean_paragraphs(remark)
    day = effective_on or timezone.localdate()

    def gate(row: Inspection) -> None:
        require_capability(
            actor,
            Capability.CENTRES_APPROVE,
            row.centre.area,
            _("Only the district administration approves suspensions and closures."),
        )

    def validate(row: Inspection, step: Any, written: Bilingual) -> None:
        if step.action == "approve" and row.position_flagged and not acknowledge_position:
            raise ValidationError({"acknowledge_position": position_warning(row)})

    def apply(row: Inspection, step: Any) -> list[str]:
        if step.action == "approve":
            centre = row.centre
            action = "close" if row.recommendation == Recommendation.CLOSURE else "suspend"
            reason = (
                typed(remark)
                if remark
                else approval_reason(
                    result=row.result,
                    visited_on=row.visited_on,
                    recommendation=row.recommendation,
                )
            )
            until = (
                day + dt.timedelta(days=row.suspension_days or 0) if action == "suspend" else None
            )
            centre_transition(
                actor=actor,
                centre=centre,
                action=action,
                version=Centre.objects.values_list("version", flat=True).get(pk=centre.pk),
                effective_on=day,
                reason=reason,
                order_reference=order_reference,
                suspended_until=until,
                _approval=row,
            )
        row.decided_by = actor
        row.decided_at = timezone.now()
        row.decision_remark = remark
        return ["decided_by", "decided_at", "decision_remark"]

    return transition(
        flow,
        locked,
        "approve" if approve else "decline",
        actor=actor,
        version=version,
        remark=remark,
        gate=gate,
        validate=validate,
        apply=apply,
        locked=locked,
        # as before the engine: the declined recommendation's line names no statuses
        event={
            "action": "recommendation_declined",
            "operator": locked.centre.operator,
            "from_status": "",
            "to_status": "",
        },
        data={"inspection": locked.pk},
        after_commit=lambda row, step: _tell_decision(row.pk),
    )


def approval_reason(*, result: str, visited_on: dt.date, recommendation: str) -> Bilingual:
    """What a centre's history says of a suspension or closure approved without a remark, in
    both languages."""
    return sentence(
        _("%(result)s at the inspection of %(date)s; %(what)s approved."),
        {
            "result": InspectionResult(result).label,
            "date": format_date(visited_on),
            "what": Recommendation(recommendation).label,
        },
    )


def position_warning(inspection: Inspection) -> str:
    """What the approver must acknowledge about where the inspection was recorded ("" when it
    was recorded within the district's limit)."""
    if not inspection.position_flagged:
        return ""
    if inspection.position_check == PositionCheck.FAR:
        return str(
            _(
                "This inspection was recorded %(distance)s m from the centre, beyond the "
                "district's limit of %(limit)s m. Tick that you have seen this to approve."
            )
            % {
                "distance": group_indian(inspection.distance_m),
                "limit": group_indian(inspection.distance_limit_m),
            }
        )
    return str(
        _(
            "This inspection's position was not checked against the centre's: the inspector's "
            "position or the centre's coordinates are missing. Tick that you have seen this to "
            "approve."
        )
    )


@transaction.atomic
def inspection_fine_waive(
    *, actor: User, inspection: Inspection, version: int, reason: str
) -> Inspection:
    """The district admin waives (withdraws) a fine: the ledger posting is reversed, once."""
    locked = _lock_for_approver(
        actor, inspection, version, _("Only the district administration waives fines.")
    )
    centre = locked.centre
    if not locked.fine_in_force:
        raise InvalidTransition(_("There is no fine in force on this inspection."))
    reason = clean_paragraphs(reason)
    if not reason:
        raise ValidationError({"reason": _("Say why the fine is waived.")})
    locked.fine_waived_at = timezone.now()
    locked.fine_waived_by = actor
    locked.fine_waive_reason = reason
    locked.version += 1
    locked.save(update_fields=["fine_waived_at", "fine_waived_by", "fine_waive_reason", "version"])
    _ledger("fines.reverse", locked)
    record_event(
        CentreEvent,
        centre,
        actor=actor,
        action="fine_waived",
        operator=centre.operator,
        remark=reason,
        data={"inspection": locked.pk, "amount": str(locked.fine_amount)},
    )
    return locked


def _tell_decision(inspection_pk: int) -> None:
    """Tell the operator (when they have a login) and the inspector what was decided."""
    inspection = Inspection.objects.select_related("centre__operator__user", "inspector").get(
        pk=inspection_pk
    )
    centre = inspection.centre
    url = reverse("centres:centre_detail", args=[centre.pk])
    approved = inspection.decision == Decision.APPROVED
    closing = inspection.recommendation == Recommendation.CLOSURE
    if approved and closing:
        message = _("Centre %(code)s is closed by order of the district administration.")
    elif approved:
        message = _("Centre %(code)s is suspended by order of the district administration.")
    else:
        message = _("The recommendation for centre %(code)s was not approved.")
    text, text_hi = sentence(message, {"code": centre.code})
    recipients = [inspection.inspector]
    operator = centre.operator
    if operator is not None and operator.user is not None:
        recipients.append(operator.user)
    for user in recipients:
        notice_send(
            user=user,
            key=f"inspection-{inspection.pk}-decided",
            text=text,
            text_hi=text_hi,
            url=url,
        )
