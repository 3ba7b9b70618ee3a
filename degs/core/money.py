"""Money typed by people: rupees as text to whole paise (exactly, no floats), and back.

The one parser for every form, import and service that reads rupees; the display side (Indian
grouping, the ₹ sign) is ``degs.core.formatting``.
"""

from __future__ import annotations

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from degs.core.text import ascii_digits

MAX_PAISE = 1_000 * 1_00_00_000 * 100  # ₹1,000 crore: more than any grant or purchase
_RUPEES = re.compile(r"^\d+(\.\d*)?$")


def paise_of(text: object, *, zero: bool = False) -> int:
    """Rupees as typed ("1500", "1,500.50", "₹ 15,00,000", Devanagari digits) to whole paise.

    ``ValidationError`` for anything else: not a number, a negative sum, more than two decimals,
    nothing typed, more than ₹1,000 crore, and zero unless ``zero`` (a repair that cost nothing).
    """
    value = ascii_digits(str(text)).strip().replace(",", "").replace(" ", "").removeprefix("₹")
    if not _RUPEES.match(value):
        raise ValidationError(_("Give the amount in rupees, such as 1500 or 1500.50."))
    if len(value.partition(".")[2]) > 2:
        raise ValidationError(_("Rupees take at most two decimals (paise)."))
    paise = int(Decimal(value) * 100)
    if paise < 0 or (paise == 0 and not zero):
        raise ValidationError(_("The amount must be more than zero."))
    if paise > MAX_PAISE:
        raise ValidationError(_("That is more than ₹1,000 crore."))
    return paise


def rupees_text(paise: int | None) -> str:
    """Whole paise as plain rupees with two decimals, as a person would type them back
    (8500.00; no grouping, no sign): for a form's initial value or an export cell."""
    if paise is None:
        return ""
    return f"{Decimal(int(paise)).scaleb(-2):.2f}"


def rupees_decimal(paise: int) -> Decimal:
    """Whole paise as an exact rupee amount for a spreadsheet cell (no float rounding):
    125050 -> Decimal("1250.50")."""
    return Decimal(int(paise)).scaleb(-2)
