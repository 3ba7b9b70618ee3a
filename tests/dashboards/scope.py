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

# --- joined -------------------------------------------------------------------

MAKERS: dict[str, Maker] = {**DASHBOARD_MAKERS}
SCOPED_URLS: list[ScopedURL] = [*DASHBOARD_URLS]
NOT_AREA_BOUND: dict[str, str] = {
    "dashboards:home": "shows the user's own posts and areas, through the same selectors",
    **DASHBOARD_NOT_AREA_BOUND,
}
PUBLIC_URLS: set[str] = set()
