"""The dashboards app's entries for the jurisdiction tests (tests/scope_registry.py collects
them through the app's ``scope_tests``)."""

from __future__ import annotations

NOT_AREA_BOUND: dict[str, str] = {
    "dashboards:home": "shows the user's own posts and areas, through the same selectors",
}
