"""The links import (``LINKS``): a provider's list of links, each at a gram panchayat (its LGD
code) or an office (its ``Office.code``), and the link list's export in the same columns, so an
export imports again unchanged.

A row is matched on (provider, circuit ID): a new pair adds a link, a known one changes it.
Re-importing the same file changes nothing. A link's status is set only when the import adds it
(planned, provisioning, active or decommissioned); after that it moves on its page, and a row
giving another status is refused. Everything is read in a few queries and written in bulk."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from degs.connectivity import workflow
from degs.connectivity.choices import LinkKind, LinkStatus
from degs.connectivity.models import Link, LinkEvent, Provider, Sla, phone_validator
from degs.core.permissions import user_can
from degs.core.tabular import CSV_TYPE, XLSX_TYPE, Table, write_csv, write_xlsx
from degs.core.workflow import record_events
from degs.directory.choices import AreaKind
from degs.directory.models import Area, Office
from degs.imports import bulk
from degs.imports.kinds import (
    ImportKind,
    ImportReport,
    Progress,
    Step,
    check_extra_cells,
    check_kind,
    date_cell,
)

COLUMNS = (
    "provider_code",
    "circuit_id",
    "kind",
    "committed_kbps",
    "lgd_code",
    "office_code",
    "install_date",
    "termination_date",
    "status",
    "contact_name",
    "contact_phone",
)
REQUIRED = frozenset({"provider_code", "circuit_id", "kind", "committed_kbps"})
# The statuses a link may be brought in with; down and not reporting come from outages and
# probes, never from a file.
IMPORT_STATUSES = (
    LinkStatus.PLANNED,
    LinkStatus.PROVISIONING,
    LinkStatus.ACTIVE,
    LinkStatus.DECOMMISSIONED,
)
# What a row may change on a link it names.
CHANGED_FIELDS = (
    "kind",
    "committed_kbps",
    "office",
    "area",
    "install_date",
    "termination_date",
    "contact_name",
    "contact_phone",
)


def _plan(actor: Any, table: Table, report: ImportReport) -> list[Step]:
    rows = table.rows
    provider_codes = {r.values.get("provider_code", "").lower() for r in rows} - {""}
    providers = {p.code: p for p in Provider.objects.filter(code__in=provider_codes)}
    single_sla: dict[int, Sla] = {}
    slas_by_provider: dict[int, list[Sla]] = {}
    for sla in Sla.objects.filter(provider__in=providers.values()):
        slas_by_provider.setdefault(sla.provider_id, []).append(sla)
    for provider_id, slas in slas_by_provider.items():
        if len(slas) == 1:
            single_sla[provider_id] = slas[0]
    areas_base = Area.objects.all() if actor is None else Area.objects.visible_to(actor)
    offices_base = Office.objects.all() if actor is None else Office.objects.visible_to(actor)
    lgd_codes = {r.values.get("lgd_code", "") for r in rows} - {""}
    office_codes = {r.values.get("office_code", "") for r in rows} - {""}
    panchayats = {
        a.lgd_code: a
        for a in areas_base.filter(kind=AreaKind.GRAM_PANCHAYAT, lgd_code__in=lgd_codes)
    }
    offices = {o.code: o for o in offices_base.filter(code__in=office_codes).select_related("area")}
    circuits = {r.values.get("circuit_id", "").upper() for r in rows} - {""}
    existing = {
        (link.provider_id, link.circuit_id): link
        for link in Link.objects.filter(
            provider__in=providers.values(), circuit_id__in=circuits
        ).select_related("area", "office")
    }
    may_manage: dict[int, bool] = {}

    def manages(area: Area) -> bool:
        if actor is None:
            return True
        if area.pk not in may_manage:
            may_manage[area.pk] = user_can(actor, workflow.MANAGE, area)
        return may_manage[area.pk]

    plan: list[Step] = []
    seen: set[tuple[int, str]] = set()
    for row in rows:
        v = row.values
        before = len(report.errors)
        check_extra_cells(row, report)
        provider = providers.get(v.get("provider_code", "").lower())
        if provider is None:
            report.add(row.line, "provider_code", _("No provider has this code."))
        circuit = v.get("circuit_id", "").upper()
        if not circuit:
            report.add(row.line, "circuit_id", _("The circuit ID is empty."))
        elif len(circuit) > 60:
            report.add(row.line, "circuit_id", _("The circuit ID is longer than 60 characters."))
        kind = check_kind(
            row,
            report,
            "kind",
            LinkKind.values,
            _("Unknown kind of link. Use one of: %(kinds)s"),
        )
        kbps_text = v.get("committed_kbps", "").replace(",", "")
        kbps = int(kbps_text) if kbps_text.isdigit() else 0
        if not 1 <= kbps <= 100_000_000:
            report.add(
                row.line,
                "committed_kbps",
                _("Write the committed speed in kbps, as a whole number."),
            )
        lgd, office_code = v.get("lgd_code", ""), v.get("office_code", "")
        office: Office | None = None
        area: Area | None = None
        if lgd and office_code:
            report.add(
                row.line, "office_code", _("Give the LGD code or the office code, not both.")
            )
        elif not lgd and not office_code:
            report.add(
                row.line,
                "lgd_code",
                _("Give the gram panchayat's LGD code or the office's code."),
            )
        elif lgd:
            area = panchayats.get(lgd)
            if area is None:
                report.add(
                    row.line, "lgd_code", _("No gram panchayat in your areas has this LGD code.")
                )
        else:
            office = offices.get(office_code)
            if office is None:
                report.add(row.line, "office_code", _("No office in your areas has this code."))
            else:
                area = office.area
        if area is not None and not manages(area):
            report.add(
                row.line,
                "lgd_code" if lgd else "office_code",
                _("You may not manage the links of this place."),
            )
        install, _ok1 = date_cell(row, "install_date", report)
        termination, _ok2 = date_cell(row, "termination_date", report)
        if install and termination and termination < install:
            report.add(
                row.line,
                "termination_date",
                _("A link cannot be terminated before it was installed."),
            )
        status = v.get("status", "").lower() or LinkStatus.PLANNED
        if status not in LinkStatus.values:
            report.add(
                row.line,
                "status",
                _("Unknown status. Use one of: %(kinds)s"),
                kinds=", ".join(IMPORT_STATUSES),
            )
        contact_name = v.get("contact_name", "")
        contact_phone = v.get("contact_phone", "")
        if len(contact_name) > 200:
            report.add(row.line, "contact_name", _("The name is longer than 200 characters."))
        if contact_phone:
            try:
                phone_validator(contact_phone)
            except ValidationError:
                report.add(row.line, "contact_phone", _("Write the phone number in digits."))
        if len(report.errors) > before or provider is None or area is None:
            continue
        key = (provider.pk, circuit)
        if key in seen:
            report.add(row.line, "circuit_id", _("This circuit appears twice in the file."))
            continue
        seen.add(key)
        fields: dict[str, Any] = {
            "kind": kind,
            "committed_kbps": kbps,
            "office": office,
            "area": area,
            "install_date": install,
            "termination_date": termination,
            "contact_name": contact_name,
            "contact_phone": contact_phone,
        }
        link = existing.get(key)
        if link is None:
            if status not in IMPORT_STATUSES:
                report.add(
                    row.line,
                    "status",
                    _("A new link comes in as one of: %(kinds)s"),
                    kinds=", ".join(IMPORT_STATUSES),
                )
                continue
            plan.append(
                Step(
                    row,
                    "create",
                    fields={"provider": provider, "circuit_id": circuit, **fields},
                    extra={"status": status, "sla": single_sla.get(provider.pk)},
                )
            )
            continue
        if not manages(link.area):
            report.add(row.line, "circuit_id", _("This circuit is a link you may not manage."))
            continue
        if v.get("status") and status != link.status:
            report.add(
                row.line,
                "status",
                _("A link's status is changed on its page, not by import."),
            )
            continue
        changes = {
            name: value
            for name, value in fields.items()
            if getattr(link, name if name not in ("office", "area") else f"{name}_id")
            != (value.pk if name in ("office", "area") and value is not None else value)
        }
        plan.append(Step(row, "update" if changes else "same", target=link, fields=changes))
    return plan


def _write(actor: Any, steps: list[Step], report: ImportReport, progress: Progress) -> None:
    """New links and their "created" events in bulk; changed links in bulk (version up, a
    "changed" event each, simple-history rows)."""
    now = timezone.now()
    new = [
        Link(
            **step.fields,
            status=step.extra["status"],
            status_since=now,
            sla=step.extra["sla"],
            version=1,
        )
        for step in steps
        if step.action == "create"
    ]
    done = bulk.create(Link, new, actor=actor, progress=progress)
    events: list[dict[str, Any]] = [
        {
            "subject": link,
            "actor": actor,
            "action": "created",
            "to_status": link.status,
            "data": {"imported": True},
        }
        for link in new
    ]
    events += bulk.update_steps(Link, steps, actor=actor, progress=progress, done=done, now=now)
    record_events(LinkEvent, events)


LINKS = ImportKind(
    code="links",
    label=_("Network links"),
    capability=workflow.MANAGE,
    columns=COLUMNS,
    required=REQUIRED,
    plan=_plan,
    write=_write,
    preview_columns=("provider_code", "circuit_id", "kind", "lgd_code", "office_code", "status"),
)
KINDS = ("links",)
FORMATS = ("csv", "xlsx")


# --- the export: the import's columns ---------------------------------------------------------


def export_rows(links: Iterable[Link]) -> Iterable[Sequence[Any]]:
    for link in links:
        yield (
            link.provider.code,
            link.circuit_id,
            link.kind,
            link.committed_kbps,
            "" if link.office_id else link.area.lgd_code,
            link.office.code if link.office_id and link.office else "",
            link.install_date.isoformat() if link.install_date else "",
            link.termination_date.isoformat() if link.termination_date else "",
            link.status,
            link.contact_name,
            link.contact_phone,
        )


def links_table(links: Iterable[Link], fmt: str) -> tuple[bytes, str]:
    """The links as CSV or XLSX in the import's columns."""
    rows = export_rows(links)
    if fmt == "xlsx":
        return write_xlsx(COLUMNS, rows, title="links"), XLSX_TYPE
    return write_csv(COLUMNS, rows), CSV_TYPE


def links_template(fmt: str) -> tuple[bytes, str]:
    return links_table([], fmt)
