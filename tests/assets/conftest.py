"""Equipment in the test world (conftest.py's two districts).

Categories (projector, UPS), a make and model of each, one supplier (with a GSTIN), two
priorities (``p1``: own in 60 and resolve in 480 working minutes; ``p3``: 240 and 2,400; both
10:00-18:00 on working days). Assets: a projector issued to the block office of A1 (``JA-PRJ-0001``),
a UPS in store at the collectorate of A (``JA-UPS-0001``) and a projector at the block office
of B1 (``JB-PRJ-0001``). A network engineer of district A (``engineer_a``) services tickets.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from degs.accounts.models import User
from degs.accounts.roles import Role
from degs.assets.choices import AssetStatus, Funding, OrderKind
from degs.assets.models import Asset, Category, EquipmentModel, Priority, Supplier
from degs.directory.selectors import district_of
from tests.factories import UserFactory, grant


@dataclass
class Kit:
    projector: Category
    ups: Category
    epson: EquipmentModel
    apc: EquipmentModel
    supplier: Supplier
    p1: Priority
    p3: Priority
    projector_a1: Asset
    ups_a: Asset
    projector_b1: Asset
    engineer_a: User


def make_asset(tag: str, model: EquipmentModel, office, **extra) -> Asset:  # type: ignore[no-untyped-def]
    """An asset at ``office``, its area and district read from the office."""
    area = office.area
    district = district_of(area)
    return Asset.objects.create(
        tag=tag, model=model, office=office, area=area, district=district, **extra
    )


@pytest.fixture
def kit(world) -> Kit:  # type: ignore[no-untyped-def]
    projector = Category.objects.create(code="projector", name="Projector", name_hi="प्रोजेक्टर")
    ups = Category.objects.create(code="ups", name="UPS", name_hi="यूपीएस")
    epson = EquipmentModel.objects.create(category=projector, make="Epson", name="EB-X51")
    apc = EquipmentModel.objects.create(category=ups, make="APC", name="BX1100C")
    supplier = Supplier.objects.create(
        name="Jharkhand Digital Supplies", gstin="20AAACJ1234K1Z5", phone="0651-2400000"
    )
    p1 = Priority.objects.create(
        code="p1", rank=1, name="Urgent", name_hi="अति आवश्यक", own_minutes=60, resolve_minutes=480
    )
    p3 = Priority.objects.create(
        code="p3",
        rank=3,
        name="Normal",
        name_hi="सामान्य",
        own_minutes=240,
        resolve_minutes=2400,
    )
    bought = {
        "funding": Funding.DEGS_FUND,
        "supplier": supplier,
        "order_kind": OrderKind.GEM_ORDER,
        "order_number": "GEMC-511687700012345",
        "purchased_on": dt.date(2026, 4, 10),
        "warranty_until": dt.date(2029, 4, 9),
        "cost_paise": 4_250_000,
    }
    projector_a1 = make_asset(
        "JA-PRJ-0001",
        epson,
        world.office_a1,
        serial="X51A0001",
        status=AssetStatus.ISSUED,
        **bought,
    )
    ups_a = make_asset(
        "JA-UPS-0001",
        apc,
        world.dc_office_a,
        serial="BX0001",
        status=AssetStatus.IN_STORE,
        **{**bought, "cost_paise": 850_000},
    )
    projector_b1 = make_asset(
        "JB-PRJ-0001",
        epson,
        world.office_b1,
        serial="X51B0001",
        status=AssetStatus.ISSUED,
        **bought,
    )
    engineer_a = UserFactory(username="engineer_a", full_name="Engineer A")
    grant(engineer_a, Role.NETWORK_ENGINEER, world.district_a)
    return Kit(
        projector, ups, epson, apc, supplier, p1, p3, projector_a1, ups_a, projector_b1, engineer_a
    )
