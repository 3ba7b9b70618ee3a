"""Indian mobile numbers: one reading of every way people write them, one stored form.

People write a mobile number as ``9876543210``, ``98765 43210``, ``+91 98765 43210``,
``+91-98765-43210``, ``091 9876543210``, ``0091 98765 43210`` or ``098765 43210`` (the trunk
zero), in Devanagari digits too. Every form, import, API and service reads it with
``normalise_mobile`` and stores the ten digits; ``mobile_validator`` checks the stored form.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from degs.core.text import ascii_digits

MOBILE_MESSAGE = _("Enter a 10-digit Indian mobile number starting with 6, 7, 8 or 9.")
mobile_validator = RegexValidator(r"^[6-9][0-9]{9}$", MOBILE_MESSAGE)

# Spaces (any, including the no-break space), hyphens and dashes, dots, brackets and the
# direction marks phones put around a copied number are how people group the digits.
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015.()\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_MOBILE = re.compile(r"(?:\+91|0091|091|91|0)?([6-9][0-9]{9})")
LONGEST = 24  # what a form accepts as typed: "+91 (98765) 43210" with room to spare


def read_mobile(value: object) -> str:
    """The ten digits of a mobile number as people write it; the text unchanged (stripped)
    when it is not one, for ``mobile_validator`` to refuse with its message; "" for nothing."""
    text = str(value or "").strip()
    match = _MOBILE.fullmatch(_SEPARATORS.sub("", ascii_digits(text)))
    return match.group(1) if match else text


def normalise_mobile(value: object) -> str:
    """The ten digits of a mobile number as people write it, "" when empty; ValidationError
    with the one message otherwise."""
    digits = read_mobile(value)
    if digits:
        mobile_validator(digits)
    return digits


class MobileField(forms.CharField):
    """A form's mobile number: takes it as people write it, gives the ten digits."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", LONGEST)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "tel", "autocomplete": "off"})

    def to_python(self, value: Any) -> str:
        return normalise_mobile(super().to_python(value))
