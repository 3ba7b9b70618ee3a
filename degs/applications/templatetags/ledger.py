from typing import Any

from django import template

from degs.core.formatting import format_paise

register = template.Library()


@register.filter
def rs(paise: Any) -> str:
    """Rupees from whole paise, grouped the Indian way: 123450 -> 1,234.50 (no floats)."""
    return format_paise(paise or 0)
