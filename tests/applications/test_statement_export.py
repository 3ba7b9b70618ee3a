"""The district's ledger statement as XLSX: amounts stay numbers, and a centre code a spreadsheet
would run is text, never a formula (negative amounts: tests/directory/test_tabular.py)."""

from __future__ import annotations

import io

from django.urls import reverse
from openpyxl import load_workbook

from degs.centres.models import Centre
from tests.applications.conftest import file_one


def test_statement_amounts_are_numbers_and_codes_are_never_formulas(world, apps, client_as):
    file_one(world, apps)
    Centre.objects.filter(pk=apps.centres.centre_a1.pk).update(code='=HYPERLINK("http://x")')
    response = client_as(world.dc_a).get(
        reverse("applications:ledger") + f"?district={world.district_a.pk}&format=xlsx"
    )
    book = load_workbook(io.BytesIO(response.content))
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    centres = book.worksheets[1]
    [row] = list(centres.iter_rows(min_row=2))
    assert (row[0].value, row[0].data_type, row[0].quotePrefix) == (
        '=HYPERLINK("http://x")',
        "s",
        True,
    )
    assert [(c.data_type, c.quotePrefix) for c in row[1:]] == [("n", False)] * 4
