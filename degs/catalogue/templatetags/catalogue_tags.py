"""Template helpers of the catalogue pages."""

from __future__ import annotations

from typing import Any

from django import template

from degs.core.formatting import format_paise

register = template.Library()


@register.filter
def rs(paise: Any) -> str:
    """{{ 123450|rs }} -> 1,234.50: whole paise shown as rupees, grouped the Indian way."""
    return format_paise(paise)
