"""Import and export of centres, operators and operators' IDs (CSV and XLSX).

The directory's rules (``degs/directory/importing.py``), whose report and header check this
reuses: the dry run lists every bad row with the line the user sees in their spreadsheet, the
column and the reason in their language; the import writes all rows or none, in one
transaction, through the centres services, so events and history are written as for a form.
Each row is checked against the actor's areas: a row for an area, centre or operator outside
them is a row error, never an import.

Aadhaar numbers are reduced to the last four digits and the keyed hash as soon as a file is
read ("sealing"): the dry run, its preview, its errors and the batch kept between the dry run
and the import never hold a full number. An export gives the last four only, under
``aadhaar_last4``; an import reads that column only to check it (it never sets or changes the
number: a full number there is refused, and a new number goes in the ``aadhaar`` column).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache, partial
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from degs.accounts.models import User
from degs.accounts.roles import Capability
from degs.accounts.selectors import user_can, user_may_open
from degs.centres import selectors, services, workflow
from degs.centres.choices import (
    ID_PENDING,
    CentreKind,
    CentreStatus,
    Equipment,
    IdStatus,
    Premises,
)
from degs.centres.models import (
    Centre,
    CentreEvent,
    CentreService,
    IdType,
    Operator,
    OperatorId,
)
from degs.core.aadhaar import aadhaar_parts
from degs.core.exceptions import (
    ApplicationError,
    ImportRejected,
    OutOfJurisdiction,
    PermissionDenied,
)
from degs.core.mobile import MOBILE_MESSAGE, normalise_mobile, read_mobile
from degs.core.scoping import Jurisdiction, ancestor_paths, jurisdiction_of, root_path
from degs.core.tabular import (
    CSV_TYPE,
    XLSX_TYPE,
    Row,
    Table,
    write_csv,
    write_xlsx,
)
from degs.core.text import clean_text
from degs.core.workflow import record_events
from degs.directory.choices import AreaKind
from degs.directory.models import Area, lgd_code_validator
from degs.imports import bulk
from degs.imports import services as imports
from degs.imports.kinds import (
    ImportKind,
    ImportReport,
    Progress,
    Step,
    add_validation,
    check_extra_cells,
    check_names,
    date_cell,
    no_progress,
)
from degs.imports.models import ImportBatch

AREA_COLUMNS = ["panchayat_lgd_code", "district", "block", "panchayat"]
CENTRE_COLUMNS = [
    "code",
    "name",
    "name_hi",
    "kind",
    *AREA_COLUMNS,
    "premises",
    "address",
    "address_hi",
    "pincode",
    "latitude",
    "longitude",
    "phone",
    "opening_hours",
    "services",
    "equipment",
    "operator_mobile",
    "status",
    "status_since",
    "complaints_open",
    "monthly_transactions",
]
CENTRE_REQUIRED = {"code", "name", "kind"}
OPERATOR_COLUMNS = ["name", "name_hi", "mobile", "email", "aadhaar", "aadhaar_last4", *AREA_COLUMNS]
OPERATOR_REQUIRED = {"name", "mobile"}
OPERATOR_EXPORT_COLUMNS = [c for c in OPERATOR_COLUMNS if c != "aadhaar"]
ID_COLUMNS = [
    "operator_mobile",
    "id_type",
    "status",
    "applied_on",
    "application_reference",
    "number",
    "decided_on",
    "remarks",
]
ID_REQUIRED = {"operator_mobile", "id_type", "status", "applied_on"}

KINDS = ("centres", "operators", "operator_ids")
FORMATS = ("csv", "xlsx")
# What each kind's file may hold (import), and what its export and empty template hold.
COLUMNS: dict[str, list[str]] = {
    "centres": CENTRE_COLUMNS,
    "operators": OPERATOR_COLUMNS,
    "operator_ids": ID_COLUMNS,
}
EXPORT_COLUMNS: dict[str, list[str]] = {
    "centres": CENTRE_COLUMNS,
    "operators": OPERATOR_EXPORT_COLUMNS,
    "operator_ids": ID_COLUMNS,
}
REQUIRED: dict[str, set[str]] = {
    "centres": CENTRE_REQUIRED,
    "operators": OPERATOR_REQUIRED,
    "operator_ids": ID_REQUIRED,
}
TEMPLATE_COLUMNS: dict[str, list[str]] = {
    "centres": CENTRE_COLUMNS,
    "operators": [c for c in OPERATOR_COLUMNS if c != "aadhaar_last4"],
    "operator_ids": ID_COLUMNS,
}
# The preview never shows the aadhaar column (it holds only a sealed value by then).
PREVIEW_COLUMNS = EXPORT_COLUMNS

LAST4 = re.compile(r"^[0-9]{4}$")
LIST_SEPARATOR = ";"
IN_CHUNK = 5000  # values per IN (...) query: SQLite allows some 32,000 parameters

# District, block and panchayat columns: the kinds of area each may name. A "block" may be a
# municipality (its "panchayat" then is a ward) or, where panchayats sit under circles, a tehsil.
BLOCK_KINDS = (AreaKind.BLOCK, AreaKind.MUNICIPALITY, AreaKind.TEHSIL)
PANCHAYAT_KINDS = (AreaKind.GRAM_PANCHAYAT, AreaKind.WARD)
NAME_GROUPS: dict[str, tuple[str, ...]] = {
    "district": (AreaKind.DISTRICT,),
    "block": BLOCK_KINDS,
    "panchayat": PANCHAYAT_KINDS,
}
_GROUP_OF = {kind: group for group, kinds in NAME_GROUPS.items() for kind in kinds}
CENTRE_AREA_KINDS = tuple(services.SERVED_KINDS)
OPERATOR_AREA_KINDS = (AreaKind.DISTRICT, *BLOCK_KINDS, *PANCHAYAT_KINDS)

NOT_IN_AREAS = _("Not found, or not in your areas.")
MAY_NOT_MANAGE = _("You may not manage centres and operators in this area.")

T = TypeVar("T")


def _chunks(values: Iterable[T], size: int = IN_CHUNK) -> Iterator[list[T]]:
    chunk: list[T] = []
    for value in values:
        chunk.append(value)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# Reading cells ----------------------------------------------------------------------------------


def _mobile(text: str) -> str:
    return read_mobile(text)


def _check_mobile(row: Row, column: str, report: ImportReport) -> str:
    """The row's mobile number in ``column`` as ten digits (``core.mobile``), or "" with an
    error."""
    try:
        return normalise_mobile(row.values.get(column, ""))
    except ValidationError:
        report.add(row.line, column, MOBILE_MESSAGE)
        return ""


@cache
def _lookup(choices: type[models.TextChoices]) -> dict[str, str]:
    """Values and English labels (any case) of a set of choices, to the value."""
    with translation.override("en"):
        found = {str(label).lower(): str(value) for value, label in choices.choices}
    found.update({str(v).lower(): str(v) for v in choices.values})
    return found


def _choice(
    row: Row, column: str, choices: type[models.TextChoices], report: ImportReport
) -> str | None:
    """The choice's value; None with an error when the cell names no such choice."""
    text = row.values.get(column, "")
    value = _lookup(choices).get(text.lower())
    if not text:
        report.add(
            row.line,
            column,
            _("Give a value: one of %(values)s"),
            values=", ".join(choices.values),
        )
    elif value is None:
        report.add(
            row.line,
            column,
            _("Unknown value “%(text)s”. Use one of: %(values)s"),
            text=text[:60],
            values=", ".join(choices.values),
        )
    return value


