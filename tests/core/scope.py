"""The core app's entries for the jurisdiction tests (tests/scope_registry.py collects
them through the app's ``scope_tests``)."""

from __future__ import annotations

NOT_AREA_BOUND: dict[str, str] = {
    "core:healthz": "public health check, no data",
}


PUBLIC_URLS: set[str] = {
    "core:healthz",
}
