"""What an import kind is, and the row checks every kind shares.

An app declares each kind of file it imports as an :class:`ImportKind` and names it in its
AppConfig's ``import_kinds``; the framework (``degs.imports.services``) runs the one flow
around it: upload, dry run, confirm, apply (in the task worker for big files), batch history.
A kind brings only what is its own: its columns, a ``plan`` that checks every row and says what
each good row will do, and a ``write`` that carries out the whole plan in bulk.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext_lazy as _

from degs.core.tabular import Row, Table
from degs.core.text import has_devanagari

TRUE_WORDS = {"true", "yes", "1", "y", "हाँ", "हां"}
FALSE_WORDS = {"false", "no", "0", "n", "", "नहीं"}
PREVIEW_ROWS = 200


@dataclass
class RowError:
    """One problem of one row: the line the user sees in their program, the column, why."""

    line: int
    column: str
    message: str | Promise


@dataclass
class ImportReport:
    """What an import would do (dry run) or did."""

    rows: int = 0
    to_create: int = 0
    to_update: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    preview: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def add(self, line: int, column: str, message: str | Promise, **params: Any) -> None:
        """Record an error; the message is translated when shown, in the reader's language."""
        if params:
            template = message
            message = lazy(lambda: str(template) % params, str)()
        self.errors.append(RowError(line=line, column=column, message=message))


@dataclass
class Step:
    """What one good row will do: "create", "update" (``fields``: what changes) or "same"
    (``target``: the existing row). ``extra`` holds what else the kind needs to write it."""

    row: Row
    action: str
    target: Any = None
    fields: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)


# What ``write`` is told after each chunk: the number of rows done so far.
Progress = Callable[[int], None]


def no_progress(done: int) -> None:
    """Progress nobody watches (a dry run, the demo, a small file)."""


@dataclass(frozen=True)
class ImportKind:
    """One kind of file an app imports (areas, offices, centres, operators…).

    ``plan(actor, table, report)`` checks every row, adds each bad row's line, column and reason
    to ``report``, and returns the steps of the good rows (:class:`Step`).
    ``write(actor, steps, report, progress)`` writes them all, in bulk, inside the transaction
    the framework opens, and calls ``progress(done)`` between chunks; a row the database still
    refuses is added to ``report``, and then nothing is kept. ``prepare`` runs on the table as soon as it is read (the
    centres seal Aadhaar numbers there), before the table is kept for the confirmation.
    """

    code: str
    label: Promise
    capability: str
    columns: tuple[str, ...]
    required: frozenset[str]
    plan: Callable[[Any, Table, ImportReport], list[Any]]
    write: Callable[[Any, list[Any], ImportReport, Progress], None]
    # The columns of the empty template (default: ``columns``) and of the dry run's preview.
    template_columns: tuple[str, ...] | None = None
    preview_columns: tuple[str, ...] | None = None
    prepare: Callable[[Table], Table] | None = None
    # The row of the preview for one step (default: the row's cells in preview_columns).
    preview_row: Callable[[Any, Sequence[str]], dict[str, Any]] | None = None

    @property
    def template(self) -> tuple[str, ...]:
        return self.template_columns or self.columns

    @property
    def shown(self) -> tuple[str, ...]:
        return self.preview_columns or self.columns

    def check(self, actor: Any, table: Table) -> tuple[ImportReport, list[Any]]:
        """The dry run: every problem of every row, and the steps of the good rows."""
        report = ImportReport(rows=len(table.rows))
        steps = self.plan(actor, table, report) if check_header(self, table, report) else []
        summarise(self, report, steps)
        return report, steps


def summarise(kind: ImportKind, report: ImportReport, steps: list[Any]) -> None:
    """Counts of what the steps do, and the first rows that change something."""
    report.to_create = sum(1 for s in steps if s.action == "create")
    report.to_update = sum(1 for s in steps if s.action == "update")
    report.unchanged = sum(1 for s in steps if s.action == "same")
    preview: list[dict[str, Any]] = []
    for step in steps:
        if step.action == "same":
            continue
        if kind.preview_row is not None:
            values = kind.preview_row(step, kind.shown)
        else:
            values = {c: step.row.values.get(c, "") for c in kind.shown}
        preview.append({"line": step.row.line, "action": step.action, **values})
        if len(preview) == PREVIEW_ROWS:
            break
    report.preview = preview


