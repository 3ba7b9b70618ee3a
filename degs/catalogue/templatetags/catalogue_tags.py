"""Template helpers of the catalogue pages."""

from __future__ import annotations

from typing import Any

from django import template

from degs.catalogue.definition import rupees
from degs.core.formatting import group_indian

register = template.Library()


@register.filter
def rs(paise: Any) -> str:
    """{{ 123450|rs }} -> 1,234.50: whole paise shown as rupees, grouped the Indian way."""
    if paise is None or paise == "":
        return ""
    return group_indian(rupees(int(paise)))
