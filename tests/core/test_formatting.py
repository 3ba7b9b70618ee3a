import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from degs.core.formatting import format_date, group_indian
from degs.core.scoping import Jurisdiction, ancestor_paths, minimal_paths, path_segment
from degs.core.text import clean_text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, "0"),
        (999, "999"),
        (1000, "1,000"),
        (123456, "1,23,456"),
        (12345678, "1,23,45,678"),
        (-1234567, "-12,34,567"),
        (Decimal("1234567.50"), "12,34,567.50"),
        (None, ""),
        ("not a number", "not a number"),
    ],
)
def test_group_indian(value, expected) -> None:
    assert group_indian(value) == expected


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_group_indian_keeps_digits_and_groups_in_twos(n: int) -> None:
    text = group_indian(n)
    assert int(text.replace(",", "")) == n
    groups = text.lstrip("-").split(",")
    assert len(groups[-1]) <= 3
    assert all(len(g) == 2 for g in groups[1:-1])
    assert 1 <= len(groups[0]) <= (3 if len(groups) == 1 else 2)


def test_dates_are_day_month_year() -> None:
    assert format_date(dt.date(2026, 11, 22)) == "22-11-2026"
    aware = dt.datetime(2026, 11, 22, 4, 30, tzinfo=dt.UTC)
    assert format_date(aware) == "22-11-2026 10:00"  # shown in India's time


def test_clean_text_normalises_nfc_and_spaces() -> None:
    assert clean_text("  Jamta\u0301ra   x ") == "Jamt\u00e1ra x"
    # QA is a composition exclusion: both spellings end as KA + NUKTA, so they compare equal
    assert clean_text("\u0958") == clean_text("\u0915\u093c") == "\u0915\u093c"


def test_paths() -> None:
    a, b = path_segment(1), path_segment(23)
    assert a == "00000001/"
    assert ancestor_paths(a + b + path_segment(7)) == [a, a + b]
    assert minimal_paths([a + b, a, path_segment(2)]) == (a, path_segment(2))
    j = Jurisdiction(paths=(a + b,), roles=frozenset({("viewer", a + b)}))
    assert j.covers(a + b + path_segment(9))
    assert not j.covers(a)
    assert j.roles_at(a + b + "x") == {"viewer"}


@pytest.mark.parametrize(
    ("rupees", "paise", "expected"),
    [
        (Decimal("1500"), None, "₹\u00a01,500.00"),
        (Decimal("123456.5"), None, "₹\u00a01,23,456.50"),
        (None, 12345678, "₹\u00a01,23,456.78"),
        (None, -150050, "-₹\u00a01,500.50"),
        (None, 5, "₹\u00a00.05"),
    ],
)
def test_rupees_with_sign_and_indian_grouping(rupees, paise, expected) -> None:
    from degs.core.formatting import format_rupees

    assert format_rupees(rupees, paise=paise) == expected
