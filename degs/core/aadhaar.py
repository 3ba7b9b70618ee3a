"""Aadhaar numbers: checked with Verhoeff, kept only as a keyed hash and the last four digits.

DESIGN.md: never store or show a full Aadhaar number. ``aadhaar_parts`` turns what a user typed
into the two things that may be kept, or raises ValidationError with a message to show.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from degs.core.text import ascii_digits

_D = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
    (1, 2, 3, 4, 0, 6, 7, 8, 9, 5),
    (2, 3, 4, 0, 1, 7, 8, 9, 5, 6),
    (3, 4, 0, 1, 2, 8, 9, 5, 6, 7),
    (4, 0, 1, 2, 3, 9, 5, 6, 7, 8),
    (5, 9, 8, 7, 6, 0, 4, 3, 2, 1),
    (6, 5, 9, 8, 7, 1, 0, 4, 3, 2),
    (7, 6, 5, 9, 8, 2, 1, 0, 4, 3),
    (8, 7, 6, 5, 9, 3, 2, 1, 0, 4),
    (9, 8, 7, 6, 5, 4, 3, 2, 1, 0),
)
_P = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
    (1, 5, 7, 6, 2, 8, 3, 0, 9, 4),
    (5, 8, 0, 3, 7, 9, 6, 1, 4, 2),
    (8, 9, 1, 6, 0, 4, 3, 5, 2, 7),
    (9, 4, 5, 3, 1, 2, 6, 8, 7, 0),
    (4, 2, 8, 6, 5, 7, 3, 9, 0, 1),
    (2, 7, 9, 3, 8, 0, 6, 4, 1, 5),
    (7, 0, 4, 6, 9, 1, 3, 2, 5, 8),
)


# Before its correction the fifth row above read (9, 4, 5, 3, 1, 2, 8, 7, 6, 0): not the published
# table, so about 30 % of real numbers were refused and as many wrong ones accepted. That table
# is kept here only to recognise what was checked or made with it: application numbers printed
# before the fix, and stored Aadhaar hashes (``hashes_only_the_first_table_accepts``).
_P_FIRST = (*_P[:4], (9, 4, 5, 3, 1, 2, 8, 7, 6, 0), *_P[5:])
_INVERSE = (0, 4, 3, 2, 1, 5, 6, 7, 8, 9)


def _product(digits: str, table: tuple[tuple[int, ...], ...], shift: int) -> int:
    check = 0
    for i, char in enumerate(reversed(digits)):
        check = _D[check][table[(i + shift) % 8][int(char)]]
    return check


def verhoeff_valid(digits: str) -> bool:
    """Does the number (check digit last) pass the Verhoeff check?"""
    return _product(digits, _P, 0) == 0


def verhoeff_digit(digits: str) -> str:
    """The check digit to append to ``digits``."""
    return str(_INVERSE[_product(digits, _P, 1)])


def first_table_valid(digits: str) -> bool:
    """Does the number pass the check as first shipped (wrong fifth row)? Only for numbers
    made or accepted before the fix."""
    return _product(digits, _P_FIRST, 0) == 0


def first_table_digit(digits: str) -> str:
    """The check digit the first, wrong table gave ``digits`` (numbers printed before the fix)."""
    return str(_INVERSE[_product(digits, _P_FIRST, 1)])


def normalise_aadhaar(value: str) -> str:
    """The 12 digits, or ValidationError: spaces and hyphens are allowed, Devanagari digits read."""
    digits = "".join(ch for ch in ascii_digits(value) if ch not in " -")
    if len(digits) != 12 or not digits.isascii() or not digits.isdigit():
        raise ValidationError(_("An Aadhaar number has 12 digits."), code="aadhaar_length")
    if digits[0] in "01" or not verhoeff_valid(digits):
        raise ValidationError(
            _("This is not a valid Aadhaar number: please check the digits."),
            code="aadhaar_checksum",
        )
    return digits


def aadhaar_hash(digits: str) -> str:
    """A keyed hash for matching the same number later; cannot be turned back into it."""
    return salted_hmac(
        "degs.aadhaar", digits, secret=settings.DEGS_AADHAAR_HASH_KEY, algorithm="sha256"
    ).hexdigest()


def aadhaar_parts(value: str) -> tuple[str, str]:
    """(last four digits, keyed hash) of a typed Aadhaar number; ValidationError if invalid."""
    digits = normalise_aadhaar(value)
    return digits[-4:], aadhaar_hash(digits)
