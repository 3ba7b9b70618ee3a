"""The register's services: tags, adding many, editing, status steps, moves, suppliers' GSTIN."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from degs.assets.choices import AssetStatus, Funding
from degs.assets.models import Asset, AssetEvent
from degs.assets.services import register as svc
from degs.core.exceptions import (
    InvalidTransition,
    OutOfJurisdiction,
    PermissionDenied,
    StaleVersion,
)

pytestmark = pytest.mark.django_db


def test_tags_count_up_per_district_and_category(world, kit) -> None:  # type: ignore[no-untyped-def]
    # "District A" → DIS; the projector category's code "projector" → PROJECTOR.
    first = svc.asset_add(
        actor=world.dio_a, model=kit.epson, office=world.office_a1, funding=Funding.DEGS_FUND
    )
    second = svc.asset_add(
        actor=world.dio_a, model=kit.epson, office=world.office_a2, funding=Funding.DEGS_FUND
    )
    assert (first.tag, second.tag) == ("DIS-PROJECTOR-0001", "DIS-PROJECTOR-0002")
    assert first.area == world.block_a1 and first.district == world.district_a
    assert first.status == AssetStatus.IN_STORE
    event = AssetEvent.objects.get(asset=first)
    assert event.action == "register" and event.actor == world.dio_a
    # A tag given by hand further up: the next free one follows it.
    svc.asset_add(
        actor=world.dio_a,
        model=kit.epson,
        office=world.office_a1,
        funding=Funding.DEGS_FUND,
        tag="dis-projector-0040",
    )
    many = svc.assets_add_many(
        actor=world.dio_a,
        count=3,
        model=kit.epson,
        office=world.dc_office_a,
        funding=Funding.E_DISTRICT,
        cost_paise=4_250_000,
    )
    assert [a.tag for a in many] == [
        "DIS-PROJECTOR-0041",
        "DIS-PROJECTOR-0042",
        "DIS-PROJECTOR-0043",
    ]
    assert AssetEvent.objects.filter(asset__in=many, action="register").count() == 3


def test_gstin_check_character() -> None:
    # GSTN's published example 27AAPFU0939F1ZV, worked by hand: values 2,7,10,10,25,15,30,0,
    # 9,3,9,15,1,35 times 1,2,1,2,… give 2,14,10,20,25,30,30,0,9,6,9,30,1,70; quotient +
    # remainder by 36: 70 → 1 + 34 = 35, the others themselves; the sum 221; 221 mod 36 = 5;
    # 36 - 5 = 31 = V.
    assert svc.gstin_check_character("27AAPFU0939F1Z") == "V"
    assert svc.gstin_is_valid("27AAPFU0939F1ZV")
    assert not svc.gstin_is_valid("27AAPFU0939F1ZW")


def test_supplier_with_a_wrong_check_character_is_refused(world) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as caught:
        svc.supplier_save(actor=world.dio_a, name="Seller", gstin="27AAPFU0939F1ZW")
    assert "gstin" in caught.value.message_dict
    supplier = svc.supplier_save(actor=world.dio_a, name="Seller", gstin="27aapfu0939f1zv")
    assert supplier.gstin == "27AAPFU0939F1ZV"
    with pytest.raises(PermissionDenied):
        svc.supplier_save(actor=world.bdo_a1, name="Other")


def test_serial_twice_for_one_model_is_refused(world, kit) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as caught:
        svc.asset_add(
            actor=world.dio_a,
            model=kit.epson,
            office=world.office_a1,
            funding=Funding.DEGS_FUND,
            serial="X51A0001",
        )
    assert "serial" in caught.value.message_dict


def test_add_needs_manage_at_the_office(world, kit) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        svc.asset_add(
            actor=world.bdo_a1, model=kit.epson, office=world.office_a1, funding=Funding.OTHER
        )
    with pytest.raises(OutOfJurisdiction):
        svc.asset_add(
            actor=world.dio_a, model=kit.epson, office=world.office_b1, funding=Funding.OTHER
        )


def test_status_steps_and_refusals(world, kit) -> None:  # type: ignore[no-untyped-def]
    ups = kit.ups_a
    ups = svc.asset_step(actor=world.dio_a, asset=ups, action="issue", version=ups.version)
    assert ups.status == AssetStatus.ISSUED
    with pytest.raises(StaleVersion):
        svc.asset_step(actor=world.dio_a, asset=ups, action="store", version=ups.version - 1)
    with pytest.raises(InvalidTransition):
        svc.asset_step(actor=world.dio_a, asset=ups, action="dispose", version=ups.version)
    with pytest.raises(ValidationError):
        svc.asset_step(actor=world.dio_a, asset=ups, action="condemn", version=ups.version)
    with pytest.raises(PermissionDenied):
        svc.asset_step(actor=world.bdo_a1, asset=kit.projector_a1, action="store", version=None)
    ups = svc.asset_step(
        actor=world.dio_a, asset=ups, action="condemn", version=ups.version, remark="Burnt"
    )
    assert ups.status == AssetStatus.CONDEMNED


def test_move_between_offices(world, kit) -> None:  # type: ignore[no-untyped-def]
    moved = svc.asset_move(
        actor=world.dio_a, asset=kit.ups_a, office=world.office_a2, version=kit.ups_a.version
    )
    assert (moved.office, moved.area, moved.district) == (
        world.office_a2,
        world.block_a2,
        world.district_a,
    )
    event = AssetEvent.objects.get(asset=moved, action="move")
    assert event.data["from_office"] == world.dc_office_a.pk
    assert event.data["to_office"] == world.office_a2.pk
    with pytest.raises(OutOfJurisdiction):  # the other district's office: as if none
        svc.asset_move(actor=world.dio_a, asset=moved, office=world.office_b1, version=None)
    with pytest.raises(StaleVersion):
        svc.asset_move(actor=world.dio_a, asset=moved, office=world.office_a1, version=1)
    assert Asset.objects.get(pk=moved.pk).office == world.office_a2


def test_edit_checks_the_version(world, kit) -> None:  # type: ignore[no-untyped-def]
    asset = svc.asset_edit(
        actor=world.dio_a, asset=kit.ups_a, version=kit.ups_a.version, serial="BX0002"
    )
    assert asset.serial == "BX0002" and asset.version == 2
    with pytest.raises(StaleVersion):
        svc.asset_edit(actor=world.dio_a, asset=asset, version=1, serial="BX0003")
