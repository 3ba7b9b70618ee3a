"""Template helpers shared by every app: Indian formats and bilingual master data."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from degs.core.formatting import (
    file_kind,
    format_date,
    format_iso_date,
    format_rupees,
    group_indian,
)
from degs.core.models import reads_hindi

register = template.Library()


@register.filter
def indian(value: Any, decimals: int | None = None) -> str:
    """{{ 123456|indian }} -> 1,23,456"""
    return group_indian(value, decimals)


@register.filter
def inr(value: Any) -> str:
    """{{ fine_amount|inr }} -> ₹ 1,23,456.00 (rupees)"""
    return format_rupees(value)


@register.filter
def inr_paise(value: Any) -> str:
    """{{ entry.amount_paise|inr_paise }} -> ₹ 1,234.50 (whole paise)"""
    return format_rupees(paise=int(value or 0))


@register.filter
def filekind(content_type: Any) -> str:
    """{{ document.content_type|filekind }} -> PDF"""
    return file_kind(content_type)


CODE_SPAN = re.compile(r"`([^`<>]+)`")


@register.filter
def codes(text: Any) -> SafeString:
    """Text whose `backticked` words are machine text a person types exactly (JSON keys, file
    columns, commands): each is shown as <code>, in any language. The rest is escaped."""
    return mark_safe(CODE_SPAN.sub(r"<code>\1</code>", str(conditional_escape(text))))  # noqa: S308


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
