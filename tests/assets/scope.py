"""The assets app's entries for the jurisdiction tests (tests/scope_registry.py collects
them through the app's ``scope_tests``). Each part keeps its makers and URLs in its own section
below; MAKERS, SCOPED_URLS, NOT_AREA_BOUND and PUBLIC_URLS at the end join them."""

from __future__ import annotations

from typing import Any

from degs.directory.models import Area
from tests.scope_entries import Maker, ScopedURL

# --- part "register" ----------------------------------------------------------

REGISTER_MAKERS: dict[str, Maker] = {}
REGISTER_URLS: list[ScopedURL] = []
REGISTER_NOT_AREA_BOUND: dict[str, str] = {}
REGISTER_PUBLIC: set[str] = set()


# --- part "verification" ------------------------------------------------------

VERIFICATION_MAKERS: dict[str, Maker] = {}
VERIFICATION_URLS: list[ScopedURL] = []
VERIFICATION_NOT_AREA_BOUND: dict[str, str] = {}
VERIFICATION_PUBLIC: set[str] = set()


# --- part "tickets" -----------------------------------------------------------

TICKETS_MAKERS: dict[str, Maker] = {}
TICKETS_URLS: list[ScopedURL] = []
TICKETS_NOT_AREA_BOUND: dict[str, str] = {}
TICKETS_PUBLIC: set[str] = set()


# --- part "schedules" ---------------------------------------------------------

SCHEDULES_MAKERS: dict[str, Maker] = {}
SCHEDULES_URLS: list[ScopedURL] = []
SCHEDULES_NOT_AREA_BOUND: dict[str, str] = {}
SCHEDULES_PUBLIC: set[str] = set()


# --- part "procurement" -------------------------------------------------------

PROCUREMENT_MAKERS: dict[str, Maker] = {}
PROCUREMENT_URLS: list[ScopedURL] = []
PROCUREMENT_NOT_AREA_BOUND: dict[str, str] = {}
PROCUREMENT_PUBLIC: set[str] = set()


def _unused(block: Area, tag: str) -> Any:  # keeps the shared imports used until parts add makers
    return ScopedURL, Maker


MAKERS: dict[str, Maker] = {
    **REGISTER_MAKERS,
    **VERIFICATION_MAKERS,
    **TICKETS_MAKERS,
    **SCHEDULES_MAKERS,
    **PROCUREMENT_MAKERS,
}
SCOPED_URLS: list[ScopedURL] = [
    *REGISTER_URLS,
    *VERIFICATION_URLS,
    *TICKETS_URLS,
    *SCHEDULES_URLS,
    *PROCUREMENT_URLS,
]
NOT_AREA_BOUND: dict[str, str] = {
    **REGISTER_NOT_AREA_BOUND,
    **VERIFICATION_NOT_AREA_BOUND,
    **TICKETS_NOT_AREA_BOUND,
    **SCHEDULES_NOT_AREA_BOUND,
    **PROCUREMENT_NOT_AREA_BOUND,
}
PUBLIC_URLS: set[str] = set().union(
    REGISTER_PUBLIC, VERIFICATION_PUBLIC, TICKETS_PUBLIC, SCHEDULES_PUBLIC, PROCUREMENT_PUBLIC
)
