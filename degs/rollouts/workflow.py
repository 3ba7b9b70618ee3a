"""The rollouts app's workflows as data (degs.core.workflow): a programme's life and a
milestone's step at one target. ``docs/rollouts.md`` prints both tables; the pages draw their
buttons from them.

Who may act is a part the actor plays over the row's area:

- ``manager``: holds ``rollouts.manage`` there (the DIO, EDM, district administration);
- ``verifier``: holds ``rollouts.verify`` there; never the one who submitted the step (the
  service refuses it and the database's check ``step_verified_by_another`` holds it too);
- ``reporter``: holds ``rollouts.report`` there (the block or department office, the
  engineer who installed it).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_lazy as _

from degs.core.permissions import user_can
from degs.core.workflow import Transition, Workflow
from degs.rollouts.choices import ProgrammeStatus as P
from degs.rollouts.choices import StepStatus as S
from degs.rollouts.models import Programme, ProgrammeEvent, Step, TargetEvent

MANAGER = "manager"
VERIFIER = "verifier"
REPORTER = "reporter"

MANAGE = "rollouts.manage"
VERIFY = "rollouts.verify"
REPORT = "rollouts.report"


def _parts(actor: Any, area: Any) -> Iterable[str]:
    if user_can(actor, MANAGE, area):
        yield MANAGER
    if user_can(actor, VERIFY, area):
        yield VERIFIER
    if user_can(actor, REPORT, area) or user_can(actor, MANAGE, area):
        yield REPORTER


def programme_parts(actor: Any, programme: Programme) -> Iterable[str]:
    return _parts(actor, programme.area)


def step_parts(actor: Any, step: Step) -> Iterable[str]:
    return _parts(actor, step.target.area)


PROGRAMMES = Workflow(
    "programme",
    (
        Transition("start", (P.DRAFT,), P.RUNNING, _("Start the rollout"), frozenset({MANAGER})),
        Transition(
            "close",
            (P.RUNNING,),
            P.CLOSED,
            _("Close"),
            frozenset({MANAGER}),
            needs_remark=True,
            style="secondary",
        ),
        Transition(
            "reopen",
            (P.CLOSED,),
            P.RUNNING,
            _("Reopen"),
            frozenset({MANAGER}),
            needs_remark=True,
            style="secondary",
        ),
    ),
    model=Programme,
    event_model=ProgrammeEvent,
    parts=programme_parts,
    lock_related=("area",),
    statuses=P,
    doc="rollouts.md",
    refusal=_("A programme that is “%(status)s” cannot be changed this way."),
)


STEPS = Workflow(
    "rollout_step",
    (
        Transition(
            "submit",
            (S.PENDING, S.RETURNED),
            S.SUBMITTED,
            _("Submit with evidence"),
            frozenset({REPORTER}),
        ),
        Transition("verify", (S.SUBMITTED,), S.VERIFIED, _("Verify"), frozenset({VERIFIER})),
        Transition(
            "return",
            (S.SUBMITTED,),
            S.RETURNED,
            _("Return for better evidence"),
            frozenset({VERIFIER}),
            needs_remark=True,
            style="warning",
        ),
        Transition(
            "reopen",
            (S.VERIFIED,),
            S.RETURNED,
            _("Undo the verification"),
            frozenset({MANAGER}),
            needs_remark=True,
            style="danger",
        ),
    ),
    model=Step,
    event_model=TargetEvent,
    parts=step_parts,
    lock_related=("target", "target__area", "target__programme", "milestone"),
    statuses=S,
    doc="rollouts.md",
    refusal=_("A milestone that is “%(status)s” cannot be changed this way."),
    remark_message=_("Say what is missing."),
    subject=lambda step: step.target,
    subject_field="target",
)
