"""The assets demo's procurement part (after the register's): four cases of Jamtara from the
sample notes' "purchase of equipment for government work" and "repair of the e-Governance
cell's rooms", one at each stage and route:

- projectors for the video-conference rooms of the blocks ("projectors in every tehsil and
  block"): L1, three quotes of three makers, sanctioned, ordered to the lowest and delivered:
  the purchase of the projectors the register's demo made (at every block and circle office
  and in the store), or, on a register without them, six put into the register by the
  delivery at the district store;
- UPS batteries for the block offices: L1 with three quotes, ordered, not yet delivered;
- repair of the e-Governance cell's rooms: a works need below ₹50,000, direct purchase;
- desktops for the e-District counters above ₹10,00,000: sanctioned, to go to a GeM bid.

A case is found again by its district and title: a second load makes nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from degs.accounts.models import User
from degs.assets import workflow
from degs.assets.choices import Funding, OrderKind, Route
from degs.assets.models import Asset, Category, EquipmentModel, ProcurementCase, Supplier
from degs.assets.selectors.procurement import district_store
from degs.assets.services import procurement as services
from degs.core.workflow import transition
from degs.directory.choices import AreaKind
from degs.directory.models import Area

MANAGER = "dio.jamtara"

PROJECTORS = "Projectors for the video-conference rooms of the blocks"
NEED = "Projectors in every tehsil and block for video conferences (DC's note)."
UPS = "UPS batteries for the block offices"
ROOMS = "Repair of the e-Governance cell's rooms"
DESKTOPS = "Desktops for the e-District counters"


def _category(code: str, name: str, name_hi: str) -> Category:
    category, _made = Category.objects.get_or_create(
        code=code, defaults={"name": name, "name_hi": name_hi}
    )
    return category


def _model(category: Category, make: str, name: str) -> EquipmentModel:
    model, _made = EquipmentModel.objects.get_or_create(
        make=make, name=name, defaults={"category": category}
    )
    return model


def _supplier(name: str, gstin: str) -> Supplier:
    supplier = (
        Supplier.objects.filter(gstin=gstin).first() or Supplier.objects.filter(name=name).first()
    )
    if supplier is None:
        supplier = Supplier.objects.create(name=name, gstin=gstin)
    return supplier


def _fresh(case: ProcurementCase) -> ProcurementCase:
    return ProcurementCase.objects.get(pk=case.pk)


def _quotes(actor: Any, case: ProcurementCase, quotes: list[tuple[str, str, int]]) -> None:
    for seller, make, paise in quotes:
        case = _fresh(case)
        services.quote_add(
            actor=actor,
            case=case,
            version=case.version,
            seller=seller,
            make=make,
            amount_paise=paise,
        )


def _sanction(actor: Any, case: ProcurementCase, number: str, on: dt.date, paise: int) -> Any:
    case = _fresh(case)
    return services.case_sanction(
        actor=actor,
        case=case,
        version=case.version,
        sanction_number=number,
        sanction_date=on,
        sanctioned_paise=paise,
    )


def _order(actor: Any, case: ProcurementCase, supplier: Supplier, number: str, on: dt.date, paise: int) -> Any:  # fmt: skip
    case = _fresh(case)
    bid = "GEM/2025/B/6134052" if case.route == Route.BID else ""
    return services.case_order(
        actor=actor,
        case=case,
        version=case.version,
        supplier=supplier,
        order_kind=OrderKind.GEM_ORDER,
        order_number=number,
        order_date=on,
        order_paise=paise,
        bid_number=bid,
    )


def _projectors_delivered(
    actor: Any,
    district: Area,
    projector: Category,
    epson: EquipmentModel,
    lowest: Supplier,
    today: dt.date,
) -> None:
    """The projector purchase when the register has no projectors of Jamtara yet: six, the
    delivery puts them into the register at the district store."""
    day = dt.timedelta(days=1)
    case = services.case_create(
        actor=actor,
        area=district,
        title=PROJECTORS,
        need=NEED,
        category=projector,
        quantity=6,
        estimated_paise=2_70_000_00,
    )
    _quotes(
        actor,
        case,
        [
            (lowest.name, "Epson", 2_49_600_00),
            ("Dumka Computer Point", "BenQ", 2_61_000_00),
            ("Ranchi Vision Systems", "ViewSonic", 2_66_400_00),
        ],
    )
    _sanction(actor, case, "DeGS/Jamtara/14/2026", today - 60 * day, 2_70_000_00)
    _order(actor, case, lowest, "GEMC-511687700183452", today - 50 * day, 2_49_600_00)
    case = _fresh(case)
    services.case_deliver(
        actor=actor,
        case=case,
        version=case.version,
        delivered_on=today - 35 * day,
        model=epson,
        office=district_store(case=case),
        funding=Funding.DEGS_FUND,
        serials=[f"X51J{n:04d}" for n in range(1, 7)],
        warranty_until=today - 35 * day + dt.timedelta(days=3 * 365),
    )


def _projectors_bought(
    actor: Any, district: Area, projector: Category, bought: list[Asset]
) -> None:
    """The projector purchase whose delivery brought the projectors the register's demo made
    (one at every block and circle office and the spares in the store): its quantity, order
    value, supplier, order number and delivery date are theirs; the delivery step links them
    to the case instead of registering them again (the demo's adoption of rows it did not
    make: a real delivery registers its assets through ``services.case_deliver``)."""
    first = bought[0]
    supplier = first.supplier
    if supplier is None:  # load() chose rows with a supplier
        return
    value = sum(a.cost_paise or 0 for a in bought)
    on = min(a.purchased_on for a in bought if a.purchased_on)
    day = dt.timedelta(days=1)
    case = services.case_create(
        actor=actor,
        area=district,
        title=PROJECTORS,
        need=NEED,
        category=projector,
        quantity=len(bought),
        estimated_paise=value + value // 20,
    )
    _quotes(
        actor,
        case,
        [
            (supplier.name, "Epson", value),
            ("Dumka Computer Point", "BenQ", value + value // 25),
            ("Ranchi Vision Systems", "ViewSonic", value + value // 16),
        ],
    )
    _sanction(actor, case, "DeGS/Jamtara/14/2025", on - 40 * day, value + value // 20)
    _order(
        actor, case, supplier, first.order_number or "GEMC-511687700183452", on - 21 * day, value
    )
    case = _fresh(case)

    def link(row: ProcurementCase, step: Any) -> list[str]:
        row.delivered_on = on
        Asset.objects.filter(pk__in=[a.pk for a in bought]).update(procurement=row)
        return ["delivered_on"]

    transition(
        workflow.CASES,
        case,
        "deliver",
        actor=actor,
        version=case.version,
        apply=link,
        data={"count": len(bought), "register": "the register demo's projectors"},
    )


def load() -> list[str]:
    district = Area.objects.filter(kind=AreaKind.DISTRICT, name="Jamtara").first()
    actor = User.objects.filter(username=MANAGER).first()
    if district is None or actor is None:
        return []
    made = set(ProcurementCase.objects.filter(area=district).values_list("title", flat=True))
    today = timezone.localdate()
    day = dt.timedelta(days=1)
    projector = _category("projector", "Projector", "प्रोजेक्टर")
    ups = _category("ups", "UPS", "यूपीएस")
    desktop = _category("desktop", "Desktop computer", "डेस्कटॉप कंप्यूटर")
    epson = _model(projector, "Epson", "EB-X51")
    _model(ups, "Exide", "Powersafe 12V 42Ah")
    lowest = _supplier("Santhal Pargana Infotech", "20AAGCS4821M1ZE")
    other = _supplier("Dumka Computer Point", "20AAKFD7315P1ZA")
    lines: list[str] = []

    if PROJECTORS not in made:
        bought = list(
            Asset.objects.filter(
                district=district, model=epson, procurement__isnull=True, serial__startswith="X51J"
            ).order_by("tag")
        )
        if bought and all(a.cost_paise and a.supplier_id and a.purchased_on for a in bought):
            _projectors_bought(actor, district, projector, bought)
            lines.append(
                f"Procurement: Jamtara's projectors, the register's {len(bought)} as delivered"
            )
        else:
            _projectors_delivered(actor, district, projector, epson, lowest, today)
            lines.append("Procurement: Jamtara's projectors, delivered into the register (6)")

    if UPS not in made:
        case = services.case_create(
            actor=actor,
            area=district,
            title=UPS,
            need="UPS battery checks found weak batteries at the block offices.",
            category=ups,
            quantity=12,
            estimated_paise=1_26_000_00,
        )
        _quotes(
            actor,
            case,
            [
                ("Dumka Computer Point", "Exide", 1_18_800_00),
                ("Santhal Pargana Infotech", "Amaron", 1_22_400_00),
                ("Deoghar Power Solutions", "Luminous", 1_24_200_00),
            ],
        )
        _sanction(actor, case, "DeGS/Jamtara/21/2026", today - 20 * day, 1_26_000_00)
        _order(actor, case, other, "GEMC-511687700219874", today - 12 * day, 1_18_800_00)
        lines.append("Procurement: UPS batteries at the L1 route, ordered")

    if ROOMS not in made:
        services.case_create(
            actor=actor,
            area=district,
            title=ROOMS,
            need="Seepage and broken windows in the e-Governance cell (review of the DC).",
            quantity=1,
            estimated_paise=46_500_00,
        )
        lines.append("Procurement: the e-Governance cell's rooms, a direct purchase need")

    if DESKTOPS not in made:
        case = services.case_create(
            actor=actor,
            area=district,
            title=DESKTOPS,
            need="Counters of the e-District service centre with machines past their life.",
            category=desktop,
            quantity=20,
            estimated_paise=14_60_000_00,
        )
        _sanction(actor, case, "DeGS/Jamtara/27/2026", today - 5 * day, 14_60_000_00)
        lines.append("Procurement: desktops above ₹10 lakh, sanctioned for a GeM bid")
    return lines
