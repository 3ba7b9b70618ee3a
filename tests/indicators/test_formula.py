"""Indicator formulas: what an administrator writes is read, never run. Values are checked
against Python's ``fractions.Fraction`` (exact rationals), not against the evaluator."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from degs.indicators.formula import BadFormula, Formula, Reference


def test_references_and_an_exact_value() -> None:
    formula = Formula.parse("(#{a} + #{b.female}) / 3 * 100")
    assert formula.references == (Reference("a"), Reference("b", "female"))
    assert formula.elements == frozenset({"a", "b"})
    got = formula.value({Reference("a"): Decimal(1), Reference("b", "female"): Decimal(1)})
    assert got is not None
    assert Fraction(got).limit_denominator(10**6) == Fraction(200, 3)


def test_not_reported_and_division_by_zero_are_unknown_never_zero() -> None:
    share = Formula.parse("#{done} / #{due} * 100")
    assert share.value({Reference("done"): Decimal(3)}) is None
    assert share.value({Reference("done"): Decimal(3), Reference("due"): Decimal(0)}) is None
    assert Formula.parse("#{x}").value({Reference("x"): Decimal(0)}) == 0
    assert Formula.parse("").value({}) == 1  # no denominator


@pytest.mark.parametrize(
    "text",
    [
        '__import__("os").system("id")',
        "#{a}.__class__",
        "#{a} ** 999999",
        "open('/etc/passwd')",
        "lambda: 1",
        "[x for x in ()]",
        "1 if 1 else 2",
        "#{a} and #{b}",
        "#{A}",
        "#{a",
        "9e999",
        "1" * 14,  # beyond 10^12
        "(" * 300 + "1" + ")" * 300,
        "+".join(["#{a}"] * 40),  # more than 60 parts
        "1" + "+1" * 300,  # longer than 500 characters
        "()",
    ],
)
def test_anything_but_arithmetic_is_refused(text: str) -> None:
    with pytest.raises(BadFormula):
        Formula.parse(text)


def test_a_result_of_ten_to_the_fifteen_is_unknown() -> None:
    big = Formula.parse("#{a} * 1000000000000")
    assert big.value({Reference("a"): Decimal(999)}) == Decimal(999) * 10**12
    assert big.value({Reference("a"): Decimal(1000)}) is None


small = st.integers(min_value=-(10**6), max_value=10**6)


@given(small, small, st.integers(min_value=1, max_value=10**6))
def test_arithmetic_matches_exact_fractions(a: int, b: int, c: int) -> None:
    formula = Formula.parse("(#{a} - #{b}) * 7 / #{c} + 2")
    got = formula.value(
        {Reference("a"): Decimal(a), Reference("b"): Decimal(b), Reference("c"): Decimal(c)}
    )
    expected = Fraction(a - b) * 7 / c + 2
    assert got is not None
    assert abs(Fraction(got) - expected) <= Fraction(1, 10**15)
