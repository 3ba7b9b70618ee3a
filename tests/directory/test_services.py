import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from degs.core.exceptions import ApplicationError, OutOfJurisdiction, PermissionDenied
from degs.core.scoping import path_segment
from degs.directory import services
from degs.directory.choices import AreaKind
from degs.directory.models import Area, PostHolding
from tests.factories import UserFactory, make_area


def test_area_path_extends_parent_path(world) -> None:
    village = world.village_a1
    assert village.path == world.gp_a1.path + path_segment(village.pk)
    assert village.depth == world.gp_a1.depth + 1
    assert world.district_a.contains(village)
    assert not world.district_b.contains(village)


def test_area_kind_must_fit_parent(world) -> None:
    with pytest.raises(ValidationError):
        services.area_create(actor=None, kind=AreaKind.VILLAGE, name="X", parent=world.district_a)
    with pytest.raises(ValidationError):
        services.area_create(actor=None, kind=AreaKind.BLOCK, name="No parent")


def test_area_move_rewrites_whole_subtree(world) -> None:
    # given a panchayat with a village, in block A1
    gp = world.gp_a1
    # when it moves to block A2
    services.area_move(actor=world.dc_a, area=gp, new_parent=world.block_a2)
    # then it and its village sit under A2, paths and depths consistent
    village = Area.objects.get(pk=world.village_a1.pk)
    gp.refresh_from_db()
    assert gp.path == world.block_a2.path + path_segment(gp.pk)
    assert village.path == gp.path + path_segment(village.pk)
    assert Area.objects.under(world.block_a1.path).filter(pk=village.pk).count() == 0


def test_area_cannot_move_under_itself(world) -> None:
    with pytest.raises(ApplicationError):
        services.area_move(actor=None, area=world.block_a1, new_parent=world.gp_a1)


def test_block_officer_cannot_change_directory_elsewhere(world) -> None:
    with pytest.raises(OutOfJurisdiction):
        services.area_create(
            actor=world.bdo_a1, kind=AreaKind.GRAM_PANCHAYAT, name="GP", parent=world.block_b1
        )
    # inside their block they may see but not manage (no directory.manage capability)
    with pytest.raises(PermissionDenied):
        services.area_create(
            actor=world.bdo_a1, kind=AreaKind.GRAM_PANCHAYAT, name="GP", parent=world.block_a1
        )


def test_district_admin_creates_in_own_district_with_history(world) -> None:
    gp = services.area_create(
        actor=world.dc_a,
        kind=AreaKind.GRAM_PANCHAYAT,
        name="  Kurwa ",
        name_hi="कुरवा",
        parent=world.block_a1,
    )
    assert gp.name == "Kurwa"
    services.area_update(actor=world.dc_a, area=gp, name_hi="कुड़वा")
    history = list(gp.history.order_by("history_date"))
    assert [h.history_type for h in history] == ["+", "~"]  # created, renamed


def test_one_regular_holder_at_a_time(world) -> None:
    other = UserFactory()
    with pytest.raises(ApplicationError):
        services.post_holding_start(
            actor=None, post=world.post_bdo_a1, user=other, start_date=dt.date(2026, 6, 1)
        )
    holding = PostHolding.objects.get(post=world.post_bdo_a1, user=world.bdo_a1)
    services.post_holding_end(actor=None, holding=holding, end_date=dt.date(2026, 5, 31))
    services.post_holding_start(
        actor=None, post=world.post_bdo_a1, user=other, start_date=dt.date(2026, 6, 1)
    )
    assert PostHolding.objects.filter(post=world.post_bdo_a1).count() == 2


def test_ended_holding_removes_jurisdiction(world) -> None:
    from degs.accounts.selectors import user_jurisdiction

    assert user_jurisdiction(world.bdo_a1).covers(world.village_a1.path)
    holding = PostHolding.objects.get(post=world.post_bdo_a1, user=world.bdo_a1)
    services.post_holding_end(actor=None, holding=holding, end_date=dt.date(2026, 1, 2))
    assert not user_jurisdiction(world.bdo_a1).covers(world.village_a1.path)


def test_holding_cannot_end_before_start(world) -> None:
    holding = PostHolding.objects.get(post=world.post_bdo_a1, user=world.bdo_a1)
    with pytest.raises(ApplicationError):
        services.post_holding_end(actor=None, holding=holding, end_date=dt.date(2025, 1, 1))


def test_post_office_must_be_in_post_area(world) -> None:
    from tests.factories import make_designation

    with pytest.raises(ValidationError):
        services.post_create(
            actor=None,
            designation=make_designation("co"),
            area=world.block_a1,
            office=world.office_b1,
        )


def test_duplicate_uncoded_name_under_parent_refused(world) -> None:
    make_area(AreaKind.GRAM_PANCHAYAT, "Twin", world.block_a1)
    with pytest.raises(ValidationError):
        make_area(AreaKind.GRAM_PANCHAYAT, "Twin", world.block_a1)
