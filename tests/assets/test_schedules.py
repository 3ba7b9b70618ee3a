"""Scheduled maintenance: the sweep opens one ticket per asset and due day (a second run opens
nothing), for one asset or every asset of a category under an area, skips condemned assets,
opens only the latest due day when periods were missed, and keeps its queries per schedule."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from degs.assets.choices import AssetStatus, TicketKind, TicketStatus
from degs.assets.models import Schedule, Ticket, TicketEvent
from degs.assets.services import schedules as svc
from degs.core.exceptions import OutOfJurisdiction, PermissionDenied
from tests.assets.conftest import make_asset

IST = ZoneInfo("Asia/Kolkata")
pytestmark = pytest.mark.django_db
# Friday 4 December 2026, noon in India.
NOW = dt.datetime(2026, 12, 4, 12, 0, tzinfo=IST)


def category_schedule(world, kit, **extra):  # type: ignore[no-untyped-def]
    fields = {
        "actor": world.dio_a,
        "title": "Projector AMC visit",
        "priority": kit.p3,
        "every_days": 180,
        "next_due_on": dt.date(2026, 12, 10),
        "lead_days": 7,
        "category": kit.projector,
        "area": world.district_a,
        "vendor": kit.supplier,
    }
    fields.update(extra)
    return svc.schedule_save(**fields)


def test_a_category_schedule_opens_one_ticket_per_asset_once(world, kit) -> None:  # type: ignore[no-untyped-def]
    second = make_asset("JA-PRJ-0002", kit.epson, world.office_a2, funding="degs_fund")
    make_asset("JA-PRJ-0003", kit.epson, world.office_a2, funding="degs_fund", status="condemned")
    schedule = category_schedule(world, kit)
    # Due 10 December, 7 days' lead: from 3 December. District B's projector is not in it.
    assert svc.schedules_sweep(now=NOW) == 2
    tickets = Ticket.objects.filter(schedule=schedule).order_by("asset__tag")
    assert [t.asset for t in tickets] == [kit.projector_a1, second]
    first = tickets[0]
    assert (first.kind, first.status, first.due_on) == (
        TicketKind.MAINTENANCE,
        TicketStatus.OPEN,
        dt.date(2026, 12, 10),
    )
    assert first.vendor == kit.supplier and first.own_due_at is not None
    assert first.area == world.block_a1
    assert TicketEvent.objects.filter(ticket__schedule=schedule, action="open").count() == 2
    schedule.refresh_from_db()
    assert schedule.next_due_on == dt.date(2027, 6, 8)  # 10 Dec 2026 + 180 days
    # Run again, and with the schedule put back: nothing is opened twice.
    assert svc.schedules_sweep(now=NOW) == 0
    Schedule.objects.filter(pk=schedule.pk).update(next_due_on=dt.date(2026, 12, 10))
    assert svc.schedules_sweep(now=NOW) == 0
    assert Ticket.objects.filter(schedule=schedule).count() == 2
    assert TicketEvent.objects.filter(ticket__schedule=schedule).count() == 2


def test_not_yet_due_and_inactive_schedules_open_nothing(world, kit) -> None:  # type: ignore[no-untyped-def]
    category_schedule(world, kit, next_due_on=dt.date(2026, 12, 12))  # opens from 5 December
    category_schedule(world, kit, next_due_on=dt.date(2026, 12, 5), is_active=False)
    assert svc.schedules_sweep(now=NOW) == 0
    assert svc.schedules_sweep(now=NOW + dt.timedelta(days=1)) == 1


def test_missed_periods_open_only_the_latest_due_day(world, kit) -> None:  # type: ignore[no-untyped-def]
    schedule = svc.schedule_save(
        actor=world.dio_a,
        title="UPS battery check",
        priority=kit.p3,
        every_days=90,
        next_due_on=dt.date(2026, 5, 18),
        lead_days=7,
        asset=kit.ups_a,
    )
    # Due 18 May, 16 Aug, 14 Nov, 12 Feb 2027 (opens 5 Feb): on 4 December the latest come is
    # 14 November.
    assert svc.schedules_sweep(now=NOW) == 1
    ticket = Ticket.objects.get(schedule=schedule)
    assert ticket.due_on == dt.date(2026, 11, 14) and ticket.asset == kit.ups_a
    schedule.refresh_from_db()
    assert schedule.next_due_on == dt.date(2027, 2, 12)


def test_condemned_asset_gets_no_ticket_and_queries_do_not_grow(world, kit) -> None:  # type: ignore[no-untyped-def]
    schedule = category_schedule(world, kit)
    kit.projector_a1.status = AssetStatus.CONDEMNED
    kit.projector_a1.save()
    assert svc.schedules_sweep(now=NOW) == 0
    assert not Ticket.objects.exists()

    def queries(count: int) -> int:
        Ticket.objects.all().delete()
        Schedule.objects.filter(pk=schedule.pk).update(next_due_on=dt.date(2026, 12, 10))
        for n in range(count):
            make_asset(
                f"JA-PRJ-{Ticket.objects.count() + 100 + n:04d}-{count}",
                kit.epson,
                world.office_a1,
                funding="degs_fund",
            )
        with CaptureQueriesContext(connection) as ctx:
            svc.schedules_sweep(now=NOW)
        return len(ctx.captured_queries)

    assert queries(2) == queries(12)


def test_schedule_form_rules(world, kit) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as error:
        category_schedule(world, kit, lead_days=180)
    assert "lead_days" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        category_schedule(world, kit, asset=kit.ups_a)
    assert "category" in error.value.message_dict
    with pytest.raises(PermissionDenied):  # a block officer does not manage
        category_schedule(world, kit, actor=world.bdo_a1, area=world.block_a1)
    with pytest.raises(OutOfJurisdiction):
        category_schedule(world, kit, area=world.district_b)


def test_the_command_runs_both_sweeps(world, kit, capsys) -> None:  # type: ignore[no-untyped-def]
    call_command("assets_sweep")
    assert "tickets opened 0" in capsys.readouterr().out
