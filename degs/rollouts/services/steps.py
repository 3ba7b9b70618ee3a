"""Writes of the rollouts app's steps part: a milestone at one target submitted with its
evidence, verified or returned by a second person, and a verification undone.

Every status change goes through ``workflow.STEPS`` (``core.workflow.transition``: row lock,
version check, parts). Evidence is checked before the transaction (a photo is re-encoded by
``core.photos.check_photo``, so nothing of the phone's file but its pixels is kept; a document
must be a PDF by its first bytes; a link is http or https and never fetched), written with the
step's change (``core.uploads.NewFiles``), and the files held for a form being corrected are
let go in the same transaction. When the last milestone of a target is verified the target is
done on the latest day its steps were done; undoing a verification clears that."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from degs.core.exceptions import InvalidTransition, PermissionDenied
from degs.core.formatting import format_date
from degs.core.geo import phone_position
from degs.core.models import HeldUpload
from degs.core.photos import check_photo
from degs.core.uploads import (
    Accepted,
    NewFiles,
    check_size,
    file_head,
    held_file,
    held_release,
    hold,
)
from degs.core.workflow import record_event, transition
from degs.rollouts import workflow
from degs.rollouts.choices import EvidenceKind, StepStatus
from degs.rollouts.models import Evidence, Step, Target, TargetEvent

PDF_SIGNATURE = b"%PDF-"
# A phone's clock may run a little ahead of the server's.
CLOCK_SLACK = dt.timedelta(minutes=10)
OWN_SUBMISSION = _("You submitted this milestone yourself: another person has to verify it.")


@dataclass(frozen=True)
class CheckedFile:
    content: bytes
    content_type: str
    extension: str
    name: str


def check_evidence_photo(upload: UploadedFile) -> CheckedFile:
    """A photo re-encoded without its metadata (``core.photos``)."""
    content, content_type, _w, _h = check_photo(upload, "photo")
    extension = "png" if content_type == "image/png" else "jpg"
    return CheckedFile(content, content_type, extension, upload.name or "")


def check_evidence_document(upload: UploadedFile) -> CheckedFile:
    """A PDF by its content (its first bytes), no larger than the attachments' limit; read
    once."""
    check_size(upload, settings.DEGS_ATTACHMENT_MAX_BYTES, "document")
    if not file_head(upload, len(PDF_SIGNATURE)).startswith(PDF_SIGNATURE):
        raise ValidationError(
            {"document": _("“%(name)s” is not a PDF.") % {"name": upload.name or ""}}
        )
    content = upload.read()
    upload.seek(0)
    return CheckedFile(content, "application/pdf", "pdf", upload.name or "")


CHECKS = {"photo": check_evidence_photo, "document": check_evidence_document}


def evidence_hold(
    *, actor: Any, token: str, files: Sequence[tuple[str, UploadedFile]], remove: Sequence[str] = ()
) -> tuple[dict[str, HeldUpload], list[tuple[str, str]]]:
    """The evidence files of a submit form held for the user (``core.uploads.hold``) while
    another field is corrected: every file held now by field ("photo", "document"), and the
    (field, message) of each new file refused."""
    codes = {id(upload): code for code, upload in files}

    def accept(file: UploadedFile) -> Accepted:
        checked = CHECKS[codes[id(file)]](file)
        return Accepted(checked.content, checked.content_type, checked.extension)

    held, refused = hold(owner=actor, token=token, uploads=list(files), check=accept, remove=remove)
    problems = [
        (code, str(m)) for code, _file, error in refused for m in error.message_dict.get(code, [])
    ]
    return held, problems


def check_link(url: str) -> str:
    """An http or https address (never fetched here)."""
    url = (url or "").strip()
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError as error:
        raise ValidationError(
            {"url": _("Give a web address starting with http:// or https://.")}
        ) from error
    if len(url) > 500:
        raise ValidationError({"url": _("The address is longer than 500 characters.")})
    return url


def _step_data(step: Step, **more: Any) -> dict[str, Any]:
    return {"step": step.pk, "milestone": step.milestone_id, **more}


def step_submit(
    *,
    actor: Any,
    step: Step,
    version: int | None,
    done_on: dt.date | None,
    photo: UploadedFile | None = None,
    document: UploadedFile | None = None,
    url: str = "",
    taken_at: dt.datetime | None = None,
    latitude: Decimal | float | None = None,
    longitude: Decimal | float | None = None,
    accuracy_m: int | None = None,
    held: Sequence[HeldUpload] = (),
    remark: str = "",
) -> Step:
    """Submit the milestone at its target with the evidence it needs: a photo (with the time
    and place the phone gave; ``taken_at`` now unless told), a PDF document or a link, and the
    day the work was done (on or before today, not before the programme started). ``held``
    are files held for the form (``evidence_hold``): used when no new file is sent, let go."""
    milestone = step.milestone
    programme = step.target.programme
    today = timezone.localdate()
    now = timezone.now()
    errors: dict[str, list[Any]] = {}
    if done_on is None:
        errors["done_on"] = [_("Say on which day it was done.")]
    elif done_on > today:
        errors["done_on"] = [_("The day it was done cannot be after today.")]
    elif done_on < programme.starts_on:
        errors["done_on"] = [
            _("The rollout started on %(day)s: the day it was done cannot be before it.")
            % {"day": format_date(programme.starts_on)}
        ]
    held_by_code = {row.code: row for row in held}
    kind = milestone.evidence
    checked: CheckedFile | None = None
    link = ""
    position: dict[str, Any] = {}
    try:
        if kind == EvidenceKind.LINK:
            link = check_link(url)
        else:
            upload = photo if kind == EvidenceKind.PHOTO else document
            if upload is None and kind in held_by_code:
                upload = held_file(held_by_code[kind])
            if upload is None:
                raise ValidationError(
                    {
                        kind: _("Attach a photo.")
                        if kind == EvidenceKind.PHOTO
                        else _("Attach a PDF.")
                    }
                )
            checked = CHECKS[kind](upload)
        if kind == EvidenceKind.PHOTO:
            position = phone_position(latitude, longitude, accuracy_m)
            if taken_at is None:
                taken_at = now
            if taken_at > now + CLOCK_SLACK:
                raise ValidationError({"taken_at": _("The photo cannot be taken in the future.")})
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)

    def apply(row: Step, step_taken: Any) -> list[str]:
        row.done_on = done_on
        row.submitted_by = actor
        row.submitted_at = now
        row.verified_by = None
        row.verified_at = None
        return ["done_on", "submitted_by", "submitted_at", "verified_by", "verified_at"]

    with transaction.atomic():
        row = transition(
            workflow.STEPS,
            step,
            "submit",
            actor=actor,
            version=version,
            remark=remark,
            apply=apply,
            data=_step_data(step, evidence=kind),
        )
        evidence = Evidence(
            step=row,
            kind=kind,
            uploaded_by=actor,
            uploaded_at=now,
            taken_at=taken_at if kind == EvidenceKind.PHOTO else None,
            url=link,
            **position,
        )
        with NewFiles() as files:
            if checked is not None:
                evidence.content_type = checked.content_type
                evidence.size = len(checked.content)
                evidence.sha256 = hashlib.sha256(checked.content).hexdigest()
                files.write(evidence.file, checked.content, extension=checked.extension)
            evidence.save()
        held_release(held, owner=actor)
    return row


def _refuse_own(actor: Any) -> Any:
    def gate(row: Step) -> None:
        if actor is not None and row.submitted_by_id == actor.pk:
            raise PermissionDenied(OWN_SUBMISSION)

    return gate


def _target_done(target: Target, *, actor: Any) -> None:
    """Set the target done on the latest day of its steps when every step is verified; clear
    it when one no longer is. The target's row is locked; its change is an event."""
    locked = Target.objects.select_for_update().get(pk=target.pk)
    steps = Step.objects.filter(target_id=locked.pk)
    all_verified = not steps.exclude(status=StepStatus.VERIFIED).exists()
    done_on = steps.aggregate(last=Max("done_on"))["last"] if all_verified else None
    if done_on == locked.done_on:
        return
    before = locked.done_on
    locked.done_on = done_on
    locked.version += 1
    locked.save(update_fields=["done_on", "version", "updated_at"])
    record_event(
        TargetEvent,
        None,
        actor=actor,
        action="done" if done_on else "undone",
        target=locked,
        data={
            "done_on": done_on.isoformat() if done_on else None,
            "was": before.isoformat() if before else None,
        },
    )


