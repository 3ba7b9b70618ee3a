"""Reads of the rollouts app's steps part: a milestone at one target with its evidence and
events, the verifiers' queue (submitted, oldest first) and the reporters' queue (not done or
returned at targets in their areas, the most overdue first). Every read is scoped
(``visible_to``): a step outside the user's areas answers 404."""

from __future__ import annotations

from typing import Any

from django.db.models import F, Q, QuerySet
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from degs.core.permissions import user_can
from degs.rollouts.choices import ProgrammeStatus, StepStatus
from degs.rollouts.models import Evidence, Step, TargetEvent

VERIFY = "rollouts.verify"
REPORT = "rollouts.report"
MANAGE = "rollouts.manage"
TO_DO = (StepStatus.PENDING, StepStatus.RETURNED)


def step_list(*, user: Any) -> QuerySet[Step]:
    """Every step the user sees, with what its rows show."""
    return Step.objects.visible_to(user).select_related(
        "target__area",
        "target__office",
        "target__programme",
        "milestone",
        "submitted_by",
        "verified_by",
    )


def step_get(*, user: Any, pk: int) -> Step:
    return get_object_or_404(step_list(user=user), pk=pk)


def step_evidence(step: Step) -> list[Evidence]:
    return list(step.evidence.select_related("uploaded_by").order_by("uploaded_at", "pk"))


def evidence_get(*, user: Any, pk: int) -> Evidence:
    """One piece of evidence, only for those who see its step (404 otherwise)."""
    return get_object_or_404(Evidence.objects.visible_to(user).exclude(file=""), pk=pk)


def step_events(step: Step) -> QuerySet[TargetEvent]:
    """The events of this milestone at its target (``data["step"]`` names the step)."""
    return (
        TargetEvent.objects.filter(target_id=step.target_id, data__step=step.pk)
        .select_related("actor")
        .order_by("-at", "-pk")
    )


def due_expression() -> Any:
    """A step's due date: its milestone's planned date, else its target's, else the
    programme's."""
    return Coalesce("milestone__planned_on", "target__due_on", "target__programme__due_on")


def to_verify(*, user: Any) -> QuerySet[Step]:
    """Steps waiting for this user's verification: submitted at targets the user sees, not by
    the user, oldest first; none for a user who verifies nowhere."""
    if not user_can(user, VERIFY):
        return Step.objects.none()
    return (
        step_list(user=user)
        .filter(status=StepStatus.SUBMITTED)
        .exclude(submitted_by=user)
        .order_by("submitted_at", "pk")
    )


def to_do(*, user: Any) -> QuerySet[Step]:
    """Steps this user's office has to do: not done or returned, at targets in the set today of
    running programmes in the user's areas, the most overdue first."""
    if not (user_can(user, REPORT) or user_can(user, MANAGE)):
        return Step.objects.none()
    today = timezone.localdate()
    return (
        step_list(user=user)
        .filter(
            status__in=TO_DO,
            target__programme__status=ProgrammeStatus.RUNNING,
            target__joined_on__lte=today,
        )
        .filter(Q(target__left_on__isnull=True) | Q(target__left_on__gt=today))
        .annotate(due=due_expression())
        .order_by(F("due").asc(nulls_last=True), "target__area__path", "milestone__order", "pk")
    )
