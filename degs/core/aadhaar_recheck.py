"""Finding stored Aadhaar hashes whose number the corrected Verhoeff check refuses.

Before its correction the check used a wrong fifth row of the permutation table (``_P_FIRST`` in
``degs.core.aadhaar``). Every stored hash was made from a number that passed that first table.
The two tables differ only in the row that permutes the digit fifth from the right, and only
for the digits in ``DIFFERING`` (6, 7 and 8): a number passing the first table is refused by the
published one exactly when that digit is one of them, and every other number passes both
checks or neither.

A keyed hash cannot be read back, but with the key it can be matched: among the 12-digit
numbers that end in a row's last four digits, begin with 2 to 9, passed the first table and
have 6, 7 or 8 fifth from the right there are about 2.4 million. Each is hashed as
``aadhaar_hash`` does and compared with the stored hashes of that ending (a few seconds per
ending, at most 10,000 endings). What comes back is which stored hashes match, never a number.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from functools import cache

from django.conf import settings
from django.utils.encoding import force_bytes

from degs.core.aadhaar import _D, _INVERSE, _P, _P_FIRST

DIFFERING = tuple(d for d in range(10) if _P[4][d] != _P_FIRST[4][d])
_MIDDLE_PLACES = range(4, 11)  # places 4 to 10 from the right (0 is the check digit)
_MIDDLE_LENGTH = len(_MIDDLE_PLACES)


@cache
def _middles() -> tuple[bytes, ...]:
    """Every run of digits for places 10 down to 4 (as written, left to right) whose place 4
    is in DIFFERING, grouped by the element of the dihedral group the places contribute to the
    first table's check: group ``m`` is one bytes string of 7-digit runs, one after another."""
    groups: dict[int, bytes] = {0: b""}
    for length, place in enumerate(_MIDDLE_PLACES):
        row = _P_FIRST[place % 8]
        digits = DIFFERING if place == 4 else range(10)
        grown: dict[int, bytearray] = {}
        for element, runs in groups.items():
            starts = range(0, len(runs), length) if length else range(1)
            for digit in digits:
                prefix = str(digit).encode()
                grown.setdefault(_D[element][row[digit]], bytearray()).extend(
                    b"".join(prefix + runs[i : i + length] for i in starts)
                )
        groups = {element: bytes(runs) for element, runs in grown.items()}
    return tuple(groups.get(element, b"") for element in range(10))


def _hmac_pads() -> tuple[hashlib._Hash, hashlib._Hash]:
    """The inner and outer SHA-256 states of the HMAC ``aadhaar_hash`` computes with
    ``salted_hmac``: its key is SHA-256 of the salt and the secret. Copying these two states
    for each candidate costs half of building an HMAC afresh."""
    secret = force_bytes(settings.DEGS_AADHAAR_HASH_KEY)
    key = hashlib.sha256(b"degs.aadhaar" + secret).digest().ljust(64, b"\0")
    inner = hashlib.sha256(bytes(b ^ 0x36 for b in key))
    outer = hashlib.sha256(bytes(b ^ 0x5C for b in key))
    return inner, outer


def hashes_only_the_first_table_accepts(last4: str, hashes: Collection[str]) -> set[str]:
    """Those of ``hashes`` (hex, made by ``aadhaar_hash`` with the current key) made from a
    number that ends in ``last4``, passed the first, wrong table and is refused by the
    published one."""
    wanted = {bytes.fromhex(h): h for h in hashes if len(h) == 64}
    if not wanted or len(last4) != 4 or not last4.isascii() or not last4.isdigit():
        return set()
    inner, outer = _hmac_pads()
    tail = last4.encode()
    # Places 0 to 3 use rows the two tables share.
    before = 0
    for place, char in enumerate(reversed(last4)):
        before = _D[before][_P[place][int(char)]]
    found: set[str] = set()
    for element, runs in enumerate(_middles()):
        # The first digit (place 11, row 3) is the one that makes the first table's check 0.
        needed = _INVERSE[_D[before][element]]
        first = _P_FIRST[3].index(needed)
        if first < 2:
            continue  # an Aadhaar number never begins with 0 or 1
        head = str(first).encode()
        for start in range(0, len(runs), _MIDDLE_LENGTH):
            message = head + runs[start : start + _MIDDLE_LENGTH] + tail
            state = inner.copy()
            state.update(message)
            digest = outer.copy()
            digest.update(state.digest())
            match = wanted.get(digest.digest())
            if match is not None:
                found.add(match)
    return found
