"""Procurement cases: the route by value at the limits of GFR 2017 rule 149 as amended by the
Department of Expenditure's OM No. 1/3/2024/PPD of 10-07-2024 (₹50,000 and ₹10,00,000, read
from the rule, not from the code), the L1 quotes rule, the order's refusals, and the delivery
into the register (all or nothing, once)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from degs.assets.choices import CaseStatus, Funding, OrderKind, Route
from degs.assets.models import Asset, CaseEvent, ProcurementCase, Supplier
from degs.assets.selectors.procurement import bought_in_period
from degs.assets.services import procurement as services
from degs.core.exceptions import OutOfJurisdiction, PermissionDenied, StaleVersion

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = dt.timedelta(days=1)


# --- the route at the rule's limits --------------------------------------------------------------


@pytest.mark.parametrize(
    ("paise", "route"),
    [
        (1, Route.DIRECT),
        (50_000_00, Route.DIRECT),  # exactly ₹50,000: "up to ₹50,000"
        (50_000_01, Route.L1),  # ₹50,000.01: "above ₹50,000"
        (10_00_000_00, Route.L1),  # exactly ₹10,00,000: "up to ₹10,00,000"
        (10_00_000_01, Route.BID),  # ₹10,00,000.01: "above ₹10,00,000"
        (25_00_000_00, Route.BID),
    ],
)
def test_route_at_the_limits(paise: int, route: Route) -> None:
    assert services.route_for(paise) == route


def test_the_rule_in_words() -> None:
    assert "₹\u00a050,000" in services.route_rule(Route.DIRECT)
    assert "₹\u00a010,00,000" in services.route_rule(Route.L1)
    assert "three different manufacturers" in services.route_rule(Route.L1)
    assert "reverse auction" in services.route_rule(Route.BID)


# --- helpers --------------------------------------------------------------------------------------


def new_case(world, kit, paise: int, quantity: int = 3, **extra):  # type: ignore[no-untyped-def]
    return services.case_create(
        actor=world.dio_a,
        area=world.district_a,
        title="Projectors for block offices",
        need="Video conferences in every block.",
        category=kit.projector,
        quantity=quantity,
        estimated_paise=paise,
        **extra,
    )


def sanctioned(world, kit, paise: int, quantity: int = 3):  # type: ignore[no-untyped-def]
    case = new_case(world, kit, paise, quantity)
    return services.case_sanction(
        actor=world.dio_a,
        case=case,
        version=case.version,
        sanction_number="DEGS/12/2026",
        sanction_date=TODAY - 10 * DAY,
        sanctioned_paise=paise,
    )


def quote(world, case, seller: str, make: str, paise: int):  # type: ignore[no-untyped-def]
    case.refresh_from_db()
    return services.quote_add(
        actor=world.dio_a,
        case=case,
        version=case.version,
        seller=seller,
        make=make,
        amount_paise=paise,
    )


def order(world, case, supplier, paise: int, **extra):  # type: ignore[no-untyped-def]
    case.refresh_from_db()
    values = {
        "actor": world.dio_a,
        "case": case,
        "version": case.version,
        "supplier": supplier,
        "order_kind": OrderKind.GEM_ORDER,
        "order_number": "GEMC-511687700054321",
        "order_date": TODAY - 5 * DAY,
        "order_paise": paise,
    }
    values.update(extra)
    return services.case_order(**values)


def deliver(world, kit, case, **extra):  # type: ignore[no-untyped-def]
    case.refresh_from_db()
    values = {
        "actor": world.dio_a,
        "case": case,
        "version": case.version,
        "delivered_on": TODAY - DAY,
        "model": kit.epson,
        "office": world.dc_office_a,
        "funding": Funding.DEGS_FUND,
        "warranty_until": TODAY + 3 * 365 * DAY,
    }
    values.update(extra)
    return services.case_deliver(**values)


# --- the case -----------------------------------------------------------------------------------


def test_route_follows_the_estimate_until_the_order(world, kit) -> None:  # type: ignore[no-untyped-def]
    case = new_case(world, kit, 45_000_00)
    assert case.route == Route.DIRECT
    edited = services.case_edit(
        actor=world.dio_a,
        case=case,
        version=case.version,
        title=case.title,
        quantity=3,
        estimated_paise=1_27_500_00,
        category=kit.projector,
    )
    assert edited.route == Route.L1
    assert CaseEvent.objects.filter(case=case, action="edit").count() == 1
    with pytest.raises(StaleVersion):  # the page saw the first version
        services.case_edit(
            actor=world.dio_a,
            case=case,
            version=1,
            title=case.title,
            quantity=3,
            estimated_paise=45_000_00,
        )


def test_only_a_manager_of_the_district_records_a_need(world, kit) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        services.case_create(
            actor=world.bdo_a1, area=world.block_a1, title="x", quantity=1, estimated_paise=100
        )
    with pytest.raises(OutOfJurisdiction):
        services.case_create(
            actor=world.dio_a, area=world.district_b, title="x", quantity=1, estimated_paise=100
        )


def test_bad_values_are_named(world, kit) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as caught:
        services.case_create(
            actor=world.dio_a, area=world.district_a, title=" ", quantity=0, estimated_paise=0
        )
    assert set(caught.value.message_dict) == {"title", "quantity", "estimated_paise"}
    assert not ProcurementCase.objects.exists()


# --- quotes and the order -------------------------------------------------------------------------


def test_l1_needs_three_quotes_of_three_makers_and_goes_to_the_lowest(world, kit) -> None:  # type: ignore[no-untyped-def]
    case = sanctioned(world, kit, 2_40_000_00)
    assert case.route == Route.L1
    lowest = Supplier.objects.create(name="Santhal Pargana Traders")
    quote(world, case, "Jharkhand Digital Supplies", "Epson", 2_31_000_00)
    quote(world, case, "Santhal Pargana Traders", "BenQ", 2_18_500_00)
    quote(world, case, "Dhanbad Systems", "Epson", 2_25_000_00)  # a second Epson: two makers
    with pytest.raises(ValidationError) as caught:
        order(world, case, lowest, 2_18_500_00)
    assert "three different manufacturers" in caught.value.message_dict["supplier"][0]
    with pytest.raises(ValidationError) as caught:
        quote(world, case, "dhanbad systems", "ViewSonic", 2_20_000_00)  # the same seller again
    assert "already recorded" in caught.value.message_dict["seller"][0]
    quote(world, case, "Ranchi Vision", "ViewSonic", 2_22_000_00)
    with pytest.raises(ValidationError) as caught:  # not the lowest
        order(world, case, kit.supplier, 2_31_000_00)
    message = caught.value.message_dict["supplier"][0]
    assert "Santhal Pargana Traders" in message and "₹\u00a02,18,500.00" in message
    done = order(world, case, lowest, 2_18_500_00)
    assert done.status == CaseStatus.ORDERED and done.supplier == lowest


def test_order_refusals(world, kit) -> None:  # type: ignore[no-untyped-def]
    case = sanctioned(world, kit, 48_000_00, quantity=1)
    assert case.route == Route.DIRECT
    with pytest.raises(ValidationError) as caught:  # above the sanction
        order(world, case, kit.supplier, 48_000_01)
    assert "sanctioned amount" in caught.value.message_dict["order_paise"][0]
    case.sanctioned_paise = 60_000_00
    case.save(update_fields=["sanctioned_paise"])
    with pytest.raises(ValidationError) as caught:  # ₹50,000.01 needs L1, the case is direct
        order(world, case, kit.supplier, 50_000_01)
    said = caught.value.message_dict["order_paise"][0]
    assert "three different manufacturers" in said and "rule 149(ii)" in said
    with pytest.raises(ValidationError) as caught:  # before the sanction's date
        order(world, case, kit.supplier, 49_000_00, order_date=TODAY - 20 * DAY)
    assert "order_date" in caught.value.message_dict
    assert order(world, case, kit.supplier, 50_000_00).status == CaseStatus.ORDERED
    assert CaseEvent.objects.filter(case=case, action="order").count() == 1


def test_bid_order_names_its_bid(world, kit) -> None:  # type: ignore[no-untyped-def]
    case = sanctioned(world, kit, 14_60_000_00, quantity=20)
    assert case.route == Route.BID
    with pytest.raises(ValidationError) as caught:
        order(world, case, kit.supplier, 13_90_000_00)
    assert "bid_number" in caught.value.message_dict
    # The reverse auction ended below ₹10 lakh: the bid's result, accepted.
    done = order(world, case, kit.supplier, 9_80_000_00, bid_number="GEM/2026/B/5123456")
    assert done.status == CaseStatus.ORDERED
    assert CaseEvent.objects.get(case=case, action="order").data["bid_number"] == (
        "GEM/2026/B/5123456"
    )


# --- the delivery ---------------------------------------------------------------------------------


def test_delivery_makes_the_assets_costing_the_order_to_the_paisa(world, kit) -> None:  # type: ignore[no-untyped-def]
    case = sanctioned(world, kit, 1_00_000_00)
    quote(world, case, "Jharkhand Digital Supplies", "Epson", 1_00_000_00)
    quote(world, case, "Santhal Pargana Traders", "BenQ", 1_10_000_00)
    quote(world, case, "Ranchi Vision", "ViewSonic", 1_20_000_00)
    order(world, case, kit.supplier, 1_00_000_00)
    before = Asset.objects.count()
    done = deliver(world, kit, case, serials=["SN-1", "SN-2", "SN-3"])
    assert done.status == CaseStatus.DELIVERED
    made = list(Asset.objects.filter(procurement=case).order_by("tag"))
    assert len(made) == 3 and Asset.objects.count() == before + 3
    # ₹1,00,000 over 3: 33,33,333 paise each and the one paisa left on the first.
    assert [a.cost_paise for a in made] == [33_33_334, 33_33_333, 33_33_333]
    assert sum(a.cost_paise for a in made) == 1_00_000_00
    assert sorted(a.serial for a in made) == ["SN-1", "SN-2", "SN-3"]
    first = made[0]
    assert first.supplier == kit.supplier and first.order_number == "GEMC-511687700054321"
    assert first.office == world.dc_office_a and first.purchased_on == TODAY - DAY
    # The same page posted again: the case moved on, nothing is made twice.
    with pytest.raises(StaleVersion):
        services.case_deliver(
            actor=world.dio_a,
            case=case,
            version=done.version - 1,
            delivered_on=TODAY - DAY,
            model=kit.epson,
            office=world.dc_office_a,
            funding=Funding.DEGS_FUND,
        )
    assert Asset.objects.filter(procurement=case).count() == 3
    figures = bought_in_period(world.dc_a, TODAY - 30 * DAY, TODAY)
    assert (figures.cases, figures.quantity, figures.value_paise) == (1, 3, 1_00_000_00)
    assert figures.by_category[0].name == "Projector"
    assert bought_in_period(world.bdo_b1, TODAY - 30 * DAY, TODAY).cases == 0


def test_delivery_is_all_or_nothing(world, kit) -> None:  # type: ignore[no-untyped-def]
    case = sanctioned(world, kit, 40_000_00, quantity=2)
    order(world, case, kit.supplier, 40_000_00)
    with pytest.raises(ValidationError) as caught:  # two items, one serial
        deliver(world, kit, case, serials=["ONLY-ONE"])
    assert "serials" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:  # the second serial is in the register
        deliver(world, kit, case, serials=["NEW-1", "X51A0001"])
    assert "serials" in caught.value.message_dict
    case.refresh_from_db()
    assert case.status == CaseStatus.ORDERED
    assert not Asset.objects.filter(procurement=case).exists()
    with pytest.raises(ValidationError) as caught:  # an office of another district
        deliver(world, kit, case, office=world.office_b1)
    assert "office" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:  # a UPS for a projector case
        deliver(world, kit, case, model=kit.apc)
    assert "model" in caught.value.message_dict
    done = deliver(world, kit, case)
    assert [a.cost_paise for a in done.assets.all()] == [20_000_00, 20_000_00]


def test_close_and_cancel(world, kit) -> None:  # type: ignore[no-untyped-def]
    case = new_case(world, kit, 30_000_00, quantity=1)
    with pytest.raises(ValidationError):
        services.case_step(
            actor=world.dio_a, case=case, action="cancel", version=case.version, remark=""
        )
    gone = services.case_step(
        actor=world.dio_a, case=case, action="cancel", version=case.version, remark="Not needed"
    )
    assert gone.status == CaseStatus.CANCELLED
    assert list(
        CaseEvent.objects.filter(case=case).order_by("pk").values_list("action", flat=True)
    ) == ["create", "cancel"]
