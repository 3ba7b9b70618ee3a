"""Import and export of areas and offices (CSV and XLSX).

Every row is checked before anything is written: the dry run reports each bad row with its
line and the reason in the user's language, and the import writes all rows or none.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import partial
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from degs.core.exceptions import ApplicationError
from degs.core.memo import reference_changed
from degs.core.permissions import Capability, user_can
from degs.core.scoping import jurisdiction_of, path_segment
from degs.core.tabular import (
    CSV_TYPE,
    XLSX_TYPE,
    Row,
    Table,
    write_csv,
    write_xlsx,
)
from degs.core.text import clean_text
from degs.directory.choices import ALLOWED_PARENTS, AreaKind, OfficeKind
from degs.directory.models import Area, Office
from degs.imports import bulk
from degs.imports import services as imports
from degs.imports.kinds import (
    ImportKind,
    ImportReport,
    Progress,
    Step,
    check_extra_cells,
    check_kind,
    check_names,
    parse_bool,
)

if TYPE_CHECKING:
    from degs.accounts.models import User


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
    "code",  # optional: the state's office code, how other imports (network links) name it
]
OFFICE_REQUIRED = {"kind", "name", "area_kind"}
AREA_KINDS = tuple(AreaKind.values)
OFFICE_KINDS = tuple(OfficeKind.values)
UNKNOWN_AREA_KIND = _("Unknown kind of area. Use one of: %(kinds)s")


# The LGD code validator's pattern, compiled once: the check runs twice a row.
_LGD_CODE = re.compile(r"^\d{1,12}$")  # as lgd_code_validator (directory.models)


def _check_lgd(row: Row, column: str, report: ImportReport) -> None:
    code = row.values.get(column, "")
    if code and not _LGD_CODE.match(code):
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


def _plan_areas(actor: User | None, table: Table, report: ImportReport) -> list[Step]:
    """Check every row; each good row's step has its planned area as ``target``."""
    plan: list[Step] = []
    index = _AreaIndex(actor, table)
    seen_in_file: set[tuple[Any, ...]] = set()
    for row in table.rows:
        v = row.values
        errors_before = len(report.errors)
        check_extra_cells(row, report)
        kind = check_kind(row, report, "kind", AREA_KINDS, UNKNOWN_AREA_KIND)
        check_names(row, report)
        _check_lgd(row, "lgd_code", report)
        _check_lgd(row, "parent_lgd_code", report)
        is_sample = parse_bool(v.get("is_sample", ""))
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
        if len(report.errors) > errors_before or kind not in AREA_KINDS:
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
            plan.append(Step(row, "update" if changed else "same", target=existing))
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
        plan.append(Step(row, "create", target=planned))
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


def _write_areas(
    actor: User | None, steps: list[Step], report: ImportReport, progress: Progress
) -> None:
    """Create and change the areas of the plan in bulk: new areas one generation at a time
    (a parent the file creates is written before its children), each with its path."""
    done = 0
    changed: list[Area] = []
    for step in steps:
        if step.action == "update":
            area, v = step.target.area, step.row.values
            area.name, area.name_hi = clean_text(v["name"]), clean_text(v.get("name_hi", ""))
            area.is_sample = bool(parse_bool(v.get("is_sample", "")))
            changed.append(area)
    fields = ["name", "name_hi", "is_sample", "updated_at"]
    done = bulk.update(Area, changed, fields, actor=actor, progress=progress, done=done)
    pending = [s for s in steps if s.action == "create"]
    while pending:
        ready = [s for s in pending if s.target.parent is None or s.target.parent.area]
        pending = [s for s in pending if not (s.target.parent is None or s.target.parent.area)]
        if not ready:
            raise RuntimeError("An area of the plan has a parent the plan never creates.")
        areas = []
        for step, pk in zip(ready, bulk.reserve_ids(Area, len(ready)), strict=True):
            planned, v = step.target, step.row.values
            parent = planned.parent.area if planned.parent else None
            planned.area = bulk.build(
                Area,
                id=pk,
                kind=planned.kind,
                name=clean_text(v["name"]),
                name_hi=clean_text(v.get("name_hi", "")),
                parent_id=parent.pk if parent else None,
                lgd_code=clean_text(planned.lgd_code),
                is_sample=bool(parse_bool(v.get("is_sample", ""))),
                saturdays_off="",
                path=(parent.path if parent else "") + path_segment(pk),
                depth=(parent.depth + 1) if parent else 0,
            )
            areas.append(planned.area)
        done = bulk.create(Area, areas, actor=actor, progress=progress, done=done)
    if steps:
        reference_changed()


