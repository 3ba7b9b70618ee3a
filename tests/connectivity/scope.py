"""The connectivity app's entries for the jurisdiction tests (tests/scope_registry.py collects
them through the app's ``scope_tests``). Each part keeps its makers and URLs in its own section
below; MAKERS, SCOPED_URLS, NOT_AREA_BOUND and PUBLIC_URLS at the end join them."""

from __future__ import annotations

from typing import Any

from degs.directory.models import Area
from tests.scope_entries import Maker, ScopedURL

# --- links, providers, maintenance windows (part "links") -------------------------------------

LINKS_MAKERS: dict[str, Maker] = {}
LINKS_URLS: list[ScopedURL] = []
LINKS_NOT_AREA_BOUND: dict[str, str] = {}

# --- outages (part "outages") ---------------------------------------------------------------

OUTAGES_MAKERS: dict[str, Maker] = {}
OUTAGES_URLS: list[ScopedURL] = []
OUTAGES_NOT_AREA_BOUND: dict[str, str] = {}

# --- uptime and the SLA report (part "uptime") ------------------------------------------------

UPTIME_MAKERS: dict[str, Maker] = {}
UPTIME_URLS: list[ScopedURL] = []
UPTIME_NOT_AREA_BOUND: dict[str, str] = {}

# --- heartbeats, probe tokens (part "health") -------------------------------------------------

HEALTH_MAKERS: dict[str, Maker] = {}
HEALTH_URLS: list[ScopedURL] = []
HEALTH_NOT_AREA_BOUND: dict[str, str] = {}
HEALTH_PUBLIC: set[str] = set()

# --- speed tests, VC rooms, IP phones (parts "speed", "rooms", "phones") ----------------------

DEVICES_MAKERS: dict[str, Maker] = {}
DEVICES_URLS: list[ScopedURL] = []
DEVICES_NOT_AREA_BOUND: dict[str, str] = {}

# --- directive targets, the engineer's page (parts "targets", "engineer") ---------------------

TARGETS_MAKERS: dict[str, Maker] = {}
TARGETS_URLS: list[ScopedURL] = []
TARGETS_NOT_AREA_BOUND: dict[str, str] = {}


def _unused(block: Area, tag: str) -> Any:  # keeps the shared imports used until parts add makers
    return None


MAKERS: dict[str, Maker] = {
    **LINKS_MAKERS,
    **OUTAGES_MAKERS,
    **UPTIME_MAKERS,
    **HEALTH_MAKERS,
    **DEVICES_MAKERS,
    **TARGETS_MAKERS,
}
SCOPED_URLS: list[ScopedURL] = [
    *LINKS_URLS,
    *OUTAGES_URLS,
    *UPTIME_URLS,
    *HEALTH_URLS,
    *DEVICES_URLS,
    *TARGETS_URLS,
]
NOT_AREA_BOUND: dict[str, str] = {
    **LINKS_NOT_AREA_BOUND,
    **OUTAGES_NOT_AREA_BOUND,
    **UPTIME_NOT_AREA_BOUND,
    **HEALTH_NOT_AREA_BOUND,
    **DEVICES_NOT_AREA_BOUND,
    **TARGETS_NOT_AREA_BOUND,
}
PUBLIC_URLS: set[str] = set(HEALTH_PUBLIC)
