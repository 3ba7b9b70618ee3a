"""The finance app's forms, one module per part; here the amount field they share."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from degs.core.text import ascii_digits

MAX_PAISE = 10**13  # ₹1,000 crore: more than any society's grant
_RUPEES = re.compile(r"^\d+(\.\d*)?$")


def paise_of(text: str) -> int:
    """Rupees as typed ("1500", "1,500.50", "15,00,000") to whole paise, exactly (no floats)."""
    value = ascii_digits(str(text)).strip().replace(",", "").replace(" ", "").removeprefix("₹")
    if not _RUPEES.match(value):
        raise ValidationError(_("Give the amount in rupees, such as 1500 or 1500.50."))
    if len(value.partition(".")[2]) > 2:
        raise ValidationError(_("Rupees take at most two decimals (paise)."))
    paise = int(Decimal(value) * 100)
    if paise <= 0:
        raise ValidationError(_("The amount must be more than zero."))
    if paise > MAX_PAISE:
        raise ValidationError(_("That is more than ₹1,000 crore."))
    return paise


class RupeesField(forms.CharField):
    """An amount typed in rupees with paise; cleaned to whole paise (an int)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 24)
        super().__init__(*args, **kwargs)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": "decimal", "autocomplete": "off"})
        return attrs

    def prepare_value(self, value: Any) -> Any:
        return f"{Decimal(value).scaleb(-2):.2f}" if isinstance(value, int) else value

    def clean(self, value: Any) -> int | None:
        text = super().clean(value)
        return paise_of(text) if text else None
