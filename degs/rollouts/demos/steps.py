"""The rollouts demo's steps part (after the programmes part): the Jamtara projector rollout's
evidence. Every milestone done (verified, submitted or returned) without evidence gets a photo (a small JPEG drawn here with
Pillow: a coloured card with the office's name and the milestone, no network), and of the
targets still to do, the first two have their next milestone submitted by the block office and
awaiting verification and the third has one returned with a remark. Loading again finds the
evidence and the steps already moved and makes nothing new."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from degs.accounts.selectors import users_by_area_path
from degs.core.uploads import NewFiles
from degs.rollouts.choices import EvidenceKind, ProgrammeKind, StepStatus
from degs.rollouts.models import Evidence, Programme, Step
from degs.rollouts.services import steps as services

REPORT = "rollouts.report"
VERIFY = "rollouts.verify"
COLOURS = ("#2f6f9f", "#3f8f5f", "#8f5f2f", "#6f3f8f")
RETURN_REMARK = "The photo does not show the projector fixed to the wall; send one that does."


def _photo(office: str, milestone: str, n: int) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (480, 320), COLOURS[n % len(COLOURS)])
    draw = ImageDraw.Draw(image)
    draw.rectangle((140, 110, 340, 200), outline="white", width=6)  # a projector's screen
    draw.text((20, 20), office[:60], fill="white")
    draw.text((20, 280), milestone[:60], fill="white")
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=80)
    return out.getvalue()


def _programme() -> Programme | None:
    return (
        Programme.objects.filter(kind=ProgrammeKind.PROJECTOR, area__name__iexact="Jamtara")
        .order_by("pk")
        .first()
    )


def _person(paths: dict[str, list[Any]], step: Step) -> Any:
    """The first holder of the capability at the target's area or above it."""
    path = step.target.area.path
    for key in sorted(paths, key=len, reverse=True):
        if path.startswith(key) and paths[key]:
            return paths[key][0]
    return None


def load() -> list[str]:
    programme = _programme()
    if programme is None:
        return []
    steps = list(
        Step.objects.filter(target__programme=programme)
        .select_related("target__area", "target__office", "target__programme", "milestone")
        .order_by("target__area__path", "target__pk", "milestone__order")
    )
    paths = {p for s in steps for p in _ancestors(s.target.area.path)}
    reporters = users_by_area_path(capabilities=[REPORT], paths=paths)
    verifiers = users_by_area_path(capabilities=[VERIFY], paths=paths)
    with_evidence = set(Evidence.objects.filter(step__in=steps).values_list("step_id", flat=True))
    lines: list[str] = []
    photos = 0
    for n, step in enumerate(steps):
        if step.status == StepStatus.PENDING or step.pk in with_evidence:
            continue
        if step.milestone.evidence != EvidenceKind.PHOTO:
            continue
        uploader = step.submitted_by or _person(reporters, step) or _person(verifiers, step)
        if uploader is None:
            continue
        content = _photo(step.target.place_label, step.milestone.name, n)
        taken = timezone.make_aware(
            dt.datetime.combine(step.done_on or timezone.localdate(), dt.time(11, 30))
        )
        with transaction.atomic(), NewFiles() as files:
            evidence = Evidence(
                step=step,
                kind=EvidenceKind.PHOTO,
                content_type="image/jpeg",
                size=len(content),
                sha256=hashlib.sha256(content).hexdigest(),
                taken_at=taken,
                uploaded_by=uploader,
                uploaded_at=taken,
            )
            files.write(evidence.file, content, extension="jpg")
            evidence.save()
        photos += 1
    if photos:
        lines.append(f"rollouts: {photos} evidence photos for {programme.code}")
    lines += _queue(programme, steps, reporters, verifiers)
    return lines


def _ancestors(path: str) -> list[str]:
    from degs.core.scoping import ancestor_paths

    return [*ancestor_paths(path), path]


def _queue(
    programme: Programme,
    steps: list[Step],
    reporters: dict[str, list[Any]],
    verifiers: dict[str, list[Any]],
) -> list[str]:
    """Two targets with their next milestone awaiting verification, a third's returned."""
    if any(s.status in (StepStatus.SUBMITTED, StepStatus.RETURNED) for s in steps):
        return []  # loaded before
    next_steps: list[Step] = []
    seen: set[int] = set()
    for step in steps:
        if step.target_id in seen:
            continue
        if step.status == StepStatus.PENDING:
            seen.add(step.target_id)
            if step.milestone.evidence == EvidenceKind.PHOTO:
                next_steps.append(step)
        elif step.status != StepStatus.VERIFIED:
            seen.add(step.target_id)
    lines: list[str] = []
    yesterday = max(timezone.localdate() - dt.timedelta(days=1), programme.starts_on)
    for n, step in enumerate(next_steps[:3]):
        reporter = _person(reporters, step)
        if reporter is None:
            continue
        photo = SimpleUploadedFile(
            "photo.jpg",
            _photo(step.target.place_label, step.milestone.name, n + 1),
            content_type="image/jpeg",
        )
        done = services.step_submit(
            actor=reporter,
            step=step,
            version=step.version,
            done_on=yesterday,
            photo=photo,
            latitude=23.96 + n / 100,
            longitude=86.80 + n / 100,
            accuracy_m=20,
        )
        lines.append(f"rollouts: {step.milestone.name} at {step.target.place_label} submitted")
        verifier = _person(verifiers, step)
        if n == 2 and verifier is not None and verifier.pk != reporter.pk:
            services.step_return(
                actor=verifier, step=done, version=done.version, remark=RETURN_REMARK
            )
            lines.append(f"rollouts: {step.milestone.name} at {step.target.place_label} returned")
    return lines
