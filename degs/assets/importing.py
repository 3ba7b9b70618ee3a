"""The register import (``REGISTER``): a district's equipment register kept in a spreadsheet,
and the register list's export in the same columns, so an export imports again unchanged.

A row names its asset by tag, or (with no tag) by make, model and serial number: a known asset
is changed, an unknown one added (with the next free tag when the row has none). A row with
neither tag nor serial is refused, since importing the file twice would add it twice; so
re-importing a file changes nothing. The office is its office code, or the LGD code of its
area with the office's name. An asset's office and status are read only when it is added;
after that it moves and changes status on its page. A make and model not yet known is added
in the category named. Everything is read in a few queries and written in bulk."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from degs.assets import workflow
from degs.assets.choices import AssetStatus, Funding, OrderKind
from degs.assets.models import Asset, AssetEvent, Category, EquipmentModel, Supplier
from degs.assets.services.register import next_tags, office_district
from degs.core.money import paise_of, rupees_text
from degs.core.permissions import user_can
from degs.core.tabular import CSV_TYPE, XLSX_TYPE, Table, write_csv, write_xlsx
from degs.core.workflow import record_events
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
    "tag",
    "category_code",
    "make",
    "model",
    "serial",
    "office_code",
    "lgd_code",
    "office_name",
    "funding",
    "supplier_gstin",
    "order_kind",
    "order_number",
    "purchased_on",
    "warranty_until",
    "amc_until",
    "cost_rupees",
    "status",
)
REQUIRED = frozenset({"category_code", "make", "model", "funding"})
TAG = re.compile(r"^[A-Z0-9][A-Z0-9/-]{2,39}$")
# What a row may change on an asset it names.
CHANGED_FIELDS = (
    "serial",
    "funding",
    "supplier",
    "order_kind",
    "order_number",
    "purchased_on",
    "warranty_until",
    "amc_until",
    "cost_paise",
)


def _plan(actor: Any, table: Table, report: ImportReport) -> list[Step]:
    rows = table.rows
    categories = {c.code: c for c in Category.objects.all()}
    models = {(m.make.lower(), m.name.lower()): m for m in EquipmentModel.objects.all()}
    gstins = {r.values.get("supplier_gstin", "").upper() for r in rows} - {""}
    suppliers = {s.gstin: s for s in Supplier.objects.filter(gstin__in=gstins)}
    offices_base = Office.objects.all() if actor is None else Office.objects.visible_to(actor)
    office_codes = {r.values.get("office_code", "") for r in rows} - {""}
    by_code = {o.code: o for o in offices_base.filter(code__in=office_codes).select_related("area")}
    lgd_codes = {r.values.get("lgd_code", "") for r in rows} - {""}
    by_lgd: dict[tuple[str, str], Office] = {}
    if lgd_codes:
        for place in offices_base.filter(area__lgd_code__in=lgd_codes).select_related("area"):
            by_lgd[(place.area.lgd_code, place.name.lower())] = place
            if place.name_hi:
                by_lgd[(place.area.lgd_code, place.name_hi)] = place
    tags = {r.values.get("tag", "").upper() for r in rows} - {""}
    serials = {r.values.get("serial", "") for r in rows} - {""}
    known = list(
        Asset.objects.filter(Q(tag__in=tags) | Q(serial__in=serials)).select_related(
            "area", "model"
        )
    )
    by_tag = {a.tag: a for a in known}
    by_serial = {(a.model_id, a.serial): a for a in known if a.serial}
    may_manage: dict[int, bool] = {}

    def manages(area: Area) -> bool:
        if actor is None:
            return True
        if area.pk not in may_manage:
            may_manage[area.pk] = user_can(actor, workflow.MANAGE, area)
        return may_manage[area.pk]

    plan: list[Step] = []
    seen_tags: set[str] = set()
    seen_serials: set[tuple[str, str, str]] = set()
    new_models: dict[tuple[str, str], EquipmentModel] = {}
    for row in rows:
        v = row.values
        before = len(report.errors)
        check_extra_cells(row, report)
        tag = v.get("tag", "").upper()
        if tag and not TAG.match(tag):
            report.add(
                row.line,
                "tag",
                _("An asset tag has 3 to 40 capital letters, digits, hyphens or slashes."),
            )
        category = categories.get(v.get("category_code", "").lower())
        if category is None:
            report.add(row.line, "category_code", _("No equipment category has this code."))
        make, name = v.get("make", ""), v.get("model", "")
        if not make or len(make) > 100:
            report.add(row.line, "make", _("Write the make (at most 100 characters)."))
        if not name or len(name) > 100:
            report.add(row.line, "model", _("Write the model (at most 100 characters)."))
        model = models.get((make.lower(), name.lower()))
        if model is not None and category is not None and model.category_id != category.pk:
            report.add(row.line, "category_code", _("This make and model is of another category."))
        serial = v.get("serial", "")
        if len(serial) > 80:
            report.add(row.line, "serial", _("The serial number is longer than 80 characters."))
        if not tag and not serial:
            report.add(
                row.line,
                "tag",
                _(
                    "Give the asset's tag or its serial number (else importing twice adds it twice)."
                ),
            )
        office_code, lgd, office_name = (
            v.get("office_code", ""),
            v.get("lgd_code", ""),
            v.get("office_name", ""),
        )
        office: Office | None = None
        if office_code:
            office = by_code.get(office_code)
            if office is None:
                report.add(row.line, "office_code", _("No office in your areas has this code."))
        elif lgd and office_name:
            office = by_lgd.get((lgd, office_name.lower())) or by_lgd.get((lgd, office_name))
            if office is None:
                report.add(
                    row.line,
                    "office_name",
                    _("No office of this name in your areas is at this LGD code."),
                )
        funding = check_kind(
            row, report, "funding", Funding.values, _("Unknown funding. Use one of: %(kinds)s")
        )
        gstin = v.get("supplier_gstin", "").upper()
        supplier = suppliers.get(gstin) if gstin else None
        if gstin and supplier is None:
            report.add(row.line, "supplier_gstin", _("No supplier has this GSTIN."))
        order_kind = v.get("order_kind", "").lower()
        if order_kind and order_kind not in OrderKind.values:
            report.add(
                row.line,
                "order_kind",
                _("Unknown kind of order. Use one of: %(kinds)s"),
                kinds=", ".join(OrderKind.values),
            )
        order_number = v.get("order_number", "")
        if len(order_number) > 80:
            report.add(
                row.line, "order_number", _("The order number is longer than 80 characters.")
            )
        purchased, _ok1 = date_cell(row, "purchased_on", report)
        warranty, _ok2 = date_cell(row, "warranty_until", report)
        amc, _ok3 = date_cell(row, "amc_until", report)
        if purchased and warranty and warranty < purchased:
            report.add(
                row.line, "warranty_until", _("The warranty cannot end before the purchase.")
            )
        cost: int | None = None
        if v.get("cost_rupees", ""):
            try:
                cost = paise_of(v["cost_rupees"], zero=True)
            except ValidationError:
                report.add(
                    row.line,
                    "cost_rupees",
                    _("Write the cost in rupees, with at most two digits of paise: 42500.50"),
                )
        status = v.get("status", "").lower()
        if status and status not in AssetStatus.values:
            report.add(
                row.line,
                "status",
                _("Unknown status. Use one of: %(kinds)s"),
                kinds=", ".join(AssetStatus.values),
            )
        if len(report.errors) > before or category is None:
            continue
        if model is None:
            model = new_models.setdefault(
                (make.lower(), name.lower()),
                EquipmentModel(category=category, make=make, name=name),
            )
        if tag:
            if tag in seen_tags:
                report.add(row.line, "tag", _("This tag appears twice in the file."))
                continue
            seen_tags.add(tag)
        if serial:
            key = (make.lower(), name.lower(), serial)
            if key in seen_serials:
                report.add(row.line, "serial", _("This serial number appears twice in the file."))
                continue
            seen_serials.add(key)
        asset = by_tag.get(tag) if tag else None
        if asset is None and serial and model.pk is not None:
            asset = by_serial.get((model.pk, serial))
        fields: dict[str, Any] = {
            "serial": serial,
            "funding": funding,
            "supplier": supplier,
            "order_kind": order_kind,
            "order_number": order_number,
            "purchased_on": purchased,
            "warranty_until": warranty,
            "amc_until": amc,
            "cost_paise": cost,
        }
        if asset is None:
            if office is None:
                report.add(
                    row.line,
                    "office_code",
                    _("Give the office's code, or the LGD code of its area and its name."),
                )
                continue
            if not manages(office.area):
                report.add(
                    row.line, "office_code", _("You may not manage the equipment of this office.")
                )
                continue
            plan.append(
                Step(
                    row,
                    "create",
                    fields={"model": model, **fields},
                    extra={"tag": tag, "office": office, "status": status or AssetStatus.IN_STORE},
                )
            )
            continue
        if not manages(asset.area):
            report.add(row.line, "tag", _("This asset is one you may not manage."))
            continue
        if asset.model_id != model.pk:
            report.add(row.line, "model", _("This asset is of another make and model."))
            continue
        if office is not None and office.pk != asset.office_id:
            report.add(
                row.line,
                "office_code",
                _("An asset moves to another office on its page, not by import."),
            )
            continue
        if status and status != asset.status:
            report.add(
                row.line, "status", _("An asset's status is changed on its page, not by import.")
            )
            continue
        changes = {
            name: value
            for name, value in fields.items()
            if (asset.supplier_id if name == "supplier" else getattr(asset, name))
            != (value.pk if name == "supplier" and value is not None else value)
        }
        plan.append(Step(row, "update" if changes else "same", target=asset, fields=changes))
    return plan


def _write(actor: Any, steps: list[Step], report: ImportReport, progress: Progress) -> None:
    """New makes and models, new assets (tags given out per district and category under the
    district's lock) and their "register" events; changed assets in bulk (version up, a
    "changed" event each, simple-history rows)."""
    now = timezone.now()
    creating = [s for s in steps if s.action == "create"]
    for model in {id(s.fields["model"]): s.fields["model"] for s in creating}.values():
        if model.pk is None:
            model.save()
    districts: dict[int, Area] = {}
    wanting: dict[tuple[int, int], list[Step]] = {}
    for step in creating:
        area = step.extra["office"].area
        if area.pk not in districts:
            districts[area.pk] = office_district(area)
        district = districts[area.pk]
        step.extra["district"] = district
        if not step.extra["tag"]:
            wanting.setdefault((district.pk, step.fields["model"].category_id), []).append(step)
    for district in {d.pk: d for d in districts.values()}.values():
        list(Area.objects.select_for_update().filter(pk=district.pk).values_list("pk"))
    for (_district_pk, _category_pk), group in wanting.items():
        first = group[0]
        free = next_tags(first.extra["district"], first.fields["model"].category, len(group))
        for step, tag in zip(group, free, strict=True):
            step.extra["tag"] = tag
    new = [
        Asset(
            **step.fields,
            tag=step.extra["tag"],
            office=step.extra["office"],
            area=step.extra["office"].area,
            district=step.extra["district"],
            status=step.extra["status"],
            version=1,
        )
        for step in creating
    ]
    done = bulk.create(Asset, new, actor=actor, progress=progress)
    events: list[dict[str, Any]] = [
        {
            "subject": asset,
            "actor": actor,
            "action": "register",
            "to_status": asset.status,
            "data": {"office": asset.office_id, "tag": asset.tag, "imported": True},
        }
        for asset in new
    ]
    events += bulk.update_steps(Asset, steps, actor=actor, progress=progress, done=done, now=now)
    record_events(AssetEvent, events)


REGISTER = ImportKind(
    code="asset_register",
    label=_("Equipment register"),
    capability=workflow.MANAGE,
    columns=COLUMNS,
    required=REQUIRED,
    plan=_plan,
    write=_write,
    preview_columns=("tag", "category_code", "make", "model", "serial", "office_code", "status"),
)
KINDS = ("asset_register",)
FORMATS = ("csv", "xlsx")


# --- the export: the import's columns ---------------------------------------------------------


def export_rows(assets: Iterable[Asset]) -> Iterable[Sequence[Any]]:
    for asset in assets:
        office = asset.office
        yield (
            asset.tag,
            asset.model.category.code,
            asset.model.make,
            asset.model.name,
            asset.serial,
            office.code,
            "" if office.code else office.area.lgd_code,
            "" if office.code else office.name,
            asset.funding,
            asset.supplier.gstin if asset.supplier_id and asset.supplier else "",
            asset.order_kind,
            asset.order_number,
            asset.purchased_on.isoformat() if asset.purchased_on else "",
            asset.warranty_until.isoformat() if asset.warranty_until else "",
            asset.amc_until.isoformat() if asset.amc_until else "",
            rupees_text(asset.cost_paise),
            asset.status,
        )


def assets_table(assets: Any, fmt: str) -> tuple[bytes, str]:
    """The assets as CSV or XLSX in the import's columns."""
    if hasattr(assets, "select_related"):
        assets = assets.select_related("supplier")
    rows = export_rows(assets)
    if fmt == "xlsx":
        return write_xlsx(COLUMNS, rows, title="assets"), XLSX_TYPE
    return write_csv(COLUMNS, rows), CSV_TYPE


def assets_template(fmt: str) -> tuple[bytes, str]:
    return assets_table([], fmt)
