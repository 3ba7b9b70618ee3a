"""The rollouts app's entries for the jurisdiction tests (tests/scope_registry.py collects
them through the app's ``scope_tests``). Each part keeps its makers and URLs in its own section
below; MAKERS, SCOPED_URLS, NOT_AREA_BOUND and PUBLIC_URLS at the end join them."""

from __future__ import annotations

from typing import Any

from degs.directory.models import Area
from tests.scope_entries import Maker, ScopedURL

# --- part "programmes" --------------------------------------------------------

PROGRAMMES_MAKERS: dict[str, Maker] = {}
PROGRAMMES_URLS: list[ScopedURL] = []
PROGRAMMES_NOT_AREA_BOUND: dict[str, str] = {}
PROGRAMMES_PUBLIC: set[str] = set()


# --- part "steps" -------------------------------------------------------------

STEPS_MAKERS: dict[str, Maker] = {}
STEPS_URLS: list[ScopedURL] = []
STEPS_NOT_AREA_BOUND: dict[str, str] = {}
STEPS_PUBLIC: set[str] = set()


# --- part "progress" ----------------------------------------------------------

PROGRESS_MAKERS: dict[str, Maker] = {}
PROGRESS_URLS: list[ScopedURL] = []
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
