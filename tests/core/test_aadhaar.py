"""The Verhoeff check and the Aadhaar number check, against published values and an independent
implementation (python-stdnum), never against numbers made with the code under test."""

import random

import pytest
from django.core.exceptions import ValidationError
from stdnum import verhoeff as stdnum_verhoeff
from stdnum.in_ import aadhaar as stdnum_aadhaar

from degs.core.aadhaar import normalise_aadhaar, verhoeff_digit, verhoeff_valid

# UIDAI's publicly documented test Aadhaar numbers (and one with its check digit changed).
PUBLISHED_VALID = ["999941057058", "499118665246"]
PUBLISHED_INVALID = ["999941057059"]


@pytest.mark.parametrize("number", PUBLISHED_VALID)
def test_published_aadhaar_numbers_pass(number) -> None:
    assert normalise_aadhaar(number) == number
    assert normalise_aadhaar(f"{number[:4]} {number[4:8]} {number[8:]}") == number


@pytest.mark.parametrize("number", PUBLISHED_INVALID)
def test_published_wrong_check_digit_is_refused(number) -> None:
    with pytest.raises(ValidationError) as caught:
        normalise_aadhaar(number)
    assert caught.value.code == "aadhaar_checksum"


def test_the_worked_example_of_the_reference_description() -> None:
    # Wikipedia, "Verhoeff algorithm": the check digit of 236 is 3, and 2363 is valid.
    assert verhoeff_digit("236") == "3"
    assert verhoeff_valid("2363")
    assert not any(verhoeff_valid(f"236{d}") for d in "012456789")


def test_verhoeff_agrees_with_stdnum_on_100000_random_numbers() -> None:
    rng = random.Random(13)
    for _ in range(100_000):
        number = f"{rng.randrange(10**12):012d}"
        assert verhoeff_valid(number) == stdnum_verhoeff.is_valid(number), number
        body = number[:11]
        assert verhoeff_digit(body) == stdnum_verhoeff.calc_check_digit(body), body


def test_aadhaar_check_agrees_with_stdnum_on_valid_and_invalid_numbers() -> None:
    rng = random.Random(8)
    for _ in range(20_000):
        body = f"{rng.randint(2, 9)}{rng.randrange(10**10):010d}"
        good = body + stdnum_verhoeff.calc_check_digit(body)
        bad = body + str((int(good[-1]) + rng.randint(1, 9)) % 10)
        for number in (good, bad):
            if number == number[::-1]:
                continue  # stdnum also refuses palindromes; this project does not ask that
            try:
                normalise_aadhaar(number)
                ours = True
            except ValidationError:
                ours = False
            assert ours == stdnum_aadhaar.is_valid(number), number
