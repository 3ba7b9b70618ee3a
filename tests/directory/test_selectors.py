import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from degs.directory import selectors
from degs.directory.choices import AreaKind, SaturdayRule
from degs.directory.models import Area, Holiday
from tests.factories import make_area, make_office


def test_subtree_counts_per_child_in_two_queries(world) -> None:
    for i in range(3):
        make_area(AreaKind.VILLAGE, f"Extra {i}", world.gp_a1)
    make_office(world.gp_a1, "Bhawan")
    children = list(Area.objects.filter(parent=world.district_a).order_by("name"))
    with CaptureQueriesContext(connection) as ctx:
        counts = selectors.subtree_counts(areas=children)
    assert len(ctx.captured_queries) == 2
    a1 = counts[world.block_a1.pk]
    assert a1.by_kind == {AreaKind.GRAM_PANCHAYAT: 1, AreaKind.VILLAGE: 4}
    assert a1.offices == 2  # the block office and the bhawan
    assert counts[world.block_a2.pk].by_kind == {}


def test_jurisdiction_roots_for_each_persona(world) -> None:
    assert list(Area.objects.roots_for(world.dc_a)) == [world.district_a]
    assert list(Area.objects.roots_for(world.bdo_a1)) == [world.block_a1]
    assert list(Area.objects.roots_for(world.state_admin)) == [world.state]
    assert list(Area.objects.roots_for(world.operator_a1)) == [world.gp_a1]


def test_dc_sees_own_district_only(world) -> None:
    visible = set(Area.objects.visible_to(world.dc_a).values_list("pk", flat=True))
    assert world.block_a1.pk in visible and world.block_a2.pk in visible
    assert world.block_b1.pk not in visible and world.state.pk not in visible


def test_anonymous_sees_nothing(world) -> None:
    from django.contrib.auth.models import AnonymousUser

    assert not Area.objects.visible_to(AnonymousUser()).exists()
    assert not Area.objects.visible_to(None).exists()


def test_working_calendar_skips_sundays_saturdays_and_holidays(world) -> None:
    world.state.saturdays_off = SaturdayRule.SECOND_FOURTH
    world.state.save()
    Holiday.objects.create(area=world.state, date=dt.date(2026, 11, 25), name="State holiday")
    Holiday.objects.create(area=world.district_b, date=dt.date(2026, 11, 26), name="Other district")
    calendar = selectors.working_calendar(
        area=world.block_a1, start=dt.date(2026, 11, 1), end=dt.date(2026, 12, 31)
    )
    # Sat 14 Nov 2026 is the second Saturday; Sat 21 Nov the third; Sun 22 Nov
    assert not calendar.is_working_day(dt.date(2026, 11, 14))
    assert calendar.is_working_day(dt.date(2026, 11, 21))
    assert not calendar.is_working_day(dt.date(2026, 11, 22))
    assert not calendar.is_working_day(dt.date(2026, 11, 25))
    assert calendar.is_working_day(dt.date(2026, 11, 26))  # another district's holiday
    # Fri 20 Nov + 3 working days: Sat 21, Mon 23, Tue 24
    assert calendar.add_working_days(dt.date(2026, 11, 20), 3) == dt.date(2026, 11, 24)
    # + 4: Wed 25 is a holiday, so Thu 26
    assert calendar.add_working_days(dt.date(2026, 11, 20), 4) == dt.date(2026, 11, 26)
    assert calendar.working_days_between(dt.date(2026, 11, 20), dt.date(2026, 11, 26)) == 4


def test_holidays_visible_from_state_and_district_above(world) -> None:
    state_day = Holiday.objects.create(area=world.state, date=dt.date(2026, 1, 26), name="R")
    other = Holiday.objects.create(area=world.district_b, date=dt.date(2026, 2, 1), name="B")
    visible = set(selectors.holiday_list(user=world.bdo_a1, year=2026))
    assert state_day in visible and other not in visible


def test_history_of_names_changed_fields(world) -> None:
    from degs.directory import services

    services.office_update(actor=None, office=world.office_a1, phone="0643 222222")
    entries = selectors.history_of(world.office_a1)
    assert entries[0].kind == "~"
    assert entries[0].fields == ["phone"]
