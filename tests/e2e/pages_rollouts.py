"""The rollouts app's pages for tests/e2e/test_accessibility.py: one address of each page with a
real object of the demo district, and the role that opens it; NOT_PAGES: its named URLs that
are not pages a person reads, and why. The roles are demo users' names."""

from __future__ import annotations

from typing import Any

from tests.e2e.demo_rows import first

DC, ADMIN = "dc.jamtara", "admin"

NOT_PAGES: dict[str, str] = {
    # part "steps"
    "rollouts:step_act": "POST only: verify, return or undo from the step's page",
    "rollouts:evidence_file": "a photo or PDF file, not a page",
}


def pages(district: Any) -> dict[str, tuple[str, str]]:
    """Named URL -> (demo user, address) of the rollouts pages in ``district`` (Jamtara)."""
    pages: dict[str, tuple[str, str]] = {}
    # part "steps": a milestone of the Jamtara projector rollout still to do, the queues
    from degs.rollouts.models import Step

    step = first(Step, target__programme__area=district, status="pending")
    pages["rollouts:step_detail"] = (DC, f"/rollouts/steps/{step.pk}/")
    pages["rollouts:step_submit"] = (DC, f"/rollouts/steps/{step.pk}/submit/")
    pages["rollouts:to_do"] = (DC, "/rollouts/to-do/")
    pages["rollouts:to_verify"] = (DC, "/rollouts/to-verify/")
    return pages
