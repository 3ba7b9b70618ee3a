"""Rupees typed by people to whole paise: the one parser (degs.core.money) and the one field
(degs.core.forms.RupeesField) every form and import reads money through."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from degs.core.forms import RupeesField
from degs.core.money import paise_of, rupees_decimal, rupees_text


def test_rupees_as_typed_to_paise() -> None:
    assert paise_of("42,500.50") == 4_250_050
    assert paise_of("7") == 700
    assert paise_of("0.05") == 5
    assert paise_of("0.5") == 50
    assert paise_of("₹ 1,00,000") == 10_000_000
    assert paise_of("१,२५०.५०") == 125_050  # Devanagari digits


@pytest.mark.parametrize("bad", ["-5", "1.005", "12.345", "abc", "twelve", "", "0"])
def test_not_rupees_is_refused(bad: str) -> None:
    with pytest.raises(ValidationError):
        paise_of(bad)


def test_zero_only_where_allowed() -> None:
    assert paise_of("0", zero=True) == 0
    with pytest.raises(ValidationError, match="more than zero"):
        paise_of("0.00")


def test_the_messages() -> None:
    with pytest.raises(ValidationError, match="two decimals"):
        paise_of("12.345")
    with pytest.raises(ValidationError, match="such as 1500"):
        paise_of("twelve")
    with pytest.raises(ValidationError, match="1,000 crore"):
        paise_of("10,00,00,00,000.01")  # ₹1,000 crore and a paisa
    assert paise_of("10,00,00,00,000") == 10**12


def test_field_and_back() -> None:
    field = RupeesField(required=False)
    assert field.clean("") is None
    assert field.clean("1,250") == 125_000
    assert field.prepare_value(850_000) == "8500.00"
    assert rupees_text(850_000) == "8500.00" and rupees_text(None) == ""
    with pytest.raises(ValidationError):
        field.clean("0")
    assert RupeesField(required=False, zero=True).clean("0") == 0


def test_paise_as_an_exact_cell() -> None:
    assert str(rupees_decimal(125_050)) == "1250.50"
    assert str(rupees_decimal(-5)) == "-0.05"
