"""The assets app's block of the home page."""

from __future__ import annotations

from typing import Any


def home_context(*, user: Any) -> dict[str, Any]:
    return {}
