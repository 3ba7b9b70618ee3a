"""The connectivity block of the home page and the network engineer's own page."""

from __future__ import annotations

from typing import Any


def home_context(*, user: Any) -> dict[str, Any]:
    return {}
