"""Amounts from whole paise, a file's type and `code` spans, as the pages show them."""

from __future__ import annotations

import pytest
from django.template import Context, Template

from degs.core.formatting import file_kind, format_paise


@pytest.mark.parametrize(
    ("paise", "expected"),
    [
        (0, "0.00"),
        (5, "0.05"),
        (3050, "30.50"),
        (123450, "1,234.50"),
        (123456789, "12,34,567.89"),
        (-250000, "-2,500.00"),
        (None, ""),
    ],
)
def test_paise_read_as_rupees_grouped_the_indian_way(paise, expected) -> None:
    assert format_paise(paise) == expected


@pytest.mark.parametrize(
    ("content_type", "expected"),
    [
        ("application/pdf", "PDF"),
        ("image/jpeg", "JPEG"),
        ("image/png; charset=binary", "PNG"),
        ("", ""),
    ],
)
def test_a_file_type_is_named_as_people_name_it(content_type, expected) -> None:
    assert file_kind(content_type) == expected


def test_backticked_words_become_code_and_the_rest_is_escaped() -> None:
    rendered = Template("{% load degs %}{{ text|codes }}").render(
        Context({"text": "Give `aadhaar` <b>here</b>"})
    )
    assert rendered == "Give <code>aadhaar</code> &lt;b&gt;here&lt;/b&gt;"
