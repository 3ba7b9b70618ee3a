"""Each service version's workflow, as the engine runs it (``degs.core.workflow``).

A service's steps are data: the catalogue's ``Step`` rows in its published definition (the
format people write, checked by ``degs.catalogue.definition``). An application runs on the
``Workflow`` built from the steps of the version it was filed under: one ``ServiceStep`` per
catalogue step (the action, from which state to which, the post type that takes it, the step's
own time limit, whether a remark is required), and the kiosk's own step, sending back an
application returned for correction. Every check of a step, the buttons an officer sees, the
routing to the next post and the automatic steps read this table; ``workflow_of`` builds it once
per version and process (a version never changes once published).

Who may take a step is named by *parts*: the designation code of the post the step names (the
officer must hold the application's post today and be of that type), and ``operator`` for the
kiosk (the centre's operator, or the district administration).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from degs.applications.choices import AT_KIOSK, DRAFT, FINAL_STATES, SUBMITTED
from degs.applications.models import Application, ApplicationEvent
from degs.catalogue.choices import ActionKind
from degs.catalogue.definition import Definition
from degs.core.exceptions import ApplicationError, OutOfJurisdiction, PermissionDenied
from degs.core.permissions import Capability, require_capability, user_can
from degs.core.scoping import jurisdiction_of
from degs.core.workflow import Transition, Workflow
from degs.directory.models import Post
from degs.directory.selectors import held_post_ids

# Remarks are required for these actions: the citizen and the kiosk must be told why.
NEEDS_REMARK = frozenset({ActionKind.RETURN, ActionKind.CALL_FOR_DOCUMENTS, ActionKind.REJECT})
# The kiosk's step: an application returned for correction, corrected and sent back.
RESUBMIT = "resubmit"
OPERATOR = "operator"
_STYLE = {
    ActionKind.REJECT: "outline-danger",
    ActionKind.RETURN: "outline-warning",
    ActionKind.CALL_FOR_DOCUMENTS: "outline-warning",
}


@dataclass(frozen=True)
class ServiceStep(Transition):
    """A catalogue step as the engine runs it: besides the transition, the post type and level
    that take it (routing) and the days after which the system takes it itself."""

    designation: str = ""
    level: str = ""
    auto_after_days: int | None = None

    @property
    def days(self) -> int:
        return self.limit_days or 0


def build(definition: Definition, name: str = "service") -> Workflow:
    """The workflow of one service version's definition (not registered: there is one per
    version; ``docs/applications.md`` prints the demo income service's)."""
    steps: list[Transition] = [
        ServiceStep(
            action=step.action,
            sources=(step.source,),
            target=step.target,
            label=ActionKind(step.action).label,
            parts=frozenset({step.designation}),
            needs_remark=step.action in NEEDS_REMARK,
            limit_days=step.days,
            style=_STYLE.get(step.action, "primary"),  # type: ignore[call-overload]
            designation=step.designation,
            level=step.level,
            auto_after_days=step.auto_after_days,
        )
        for step in definition.steps
    ]
    steps.append(
        Transition(
            action=RESUBMIT,
            sources=(AT_KIOSK,),
            target=SUBMITTED,
            label=_("Correct and send again"),
            parts=frozenset({OPERATOR}),
        )
    )
    statuses: dict[str, Any] = {DRAFT: _("Draft"), AT_KIOSK: _("Returned to the kiosk")}
    statuses.update({s.code: s.label for s in definition.states})
    return Workflow(
        name,
        tuple(steps),
        model=Application,
        event_model=ApplicationEvent,
        status_field="state",
        parts=parts_of,
        lock_related=("service_version", "district", "area", "centre", "service"),
        # Reach is the acting post's or the centre's (``acting_post``, ``require_operator``):
        # a circle officer acts on the panchayats of the coterminous block.
        scoped=False,
        statuses=statuses,
        doc="applications.md",
        register=False,
    )


# Built once per parsed definition (``ServiceVersion.parsed`` keeps one per version and process).
_BUILT: dict[int, tuple[Definition, Workflow]] = {}


def workflow_of(definition: Definition) -> Workflow:
    """The workflow a service version's definition runs on, built once per process."""
    entry = _BUILT.get(id(definition))
    if entry is not None and entry[0] is definition:
        return entry[1]
    if len(_BUILT) > 1000:
        _BUILT.clear()
    flow = build(definition)
    _BUILT[id(definition)] = (definition, flow)
    return flow


def officer_steps(definition: Definition, state: str) -> list[ServiceStep]:
    """The officers' steps from ``state`` (none once closed or back at the kiosk)."""
    if state in (*FINAL_STATES, AT_KIOSK):
        return []
    return [t for t in workflow_of(definition).from_status(state) if isinstance(t, ServiceStep)]


# --- who may do what ---------------------------------------------------------------------------


def require_operator(actor: Any, centre: Any) -> None:
    """The centre's own operator files at it; the district administration may too."""
    if actor is None:
        return
    require_capability(
        actor, Capability.CENTRE_OPERATE, centre.area, _("Only the centre's operator files here.")
    )
    operator_user = centre.operator.user_id if centre.operator_id and centre.operator else None
    if operator_user != actor.pk and not user_can(actor, Capability.CENTRES_MANAGE, centre.area):
        raise PermissionDenied(_("Only the centre's operator files here."))


def acting_post(actor: Any, application: Application) -> Post:
    """The post through which the actor may act now: the assigned post, held today. Someone
    who neither holds it nor works where the application is gets "not found"."""
    if application.assigned_post_id in held_post_ids(actor):
        return application.assigned_post  # type: ignore[return-value]
    if not jurisdiction_of(actor).covers(application.area.path):
        raise OutOfJurisdiction
    raise PermissionDenied(_("This application is not with a post you hold."))


def parts_of(actor: Any, application: Application) -> frozenset[str]:
    """The parts ``actor`` plays for ``application``: the designation of its post when they
    hold it today, and ``operator`` when they may act for its centre. The services, having
    checked who acts with their own messages, leave the answer on the row."""
    known: frozenset[str] | None = getattr(application, "_degs_parts", None)
    if known is not None:
        return known
    parts: set[str] = set()
    if application.assigned_post_id is not None and application.assigned_post_id in held_post_ids(
        actor
    ):
        parts.add(application.assigned_post.designation.code)  # type: ignore[union-attr]
    try:
        require_operator(actor, application.centre)
    except ApplicationError:
        pass
    else:
        parts.add(OPERATOR)
    return frozenset(parts)


def known_parts(application: Application, *parts: str) -> None:
    """Leave on the (locked) row the parts a service found the actor plays."""
    application._degs_parts = frozenset(parts)  # type: ignore[attr-defined]
