"""The values import (``VALUES``): a spreadsheet of programme figures, one value a row.

Columns: ``element`` (the data element's code), ``lgd_code`` (the area's LGD code: one code
names one area anywhere in India, so a row never depends on who imports it; an area's name is
not taken, two panchayats may share one), ``period`` (``2026-04``, ``2026-27-Q1`` or
``2026-27``, as the element is reported), ``category`` (empty for an element not split, else
``female``, ``male`` or ``transgender``), ``value`` (digits; Indian grouping commas allowed) and
``comment``.

Every row is checked (``plan``) with the checks every value write makes
(``services.values.check_value``), plus the importer's reach (``indicators.enter`` at the area;
an area outside their areas is "no area in your areas has this LGD code", as if it did not
exist) and keys given twice. The dry run says what each good row does: a new value, a changed
one, or the same. Confirming writes the new and changed ones at once through
``services.values.values_write`` (origin IMPORT), all or nothing; importing the same file again
changes nothing. The file is read once; look-ups take a fixed number of queries.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from degs.core.permissions import capability_paths
from degs.core.tabular import CSV_TYPE, XLSX_TYPE, Table, write_csv, write_xlsx
from degs.directory.models import Area
from degs.imports.kinds import (
    ImportKind,
    ImportReport,
    Progress,
    Step,
    add_validation,
    check_extra_cells,
)
from degs.indicators.choices import Origin
from degs.indicators.models import DataElement, DataValue
from degs.indicators.periods import BadPeriod, Period

ENTER = "indicators.enter"
COLUMNS = ("element", "lgd_code", "period", "category", "value", "comment")
REQUIRED = frozenset({"element", "lgd_code", "period", "value"})
# A value's field -> the column that holds it.
FIELD_COLUMNS = {
    "element": "element",
    "area": "lgd_code",
    "period": "period",
    "category": "category",
    "value": "value",
}
KINDS = ("values",)
FORMATS = ("csv", "xlsx")


def _number(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", "").strip())
    except (InvalidOperation, ValueError):
        return None


def _plan(actor: Any, table: Table, report: ImportReport) -> list[Step]:
    from degs.indicators.services.values import ValueRow, check_value

    rows = table.rows
    codes = {r.values.get("element", "").strip().lower() for r in rows} - {""}
    elements = {e.code: e for e in DataElement.objects.filter(code__in=codes)}
    lgd_codes = {r.values.get("lgd_code", "").strip() for r in rows} - {""}
    areas_base = Area.objects.all() if actor is None else Area.objects.visible_to(actor)
    areas = {a.lgd_code: a for a in areas_base.filter(lgd_code__in=lgd_codes)}
    paths = None if actor is None else capability_paths(actor, ENTER)

    def may_enter(area: Area) -> bool:
        return paths is None or any(area.path.startswith(p) for p in paths)

    good: list[tuple[Any, Any]] = []
    seen: dict[tuple[int, int, str, Any, str], int] = {}
    for row in rows:
        v = row.values
        before = len(report.errors)
        check_extra_cells(row, report)
        element = elements.get(v.get("element", "").strip().lower())
        if element is None:
            report.add(row.line, "element", _("No data element has this code."))
        lgd = v.get("lgd_code", "").strip()
        area = areas.get(lgd)
        if not lgd:
            report.add(row.line, "lgd_code", _("Give the area's LGD code."))
        elif area is None:
            report.add(row.line, "lgd_code", _("No area in your areas has this LGD code."))
        elif not may_enter(area):
            report.add(row.line, "lgd_code", _("You may not enter figures for this area."))
            area = None
        period: Period | None = None
        try:
            period = Period.parse(v.get("period", ""))
        except BadPeriod:
            report.add(
                row.line,
                "period",
                _(
                    "Write the period as a month (2026-04), a quarter (2026-27-Q1) or a "
                    "financial year (2026-27)."
                ),
            )
        category = v.get("category", "").strip().lower()
        text = v.get("value", "").strip()
        number = _number(text)
        if not text:
            report.add(row.line, "value", _("Give the figure."))
        elif number is None:
            report.add(row.line, "value", _("Give a number."))
        comment = v.get("comment", "").strip()
        if len(comment) > 300:
            report.add(row.line, "comment", _("The comment is longer than 300 characters."))
        if element is not None and area is not None and period is not None and number is not None:
            try:
                check_value(
                    element=element, area=area, period=period, category=category, value=number
                )
            except ValidationError as error:
                add_validation(report, row.line, error, FIELD_COLUMNS)
        if (
            len(report.errors) > before
            or element is None
            or area is None
            or period is None
            or number is None
        ):
            continue
        key = (element.pk, area.pk, period.type, period.start, category)
        if key in seen:
            report.add(
                row.line,
                "element",
                _("This element, area, period and category are already on line %(first)s."),
                first=seen[key],
            )
            continue
        seen[key] = row.line
        good.append(
            (
                row,
                ValueRow(
                    element=element,
                    area=area,
                    period=period,
                    category=category,
                    value=number,
                    comment=comment,
                ),
            )
        )
    if not good:
        return []
    existing = {
        (d.element_id, d.area_id, d.period_type, d.period_start, d.category): d
        for d in DataValue.objects.filter(
            element_id__in={r.element.pk for _row, r in good},
            area_id__in={r.area.pk for _row, r in good},
            period_start__in={r.period.start for _row, r in good},
        ).only(
            "element_id", "area_id", "period_type", "period_start", "category", "value", "comment"
        )
    }
    plan: list[Step] = []
    for row, value in good:
        key = (
            value.element.pk,
            value.area.pk,
            value.period.type,
            value.period.start,
            value.category,
        )
        found = existing.get(key)
        if found is None:
            plan.append(Step(row, "create", extra={"value": value}))
        elif found.value == value.value and found.comment == value.comment:
            plan.append(Step(row, "same", target=found, extra={"value": value}))
        else:
            plan.append(
                Step(
                    row,
                    "update",
                    target=found,
                    fields={"value": value.value, "comment": value.comment},
                    extra={"value": value, "previous": found.value},
                )
            )
    return plan


def _write(actor: Any, steps: list[Step], report: ImportReport, progress: Progress) -> None:
    """The new and changed values in one ``values_write`` (origin IMPORT)."""
    from degs.indicators.services.values import values_write

    rows = [s.extra["value"] for s in steps if s.action != "same"]
    values_write(actor=actor, rows=rows, origin=Origin.IMPORT)
    progress(len(rows))


def _preview_row(step: Step, columns: Sequence[str]) -> dict[str, Any]:
    values = {c: step.row.values.get(c, "") for c in columns}
    previous = step.extra.get("previous")
    values["previous"] = "" if previous is None else format(previous.normalize(), "f")
    return values


VALUES = ImportKind(
    code="values",
    label=_("Programme figures"),
    capability=ENTER,
    columns=COLUMNS,
    required=REQUIRED,
    plan=_plan,
    write=_write,
    preview_columns=("element", "lgd_code", "period", "category", "value", "previous"),
    preview_row=_preview_row,
)


def values_template(fmt: str) -> tuple[bytes, str]:
    """The import's empty template (CSV or XLSX)."""
    if fmt == "xlsx":
        return write_xlsx(COLUMNS, [], title="figures"), XLSX_TYPE
    return write_csv(COLUMNS, []), CSV_TYPE
