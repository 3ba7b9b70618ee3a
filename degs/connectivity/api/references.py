"""Ids an API caller sends for related rows (an office, a link, a provider…) turned into rows."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet


def find_rows(
    values: dict[str, Any],
    lookups: dict[str, tuple[QuerySet[Any], Any]],
    *,
    required: Collection[str] = (),
) -> dict[str, Any]:
    """Replace each id in ``values`` named in ``lookups`` (field: the rows that may be named,
    which is what the page's form offers, and the message when the id is none of them) by its
    row; a field sent as None stays None unless ``required``. Returns the errors, by field:
    an id outside the caller's areas reads as one that does not exist."""
    errors: dict[str, Any] = {}
    for name, (rows, message) in lookups.items():
        if name not in values:
            continue
        pk = values[name]
        found = rows.filter(pk=pk).first() if pk is not None else None
        if found is None and (pk is not None or name in required):
            errors[name] = message
        values[name] = found
    return errors


def rows_or_422(
    values: dict[str, Any],
    lookups: dict[str, tuple[QuerySet[Any], Any]],
    *,
    required: Collection[str] = (),
) -> dict[str, Any]:
    """:func:`find_rows`, answering 422 (naming every field) when an id is not found."""
    errors = find_rows(values, lookups, required=required)
    if errors:
        raise ValidationError(errors)
    return values
