"""The rollouts app's entries for the jurisdiction tests (tests/scope_registry.py collects
them through the app's ``scope_tests``). Each part keeps its makers and URLs in its own section
below; MAKERS, SCOPED_URLS, NOT_AREA_BOUND and PUBLIC_URLS at the end join them."""

from __future__ import annotations

from typing import Any

from degs.directory.models import Area
from tests.scope_entries import Maker, ScopedURL

# --- part "programmes" --------------------------------------------------------


def _programmes_programme(block: Area, tag: str) -> Any:
    """A running programme of the block's district named by the tag, with a target at an
    office in the block (a block officer sees the programme through it)."""
    return _programmes_target(block, tag).programme


def _programmes_target(block: Area, tag: str) -> Any:
    import datetime as dt

    from django.utils import timezone

    from degs.rollouts.models import Programme, Target
    from tests.factories import make_office

    today = timezone.localdate()
    programme = Programme.objects.create(
        code=f"scope-{tag}".lower()[:40],
        name=tag,
        kind="projector",
        area=block.parent,
        starts_on=today - dt.timedelta(days=5),
        due_on=today + dt.timedelta(days=5),
        status="running",
    )
    office = make_office(block, f"Office {tag}")
    return Target.objects.create(
        programme=programme, office=office, area=block, joined_on=programme.starts_on
    )


PROGRAMMES_MAKERS: dict[str, Maker] = {
    "programme": Maker(_programmes_programme),
    "programme_target": Maker(_programmes_target),
}
PROGRAMMES_URLS: list[ScopedURL] = [
    ScopedURL("rollouts:programme_list", "programme", "list", query="q={tag}"),
    ScopedURL("rollouts:programme_detail", "programme", "detail"),
    ScopedURL("rollouts:target_detail", "programme_target", "detail"),
    ScopedURL("api:list_programmes", "programme", "list", query="q={tag}&limit=100"),
    ScopedURL("api:get_programme", "programme", "detail", kwarg="programme_id"),
    ScopedURL("api:list_programme_targets", "programme", "detail", kwarg="programme_id"),
]
PROGRAMMES_NOT_AREA_BOUND: dict[str, str] = {
    "rollouts:programme_create": "areas offered are those the user manages; the service "
    "checks rollouts.manage at the area (tests/rollouts/test_programmes.py)",
    "rollouts:programme_edit": "the programme through programme_get (visible_to), then "
    "rollouts.manage at its area (tests/rollouts/test_programmes.py)",
    "rollouts:programme_transition": "POST; programme through programme_get, the workflow "
    "checks the part",
    "rollouts:programme_follow": "POST; programme through programme_get, the directive among "
    "the user's own (tests/rollouts/test_programmes.py)",
    "rollouts:milestone_add": "POST; programme through programme_get, rollouts.manage",
    "rollouts:milestone_edit": "the programme through programme_get, rollouts.manage",
    "rollouts:milestone_move": "POST; programme through programme_get, rollouts.manage",
    "rollouts:targets_by_filter": "the programme through programme_get, rollouts.manage; "
    "areas offered lie under the programme's",
    "rollouts:targets_by_list": "the programme through programme_get, rollouts.manage; "
    "offices offered lie under the programme's",
    "rollouts:target_remove": "POST; target through visible_to, rollouts.manage",
    "api:create_programme": "POST; area among those the caller manages, else 422",
    "api:add_programme_targets": "POST; programme through programme_get, offices and area "
    "under it, else 422 (tests/rollouts/test_programmes_api.py)",
    "api:remove_target": "POST; target through visible_to (act_on), rollouts.manage",
}
PROGRAMMES_PUBLIC: set[str] = set()


# --- part "steps" -------------------------------------------------------------


def _step(block: Area, tag: str, status: str = "pending") -> Any:
    """A milestone "Milestone <tag>" of a running programme of the block's district, at the
    block (a place without an office), in ``status``."""
    import datetime as dt

    from django.utils import timezone

    from degs.rollouts.models import Milestone, Programme, Step, Target

    today = timezone.localdate()
    programme = Programme.objects.create(
        code=f"p-{tag}".lower(),
        name=f"Programme {tag}",
        kind="projector",
        area=block.parent,
        starts_on=today - dt.timedelta(days=5),
        due_on=today + dt.timedelta(days=5),
        status="running",
    )
    milestone = Milestone.objects.create(
        programme=programme, order=1, name=f"Milestone {tag}", evidence="photo"
    )
    target = Target.objects.create(programme=programme, area=block, joined_on=programme.starts_on)
    return Step.objects.create(
        target=target,
        milestone=milestone,
        status=status,
        submitted_at=timezone.now() if status == "submitted" else None,
    )


def _submitted_step(block: Area, tag: str) -> Any:
    return _step(block, tag, "submitted")


STEPS_MAKERS: dict[str, Maker] = {
    "rollout_step": Maker(_step),
    "rollout_step_submitted": Maker(_submitted_step),
}
STEPS_URLS: list[ScopedURL] = [
    ScopedURL("rollouts:step_detail", "rollout_step", "detail"),
    ScopedURL("rollouts:to_do", "rollout_step", "list"),
    ScopedURL("rollouts:to_verify", "rollout_step_submitted", "list", viewer="dc_a"),
    ScopedURL("api:list_rollout_steps", "rollout_step", "list", query="limit=100"),
    ScopedURL("api:get_rollout_step", "rollout_step", "detail", kwarg="step_id"),
]
STEPS_NOT_AREA_BOUND: dict[str, str] = {
    "rollouts:step_act": "POST; step through visible_to (tests/rollouts/test_steps.py)",
    "rollouts:step_submit": "step through visible_to; 404 outside (tests/rollouts/test_steps.py)",
    "rollouts:evidence_file": "a file, not a page with the tag; evidence through visible_to "
    "(tests/rollouts/test_steps.py: another district's user gets 404)",
    "api:submit_rollout_step": "POST; step through visible_to",
    "api:verify_rollout_step": "POST; step through visible_to",
    "api:return_rollout_step": "POST; step through visible_to",
}
STEPS_PUBLIC: set[str] = set()


# --- part "progress" ----------------------------------------------------------

PROGRESS_MAKERS: dict[str, Maker] = {}
PROGRESS_URLS: list[ScopedURL] = [
    ScopedURL("api:get_programme_progress", "programme", "detail", kwarg="programme_id"),
]
PROGRESS_NOT_AREA_BOUND: dict[str, str] = {}
PROGRESS_PUBLIC: set[str] = set()


def _unused(block: Area, tag: str) -> Any:  # keeps the shared imports used until parts add makers
    return ScopedURL, Maker


MAKERS: dict[str, Maker] = {
    **PROGRAMMES_MAKERS,
    **STEPS_MAKERS,
    **PROGRESS_MAKERS,
}
SCOPED_URLS: list[ScopedURL] = [
    *PROGRAMMES_URLS,
    *STEPS_URLS,
    *PROGRESS_URLS,
]
NOT_AREA_BOUND: dict[str, str] = {
    **PROGRAMMES_NOT_AREA_BOUND,
    **STEPS_NOT_AREA_BOUND,
    **PROGRESS_NOT_AREA_BOUND,
}
PUBLIC_URLS: set[str] = set().union(PROGRAMMES_PUBLIC, STEPS_PUBLIC, PROGRESS_PUBLIC)
