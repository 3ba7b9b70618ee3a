"""Finding stored hashes of numbers that passed the first (wrong) Verhoeff table and fail the
published one. The numbers here are made with python-stdnum and with this test's own copy of the
first table, never with the code under test."""

import random

from stdnum import verhoeff as stdnum_verhoeff

from degs.core.aadhaar import aadhaar_hash
from degs.core.aadhaar_recheck import hashes_only_the_first_table_accepts

# The tables as degs/core/aadhaar.py had them before the correction (commit f067bb5), the fifth row of
# the permutation table wrong.
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
_P_FIRST = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
    (1, 5, 7, 6, 2, 8, 3, 0, 9, 4),
    (5, 8, 0, 3, 7, 9, 6, 1, 4, 2),
    (8, 9, 1, 6, 0, 4, 3, 5, 2, 7),
    (9, 4, 5, 3, 1, 2, 8, 7, 6, 0),
    (4, 2, 8, 6, 5, 7, 3, 9, 0, 1),
    (2, 7, 9, 3, 8, 0, 6, 4, 1, 5),
    (7, 0, 4, 6, 9, 1, 3, 2, 5, 8),
)


def passed_the_first_table(number: str) -> bool:
    check = 0
    for i, char in enumerate(reversed(number)):
        check = _D[check][_P_FIRST[i % 8][int(char)]]
    return check == 0


def numbers_ending(last4: str, rng: random.Random, keep, count: int) -> list[str]:
    found: list[str] = []
    while len(found) < count:
        number = f"{rng.randint(2, 9)}{rng.randrange(10**7):07d}{last4}"
        if keep(number) and number not in found:
            found.append(number)
    return found


def test_finds_exactly_the_hashes_of_numbers_only_the_first_table_accepted() -> None:
    rng = random.Random(13)
    last4 = "7058"
    # Stored before the fix and wrong: the first table passed them, the published one does not.
    wrong = numbers_ending(
        last4,
        rng,
        lambda n: passed_the_first_table(n) and not stdnum_verhoeff.is_valid(n),
        5,
    )
    # Right numbers with the same ending, some that both tables pass and some (6, 7 or 8 fifth
    # from the right) that only the published one passes.
    right = numbers_ending(last4, rng, stdnum_verhoeff.is_valid, 20)
    assert any(n[7] in "678" for n in right) and any(n[7] not in "678" for n in right)
    # A wrong number with another ending is not this ending's to find.
    elsewhere = numbers_ending(
        "1234", rng, lambda n: passed_the_first_table(n) and not stdnum_verhoeff.is_valid(n), 1
    )
    stored = {n: aadhaar_hash(n) for n in [*wrong, *right, *elsewhere]}

    found = hashes_only_the_first_table_accepts(last4, set(stored.values()))

    assert found == {stored[n] for n in wrong}


def test_nothing_is_found_for_no_hashes_or_a_bad_ending() -> None:
    assert hashes_only_the_first_table_accepts("7058", set()) == set()
    assert hashes_only_the_first_table_accepts("70a8", {"0" * 64}) == set()
