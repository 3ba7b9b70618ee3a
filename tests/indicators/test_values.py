"""Entering programme figures through the services: who may, what is refused (and that a
refusal changes nothing), the version the user saw, removal, and many values at once."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from degs.core.exceptions import OutOfJurisdiction, PermissionDenied, StaleVersion
from degs.indicators.choices import Origin
from degs.indicators.models import DataValue, DataValueEvent, Figure, FigureQueue
from degs.indicators.periods import Period
from degs.indicators.services.values import ValueRow, value_remove, value_set, values_write

LAST = Period.current().previous()


def _nothing_written() -> None:
    assert DataValue.objects.count() == 0
    assert DataValueEvent.objects.count() == 0
    assert FigureQueue.objects.count() == 0


def test_entering_a_figure_writes_it_its_event_and_queues_its_figures(world, catalogue) -> None:
    fps = catalogue["element:fps_on_epos"]
    row = value_set(
        actor=world.bdo_a1, element=fps, area=world.block_a1, period=LAST, value=Decimal(12)
    )
    assert (row.value, row.version, row.origin) == (Decimal(12), 1, Origin.FORM)
    assert row.district_id == world.district_a.pk
    assert row.entered_by == world.bdo_a1
    event = DataValueEvent.objects.get()
    assert (event.action, event.value_id, event.actor) == ("enter", row.pk, world.bdo_a1)
    assert event.data == {"from": None, "to": "12"}
    # the month, its quarter and its financial year
    assert FigureQueue.objects.filter(district=world.district_a, element=fps).count() == 3

    changed = value_set(
        actor=world.bdo_a1,
        element=fps,
        area=world.block_a1,
        period=LAST,
        value=15,
        version=1,
    )
    assert (changed.pk, changed.value, changed.version) == (row.pk, Decimal(15), 2)
    last = DataValueEvent.objects.order_by("-pk").first()
    assert (last.action, last.data) == ("change", {"from": "12", "to": "15"})


def test_zero_is_a_report(world, catalogue) -> None:
    row = value_set(
        actor=world.bdo_a1,
        element=catalogue["element:fps_on_epos"],
        area=world.block_a1,
        period=LAST,
        value=0,
    )
    assert DataValue.objects.get(pk=row.pk).value == 0


def test_the_same_number_again_changes_nothing(world, catalogue) -> None:
    fps = catalogue["element:fps_on_epos"]
    value_set(actor=world.bdo_a1, element=fps, area=world.block_a1, period=LAST, value=4)
    again = value_set(
        actor=world.bdo_a1, element=fps, area=world.block_a1, period=LAST, value=4, version=1
    )
    assert again.version == 1
    assert DataValueEvent.objects.count() == 1


def _future_month() -> Period:
    return Period.current().next()


REFUSALS: list[tuple[str, dict[str, Any], Any, str]] = [
    ("another block", {"actor": "bdo_b1"}, OutOfJurisdiction, ""),
    ("computed element", {"element": "app_received"}, ValidationError, "element"),
    ("not in use", {"inactive": True}, ValidationError, "element"),
    ("wrong level", {"area": "gp_a1"}, ValidationError, "area"),
    ("wrong period type", {"period": Period.quarter_of(LAST.start)}, ValidationError, "period"),
    ("future month", {"period": "future"}, ValidationError, "period"),
    ("category of a split element", {"category": "female"}, ValidationError, "category"),
    ("below zero", {"value": Decimal(-1)}, ValidationError, "value"),
    ("not whole", {"value": Decimal("1.5")}, ValidationError, "value"),
    ("too large", {"value": Decimal(10) ** 16}, ValidationError, "value"),
]


@pytest.mark.parametrize(
    ("what", "change", "error", "field"), REFUSALS, ids=[r[0] for r in REFUSALS]
)
def test_each_refusal_changes_nothing(world, catalogue, what, change, error, field) -> None:
    element = catalogue[f"element:{change.get('element', 'fps_on_epos')}"]
    if change.get("inactive"):
        element.is_active = False
        element.save(update_fields=["is_active"])
    period = change.get("period", LAST)
    if period == "future":
        period = _future_month()
    with pytest.raises(error) as raised:
        value_set(
            actor=getattr(world, change.get("actor", "bdo_a1")),
            element=element,
            area=getattr(world, change.get("area", "block_a1")),
            period=period,
            value=change.get("value", Decimal(3)),
            category=change.get("category", ""),
        )
    if field:
        assert field in raised.value.message_dict
    _nothing_written()


def test_a_user_without_the_capability_is_refused(world, catalogue) -> None:
    # the kiosk operator of panchayat A1 sees the panchayat but enters no figures
    with pytest.raises(PermissionDenied):
        value_set(
            actor=world.operator_a1,
            element=catalogue["element:pmgdisha_trained"],
            area=world.gp_a1,
            period=LAST,
            value=3,
            category="female",
        )
    _nothing_written()


def test_a_panchayat_figure_by_sex(world, catalogue) -> None:
    trained = catalogue["element:pmgdisha_trained"]
    for category, number in (("female", 7), ("male", 5), ("transgender", 0)):
        value_set(
            actor=world.bdo_a1,
            element=trained,
            area=world.gp_a1,
            period=LAST,
            value=number,
            category=category,
        )
    assert sorted(DataValue.objects.values_list("category", "value")) == [
        ("female", 7),
        ("male", 5),
        ("transgender", 0),
    ]
    with pytest.raises(ValidationError) as raised:
        value_set(
            actor=world.bdo_a1, element=trained, area=world.gp_a1, period=LAST, value=2
        )  # the total of a split element is not entered
    assert "category" in raised.value.message_dict


def test_two_entries_of_the_same_figure_keep_one_and_tell_the_other(world, catalogue) -> None:
    fps = catalogue["element:fps_on_epos"]
    # both opened the form when nothing was reported (version None); the DC saves first
    value_set(actor=world.dc_a, element=fps, area=world.block_a1, period=LAST, value=9)
    with pytest.raises(StaleVersion) as raised:
        value_set(actor=world.bdo_a1, element=fps, area=world.block_a1, period=LAST, value=11)
    said = str(raised.value.message)
    at = timezone.localtime(DataValueEvent.objects.get().at)
    assert f"DC A changed this at {at:%H:%M} on {at:%d-%m-%Y}." in said
    row = DataValue.objects.get()
    assert (row.value, row.version, row.entered_by) == (Decimal(9), 1, world.dc_a)
    assert DataValueEvent.objects.count() == 1


def test_a_version_that_moved_on_is_stale(world, catalogue) -> None:
    fps = catalogue["element:fps_on_epos"]
    value_set(actor=world.bdo_a1, element=fps, area=world.block_a1, period=LAST, value=1)
    value_set(actor=world.dc_a, element=fps, area=world.block_a1, period=LAST, value=2, version=1)
    with pytest.raises(StaleVersion) as raised:
        value_set(
            actor=world.bdo_a1, element=fps, area=world.block_a1, period=LAST, value=3, version=1
        )
    assert "DC A changed this" in str(raised.value.message)
    assert DataValue.objects.get().value == 2


def test_removing_goes_back_to_not_reported_and_keeps_the_history(world, catalogue) -> None:
    fps = catalogue["element:fps_on_epos"]
    row = value_set(actor=world.bdo_a1, element=fps, area=world.block_a1, period=LAST, value=6)
    with pytest.raises(StaleVersion):
        value_remove(actor=world.bdo_a1, value=row, version=2)
    with pytest.raises(OutOfJurisdiction):
        value_remove(actor=world.bdo_b1, value=row, version=1)
    assert DataValue.objects.count() == 1
    value_remove(actor=world.bdo_a1, value=row, version=1)
    assert DataValue.objects.count() == 0
    events = list(DataValueEvent.objects.order_by("pk"))
    assert [e.action for e in events] == ["enter", "remove"]
    removed = events[1]
    assert (removed.value_id, removed.element_id, removed.area_id) == (
        None,
        fps.pk,
        world.block_a1.pk,
    )
    assert (removed.period_start, removed.data) == (LAST.start, {"from": "6", "to": None})
    # entered again with version None: nobody else's row is in the way
    value_set(actor=world.bdo_a1, element=fps, area=world.block_a1, period=LAST, value=7)
    assert DataValue.objects.get().version == 1


def test_a_removed_figure_is_stale_for_one_who_saw_it(world, catalogue) -> None:
    fps = catalogue["element:fps_on_epos"]
    row = value_set(actor=world.bdo_a1, element=fps, area=world.block_a1, period=LAST, value=6)
    value_remove(actor=world.dc_a, value=row, version=1)
    with pytest.raises(StaleVersion) as raised:
        value_set(
            actor=world.bdo_a1, element=fps, area=world.block_a1, period=LAST, value=8, version=1
        )
    assert "DC A changed this" in str(raised.value.message)
    assert DataValue.objects.count() == 0


def test_many_values_at_once(world, catalogue, django_assert_max_num_queries) -> None:
    fps, total = catalogue["element:fps_on_epos"], catalogue["element:fps_total"]
    trained = catalogue["element:pmgdisha_trained"]
    value_set(actor=world.bdo_a1, element=fps, area=world.block_a1, period=LAST, value=3)
    value_set(actor=world.bdo_a1, element=total, area=world.block_a1, period=LAST, value=10)
    rows = [
        ValueRow(fps, world.block_a1, LAST, "", Decimal(4)),  # changed
        ValueRow(total, world.block_a1, LAST, "", Decimal(10)),  # the same: untouched
        ValueRow(fps, world.block_a2, LAST, "", Decimal(2)),  # new
        ValueRow(trained, world.gp_a1, LAST, "female", Decimal(8)),  # new
    ]
    # read, districts, insert, update, events, queue (and the savepoint)
    with django_assert_max_num_queries(10):
        written = values_write(actor=world.dc_a, rows=rows, origin=Origin.IMPORT)
    assert written == 3
    got = {
        (v.element_id, v.area_id, v.category): (v.value, v.version, v.origin)
        for v in DataValue.objects.all()
    }
    assert got == {
        (fps.pk, world.block_a1.pk, ""): (4, 2, Origin.IMPORT),
        (total.pk, world.block_a1.pk, ""): (10, 1, Origin.FORM),
        (fps.pk, world.block_a2.pk, ""): (2, 1, Origin.IMPORT),
        (trained.pk, world.gp_a1.pk, "female"): (8, 1, Origin.IMPORT),
    }
    actions = list(
        DataValueEvent.objects.filter(actor=world.dc_a)
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert sorted(actions) == ["change", "enter", "enter"]
    assert all(e.value_id for e in DataValueEvent.objects.all())


def test_many_values_refuse_rows_out_of_reach(world, catalogue) -> None:
    rows = [
        ValueRow(catalogue["element:fps_on_epos"], world.block_b1, LAST, "", Decimal(1)),
        ValueRow(catalogue["element:fps_on_epos"], world.block_a1, LAST, "", Decimal(1)),
    ]
    with pytest.raises(OutOfJurisdiction):
        values_write(actor=world.bdo_b1, rows=rows, origin=Origin.IMPORT)
    _nothing_written()
    # the system (a demo, a sweep) is not asked
    assert values_write(actor=None, rows=rows, origin=Origin.DEMO, is_demo=True) == 2
    assert set(DataValue.objects.values_list("is_demo", flat=True)) == {True}
    assert {v.district_id for v in DataValue.objects.all()} == {
        world.district_a.pk,
        world.district_b.pk,
    }


def test_late_is_after_the_due_day(world, catalogue) -> None:
    fps = catalogue["element:fps_on_epos"]
    row = value_set(actor=world.bdo_a1, element=fps, area=world.block_a1, period=LAST, value=1)
    due = LAST.due_on(fps.due_days)
    row.entered_at = timezone.make_aware(dt.datetime.combine(due, dt.time(23, 0)))
    assert not row.is_late
    row.entered_at += dt.timedelta(hours=2)
    assert row.is_late


def test_a_correction_after_the_due_day_leaves_the_report_on_time(world, catalogue) -> None:
    from degs.indicators.services import figures

    fps = catalogue["element:fps_on_epos"]
    row = value_set(actor=world.bdo_a1, element=fps, area=world.block_a1, period=LAST, value=1)
    on_time = timezone.make_aware(dt.datetime.combine(LAST.due_on(fps.due_days), dt.time(9, 0)))
    DataValue.objects.filter(pk=row.pk).update(entered_at=on_time)
    changed = value_set(
        actor=world.dio_a, element=fps, area=world.block_a1, period=LAST, value=2, version=1
    )
    assert (changed.value, changed.version) == (2, 2)
    assert (changed.entered_at, changed.entered_by) == (on_time, world.bdo_a1)
    assert not changed.is_late
    assert changed.events.order_by("at", "pk").last().actor == world.dio_a
    figures.refresh(world.district_a, [LAST])
    figure = Figure.objects.get(
        indicator__code="fps_epos_share", area=world.block_a1, period_start=LAST.start
    )
    assert (figure.reported, figure.late) == (1, 0)