def _count(row: Row, column: str, report: ImportReport) -> tuple[int | None, bool]:
    text = row.values.get(column, "").replace(",", "")
    if not text:
        return None, True
    if not text.isdigit() or len(text) > 9:
        report.add(row.line, column, _("Write a whole number, 0 or more."))
        return None, False
    return int(text), True


def _coordinates(row: Row, report: ImportReport) -> dict[str, Decimal | None]:
    coords: dict[str, Decimal | None] = {}
    for column in ("latitude", "longitude"):
        text = row.values.get(column, "")
        try:
            coords[column] = Decimal(text).quantize(Decimal("0.000001")) if text else None
        except InvalidOperation:
            report.add(
                row.line, column, _("Write the coordinate as a decimal number, e.g. 23.961234.")
            )
            coords[column] = None
            continue
        model_field = Centre._meta.get_field(column)
        value = coords[column]
        if value is not None and isinstance(model_field, models.Field):
            try:
                model_field.run_validators(value)
            except ValidationError:
                report.add(row.line, column, _("This coordinate is outside India."))
    if (coords["latitude"] is None) != (coords["longitude"] is None):
        report.add(row.line, "longitude", _("Give both latitude and longitude, or neither."))
    return coords


def _same_text(current: Any, new: str) -> bool:
    """Cells are read with white space folded: compare stored text the same way."""
    return clean_text(current or "") == new


# Aadhaar: sealed as soon as it is read ----------------------------------------------------------

# read_table folds every run of white space to one space and trims cells, so no cell of an
# uploaded file can begin with a tab: a value that does is a seal made here, never typed.
_SEAL = "\t"


def _seal_aadhaar(value: str) -> str:
    if not value or value.startswith(_SEAL):
        return value
    try:
        last4, keyed_hash = aadhaar_parts(value)
    except ValidationError as error:
        return f"{_SEAL}invalid{_SEAL}{error.code or 'aadhaar'}"
    return f"{_SEAL}ok{_SEAL}{last4}{_SEAL}{keyed_hash}"


def _seal(table: Table, columns: Sequence[str]) -> Table:
    """The table with every Aadhaar number reduced to last four + keyed hash, in place.

    Values of unknown columns are dropped too (the header check refuses such a file anyway),
    so that a number typed under a misspelt heading is not kept either.
    """
    unknown = [name for name in table.header if name not in columns]
    for row in table.rows:
        values = row.values
        for name in unknown:
            if name in values:
                values[name] = ""
        if values.get("aadhaar"):
            values["aadhaar"] = _seal_aadhaar(values["aadhaar"])
        last4 = values.get("aadhaar_last4", "")
        if last4 and not last4.startswith(_SEAL) and not LAST4.match(last4):
            values["aadhaar_last4"] = f"{_SEAL}invalid{_SEAL}last4"
    return table


@dataclass(frozen=True)
class _Aadhaar:
    last4: str
    keyed_hash: str


def _aadhaar(row: Row, report: ImportReport) -> tuple[_Aadhaar | None, bool]:
    """The row's sealed Aadhaar (None when empty) and whether the aadhaar columns are good."""
    sealed = row.values.get("aadhaar", "")
    last4 = row.values.get("aadhaar_last4", "")
    ok = True
    if last4.startswith(_SEAL):
        report.add(
            row.line,
            "aadhaar_last4",
            _(
                "Write only the last four digits here. A full Aadhaar number goes in the "
                "aadhaar column."
            ),
        )
        ok, last4 = False, ""
    parts = None
    if sealed:
        pieces = sealed.split(_SEAL)
        if len(pieces) == 4 and pieces[1] == "ok":
            parts = _Aadhaar(pieces[2], pieces[3])
        else:
            code = pieces[2] if len(pieces) == 3 else ""
            if code == "aadhaar_checksum":
                message = _("This is not a valid Aadhaar number: please check the digits.")
            else:
                message = _("An Aadhaar number has 12 digits.")
            report.add(row.line, "aadhaar", message)
            ok = False
    if parts is not None and last4 and last4 != parts.last4:
        report.add(
            row.line,
            "aadhaar_last4",
            _("These are not the last four digits of the Aadhaar number in this row."),
        )
        ok = False
    return parts, ok


def _keep_aadhaar(*, actor: User, operator: Operator, parts: _Aadhaar) -> None:
    """Store the last four and keyed hash made when the file was read.

    ``operator_create`` and ``operator_update`` take the full number only to make these two;
    the batch never keeps the full number, so they are stored here, in the same transaction
    and with the same history, right after the service has written the operator.
    """
    operator.aadhaar_last4, operator.aadhaar_hash = parts.last4, parts.keyed_hash
    operator.full_clean(exclude=["area", "user"], validate_unique=False)
    operator._history_user = actor  # type: ignore[attr-defined]
    operator.save(update_fields=["aadhaar_last4", "aadhaar_hash", "updated_at"])


# Areas: by LGD code, or by district, block and panchayat names ----------------------------------


class _AreaNames:
    """District, block and panchayat names above areas; one query per batch of areas."""

    def __init__(self) -> None:
        self.by_path: dict[str, Area] = {}

    def load(self, areas: Sequence[Area]) -> None:
        for area in areas:
            self.by_path.setdefault(area.path, area)
        missing = {p for a in areas for p in ancestor_paths(a.path)} - set(self.by_path)
        for chunk in _chunks(sorted(missing)):
            for area in Area.objects.filter(path__in=chunk):
                self.by_path[area.path] = area

    def names(self, area: Area) -> tuple[str, str, str]:
        """(district, block, panchayat): for each, the nearest area at or above of that kind."""
        chain = [self.by_path[p] for p in ancestor_paths(area.path) if p in self.by_path]
        found: dict[str, str] = {}
        for each in reversed([*chain, area]):
            group = _GROUP_OF.get(each.kind)
            if group and group not in found:
                found[group] = each.name
        return found.get("district", ""), found.get("block", ""), found.get("panchayat", "")


