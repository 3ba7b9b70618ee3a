"""The finance app's pages for tests/e2e/test_accessibility.py: one address of each page with a
real object of the demo district, and the role that opens it; NOT_PAGES: its named URLs that
are not pages a person reads, and why. The roles are demo users' names."""

from __future__ import annotations

from typing import Any

from tests.e2e.demo_rows import first  # noqa: F401  (the pages use it)

DC, ADMIN = "dc.jamtara", "admin"

NOT_PAGES: dict[str, str] = {}


def pages(district: Any) -> dict[str, tuple[str, str]]:
    """Named URL -> (demo user, address) of the finance pages in ``district`` (Jamtara)."""
    return {}
