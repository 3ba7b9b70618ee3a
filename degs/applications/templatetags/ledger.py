from django import template

from degs.catalogue.definition import rupees

register = template.Library()


@register.filter
def rs(paise: int | None) -> str:
    """Rupees with paise from whole paise: 3050 -> 30.50 (no floats)."""
    return rupees(paise or 0)