class _Areas:
    """Finds the area each row names, with two or three queries for the whole file."""

    def __init__(
        self, actor: User, table: Table, kinds: Sequence[str], wrong_kind: Promise
    ) -> None:
        self.actor = actor
        self.kinds = tuple(kinds)
        self.wrong_kind = wrong_kind
        self.jurisdiction: Jurisdiction = jurisdiction_of(actor)
        codes = {r.values.get("panchayat_lgd_code", "") for r in table.rows} - {""}
        names = {r.values.get(column, "").lower() for r in table.rows for column in NAME_GROUPS} - {
            ""
        }
        self.by_code: dict[str, list[Area]] = {}
        self.by_name: dict[tuple[str, str], list[Area]] = {}
        named_kinds = [k for kinds_ in NAME_GROUPS.values() for k in kinds_]
        for chunk in _chunks(sorted(codes)):
            for area in Area.objects.filter(lgd_code__in=chunk, kind__in=self.kinds):
                self.by_code.setdefault(area.lgd_code, []).append(area)
        for chunk in _chunks(sorted(names)):
            for area in Area.objects.annotate(lower_name=Lower("name")).filter(
                lower_name__in=chunk, kind__in=named_kinds
            ):
                group = _GROUP_OF[area.kind]
                self.by_name.setdefault((group, area.name.lower()), []).append(area)
        self.names = _AreaNames()
        self.names.load([a for found in self.by_code.values() for a in found])

    def _touches(self, area: Area) -> bool:
        """The area lies in, or holds part of, the actor's jurisdiction."""
        j = self.jurisdiction
        return j.covers(area.path) or any(p.startswith(area.path) for p in j.paths)

    def _by_names(self, district: str, block: str, panchayat: str) -> list[Area]:
        found = self.by_name.get(("district", district.lower()), [])
        found = [a for a in found if self._touches(a)] or found
        for group, name in (("block", block), ("panchayat", panchayat)):
            if not name:
                break
            above = found
            found = [
                a
                for a in self.by_name.get((group, name.lower()), [])
                if any(a.path.startswith(b.path) for b in above)
            ]
            if group == "block":
                # A block and a tehsil often share a name; the block is meant unless the
                # panchayat lies only under the tehsil.
                found = [a for a in found if a.kind != AreaKind.TEHSIL] or found
        return list({a.pk: a for a in found}.values())

    def resolve(self, row: Row, report: ImportReport) -> tuple[Area | None, bool]:
        """(the row's area, whether the row names one); errors are added to the report."""
        v = row.values
        code = v.get("panchayat_lgd_code", "")
        district, block, panchayat = (v.get(c, "") for c in ("district", "block", "panchayat"))
        if not (code or district or block or panchayat):
            return None, False
        name_column = "panchayat" if panchayat else "block" if block else "district"
        if code:
            column = "panchayat_lgd_code"
            try:
                lgd_code_validator(code)
            except ValidationError:
                report.add(row.line, column, _("An LGD code has only digits (at most 12)."))
                return None, True
            candidates = self.by_code.get(code, [])
            given = (district, block, panchayat)
            if len(candidates) > 1 and any(given):
                candidates = [a for a in candidates if self._names_match(a, given)]
            if len(candidates) > 1:
                report.add(
                    row.line,
                    column,
                    _("Several areas have this LGD code; give the district, block and panchayat."),
                )
                return None, True
            if not candidates:
                report.add(row.line, column, NOT_IN_AREAS)
                return None, True
            area = candidates[0]
            if any(given) and not self._names_match(area, given):
                report.add(
                    row.line,
                    name_column,
                    _("The district, block and panchayat do not match the LGD code's area."),
                )
                return None, True
        else:
            column = name_column
            if not district:
                report.add(row.line, "district", _("Give the district, or the LGD code."))
                return None, True
            if panchayat and not block:
                report.add(row.line, "block", _("Give the block or municipality of the panchayat."))
                return None, True
            candidates = self._by_names(district, block, panchayat)
            if len(candidates) > 1:
                report.add(
                    row.line, column, _("Several areas have these names; give the LGD code.")
                )
                return None, True
            if not candidates:
                report.add(row.line, column, NOT_IN_AREAS)
                return None, True
            area = candidates[0]
        if not self.jurisdiction.covers(area.path):
            report.add(row.line, column, NOT_IN_AREAS)
            return None, True
        if area.kind not in self.kinds:
            report.add(row.line, column, self.wrong_kind)
            return None, True
        if not user_can(self.actor, Capability.CENTRES_MANAGE, area):
            report.add(row.line, column, MAY_NOT_MANAGE)
            return None, True
        return area, True

    def _names_match(self, area: Area, given: tuple[str, str, str]) -> bool:
        actual = self.names.names(area)
        return all(not g or g.lower() == a.lower() for g, a in zip(given, actual, strict=True))


def _area_error_column(row: Row) -> str:
    v = row.values
    if v.get("panchayat_lgd_code"):
        return "panchayat_lgd_code"
    return "panchayat" if v.get("panchayat") else "block" if v.get("block") else "district"


def _check_area_active(
    row: Row, area: Area | None, current_area_id: int | None, report: ImportReport
) -> bool:
    if area is not None and not area.is_active and area.pk != current_area_id:
        report.add(row.line, _area_error_column(row), _("This area is no longer active."))
        return False
    return True


def _operators_by_mobile(mobiles: Iterable[str]) -> dict[str, list[Operator]]:
    found: dict[str, list[Operator]] = {}
    for chunk in _chunks(sorted(set(mobiles) - {""})):
        for operator in Operator.objects.filter(mobile__in=chunk).select_related("area"):
            found.setdefault(operator.mobile, []).append(operator)
    return found


def _operator_for(
    actor: User,
    row: Row,
    column: str,
    mobile: str,
    operators: dict[str, list[Operator]],
    report: ImportReport,
) -> Operator | None:
    """The one operator with this mobile number, in the actor's areas; None with an error."""
    found = operators.get(mobile, [])
    if len(found) > 1:
        report.add(
            row.line,
            column,
            _("Several operators have this mobile number; correct them on their pages first."),
        )
        return None
    if not found or not jurisdiction_of(actor).covers(found[0].area.path):
        report.add(
            row.line,
            column,
            _("No operator with this mobile number was found in your areas."),
        )
        return None
    if not user_can(actor, Capability.CENTRES_MANAGE, found[0].area):
        report.add(row.line, column, MAY_NOT_MANAGE)
        return None
    return found[0]


