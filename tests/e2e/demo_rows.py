"""Rows of the demo district the browser tests open pages of."""

from __future__ import annotations

from typing import Any


def first(model: Any, **filters: Any) -> Any:
    """The first row (by id) of ``model`` matching ``filters``; fails if the demo has none."""
    row = model.objects.filter(**filters).order_by("pk").first()
    assert row is not None, f"the demo has no {model.__name__} with {filters}"
    return row