AREAS = ImportKind(
    code="areas",
    label=_("Areas"),
    capability=Capability.DIRECTORY_MANAGE,
    columns=tuple(AREA_COLUMNS),
    required=frozenset(AREA_REQUIRED),
    plan=_plan_areas,
    write=_write_areas,
)
# A table as read: the dry run (every problem of every row, and what would be created or
# changed), and the import (every row, or none when any row is bad: ImportRejected).
areas_check = partial(imports.check_table, kind=AREAS)
areas_import = partial(imports.apply_table, kind=AREAS)


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


def _plan_offices(actor: User | None, table: Table, report: ImportReport) -> list[Step]:
    plan: list[Step] = []
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
    # The office code, when the file has the column (a file without it leaves codes alone).
    with_code = "code" in table.header
    file_codes = {r.values.get("code", "") for r in table.rows} - {""} if with_code else set()
    code_owner = dict(Office.objects.filter(code__in=file_codes).values_list("code", "pk"))
    codes_seen: set[str] = set()
    seen: set[tuple[Any, ...]] = set()
    for row in table.rows:
        v = row.values
        before = len(report.errors)
        check_extra_cells(row, report)
        kind = check_kind(
            row, report, "kind", OFFICE_KINDS, _("Unknown kind of office. Use one of: %(kinds)s")
        )
        check_names(row, report)
        _check_lgd(row, "area_lgd_code", report)
        area: Area | None = None
        area_kind = check_kind(row, report, "area_kind", AREA_KINDS, UNKNOWN_AREA_KIND)
        if area_kind in AREA_KINDS:
            if v.get("area_lgd_code"):
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
        if with_code:
            fields["code"] = v.get("code", "")
            if fields["code"] and fields["code"] in codes_seen:
                report.add(row.line, "code", _("This office code appears twice in the file."))
            codes_seen.add(fields["code"])
        candidate = Office(kind=kind if kind in OFFICE_KINDS else OfficeKind.OTHER, **fields)
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
        owner = code_owner.get(fields.get("code") or "")
        if owner is not None and (office is None or owner != office.pk):
            report.add(row.line, "code", _("Another office already has this office code."))
            continue
        if office is None:
            plan.append(Step(row, "create", fields={"area": area, "kind": kind, **fields}))
        else:
            changed = any(getattr(office, k) != val for k, val in fields.items())
            plan.append(Step(row, "update" if changed else "same", target=office, fields=fields))
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


def _write_offices(
    actor: User | None, steps: list[Step], report: ImportReport, progress: Progress
) -> None:
    """Create and change the offices of the plan in bulk."""
    changed: list[Office] = []
    fields: set[str] = set()
    for step in steps:
        if step.action == "update":
            office = step.target
            for key, value in step.fields.items():
                value = clean_text(value) if isinstance(value, str) else value
                if getattr(office, key) != value:
                    setattr(office, key, value)
                    fields.add(key)
            changed.append(office)
    done = bulk.update(
        Office, changed, [*sorted(fields), "updated_at"], actor=actor, progress=progress
    )
    new = [
        Office(**{k: clean_text(v) if isinstance(v, str) else v for k, v in step.fields.items()})
        for step in steps
        if step.action == "create"
    ]
    bulk.create(Office, new, actor=actor, progress=progress, done=done)


OFFICES = ImportKind(
    code="offices",
    label=_("Offices"),
    capability=Capability.DIRECTORY_MANAGE,
    columns=tuple(OFFICE_COLUMNS),
    required=frozenset(OFFICE_REQUIRED),
    plan=_plan_offices,
    write=_write_offices,
)
offices_check = partial(imports.check_table, kind=OFFICES)
offices_import = partial(imports.apply_table, kind=OFFICES)


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
            office.code,
        ]


# Exports ----------------------------------------------------------------------------------------

COLUMNS: dict[str, list[str]] = {AREAS.code: AREA_COLUMNS, OFFICES.code: OFFICE_COLUMNS}


def export_table(*, kind: str, user: Any, under: Area | None, fmt: str) -> tuple[bytes, str]:
    """The areas or offices the user sees, as CSV or XLSX bytes, and the content type."""
    if kind not in COLUMNS:  # centres and operators are exported by degs.centres.importing
        raise ApplicationError(_("Unknown export."))
    rows = (areas_export_rows if kind == AREAS.code else offices_export_rows)(
        user=user, under=under
    )
    header = COLUMNS[kind]
    if fmt == "xlsx":
        return write_xlsx(header, rows, title=kind), XLSX_TYPE
    return write_csv(header, rows), CSV_TYPE