# Plans: what each good row will do ----------------------------------------------------------------


def _preview_row(step: Step, columns: Any) -> dict[str, Any]:
    """A preview row: an operator's Aadhaar shown as its last four digits only."""
    values = {c: step.row.values.get(c, "") for c in columns}
    if "aadhaar_last4" in values:
        parts = step.extra.get("aadhaar")
        values["aadhaar_last4"] = parts.last4 if parts else values["aadhaar_last4"]
    return values


def _apply(
    report: ImportReport, step: Step, columns: dict[str, str], write: Callable[[], Any]
) -> None:
    """Run one row's write; a refusal becomes that row's error (the whole import then fails)."""
    try:
        write()
    except ValidationError as error:
        add_validation(report, step.row.line, error, columns)
    except ApplicationError as error:
        report.add(step.row.line, "", error.message)


# Centres ------------------------------------------------------------------------------------------

CENTRE_FIELD_COLUMNS = {"area": "panchayat", "operator": "operator_mobile"}
_CENTRE_TEXT = ("name", "name_hi", "address", "address_hi", "pincode", "phone", "opening_hours")


def _split(text: str) -> list[str]:
    return [p.strip() for p in text.split(LIST_SEPARATOR) if p.strip()]


def _centre_services(
    row: Row, known: dict[str, CentreService], report: ImportReport
) -> list[CentreService] | None:
    chosen: list[CentreService] = []
    unknown: list[str] = []
    for part in _split(row.values.get("services", "")):
        service = known.get(part.lower())
        if service is None:
            unknown.append(part)
        elif service not in chosen:
            chosen.append(service)
    if unknown:
        report.add(
            row.line,
            "services",
            _("Unknown services: %(unknown)s. Use the codes: %(codes)s"),
            unknown=", ".join(unknown)[:200],
            codes=", ".join(sorted({s.code for s in known.values()})),
        )
        return None
    return chosen


def _centre_equipment(row: Row, report: ImportReport) -> list[str] | None:
    lookup = _lookup(Equipment)
    chosen: set[str] = set()
    unknown: list[str] = []
    for part in _split(row.values.get("equipment", "")):
        value = lookup.get(part.lower())
        if value is None:
            unknown.append(part)
        else:
            chosen.add(value)
    if unknown:
        report.add(
            row.line,
            "equipment",
            _("Unknown equipment: %(unknown)s. Use: %(values)s"),
            unknown=", ".join(unknown)[:200],
            values=", ".join(Equipment.values),
        )
        return None
    return [e for e in Equipment.values if e in chosen]


