"""The dashboards app's entries for the jurisdiction tests (tests/scope_registry.py collects
them through the app's ``scope_tests``). Each part keeps its makers and URLs in its own section
below; MAKERS, SCOPED_URLS, NOT_AREA_BOUND and PUBLIC_URLS at the end join them."""

from __future__ import annotations

from typing import Any

from tests.scope_entries import Maker, ScopedURL

# --- part "dashboard" ---------------------------------------------------------


def _dashboard_area(block: Any, tag: str) -> Any:
    """An area's dashboard is the area itself: the block the check puts its row in."""
    return block


DASHBOARD_MAKERS: dict[str, Maker] = {"dashboard_area": Maker(_dashboard_area)}
DASHBOARD_URLS: list[ScopedURL] = [
    ScopedURL("dashboards:area", "dashboard_area", "detail", kwarg="area_id"),
    ScopedURL("api:get_dashboard", "dashboard_area", "detail", kwarg="area_id"),
]
DASHBOARD_NOT_AREA_BOUND: dict[str, str] = {
    "dashboards:dashboard": "the user's own top area (capability_paths for indicators.view); "
    "no area in the address",
    "dashboards:ranking": "two keys in the address: the area through area_get (visible_to) as "
    "dashboards:area, checked in tests/dashboards/test_dashboard_scope.py",
}

# --- part "packs" (the review pack) -----------------------------------------


def _review_pack(block: Any, tag: str) -> Any:
    """A pack of a block committee's meeting (its committee's name carries the tag)."""
    from degs.dashboards.models import ReviewPack
    from degs.dashboards.services.packs import month_reviewed, pack_snapshot
    from tests.reviews.scope import _meeting

    meeting = _meeting(block, tag)
    return ReviewPack.objects.create(
        meeting=meeting,
        period_start=month_reviewed(meeting.date).start,
        data=pack_snapshot(meeting=meeting),
    )


PACKS_MAKERS: dict[str, Maker] = {"review_pack": Maker(_review_pack)}
PACKS_URLS: list[ScopedURL] = [
    ScopedURL("dashboards:pack_detail", "review_pack", "detail"),
    ScopedURL("dashboards:pack_pdf", "review_pack", "detail"),
    ScopedURL("api:get_pack", "review_pack", "detail", kwarg="pack_id"),
]
PACKS_NOT_AREA_BOUND: dict[str, str] = {
    "dashboards:pack_build": "POST only, keyed by the meeting: reviews.selectors.meeting_get "
    "(visible_to); checked in tests/dashboards/test_packs.py",
    "api:list_meeting_packs": "keyed by the meeting: reviews.selectors.meeting_get "
    "(visible_to); checked in tests/dashboards/test_packs.py",
}

# --- part "state" (the state's view) -----------------------------------------

STATE_NOT_AREA_BOUND: dict[str, str] = {
    "dashboards:state": "no area in the address: the districts ranked are "
    "Area.objects.visible_to(user) (a DC's own district only; another state's never), checked "
    "in tests/dashboards/test_state.py",
    "api:get_state_ranking": "as dashboards:state; a state the caller does not see answers "
    "404, checked in tests/dashboards/test_state_api.py",
}

# --- joined -------------------------------------------------------------------

MAKERS: dict[str, Maker] = {**DASHBOARD_MAKERS, **PACKS_MAKERS}
SCOPED_URLS: list[ScopedURL] = [*DASHBOARD_URLS, *PACKS_URLS]
NOT_AREA_BOUND: dict[str, str] = {
    "dashboards:home": "shows the user's own posts and areas, through the same selectors",
    **DASHBOARD_NOT_AREA_BOUND,
    **PACKS_NOT_AREA_BOUND,
    **STATE_NOT_AREA_BOUND,
}
PUBLIC_URLS: set[str] = set()