def step_verify(*, actor: Any, step: Step, version: int | None, remark: str = "") -> Step:
    """Verify a submitted milestone: never by the one who submitted it. The last milestone of
    its target verified, the target is done (in the same transaction)."""

    def apply(row: Step, step_taken: Any) -> list[str]:
        row.verified_by = actor
        row.verified_at = timezone.now()
        return ["verified_by", "verified_at"]

    with transaction.atomic():
        row = transition(
            workflow.STEPS,
            step,
            "verify",
            actor=actor,
            version=version,
            remark=remark,
            gate=_refuse_own(actor),
            apply=apply,
            data=_step_data(step),
        )
        _target_done(row.target, actor=actor)
    return row


def step_return(*, actor: Any, step: Step, version: int | None, remark: str) -> Step:
    """Return a submitted milestone for better evidence, saying what is missing."""
    return transition(
        workflow.STEPS,
        step,
        "return",
        actor=actor,
        version=version,
        remark=remark,
        gate=_refuse_own(actor),
        data=_step_data(step),
    )


def step_reopen(*, actor: Any, step: Step, version: int | None, remark: str) -> Step:
    """Undo a verification (the manager, with the reason): the milestone is returned and its
    target is no longer done."""

    def apply(row: Step, step_taken: Any) -> list[str]:
        row.verified_by = None
        row.verified_at = None
        return ["verified_by", "verified_at"]

    with transaction.atomic():
        row = transition(
            workflow.STEPS,
            step,
            "reopen",
            actor=actor,
            version=version,
            remark=remark,
            apply=apply,
            data=_step_data(step),
        )
        _target_done(row.target, actor=actor)
    return row


def step_act(*, actor: Any, step: Step, action: str, version: int | None, remark: str = "") -> Step:
    """One of the page's buttons (verify, return, reopen) by its action name."""
    if action == "verify":
        return step_verify(actor=actor, step=step, version=version, remark=remark)
    if action == "return":
        return step_return(actor=actor, step=step, version=version, remark=remark)
    if action == "reopen":
        return step_reopen(actor=actor, step=step, version=version, remark=remark)
    raise InvalidTransition