# Row checks every kind shares ----------------------------------------------------------------


def check_header(kind: ImportKind, table: Table, report: ImportReport) -> bool:
    """Every column named, once, known to the kind; every required column present."""
    seen: set[str] = set()
    for name in table.header:
        if not name:
            report.add(1, "", _("A column has no name in the header row."))
        elif name in seen:
            report.add(1, name, _("This column appears twice."))
        elif name not in kind.columns:
            report.add(
                1,
                name,
                _("Unknown column. Allowed columns: %(columns)s"),
                columns=", ".join(kind.columns),
            )
        seen.add(name)
    for name in sorted(kind.required - seen):
        report.add(1, name, _("This required column is missing."))
    return report.ok


def check_extra_cells(row: Row, report: ImportReport) -> None:
    if row.extra_cells:
        report.add(row.line, "", _("This row has more values than the header has columns."))


def check_names(row: Row, report: ImportReport) -> None:
    """``name`` given and not too long; ``name_hi``, when given, in Devanagari."""
    name, name_hi = row.values.get("name", ""), row.values.get("name_hi", "")
    if not name:
        report.add(row.line, "name", _("The English name is empty."))
    elif len(name) > 200:
        report.add(row.line, "name", _("The name is longer than 200 characters."))
    if name_hi and not has_devanagari(name_hi):
        report.add(row.line, "name_hi", _("The Hindi name must be written in Devanagari."))
    if len(name_hi) > 200:
        report.add(row.line, "name_hi", _("The name is longer than 200 characters."))


def check_kind(
    row: Row, report: ImportReport, column: str, kinds: Sequence[str], message: Any
) -> str:
    """The cell of ``column`` in lower case; ``message`` (``%(kinds)s``: the ``kinds`` it may
    be) on the row when it is none of them."""
    kind = row.values.get(column, "").lower()
    if kind not in kinds:
        report.add(row.line, column, message, kinds=", ".join(kinds))
    return kind


# DD-MM-YYYY, DD/MM/YYYY or DD.MM.YYYY; and ISO dates with Excel's date cells, which arrive as
# "2025-01-31 00:00:00".
_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")


def parse_date(text: str) -> dt.date:
    """DD-MM-YYYY, DD/MM/YYYY, DD.MM.YYYY or YYYY-MM-DD (and Excel date cells); ValueError."""
    if match := _DMY.match(text):
        day, month, year = (int(g) for g in match.groups())
    elif match := _YMD.match(text):
        year, month, day = (int(g) for g in match.groups())
    else:
        raise ValueError(text)
    return dt.date(year, month, day)


def date_cell(row: Row, column: str, report: ImportReport) -> tuple[dt.date | None, bool]:
    """The date in ``column`` (None when empty) and whether the cell was good; a cell that is
    not a date is an error on the row."""
    text = row.values.get(column, "")
    if not text:
        return None, True
    try:
        return parse_date(text), True
    except ValueError:
        report.add(
            row.line,
            column,
            _("Write the date as DD-MM-YYYY (for example 31-01-2025) or YYYY-MM-DD."),
        )
        return None, False


def parse_bool(value: str) -> bool | None:
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    return None


def add_validation(
    report: ImportReport, line: int, error: ValidationError, columns: dict[str, str]
) -> None:
    """A model's or a service's ValidationError as row errors (column = the field's column)."""
    if hasattr(error, "error_dict"):
        items: list[tuple[str, list[ValidationError]]] = list(error.error_dict.items())
    else:
        items = [(NON_FIELD_ERRORS, error.error_list)]
    for name, errors in items:
        column = "" if name == NON_FIELD_ERRORS else columns.get(name, name)
        for each in errors:
            params = each.params if isinstance(each.params, dict) else {}
            # Values are never echoed back: a model's message may quote what was typed.
            params = {k: v for k, v in params.items() if k != "value"}
            message = each.message
            if "%(value)" in str(message):
                message = _("This value is not valid.")
                params = {}
            report.add(line, column, message, **params)
