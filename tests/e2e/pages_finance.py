"""The finance app's pages for tests/e2e/test_accessibility.py: one address of each page with a
real object of the demo district, and the role that opens it; NOT_PAGES: its named URLs that
are not pages a person reads, and why. The roles are demo users' names."""

from __future__ import annotations

from typing import Any

DC, ADMIN = "dc.jamtara", "admin"

NOT_PAGES: dict[str, str] = {}


def first(model: Any, **filters: Any) -> Any:
    row = model.objects.filter(**filters).order_by("pk").first()
    assert row is not None, f"the demo has no {model.__name__} with {filters}"
    return row


def pages(district: Any) -> dict[str, tuple[str, str]]:
    """Named URL -> (demo user, address) of the finance pages in ``district`` (Jamtara)."""
    return {}
