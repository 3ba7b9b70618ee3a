"""Import and export of areas and offices (CSV and XLSX).

Every row is checked before anything is written: the dry run reports each bad row with its
line and the reason in the user's language, and the import writes all rows or none.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext_lazy as _

from degs.accounts.models import User
from degs.accounts.roles import Capability
from degs.accounts.selectors import user_can
from degs.core.exceptions import ApplicationError, ImportRejected, OutOfJurisdiction
from degs.core.scoping import jurisdiction_of
from degs.core.text import has_devanagari
from degs.directory import services
from degs.directory.choices import ALLOWED_PARENTS, AreaKind, OfficeKind
from degs.directory.models import Area, ImportBatch, Office, lgd_code_validator
from degs.core.tabular import (
    CSV_TYPE,
    XLSX_TYPE,
    Row,
    Table,
    read_table,
    write_csv,
    write_xlsx,
)

AREA_COLUMNS = [
    "kind",
    "lgd_code",
    "name",
    "name_hi",
    "parent_kind",
    "parent_lgd_code",
    "parent_name",
    "is_sample",
]
AREA_REQUIRED = {"kind", "name"}
OFFICE_COLUMNS = [
    "kind",
    "name",
    "name_hi",
    "area_kind",
    "area_lgd_code",
    "area_name",
    "address",
    "address_hi",
    "pincode",
    "latitude",
    "longitude",
    "phone",
    "email",
]
OFFICE_REQUIRED = {"kind", "name", "area_kind"}
TRUE_WORDS = {"true", "yes", "1", "y", "हाँ", "हां"}
FALSE_WORDS = {"false", "no", "0", "n", "", "नहीं"}


@dataclass
class RowError:
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


def _check_header(
    table: Table, columns: list[str], required: set[str], report: ImportReport
) -> bool:
    seen: set[str] = set()
    for name in table.header:
        if not name:
            report.add(1, "", _("A column has no name in the header row."))
        elif name in seen:
            report.add(1, name, _("This column appears twice."))
        elif name not in columns:
            report.add(
                1,
                name,
                _("Unknown column. Allowed columns: %(columns)s"),
                columns=", ".join(columns),
            )
        seen.add(name)
    for name in sorted(required - seen):
        report.add(1, name, _("This required column is missing."))
    return report.ok


def _parse_bool(value: str) -> bool | None:
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    return None


def _check_names(row: Row, report: ImportReport) -> None:
    name, name_hi = row.values.get("name", ""), row.values.get("name_hi", "")
    if not name:
        report.add(row.line, "name", _("The English name is empty."))
    elif len(name) > 200:
        report.add(row.line, "name", _("The name is longer than 200 characters."))
    if name_hi and not has_devanagari(name_hi):
        report.add(row.line, "name_hi", _("The Hindi name must be written in Devanagari."))
    if len(name_hi) > 200:
        report.add(row.line, "name_hi", _("The name is longer than 200 characters."))


def _check_lgd(row: Row, column: str, report: ImportReport) -> None:
    code = row.values.get(column, "")
    if code:
        try:
            lgd_code_validator(code)
        except ValidationError:
            report.add(row.line, column, _("An LGD code has only digits (at most 12)."))


# Areas ----------------------------------------------------------------------------------------


@dataclass
class _Planned:
    """An area as the import will leave it: an existing row, or one the file creates."""

    kind: str
    name: str
    lgd_code: str
    parent: _Planned | None
    area: Area | None = None  # None while it exists only in the file
    path: str = ""  # the existing area's path (scope checks)


class _AreaIndex:
    """Finds areas by (kind, LGD code) or by (kind, name), from the database and the file."""

    def __init__(self, actor: User | None, table: Table) -> None:
        codes: set[str] = set()
        names: set[str] = set()
        for row in table.rows:
            values = row.values
            codes.update(
                c for c in (values.get("lgd_code", ""), values.get("parent_lgd_code", "")) if c
            )
            names.update(n for n in (values.get("name", ""), values.get("parent_name", "")) if n)
        # Areas are looked up among all areas (an LGD code is unique everywhere), and the
        # actor's jurisdiction then decides which of them the file may use: one query.
        # Names match case-insensitively, like the lookups below.
        found = Area.objects.annotate(lower_name=Lower("name")).filter(
            Q(lgd_code__in=codes) | Q(lower_name__in={n.lower() for n in names})
        )
        self.jurisdiction = None if actor is None else jurisdiction_of(actor)
        self.by_code: dict[tuple[str, str], _Planned] = {}
        self.by_name: dict[tuple[str, str], list[_Planned]] = {}
        self.by_pk: dict[int, _Planned] = {}
        for area in found:
            self._remember(_Planned(area.kind, area.name, area.lgd_code, None, area, area.path))
        for planned in self.by_pk.values():
            parent_id = planned.area.parent_id if planned.area else None
            planned.parent = self.by_pk.get(parent_id) if parent_id else None

    def _remember(self, planned: _Planned) -> None:
        if planned.area is not None:
            self.by_pk[planned.area.pk] = planned
        if planned.lgd_code:
            self.by_code[(planned.kind, planned.lgd_code)] = planned
        self.by_name.setdefault((planned.kind, planned.name.lower()), []).append(planned)

    def visible(self, planned: _Planned) -> bool:
        """Rows the file only creates are checked where they are created."""
        if planned.area is None or self.jurisdiction is None:
            return True
        return self.jurisdiction.covers(planned.path)

    def find(self, kind: str, code: str, name: str) -> tuple[_Planned | None, str]:
        """The matching area and, when none or several match, why."""
        if code:
            match = self.by_code.get((kind, code))
            if match is None:
                return None, "missing"
            return match, "" if self.visible(match) else "hidden"
        candidates = self.by_name.get((kind, name.lower()), [])
        visible = [p for p in candidates if self.visible(p)]
        if len(visible) > 1:
            return None, "ambiguous"
        if visible:
            return visible[0], ""
        if len(candidates) == 1:
            return candidates[0], "hidden"
        return None, "missing"

    def existing_child(
        self, kind: str, code: str, name: str, parent: _Planned | None
    ) -> _Planned | None:
        if code:
            return self.by_code.get((kind, code))
        for planned in self.by_name.get((kind, name.lower()), []):
            if planned.parent is parent and not planned.lgd_code:
                return planned
        return None


def _plan_areas(
    actor: User | None, table: Table, report: ImportReport
) -> list[tuple[Row, _Planned, str]]:
    """Check every row; return (row, planned area, action) where action is create/update/same."""
    plan: list[tuple[Row, _Planned, str]] = []
    if not _check_header(table, AREA_COLUMNS, AREA_REQUIRED, report):
        return plan
    index = _AreaIndex(actor, table)
    kinds = set(AreaKind.values)
    seen_in_file: set[tuple[Any, ...]] = set()
    for row in table.rows:
        v = row.values
        errors_before = len(report.errors)
        if row.extra_cells:
            report.add(row.line, "", _("This row has more values than the header has columns."))
        kind = v.get("kind", "").lower()
        if kind not in kinds:
            report.add(
                row.line,
                "kind",
                _("Unknown kind of area. Use one of: %(kinds)s"),
                kinds=", ".join(AreaKind.values),
            )
        _check_names(row, report)
        _check_lgd(row, "lgd_code", report)
        _check_lgd(row, "parent_lgd_code", report)
        is_sample = _parse_bool(v.get("is_sample", ""))
        if is_sample is None:
            report.add(row.line, "is_sample", _("Write true or false."))
        parent, parent_hidden = _find_parent(row, kind, index, report)
        name, code = v.get("name", ""), v.get("lgd_code", "")
        key = (kind, code) if code else (kind, id(parent), name.lower())
        if key in seen_in_file:
            report.add(
                row.line, "lgd_code" if code else "name", _("This area appears twice in the file.")
            )
        seen_in_file.add(key)
        if len(report.errors) > errors_before or kind not in kinds:
            continue
        existing = index.existing_child(kind, code, name, parent)
        if existing is not None and existing.area is not None:
            area = existing.area
            if not index.visible(existing):
                report.add(
                    row.line,
                    "lgd_code" if code else "name",
                    _("This area already exists outside your jurisdiction."),
                )
                continue
            if area.parent_id != (parent.area.pk if parent and parent.area else None):
                report.add(
                    row.line,
                    "parent_name",
                    _(
                        "This area already exists under another parent; moving areas is not done by import."
                    ),
                )
                continue
            changed = (area.name, area.name_hi, area.is_sample) != (
                name,
                v.get("name_hi", ""),
                bool(is_sample),
            )
            if (
                changed
                and actor is not None
                and not user_can(actor, Capability.DIRECTORY_MANAGE, area)
            ):
                report.add(row.line, "name", _("You may not change the directory in this area."))
                continue
            plan.append((row, existing, "update" if changed else "same"))
            continue
        if parent_hidden:
            report.add(
                row.line,
                "parent_lgd_code" if v.get("parent_lgd_code") else "parent_name",
                _("The parent area was not found in your areas (nor earlier in this file)."),
            )
            continue
        if actor is not None and not _may_create_under(actor, kind, parent):
            column = "kind" if parent is None else "parent_name"
            report.add(row.line, column, _("You may not add areas here."))
            continue
        planned = _Planned(kind, name, code, parent)
        index._remember(planned)
        plan.append((row, planned, "create"))
    return plan


def _find_parent(
    row: Row, kind: str, index: _AreaIndex, report: ImportReport
) -> tuple[_Planned | None, bool]:
    """The row's parent, and whether it lies outside the actor's areas (usable only to match)."""
    v = row.values
    if kind not in ALLOWED_PARENTS:
        return None, False
    allowed = ALLOWED_PARENTS[kind]
    parent_kind = v.get("parent_kind", "").lower()
    parent_code, parent_name = v.get("parent_lgd_code", ""), v.get("parent_name", "")
    if not allowed:
        if parent_kind or parent_code or parent_name:
            report.add(row.line, "parent_kind", _("A state has no parent area."))
        return None, False
    if parent_kind not in allowed:
        report.add(
            row.line,
            "parent_kind",
            _("A %(kind)s must be under one of: %(kinds)s"),
            kind=AreaKind(kind).label,
            kinds=", ".join(sorted(allowed)),
        )
        return None, False
    if not (parent_code or parent_name):
        report.add(row.line, "parent_name", _("Give the parent's LGD code or name."))
        return None, False
    parent, why = index.find(parent_kind, parent_code, parent_name)
    if why == "ambiguous":
        report.add(
            row.line,
            "parent_name",
            _("Several areas of that kind have this name; give the parent's LGD code."),
        )
    elif why == "missing":
        report.add(
            row.line,
            "parent_lgd_code" if parent_code else "parent_name",
            _("The parent area was not found in your areas (nor earlier in this file)."),
        )
    return parent, why == "hidden"


def _may_create_under(actor: User, kind: str, parent: _Planned | None) -> bool:
    if parent is None:
        return jurisdiction_of(actor).everywhere
    anchor = parent
    while anchor.area is None and anchor.parent is not None:
        anchor = anchor.parent
    return anchor.area is not None and user_can(actor, Capability.DIRECTORY_MANAGE, anchor.area)


def _summarise(report: ImportReport, plan: list[tuple[Row, Any, str]], columns: list[str]) -> None:
    report.rows = len(plan) if report.ok else report.rows
    report.to_create = sum(1 for *_, action in plan if action == "create")
    report.to_update = sum(1 for *_, action in plan if action == "update")
    report.unchanged = sum(1 for *_, action in plan if action == "same")
    report.preview = [
        {"line": row.line, "action": action, **{c: row.values.get(c, "") for c in columns}}
        for row, _planned, action in plan
        if action != "same"
    ][:200]


def areas_check(*, actor: User | None, table: Table) -> ImportReport:
    """Dry run: every problem of every row, and what would be created or changed."""
    report = ImportReport(rows=len(table.rows))
    plan = _plan_areas(actor, table, report)
    _summarise(report, plan, AREA_COLUMNS)
    return report


@transaction.atomic
def areas_import(*, actor: User | None, table: Table) -> ImportReport:
    """Write every row, or none when any row is bad."""
    report = ImportReport(rows=len(table.rows))
    plan = _plan_areas(actor, table, report)
    if not report.ok:
        raise ImportRejected(extra={"report": report})
    for row, planned, action in plan:
        v = row.values
        is_sample = bool(_parse_bool(v.get("is_sample", "")))
        if action == "create":
            parent_area = planned.parent.area if planned.parent else None
            planned.area = services.area_create(
                actor=actor,
                kind=planned.kind,
                name=v["name"],
                name_hi=v.get("name_hi", ""),
                parent=parent_area,
                lgd_code=planned.lgd_code,
                is_sample=is_sample,
            )
        elif action == "update":
            services.area_update(
                actor=actor,
                area=planned.area,  # type: ignore[arg-type]  # an update always has its row
                name=v["name"],
                name_hi=v.get("name_hi", ""),
                is_sample=is_sample,
            )
    _summarise(report, plan, AREA_COLUMNS)
    return report


def areas_export_rows(*, user: Any, under: Area | None = None) -> Iterator[list[Any]]:
    qs = Area.objects.visible_to(user).select_related("parent").order_by("path")
    if under is not None:
        qs = qs.under(under.path)
    for area in qs.iterator(chunk_size=2000):
        parent = area.parent
        yield [
            area.kind,
            area.lgd_code,
            area.name,
            area.name_hi,
            parent.kind if parent else "",
            parent.lgd_code if parent else "",
            parent.name if parent and not parent.lgd_code else "",
            "true" if area.is_sample else "false",
        ]


# Offices --------------------------------------------------------------------------------------


def _plan_offices(
    actor: User | None, table: Table, report: ImportReport
) -> list[tuple[Row, Any, str]]:
    plan: list[tuple[Row, Any, str]] = []
    if not _check_header(table, OFFICE_COLUMNS, OFFICE_REQUIRED, report):
        return plan
    codes = {r.values.get("area_lgd_code", "") for r in table.rows} - {""}
    names = {r.values.get("area_name", "") for r in table.rows} - {""}
    base = Area.objects.all() if actor is None else Area.objects.visible_to(actor)
    areas = list(base.filter(Q(lgd_code__in=codes) | Q(name__in=names)))
    by_code = {(a.kind, a.lgd_code): a for a in areas if a.lgd_code}
    by_name: dict[tuple[str, str], list[Area]] = {}
    for a in areas:
        by_name.setdefault((a.kind, a.name.lower()), []).append(a)
    existing = {
        (o.area_id, o.kind, o.name.lower()): o for o in Office.objects.filter(area__in=areas)
    }
    kinds = set(OfficeKind.values)
    seen: set[tuple[Any, ...]] = set()
    for row in table.rows:
        v = row.values
        before = len(report.errors)
        if row.extra_cells:
            report.add(row.line, "", _("This row has more values than the header has columns."))
        kind = v.get("kind", "").lower()
        if kind not in kinds:
            report.add(
                row.line,
                "kind",
                _("Unknown kind of office. Use one of: %(kinds)s"),
                kinds=", ".join(OfficeKind.values),
            )
        _check_names(row, report)
        _check_lgd(row, "area_lgd_code", report)
        area: Area | None = None
        area_kind = v.get("area_kind", "").lower()
        if area_kind not in AreaKind.values:
            report.add(
                row.line,
                "area_kind",
                _("Unknown kind of area. Use one of: %(kinds)s"),
                kinds=", ".join(AreaKind.values),
            )
        elif v.get("area_lgd_code"):
            area = by_code.get((area_kind, v["area_lgd_code"]))
        elif v.get("area_name"):
            matches = by_name.get((area_kind, v["area_name"].lower()), [])
            if len(matches) > 1:
                report.add(
                    row.line,
                    "area_name",
                    _("Several areas of that kind have this name; give the area's LGD code."),
                )
            area = matches[0] if len(matches) == 1 else None
        else:
            report.add(row.line, "area_name", _("Give the area's LGD code or name."))
        if (
            area is None
            and area_kind in AreaKind.values
            and (v.get("area_lgd_code") or v.get("area_name"))
            and len(report.errors) == before
        ):
            report.add(
                row.line,
                "area_lgd_code" if v.get("area_lgd_code") else "area_name",
                _("The area was not found in your areas."),
            )
        if (
            area is not None
            and actor is not None
            and not user_can(actor, Capability.DIRECTORY_MANAGE, area)
        ):
            report.add(row.line, "area_name", _("You may not change the directory in this area."))
        fields = _office_fields(row, report)
        candidate = Office(kind=kind if kind in kinds else OfficeKind.OTHER, **fields)
        try:
            # Field checks only (PIN code, phone, e-mail, ranges); the area is resolved above.
            candidate.full_clean(
                exclude=["area", "latitude", "longitude", "name", "name_hi"],
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as exc:
            for column, messages in exc.message_dict.items():
                for message in messages:
                    report.add(row.line, column, message)
        for column in ("latitude", "longitude"):
            field = Office._meta.get_field(column)
            if fields[column] is not None and isinstance(field, models.Field):
                try:
                    field.run_validators(fields[column])
                except ValidationError:
                    report.add(row.line, column, _("This coordinate is outside India."))
        if len(report.errors) > before or area is None:
            continue
        key = (area.pk, kind, v["name"].lower())
        if key in seen:
            report.add(row.line, "name", _("This office appears twice in the file."))
            continue
        seen.add(key)
        office = existing.get(key)
        if office is None:
            plan.append((row, (area, kind, fields), "create"))
        else:
            changed = any(getattr(office, k) != val for k, val in fields.items())
            plan.append((row, (office, fields), "update" if changed else "same"))
    return plan


def _office_fields(row: Row, report: ImportReport) -> dict[str, Any]:
    v = row.values
    fields: dict[str, Any] = {
        k: v.get(k, "") for k in ("name", "name_hi", "address", "address_hi", "pincode", "phone")
    }
    fields["email"] = v.get("email", "").lower()
    coords: dict[str, Decimal | None] = {}
    for column in ("latitude", "longitude"):
        text = v.get(column, "")
        try:
            coords[column] = Decimal(text).quantize(Decimal("0.000001")) if text else None
        except InvalidOperation:
            report.add(
                row.line, column, _("Write the coordinate as a decimal number, e.g. 23.961234.")
            )
            coords[column] = None
    if (coords["latitude"] is None) != (coords["longitude"] is None):
        report.add(row.line, "longitude", _("Give both latitude and longitude, or neither."))
    fields.update(coords)
    return fields


def offices_check(*, actor: User | None, table: Table) -> ImportReport:
    report = ImportReport(rows=len(table.rows))
    plan = _plan_offices(actor, table, report)
    _summarise(report, plan, OFFICE_COLUMNS)
    return report


@transaction.atomic
def offices_import(*, actor: User | None, table: Table) -> ImportReport:
    report = ImportReport(rows=len(table.rows))
    plan = _plan_offices(actor, table, report)
    if not report.ok:
        raise ImportRejected(extra={"report": report})
    for _row, target, action in plan:
        if action == "create":
            area, kind, fields = target
            services.office_create(actor=actor, area=area, kind=kind, **fields)
        elif action == "update":
            office, fields = target
            services.office_update(actor=actor, office=office, **fields)
    _summarise(report, plan, OFFICE_COLUMNS)
    return report


def offices_export_rows(*, user: Any, under: Area | None = None) -> Iterator[list[Any]]:
    qs = (
        Office.objects.visible_to(user)
        .select_related("area")
        .order_by("area__path", "kind", "name")
    )
    if under is not None:
        qs = qs.under(under.path)
    for office in qs.iterator(chunk_size=2000):
        area = office.area
        yield [
            office.kind,
            office.name,
            office.name_hi,
            area.kind,
            area.lgd_code,
            "" if area.lgd_code else area.name,
            office.address,
            office.address_hi,
            office.pincode,
            "" if office.latitude is None else office.latitude,
            "" if office.longitude is None else office.longitude,
            office.phone,
            office.email,
        ]


# Batches: the file kept between the dry run and the import -------------------------------------

CHECKERS: dict[str, Any] = {
    ImportBatch.Kind.AREAS: areas_check,
    ImportBatch.Kind.OFFICES: offices_check,
}
IMPORTERS: dict[str, Any] = {
    ImportBatch.Kind.AREAS: areas_import,
    ImportBatch.Kind.OFFICES: offices_import,
}
COLUMNS: dict[str, list[str]] = {
    ImportBatch.Kind.AREAS: AREA_COLUMNS,
    ImportBatch.Kind.OFFICES: OFFICE_COLUMNS,
}


def import_batch_create(
    *, actor: User, kind: str, filename: str, content: bytes
) -> tuple[ImportBatch, ImportReport]:
    """Keep an uploaded file and run its dry run. Only directory managers may upload."""
    if kind not in CHECKERS:
        raise ApplicationError(_("Choose what the file holds: areas or offices."))
    if not user_can(actor, Capability.DIRECTORY_MANAGE):
        raise OutOfJurisdiction
    table = read_table(filename, content)
    report = CHECKERS[kind](actor=actor, table=table)
    batch = ImportBatch.objects.create(
        kind=kind,
        uploaded_by=actor,
        filename=filename[:255],
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
        status=ImportBatch.Status.CHECKED if report.ok else ImportBatch.Status.REJECTED,
        rows=report.rows,
    )
    return batch, report


def import_batch_get(*, actor: User, pk: int) -> ImportBatch:
    """A batch is seen only by the person who uploaded it."""
    batch = ImportBatch.objects.filter(pk=pk, uploaded_by=actor, kind__in=CHECKERS).first()
    if batch is None:
        raise OutOfJurisdiction
    return batch


def import_batch_check(*, actor: User, batch: ImportBatch) -> ImportReport:
    table = read_table(batch.filename, bytes(batch.content))
    return CHECKERS[batch.kind](actor=actor, table=table)


Importer = Callable[..., ImportReport]


def _read_upload(batch: ImportBatch) -> Table:
    return read_table(batch.filename, bytes(batch.content))


@transaction.atomic
def batch_apply(
    *,
    actor: User,
    pk: int,
    importers: Mapping[str, Importer],
    load: Callable[[ImportBatch], Table] = _read_upload,
) -> tuple[ImportBatch, ImportReport | None]:
    """Import the uploader's checked batch of one of ``importers``' kinds, all rows or none.

    The batch row is locked, so a second click on "Import" waits and then finds it imported
    (None). Shared by every app that imports through ``ImportBatch``.
    """
    batch = (
        ImportBatch.objects.select_for_update()
        .filter(pk=pk, uploaded_by=actor, kind__in=list(importers))
        .first()
    )
    if batch is None:
        raise OutOfJurisdiction
    if batch.status == ImportBatch.Status.IMPORTED:
        return batch, None
    report = importers[batch.kind](actor=actor, table=load(batch))
    batch.status = ImportBatch.Status.IMPORTED
    batch.created, batch.updated = report.to_create, report.to_update
    batch.imported_at = timezone.now()
    batch.save(update_fields=["status", "created", "updated", "imported_at", "updated_at"])
    return batch, report


def import_batch_apply(*, actor: User, pk: int) -> tuple[ImportBatch, ImportReport | None]:
    """Import a checked areas or offices file. A second click finds it imported."""
    return batch_apply(actor=actor, pk=pk, importers=IMPORTERS)


def export_table(*, kind: str, user: Any, under: Area | None, fmt: str) -> tuple[bytes, str]:
    """The areas or offices the user sees, as CSV or XLSX bytes, and the content type."""
    if kind not in COLUMNS:  # centres and operators are exported by degs.centres.importing
        raise ApplicationError(_("Unknown export."))
    rows = (areas_export_rows if kind == ImportBatch.Kind.AREAS else offices_export_rows)(
        user=user, under=under
    )
    header = COLUMNS[kind]
    if fmt == "xlsx":
        return write_xlsx(header, rows, title=kind), XLSX_TYPE
    return write_csv(header, rows), CSV_TYPE
