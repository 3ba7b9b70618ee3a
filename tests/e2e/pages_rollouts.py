"""The rollouts app's pages for tests/e2e/test_accessibility.py: one address of each page with a
real object of the demo district, and the role that opens it; NOT_PAGES: its named URLs that
are not pages a person reads, and why. The roles are demo users' names."""

from __future__ import annotations

from typing import Any

from tests.e2e.demo_rows import first

DC, ADMIN = "dc.jamtara", "admin"

NOT_PAGES: dict[str, str] = {
    # part "programmes"
    "rollouts:programme_transition": "POST only: start, close or reopen from the programme's page",
    "rollouts:programme_follow": "POST only: a directive follows the programme, from its page",
    "rollouts:milestone_add": "POST only: the milestone form on the programme's page",
    "rollouts:milestone_move": "POST only: the up and down buttons on the programme's page",
    "rollouts:target_remove": "POST only: the form on the target's page",
    # part "steps"
    "rollouts:step_act": "POST only: verify, return or undo from the step's page",
    "rollouts:evidence_file": "a photo or PDF file, not a page",
}


def pages(district: Any) -> dict[str, tuple[str, str]]:
    """Named URL -> (demo user, address) of the rollouts pages in ``district`` (Jamtara)."""
    pages: dict[str, tuple[str, str]] = {}
    # part "programmes": the Jamtara projector rollout, a milestone and a target of it
    from degs.rollouts.models import Milestone, Programme, Target

    programme = first(Programme, area=district, kind="projector")
    milestone = first(Milestone, programme=programme)
    target = first(Target, programme=programme)
    at = f"/rollouts/{programme.pk}/"
    pages["rollouts:programme_list"] = (DC, "/rollouts/")
    pages["rollouts:programme_create"] = (DC, "/rollouts/new/")
    pages["rollouts:programme_detail"] = (DC, at)
    pages["rollouts:programme_edit"] = (DC, f"{at}edit/")
    pages["rollouts:milestone_edit"] = (DC, f"{at}milestones/{milestone.pk}/")
    pages["rollouts:targets_by_filter"] = (DC, f"{at}targets/by-filter/")
    pages["rollouts:targets_by_list"] = (DC, f"{at}targets/by-list/")
    pages["rollouts:target_detail"] = (DC, f"/rollouts/targets/{target.pk}/")
    # part "steps": a milestone of the Jamtara projector rollout still to do, the queues
    from degs.rollouts.models import Step

    step = first(Step, target__programme__area=district, status="pending")
    pages["rollouts:step_detail"] = (DC, f"/rollouts/steps/{step.pk}/")
    pages["rollouts:step_submit"] = (DC, f"/rollouts/steps/{step.pk}/submit/")
    pages["rollouts:to_do"] = (DC, "/rollouts/to-do/")
    pages["rollouts:to_verify"] = (DC, "/rollouts/to-verify/")
    return pages