def _plan_centres(actor: User, table: Table, report: ImportReport) -> list[Step]:
    plan: list[Step] = []
    header = set(table.header)
    jurisdiction = jurisdiction_of(actor)
    today = timezone.localdate()
    areas = _Areas(
        actor,
        table,
        CENTRE_AREA_KINDS,
        _("A centre serves a panchayat, ward, block or municipality: name one of these."),
    )
    codes = {clean_text(r.values.get("code", "")).upper() for r in table.rows} - {""}
    existing: dict[str, Centre] = {}
    for chunk in _chunks(sorted(codes)):
        for centre in (
            Centre.objects.filter(code__in=chunk)
            .select_related("area", "operator__area")
            .prefetch_related("services")
        ):
            existing[centre.code] = centre
    operators = _operators_by_mobile(
        _mobile(r.values.get("operator_mobile", "")) for r in table.rows
    )
    known_services: dict[str, CentreService] = {}
    with translation.override("en"):
        for service in CentreService.objects.all():
            known_services.setdefault(service.name.lower(), service)
    for service in known_services.copy().values():
        known_services[service.code.lower()] = service
    seen: dict[str, int] = {}
    for row in table.rows:
        v = row.values
        before = len(report.errors)
        check_extra_cells(row, report)
        code = v.get("code", "").upper()
        centre = existing.get(code)
        if not code:
            report.add(row.line, "code", _("Give the centre's code."))
        elif len(code) > 40:
            report.add(row.line, "code", _("A code has at most 40 characters."))
        elif code in seen:
            report.add(
                row.line,
                "code",
                _("This code is also on line %(other)s of the file."),
                other=seen[code],
            )
        else:
            seen[code] = row.line
        if centre is not None and not jurisdiction.covers(centre.area.path):
            report.add(row.line, "code", _("A centre with this code is registered elsewhere."))
            continue
        if centre is not None and not user_can(actor, Capability.CENTRES_MANAGE, centre.area):
            report.add(row.line, "code", MAY_NOT_MANAGE)
            continue
        check_names(row, report)
        fields: dict[str, Any] = {c: v.get(c, "") for c in _CENTRE_TEXT if c in header}
        if "phone" in fields:
            fields["phone"] = _mobile(fields["phone"])
        kind = _choice(row, "kind", CentreKind, report)
        if kind:
            fields["kind"] = kind
        area, area_given = areas.resolve(row, report)
        area_ok = area is not None and _check_area_active(
            row, area, centre.area_id if centre else None, report
        )
        if area_ok:
            fields["area"] = area
        elif centre is None and not area_given:
            report.add(
                row.line,
                "panchayat",
                _("Give the panchayat's LGD code, or the district, block and panchayat."),
            )
        if "premises" in header:
            if v.get("premises"):
                premises = _choice(row, "premises", Premises, report)
                if premises:
                    fields["premises"] = premises
            else:
                fields["premises"] = Premises.OWN
        if "latitude" in header or "longitude" in header:
            fields.update(_coordinates(row, report))
        if "equipment" in header:
            equipment = _centre_equipment(row, report)
            if equipment is not None:
                fields["equipment"] = equipment
        operator_ok = True
        if "operator_mobile" in header:
            mobile = _check_mobile(row, "operator_mobile", report)
            operator = None
            if mobile:
                operator = _operator_for(actor, row, "operator_mobile", mobile, operators, report)
            operator_ok = operator is not None or not v.get("operator_mobile")
            if operator_ok:
                fields["operator"] = operator
        if "complaints_open" in header:
            complaints, good = _count(row, "complaints_open", report)
            if good:
                fields["complaints_open"] = complaints or 0
        if "monthly_transactions" in header:
            transactions, good = _count(row, "monthly_transactions", report)
            if good:
                fields["monthly_transactions"] = transactions
        chosen_services = None
        if "services" in header:
            chosen_services = _centre_services(row, known_services, report)
        status = ""
        if v.get("status"):
            status = _choice(row, "status", CentreStatus, report) or ""
        status_since, _since_good = date_cell(row, "status_since", report)
        if centre is not None:
            if status and status != centre.status:
                report.add(
                    row.line,
                    "status",
                    _(
                        "A centre's status is not changed by import: use the centre's page, "
                        "where the reason and the order are recorded."
                    ),
                )
            if status_since and status_since != centre.status_since:
                report.add(
                    row.line,
                    "status_since",
                    _("The status date is changed with the status, on the centre's page."),
                )
        elif status_since and status_since > today:
            report.add(row.line, "status_since", _("This date cannot be in the future."))
        candidate = _centre_candidate(code, centre, fields, status, status_since, today)
        bad = {e.column for e in report.errors[before:]}
        try:
            candidate.full_clean(
                exclude=[
                    # What the row does not set is the model's default or what is stored.
                    *(n for n in _CENTRE_FIELD_NAMES if n not in fields and n not in _SET_HERE),
                    "area",
                    "operator",
                    "code",
                    *bad,
                    *(["latitude", "longitude"] if bad & {"latitude", "longitude"} else []),
                ],
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as error:
            add_validation(report, row.line, error, {})
        if operator_ok and (area_ok or not area_given) and candidate.area_id is not None:
            try:
                services.check_centre(candidate)
            except ValidationError as error:
                columns = {**CENTRE_FIELD_COLUMNS, "area": _area_error_column(row)}
                add_validation(report, row.line, error, columns)
        if len(report.errors) > before:
            continue
        if centre is None:
            plan.append(
                Step(
                    row,
                    "create",
                    fields=fields,
                    extra={
                        "code": code,
                        "services": chosen_services or [],
                        "status": status or CentreStatus.PROPOSED,
                        "status_since": status_since,
                        "candidate": candidate,  # checked above; written as it is, cleaned
                    },
                )
            )
            continue
        changed = _centre_changes(centre, fields)
        services_changed = chosen_services is not None and {s.pk for s in chosen_services} != {
            s.pk for s in centre.services.all()
        }
        action = "update" if changed or services_changed else "same"
        plan.append(
            Step(
                row,
                action,
                target=centre,
                fields=changed,
                extra={"services": chosen_services if services_changed else None},
            )
        )
    return plan


_CENTRE_FIELD_NAMES = [f.name for f in Centre._meta.fields]
_SET_HERE = {"status", "status_since"}


def _centre_candidate(
    code: str,
    centre: Centre | None,
    fields: dict[str, Any],
    status: str,
    status_since: dt.date | None,
    today: dt.date,
) -> Centre:
    """The centre as the row would leave it, to run the model's own checks on."""
    if centre is None:
        candidate = bulk.build(
            Centre,
            code=code,
            status=status or CentreStatus.PROPOSED,
            status_since=status_since or today,
        )
    else:
        # A fresh instance, so that nothing set here reaches the cached original.
        candidate = Centre(
            **{f.attname: getattr(centre, f.attname) for f in Centre._meta.concrete_fields}
        )
        candidate.area = centre.area
        candidate.operator = centre.operator
    for key, value in fields.items():
        setattr(candidate, key, value)
    return candidate


def _centre_changes(centre: Centre, fields: dict[str, Any]) -> dict[str, Any]:
    changed: dict[str, Any] = {}
    for key, value in fields.items():
        if key in ("area", "operator"):
            same = getattr(centre, f"{key}_id") == (value.pk if value is not None else None)
        elif isinstance(value, str) and key != "kind" and key != "premises":
            same = _same_text(getattr(centre, key), value)
        else:
            same = getattr(centre, key) == value
        if not same:
            changed[key] = value
    return changed


def _write_centres(
    actor: User, steps: list[Step], report: ImportReport, progress: Progress
) -> None:
    """Register the new centres in bulk (rows, history rows, services offered, "registered"
    events), then change the existing ones through ``centre_update`` (version and events as
    on the form)."""
    created = [step for step in steps if step.action == "create"]
    today, now = timezone.localdate(), timezone.now()
    done = 0
    for chunk in bulk.chunks(created):
        centres = []
        for step in chunk:
            # The centre the dry run checked, with its values cleaned as centre_create cleans
            # them (services._centre_values: text folded, mobile read, equipment in order).
            centre = step.extra["candidate"]
            for key, value in services._centre_values(step.fields).items():
                setattr(centre, key, value)
            centre.code = clean_text(step.extra["code"]).upper()
            centre.status = step.extra["status"]
            centre.status_since = step.extra["status_since"] or today
            centres.append(centre)
        bulk.create(Centre, centres, actor=actor, progress=no_progress)
        through = Centre.services.through
        links = [
            bulk.build(through, centre_id=centre.pk, centreservice_id=service.pk)
            for centre, step in zip(centres, chunk, strict=True)
            for service in step.extra["services"]
        ]
        bulk.create(through, links, actor=actor, progress=no_progress)
        # The events centre_create writes, for the whole chunk at once.
        record_events(
            CentreEvent,
            (
                {
                    "subject": centre,
                    "actor": actor,
                    "action": "registered",
                    "operator_id": centre.operator_id,
                    "to_status": centre.status,
                    "effective_on": centre.status_since,
                    "at": now,
                }
                for centre in centres
            ),
            write=partial(bulk.create, CentreEvent, actor=actor, progress=no_progress),
        )
        done += len(chunk)
        progress(done)
    for step in steps:
        if step.action != "update":
            continue
        write = partial(
            services.centre_update,
            actor=actor,
            centre=step.target,
            version=step.target.version,
            services=step.extra["services"],
            **step.fields,
        )
        _apply(report, step, {**CENTRE_FIELD_COLUMNS, "area": _area_error_column(step.row)}, write)
        done += 1
        progress(done)


# Operators ----------------------------------------------------------------------------------------

OPERATOR_FIELD_COLUMNS = {"area": "panchayat", "aadhaar_last4": "aadhaar"}


def _plan_operators(actor: User, table: Table, report: ImportReport) -> list[Step]:
    plan: list[Step] = []
    header = set(table.header)
    jurisdiction = jurisdiction_of(actor)
    areas = _Areas(
        actor,
        table,
        OPERATOR_AREA_KINDS,
        _("Give the district, block or panchayat where the operator works."),
    )
    operators = _operators_by_mobile(_mobile(r.values.get("mobile", "")) for r in table.rows)
    seen_mobiles: dict[str, int] = {}
    seen_aadhaar: dict[str, int] = {}
    for row in table.rows:
        v = row.values
        before = len(report.errors)
        check_extra_cells(row, report)
        check_names(row, report)
        mobile = _check_mobile(row, "mobile", report)
        if not v.get("mobile"):
            report.add(row.line, "mobile", _("Give the operator's mobile number."))
        elif mobile in seen_mobiles:
            report.add(
                row.line,
                "mobile",
                _("This mobile number is also on line %(other)s of the file."),
                other=seen_mobiles[mobile],
            )
        elif mobile:
            seen_mobiles[mobile] = row.line
        parts, _good = _aadhaar(row, report)
        if parts is not None:
            if parts.keyed_hash in seen_aadhaar:
                report.add(
                    row.line,
                    "aadhaar",
                    _("The same Aadhaar number is on line %(other)s of the file."),
                    other=seen_aadhaar[parts.keyed_hash],
                )
            seen_aadhaar.setdefault(parts.keyed_hash, row.line)
        found = operators.get(mobile, []) if mobile else []
        operator: Operator | None = None
        if len(found) > 1:
            report.add(
                row.line,
                "mobile",
                _("Several operators have this mobile number; correct them on their pages first."),
            )
            continue
        if found:
            operator = found[0]
            if not jurisdiction.covers(operator.area.path):
                report.add(
                    row.line,
                    "mobile",
                    _("This mobile number belongs to an operator outside your areas."),
                )
                continue
            if not user_can(actor, Capability.CENTRES_MANAGE, operator.area):
                report.add(row.line, "mobile", MAY_NOT_MANAGE)
                continue
        last4 = v.get("aadhaar_last4", "")
        if (
            operator is not None
            and parts is None
            and last4
            and not last4.startswith(_SEAL)
            and last4 != operator.aadhaar_last4
        ):
            report.add(
                row.line,
                "aadhaar_last4",
                _(
                    "The last four digits do not match the Aadhaar number kept for this "
                    "operator. To change it, give the full number in the aadhaar column."
                ),
            )
        if operator is None and parts is None and last4 and not last4.startswith(_SEAL):
            report.add(
                row.line,
                "aadhaar_last4",
                _("A new operator's Aadhaar number goes in full in the aadhaar column."),
            )
        fields: dict[str, Any] = {"name": v.get("name", "")}
        for column in ("name_hi", "email"):
            if column in header:
                fields[column] = v.get(column, "")
        if "email" in fields:
            fields["email"] = fields["email"].lower()
        area, area_given = areas.resolve(row, report)
        if area is not None and _check_area_active(
            row, area, operator.area_id if operator else None, report
        ):
            fields["area"] = area
        elif operator is None and not area_given:
            report.add(
                row.line,
                "panchayat",
                _("Give where the operator works: the LGD code, or district, block, panchayat."),
            )
        bad = {e.column for e in report.errors[before:]}
        candidate = Operator(
            mobile=mobile,
            **{k: val for k, val in fields.items() if k != "area"},
        )
        if parts is not None:
            candidate.aadhaar_last4 = parts.last4
        try:
            candidate.full_clean(
                exclude=["area", "user", "aadhaar_hash", "mobile", *bad],
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as error:
            add_validation(report, row.line, error, OPERATOR_FIELD_COLUMNS)
        if len(report.errors) > before:
            continue
        extra = {"aadhaar": parts, "mobile": mobile}
        if operator is None:
            plan.append(Step(row, "create", fields=fields, extra=extra))
            continue
        changed = {}
        for key, value in fields.items():
            if key == "area":
                if operator.area_id != value.pk:
                    changed[key] = value
            elif not _same_text(getattr(operator, key), value):
                changed[key] = value
        if parts is not None and parts.keyed_hash == operator.aadhaar_hash:
            extra["aadhaar"] = None
        action = "update" if changed or extra["aadhaar"] else "same"
        plan.append(Step(row, action, target=operator, fields=changed, extra=extra))
    return plan


def _write_operator(*, actor: User, step: Step) -> None:
    if step.action == "create":
        operator = services.operator_create(actor=actor, mobile=step.extra["mobile"], **step.fields)
    else:
        operator = services.operator_update(
            actor=actor, operator=step.target, version=step.target.version, **step.fields
        )
    if step.extra["aadhaar"] is not None:
        _keep_aadhaar(actor=actor, operator=operator, parts=step.extra["aadhaar"])


def _write_operators(
    actor: User, steps: list[Step], report: ImportReport, progress: Progress
) -> None:
    """Each changed operator through the services (the operators' service keeps their user
    accounts and IDs in step), the Aadhaar parts as sealed when the file was read."""
    done = 0
    for step in steps:
        if step.action != "same":
            columns = {**OPERATOR_FIELD_COLUMNS, "area": _area_error_column(step.row)}
            _apply(report, step, columns, partial(_write_operator, actor=actor, step=step))
            done += 1
            if done % bulk.CHUNK == 0:
                progress(done)
    progress(done)


# Operators' IDs -----------------------------------------------------------------------------------

ID_FIELD_COLUMNS = {"operator": "operator_mobile"}


def _plan_ids(actor: User, table: Table, report: ImportReport) -> list[Step]:
    plan: list[Step] = []
    header = set(table.header)
    operators = _operators_by_mobile(
        _mobile(r.values.get("operator_mobile", "")) for r in table.rows
    )
    id_types: dict[tuple[str, str], IdType] = {
        (t.state.path, t.code.lower()): t for t in IdType.objects.select_related("state")
    }
    operator_ids = [o.pk for found in operators.values() for o in found]
    existing: dict[tuple[int, int], OperatorId] = {}
    for chunk in _chunks(operator_ids):
        for record in OperatorId.objects.filter(operator_id__in=chunk):
            existing[(record.operator_id, record.id_type_id)] = record
    today = timezone.localdate()
    seen: dict[tuple[int, int], int] = {}
    for row in table.rows:
        v = row.values
        before = len(report.errors)
        check_extra_cells(row, report)
        mobile = _check_mobile(row, "operator_mobile", report)
        operator = None
        if not v.get("operator_mobile"):
            report.add(row.line, "operator_mobile", _("Give the operator's mobile number."))
        elif mobile:
            operator = _operator_for(actor, row, "operator_mobile", mobile, operators, report)
        id_type = None
        code = v.get("id_type", "").lower()
        if operator is not None:
            state = root_path(operator.area.path)
            id_type = id_types.get((state, code))
            if id_type is None:
                codes = sorted(t.code for (s, _c), t in id_types.items() if s == state)
                report.add(
                    row.line,
                    "id_type",
                    _("Unknown ID type. Use one of: %(codes)s"),
                    codes=", ".join(codes),
                )
        status = _choice(row, "status", IdStatus, report) if v.get("status") else None
        if not v.get("status"):
            report.add(row.line, "status", _("Give the status."))
        applied_on, _good = date_cell(row, "applied_on", report)
        if not v.get("applied_on"):
            report.add(row.line, "applied_on", _("Give the date of the application."))
        decided_on, decided_good = date_cell(row, "decided_on", report)
        if decided_good and not decided_on and status in (IdStatus.ISSUED, IdStatus.REJECTED):
            report.add(row.line, "decided_on", _("Give the date it was issued or rejected."))
        if decided_on and status in ID_PENDING:
            report.add(
                row.line,
                "decided_on",
                _("Only an issued or rejected ID has this date; leave it empty."),
            )
        if len(report.errors) > before or not (operator and id_type and status and applied_on):
            continue
        key = (operator.pk, id_type.pk)
        if key in seen:
            report.add(
                row.line,
                "id_type",
                _("This operator and ID are also on line %(other)s of the file."),
                other=seen[key],
            )
            continue
        seen[key] = row.line
        record = existing.get(key)
        values = {
            c: v.get(c, "") for c in ("application_reference", "number", "remarks") if c in header
        }
        if record is None:
            if not id_type.is_active:
                report.add(row.line, "id_type", _("This ID type is no longer in use."))
                continue
            candidate = OperatorId(
                operator=operator,
                id_type=id_type,
                status=status,
                applied_on=applied_on,
                decided_on=decided_on,
                **values,
            )
        else:
            if not workflow.id_status_allowed(record.status, status):
                report.add(
                    row.line,
                    "status",
                    _("An ID that is “%(before)s” cannot become “%(after)s”."),
                    before=IdStatus(record.status).label,
                    after=IdStatus(status).label,
                )
                continue
            candidate = OperatorId(
                **{f.attname: getattr(record, f.attname) for f in OperatorId._meta.concrete_fields}
            )
            candidate.operator, candidate.id_type = operator, id_type
            candidate.status, candidate.applied_on = status, applied_on
            for key_, value in values.items():
                setattr(candidate, key_, value)
            # As operator_id_update will leave it.
            if status == IdStatus.APPLIED and record.status == IdStatus.REJECTED:
                candidate.decided_on = None
            elif status in (IdStatus.ISSUED, IdStatus.REJECTED):
                candidate.decided_on = decided_on or record.decided_on or today
        try:
            services.check_id(candidate)
            candidate.full_clean(
                exclude=["operator", "id_type"], validate_unique=False, validate_constraints=False
            )
        except ValidationError as error:
            add_validation(report, row.line, error, ID_FIELD_COLUMNS)
        if len(report.errors) > before:
            continue
        if record is None:
            plan.append(
                Step(
                    row,
                    "create",
                    fields={
                        "operator": operator,
                        "id_type": id_type,
                        "status": status,
                        "applied_on": applied_on,
                        "decided_on": decided_on,
                        **values,
                    },
                )
            )
            continue
        same = (
            record.status == candidate.status
            and record.applied_on == candidate.applied_on
            and record.decided_on == candidate.decided_on
            and all(_same_text(getattr(record, k), val) for k, val in values.items())
        )
        fields = {
            "status": status,
            "applied_on": applied_on,
            "decided_on": decided_on,
            **values,
        }
        plan.append(Step(row, "same" if same else "update", target=record, fields=fields))
    return plan


def _write_ids(actor: User, steps: list[Step], report: ImportReport, progress: Progress) -> None:
    """Record or move on each ID through the services (the ID workflow's rules and events)."""
    done = 0
    for step in steps:
        if step.action == "create":
            write = partial(services.operator_id_record, actor=actor, **step.fields)
        elif step.action == "update":
            write = partial(
                services.operator_id_update,
                actor=actor,
                record=step.target,
                version=step.target.version,
                **step.fields,
            )
        else:
            continue
        _apply(report, step, ID_FIELD_COLUMNS, write)
        done += 1
        if done % bulk.CHUNK == 0:
            progress(done)
    progress(done)


# The kinds: what the import framework (degs.imports) runs ---------------------------------------

CENTRES = ImportKind(
    code="centres",
    label=_("Centres"),
    capability=Capability.CENTRES_MANAGE,
    columns=tuple(CENTRE_COLUMNS),
    required=frozenset(CENTRE_REQUIRED),
    plan=_plan_centres,
    write=_write_centres,
    preview_columns=tuple(PREVIEW_COLUMNS["centres"]),
    prepare=partial(_seal, columns=CENTRE_COLUMNS),
    preview_row=_preview_row,
)
OPERATORS = ImportKind(
    code="operators",
    label=_("Operators"),
    capability=Capability.CENTRES_MANAGE,
    columns=tuple(OPERATOR_COLUMNS),
    required=frozenset(OPERATOR_REQUIRED),
    plan=_plan_operators,
    write=_write_operators,
    template_columns=tuple(TEMPLATE_COLUMNS["operators"]),
    preview_columns=tuple(PREVIEW_COLUMNS["operators"]),
    prepare=partial(_seal, columns=OPERATOR_COLUMNS),
    preview_row=_preview_row,
)
OPERATOR_IDS = ImportKind(
    code="operator_ids",
    label=_("Operators' IDs"),
    capability=Capability.CENTRES_MANAGE,
    columns=tuple(ID_COLUMNS),
    required=frozenset(ID_REQUIRED),
    plan=_plan_ids,
    write=_write_ids,
    preview_columns=tuple(PREVIEW_COLUMNS["operator_ids"]),
    prepare=partial(_seal, columns=ID_COLUMNS),
)
# A table as read (sealed first, as an upload is): each kind's dry run (every problem of every
# row, and what would change) and its import of every row of the file, or none.
# Centres: existing codes are updated (only what differs); new codes are registered with the
# status in the file (proposed if none); status changes of existing centres are refused.
centres_check = partial(imports.check_table, kind=CENTRES)
centres_import = partial(imports.apply_table, kind=CENTRES)
# Operators, matched by mobile: only the last four digits and the keyed hash of an Aadhaar
# number are stored.
operators_check = partial(imports.check_table, kind=OPERATORS)
operators_import = partial(imports.apply_table, kind=OPERATORS)
# Operators' IDs: a new (operator, ID type) is recorded; an existing one changes only as the ID
# workflow allows (``workflow.id_status_allowed``).
operator_ids_check = partial(imports.check_table, kind=OPERATOR_IDS)
operator_ids_import = partial(imports.apply_table, kind=OPERATOR_IDS)
CHECKERS: dict[str, Any] = {
    "centres": centres_check,
    "operators": operators_check,
    "operator_ids": operator_ids_check,
}


def sealed_aadhaar_awaiting_import() -> Iterator[tuple[ImportBatch, int, str, str]]:
    """(batch, line, last four digits, keyed hash) of every sealed Aadhaar number in an uploaded
    operators' file checked but not yet imported: those hashes are stored too, and go into the
    operators' rows as they are if the file is imported (``aadhaar_recheck``)."""
    batches = ImportBatch.objects.filter(
        kind="operators",
        status__in=[
            ImportBatch.Status.CHECKED,
            ImportBatch.Status.QUEUED,
            ImportBatch.Status.RUNNING,
        ],
    ).select_related("uploaded_by")
    for batch in batches.iterator(chunk_size=20):
        try:
            table = imports.load(batch)
        except ImportRejected:
            continue
        for row in table.rows:
            pieces = row.values.get("aadhaar", "").split(_SEAL)
            if len(pieces) == 4 and pieces[1] == "ok":
                yield batch, row.line, pieces[2], pieces[3]


# Exports --------------------------------------------------------------------------------------------


def _batched(items: Iterable[T], size: int = 2000) -> Iterator[list[T]]:
    return _chunks(items, size)


def _number(value: Decimal | None) -> Any:
    return "" if value is None else value


def _centre_rows(*, user: Any, filters: dict[str, str]) -> Iterator[list[Any]]:
    from degs.centres.filters import CentreFilterSet  # the list page's filters

    queryset = CentreFilterSet(
        filters,
        user=user,
        queryset=selectors.centre_list(user=user).prefetch_related("services"),
    ).qs
    names = _AreaNames()
    for batch in _batched(queryset.iterator(chunk_size=2000)):
        names.load([c.area for c in batch])
        for centre in batch:
            district, block, panchayat = names.names(centre.area)
            yield [
                centre.code,
                centre.name,
                centre.name_hi,
                centre.kind,
                centre.area.lgd_code,
                district,
                block,
                panchayat,
                centre.premises,
                centre.address,
                centre.address_hi,
                centre.pincode,
                _number(centre.latitude),
                _number(centre.longitude),
                centre.phone,
                centre.opening_hours,
                LIST_SEPARATOR.join(s.code for s in centre.services.all()),
                LIST_SEPARATOR.join(centre.equipment or []),
                centre.operator.mobile if centre.operator else "",
                centre.status,
                centre.status_since,
                centre.complaints_open,
                "" if centre.monthly_transactions is None else centre.monthly_transactions,
            ]


def _operator_rows(*, user: Any, filters: dict[str, str]) -> Iterator[list[Any]]:
    from degs.centres.filters import OperatorFilterSet  # the list page's filters

    queryset = OperatorFilterSet(filters, user=user).qs
    names = _AreaNames()
    for batch in _batched(queryset.iterator(chunk_size=2000)):
        names.load([o.area for o in batch])
        for operator in batch:
            district, block, panchayat = names.names(operator.area)
            yield [
                operator.name,
                operator.name_hi,
                operator.mobile,
                operator.email,
                operator.aadhaar_last4,
                operator.area.lgd_code,
                district,
                block,
                panchayat,
            ]


def _id_rows(*, user: Any, filters: dict[str, str]) -> Iterator[list[Any]]:
    queryset = (
        OperatorId.objects.visible_to(user)
        .select_related("operator", "id_type")
        .order_by("operator__mobile", "id_type__rank", "id_type__code", "pk")
    )
    from degs.centres.filters import OperatorIdFilterSet  # the API's filters

    queryset = OperatorIdFilterSet(filters, user=user, queryset=queryset).qs
    for record in queryset.iterator(chunk_size=2000):
        yield [
            record.operator.mobile,
            record.id_type.code,
            record.status,
            record.applied_on,
            record.application_reference,
            record.number,
            record.decided_on,
            record.remarks,
        ]


ROWS: dict[str, Any] = {
    "centres": _centre_rows,
    "operators": _operator_rows,
    "operator_ids": _id_rows,
}


def _write(kind: str, fmt: str, header: list[str], rows: Iterable[Sequence[Any]]) -> bytes:
    if fmt == "xlsx":
        return write_xlsx(header, rows, title=kind)
    return write_csv(header, rows)


def _check_export(kind: str, fmt: str) -> None:
    if kind not in KINDS or fmt not in FORMATS:
        raise OutOfJurisdiction


def may_export(user: Any, kind: str) -> bool:
    """Whether the user may export ``kind``: the export checks this, and pages show their
    download links on the same test. Operators and their IDs are personal data: only those who
    manage centres export them."""
    if kind == "centres":
        return user_may_open(user, "centres")
    return user_can(user, Capability.CENTRES_MANAGE)


def centres_export(*, user: Any, kind: str, fmt: str, filters: dict[str, str]) -> tuple[bytes, str]:
    """Centres, operators or operators' IDs the user sees, filtered, as CSV or XLSX bytes.

    The columns are the import's, so an export imports again unchanged (operators give
    ``aadhaar_last4``, never a full number). Filters are GET parameters: for centres those of
    the centre list (kind, status, premises, area, q, without_id); for operators area and q;
    for IDs status, id_type and pending_days. Operators and their IDs are personal data: only
    those who manage centres may export them.
    """
    _check_export(kind, fmt)
    if not may_export(user, kind):
        raise PermissionDenied
    rows = ROWS[kind](user=user, filters=filters)
    content = _write(kind, fmt, EXPORT_COLUMNS[kind], rows)
    return content, XLSX_TYPE if fmt == "xlsx" else CSV_TYPE


def centres_import_template(*, kind: str, fmt: str) -> tuple[bytes, str]:
    """An empty file with the columns of an import (operators: with the aadhaar column)."""
    _check_export(kind, fmt)
    content = _write(kind, fmt, TEMPLATE_COLUMNS[kind], [])
    return content, XLSX_TYPE if fmt == "xlsx" else CSV_TYPE


def required_columns(kind: str) -> set[str]:
    """The columns a file of ``kind`` must have (for the import page)."""
    return REQUIRED.get(kind, set())
