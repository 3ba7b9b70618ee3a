"""The indicators app's entries for the jurisdiction tests (tests/scope_registry.py collects
them through the app's ``scope_tests``). Each part keeps its makers and URLs in its own section
below; MAKERS, SCOPED_URLS, NOT_AREA_BOUND and PUBLIC_URLS at the end join them."""

from __future__ import annotations

from tests.scope_entries import Maker, ScopedURL

# --- part "values" ------------------------------------------------------------

VALUES_MAKERS: dict[str, Maker] = {}
VALUES_URLS: list[ScopedURL] = []
VALUES_NOT_AREA_BOUND: dict[str, str] = {}

# --- part "figures" -----------------------------------------------------------

FIGURES_MAKERS: dict[str, Maker] = {}
FIGURES_URLS: list[ScopedURL] = []
FIGURES_NOT_AREA_BOUND: dict[str, str] = {
    "api:figures_list": "area-bound by its area parameter through Area.visible_to (404 outside);"
    " tested in tests/indicators/test_figures_api.py, test_scoped_to_the_callers_areas",
    "api:figures_csv": "the same rows as api:figures_list as CSV; tested in"
    " tests/indicators/test_figures_api.py, test_scoped_to_the_callers_areas",
}

# --- joined -------------------------------------------------------------------

MAKERS: dict[str, Maker] = {**VALUES_MAKERS, **FIGURES_MAKERS}
SCOPED_URLS: list[ScopedURL] = [*VALUES_URLS, *FIGURES_URLS]
NOT_AREA_BOUND: dict[str, str] = {**VALUES_NOT_AREA_BOUND, **FIGURES_NOT_AREA_BOUND}
PUBLIC_URLS: set[str] = set()
