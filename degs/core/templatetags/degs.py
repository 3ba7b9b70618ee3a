"""Template helpers shared by every app: Indian formats and bilingual master data."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template

from degs.core.formatting import format_date, format_iso_date, group_indian
from degs.core.models import reads_hindi

register = template.Library()


@register.filter
def indian(value: Any, decimals: int | None = None) -> str:
    """{{ 123456|indian }} -> 1,23,456"""
    return group_indian(value, decimals)


@register.filter
def indate(value: Any) -> str:
    """{{ some_date|indate }} -> 22-11-2026"""
    return format_date(value)


@register.filter
def isodate(value: Any) -> str:
    """A date, or a date written as "2026-11-22" (a form's hidden value): 22-11-2026."""
    if isinstance(value, dt.date):
        return format_date(value)
    return format_iso_date(value) if value else ""


@register.filter
def loc(obj: Any, field: str = "name") -> str:
    """The Hindi twin of a master-data field when the page is in Hindi and one exists."""
    if obj is None:
        return ""
    if reads_hindi():
        hindi = getattr(obj, f"{field}_hi", "")
        if hindi:
            return str(hindi)
    return str(getattr(obj, field, "") or "")


@register.simple_tag(takes_context=True)
def querystring_with(context: Any, **kwargs: Any) -> str:
    """The current query string with some keys replaced (for pagination links)."""
    params = context["request"].GET.copy()
    for key, value in kwargs.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.filter
def get_item(mapping: Any, key: str) -> Any:
    """{{ row|get_item:column }} for dict rows."""
    return mapping.get(key, "") if hasattr(mapping, "get") else ""
