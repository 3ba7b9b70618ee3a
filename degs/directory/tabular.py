"""Reading and writing spreadsheets (CSV and XLSX) as header + rows, with line numbers."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

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
        return [(reader.line_num, row) for row in reader]
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


def write_csv(header: list[str], rows: Iterable[Sequence[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"

Sheet = tuple[str, list[str], Iterable[Sequence[Any]]]  # title, header, rows


def write_xlsx_sheets(sheets: Iterable[Sheet]) -> bytes:
    """A workbook of several sheets, each a header and its rows."""
    workbook = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title=title[:31])
        sheet.append(header)
        for row in rows:
            sheet.append(["" if v is None else v for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_xlsx(header: list[str], rows: Iterable[Sequence[Any]], title: str) -> bytes:
    return write_xlsx_sheets([(title, header, rows)])
