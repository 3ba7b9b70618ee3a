"""Reading and writing spreadsheets (CSV and XLSX) as header + rows, with line numbers.

Every CSV and XLSX the project gives out is written here (``write_csv``, ``write_xlsx``,
``write_xlsx_sheets``), because this is where text that a spreadsheet would run as a formula is
made harmless (OWASP, "CSV Injection"): a text cell that begins with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return (a name such as ``=HYPERLINK("http://…"&B2, "…")``) goes into a CSV
with a single quote in front, and into an XLSX as a text cell marked to stay text (the quote
prefix), never as a formula. Numbers, dates and booleans are left as they are: a negative amount
stays a number. ``read_table`` takes off the quote this module put in front of a CSV cell, so an
export imports again unchanged; an XLSX cell needs nothing taken off.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from degs.core.exceptions import ImportRejected
from degs.core.text import clean_text, has_control_characters


@dataclass
class Row:
    line: int  # the line (CSV) or row (XLSX) number the user sees in their program
    values: dict[str, str]
    extra_cells: bool = False  # values beyond the header: never dropped silently


@dataclass
class Table:
    header: list[str]
    rows: list[Row]


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, Decimal):
        return format(value, "f")
    if (
        type(value) is str
        and value.isprintable()  # no tab, line break or other space than " "
        and "  " not in value
        and value[:1] != " "
        and value[-1:] != " "
        and (value.isascii() or unicodedata.is_normalized("NFC", value))
    ):
        return value  # already as clean_text leaves it: most cells, read at no cost
    return clean_text(value)


def read_table(filename: str, content: bytes) -> Table:
    """Parse a CSV (UTF-8) or XLSX file; the first row is the header."""
    name = filename.lower()
    if name.endswith(".xlsx"):
        raw_rows = _read_xlsx(content)
    elif name.endswith(".csv") or name.endswith(".txt"):
        raw_rows = _read_csv(content)
    else:
        raise ImportRejected(_("Upload a .csv or .xlsx file."))
    raw_rows = list(raw_rows)
    _refuse_control_characters(raw_rows)
    header: list[str] | None = None
    rows: list[Row] = []
    for line, values in raw_rows:
        cells = [_cell_text(v) for v in values]
        if header is None:
            if not any(cells):
                continue
            header = [c.strip().lower() for c in cells]
            continue
        if not any(cells):
            continue
        extra = any(cells[len(header) :])
        padded = cells[: len(header)] + [""] * (len(header) - len(cells))
        rows.append(
            Row(line=line, values=dict(zip(header, padded, strict=True)), extra_cells=extra)
        )
    if header is None:
        raise ImportRejected(_("The file is empty."))
    return Table(header=header, rows=rows)


def _refuse_control_characters(raw_rows: list[tuple[int, Sequence[Any]]]) -> None:
    """A cell that holds a control character (NUL, which PostgreSQL refuses, and the others in
    ``core.text``) refuses the file, naming the cells: nothing is imported, nothing dropped."""
    cells = [
        f"{get_column_letter(column)}{line}"
        for line, values in raw_rows
        for column, value in enumerate(values, start=1)
        if isinstance(value, str) and has_control_characters(value)
    ]
    if cells:
        shown = ", ".join(cells[:10]) + (" …" if len(cells) > 10 else "")
        raise ImportRejected(
            _(
                "Cells %(cells)s hold invisible control characters (such as NUL) that cannot "
                "be kept. Remove them and upload the file again. Nothing was imported."
            )
            % {"cells": shown}
        )


def _read_csv(content: bytes) -> Iterable[tuple[int, Sequence[Any]]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportRejected(
            _('The file is not UTF-8 text. In Excel, save it as "CSV UTF-8" and try again.')
        ) from exc
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        return [(reader.line_num, [csv_cell_read(cell) for cell in row]) for row in reader]
    except csv.Error as exc:
        raise ImportRejected(
            _("The CSV file could not be read: %(error)s") % {"error": exc}
        ) from exc


def _read_xlsx(content: bytes) -> Iterable[tuple[int, Sequence[Any]]]:
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise ImportRejected(_("The Excel file could not be read.")) from exc
    sheet = workbook.worksheets[0]
    rows = [(i, list(r)) for i, r in enumerate(sheet.iter_rows(values_only=True), start=1)]
    workbook.close()
    return rows


# Text a spreadsheet takes for a formula: OWASP's list of first characters.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# In a CSV such text gets a quote in front; so does text that already begins with quotes before
# one of them, so that reading back takes off exactly the one quote added, never one typed.
_QUOTED_ON_WRITE = re.compile(r"'*[=+\-@\t\r]")
_QUOTE_ADDED = re.compile(r"'+[=+\-@\t\r]")


def _plain(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Promise):
        return str(value)
    return value


def csv_cell(value: Any) -> Any:
    """A value as it goes into a CSV cell: text a spreadsheet would run gets a quote in front."""
    value = _plain(value)
    if isinstance(value, str) and _QUOTED_ON_WRITE.match(value):
        return "'" + value
    return value


def csv_cell_read(text: str) -> str:
    """A CSV cell as read: the quote ``csv_cell`` put in front taken off again."""
    return text[1:] if _QUOTE_ADDED.match(text) else text


def xlsx_cell(sheet: WriteOnlyWorksheet, value: Any) -> Any:
    """A value as it goes into an XLSX cell: text that openpyxl would write as a formula (or
    as an error such as #N/A), or that a spreadsheet would run once the cell is edited, is
    written as a text cell with the quote prefix; everything else as it is."""
    value = _plain(value)
    if isinstance(value, str) and (value.startswith(FORMULA_STARTS) or value in ERROR_CODES):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        cell.quotePrefix = True
        return cell
    return value


def write_csv(header: Sequence[Any], rows: Iterable[Sequence[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([csv_cell(v) for v in header])
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"

Sheet = tuple[Any, Sequence[Any], Iterable[Sequence[Any]]]  # title, header, rows


def write_xlsx_sheets(sheets: Iterable[Sheet]) -> bytes:
    """A workbook of several sheets, each a header and its rows."""
    workbook = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title=str(title)[:31])
        sheet.append([xlsx_cell(sheet, v) for v in header])
        for row in rows:
            sheet.append([xlsx_cell(sheet, v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_xlsx(header: Sequence[Any], rows: Iterable[Sequence[Any]], title: Any) -> bytes:
    return write_xlsx_sheets([(title, header, rows)])
