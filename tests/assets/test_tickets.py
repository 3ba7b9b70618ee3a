"""The tickets' services: due times on working hours (worked by hand), the steps and their
refusals, send for repair and back in use, and the escalation notices.

The clocks run on conftest's priorities (10:00-18:00 of working days; ``p1``: own in 60,
resolve in 480 working minutes; ``p3``: 240 and 2,400), every Saturday and Sunday off.
November 2026: Friday 13, Saturday 14, Sunday 15, Monday 16."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from degs.accounts.models import Notice
from degs.assets.choices import AssetStatus, TicketKind, TicketStatus
from degs.assets.models import AssetEvent, Ticket, TicketEvent
from degs.assets.selectors import tickets as selectors
from degs.assets.services import schedules as sweeps
from degs.assets.services import tickets as svc
from degs.connectivity.choices import LinkKind, LinkStatus, Network
from degs.connectivity.models import Link, Provider
from degs.core.exceptions import (
    InvalidTransition,
    OutOfJurisdiction,
    PermissionDenied,
    StaleVersion,
)
from degs.directory.choices import SaturdayRule
from degs.directory.models import Holiday

IST = ZoneInfo("Asia/Kolkata")
pytestmark = pytest.mark.django_db


def nov(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, minute, tzinfo=IST)


@pytest.fixture
def weekends(world):  # type: ignore[no-untyped-def]
    world.state.saturdays_off = SaturdayRule.ALL
    world.state.save(update_fields=["saturdays_off"])
    return world


def open_at(kit, when, priority=None, actor=None, **extra):  # type: ignore[no-untyped-def]
    extra.setdefault("asset", kit.projector_a1)
    return svc.ticket_open(
        actor=actor or kit.engineer_a,
        title="Projector shows no picture",
        priority=priority or kit.p1,
        opened_at=when,
        **extra,
    )


# --- clocks, worked by hand ----------------------------------------------------------------------


def test_friday_evening_ticket_is_due_on_monday(weekends, kit) -> None:  # type: ignore[no-untyped-def]
    # Friday 17:00, p1: 60 minutes to own fit Friday (due at closing time, 18:00); 480 to
    # resolve: 60 on Friday, 420 on Monday from 10:00 → Monday 17:00.
    ticket = open_at(kit, nov(13, 17))
    assert ticket.own_due_at == nov(13, 18)
    assert ticket.resolve_due_at == nov(16, 17)
    # p3 at 17:30: own 240 = 30 on Friday + 210 on Monday → 13:30; resolve 2,400 = 30 on
    # Friday + 4 x 480 (Mon-Thu) + 450 on Friday 20 → 17:30.
    ticket = open_at(kit, nov(13, 17, 30), priority=kit.p3)
    assert ticket.own_due_at == nov(16, 13, 30)
    assert ticket.resolve_due_at == nov(20, 17, 30)


def test_a_saturday_ticket_counts_from_monday_and_a_holiday_moves_it(weekends, kit) -> None:  # type: ignore[no-untyped-def]
    ticket = open_at(kit, nov(14, 11))
    assert (ticket.own_due_at, ticket.resolve_due_at) == (nov(16, 11), nov(16, 18))
    Holiday.objects.create(area=weekends.district_a, date=dt.date(2026, 11, 16), name="Local")
    # Monday off: Friday 17:00 + 60 is still Friday 18:00; the 420 left run on Tuesday.
    ticket = open_at(kit, nov(13, 17))
    assert (ticket.own_due_at, ticket.resolve_due_at) == (nov(13, 18), nov(17, 17))
    # p3 from Friday 17:30 with Monday off: Tuesday 13:30; resolve Tue-Fri 4 x 480 + 450 on
    # Monday 23 → 17:30.
    ticket = open_at(kit, nov(13, 17, 30), priority=kit.p3)
    assert (ticket.own_due_at, ticket.resolve_due_at) == (nov(17, 13, 30), nov(23, 17, 30))


def test_working_minutes_used_and_left(weekends, kit) -> None:  # type: ignore[no-untyped-def]
    ticket = open_at(kit, nov(13, 17))
    clock = svc.ticket_clock(ticket.area, ticket.priority, ticket.opened_at, nov(17, 12))
    # Friday 17:00-18:00 and Monday 10:00-12:00: 180 working minutes.
    assert clock.minutes_between(ticket.opened_at, nov(16, 12)) == 180
    clocks = selectors.ticket_clocks(ticket, now=nov(16, 12))
    own, resolve = clocks
    assert (own.used, own.left, own.overdue) == (180, 0, True)
    assert (resolve.used, resolve.left, resolve.overdue) == (180, 300, False)


# --- opening ---------------------------------------------------------------------------------


def test_open_records_the_event_and_refuses_what_it_should(world, kit) -> None:  # type: ignore[no-untyped-def]
    ticket = open_at(kit, None, actor=world.bdo_a1)
    assert ticket.area == world.block_a1 and ticket.status == TicketStatus.OPEN
    event = TicketEvent.objects.get(ticket=ticket)
    assert (event.action, event.actor, event.to_status) == ("open", world.bdo_a1, "open")
    # Out of the actor's area: answered as not found.
    with pytest.raises(OutOfJurisdiction):
        open_at(kit, None, actor=world.bdo_a1, asset=kit.projector_b1)
    with pytest.raises(ValidationError) as error:
        svc.ticket_open(actor=world.bdo_a1, title=" ", priority=kit.p1, asset=kit.projector_a1)
    assert "title" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        svc.ticket_open(
            actor=world.bdo_a1,
            title="Two things",
            priority=kit.p1,
            asset=kit.projector_a1,
            office=world.office_a1,
        )
    assert "office" in error.value.message_dict
    kit.ups_a.status = AssetStatus.CONDEMNED
    kit.ups_a.save()
    with pytest.raises(ValidationError) as error:
        open_at(kit, None, actor=world.dio_a, asset=kit.ups_a)
    assert "asset" in error.value.message_dict
    assert Ticket.objects.count() == 1


def test_tickets_about_a_link_and_an_office(world, kit) -> None:  # type: ignore[no-untyped-def]
    bsnl = Provider.objects.create(
        code="bsnl", name="BSNL", name_hi="बीएसएनएल", network=Network.BHARATNET
    )
    link = Link.objects.create(
        provider=bsnl,
        circuit_id="BN-GP-0001",
        kind=LinkKind.BHARATNET_GPON,
        committed_kbps=10_000,
        office=world.office_a1,
        area=world.block_a1,
        status=LinkStatus.ACTIVE,
    )
    on_link = open_at(kit, None, asset=None, link=link)
    assert on_link.area == world.block_a1 and on_link.link == link
    case = svc.ticket_open(
        actor=world.dio_a,
        title="Server room air conditioning",
        priority=kit.p3,
        office=world.dc_office_a,
        kind=TicketKind.TECHNICAL_CASE,
    )
    assert case.area == world.district_a and case.kind == TicketKind.TECHNICAL_CASE


# --- steps ---------------------------------------------------------------------------------------


def test_own_resolve_close_with_repair_and_back_in_use(world, kit) -> None:  # type: ignore[no-untyped-def]
    ticket = open_at(kit, None, send_for_repair=True)
    kit.projector_a1.refresh_from_db()
    assert kit.projector_a1.status == AssetStatus.UNDER_REPAIR
    assert AssetEvent.objects.filter(asset=kit.projector_a1, action="repair").count() == 1
    with pytest.raises(PermissionDenied):  # a block officer reports, does not repair
        svc.ticket_own(actor=world.bdo_a1, ticket=ticket, version=1)
    ticket = svc.ticket_own(actor=kit.engineer_a, ticket=ticket, version=1)
    assert ticket.status == TicketStatus.OWNED and ticket.owner == kit.engineer_a
    assert ticket.owned_at is not None
    with pytest.raises(ValidationError) as error:
        svc.ticket_resolve(actor=kit.engineer_a, ticket=ticket, resolution="", version=2)
    assert "remark" in error.value.message_dict
    ticket = svc.ticket_resolve(
        actor=kit.engineer_a,
        ticket=ticket,
        resolution="Lamp replaced",
        vendor=kit.supplier,
        cost_paise=125_050,  # ₹1,250.50
        back_in_use=True,
        version=2,
    )
    assert ticket.status == TicketStatus.RESOLVED and ticket.cost_paise == 125_050
    assert ticket.vendor == kit.supplier and ticket.resolution == "Lamp replaced"
    kit.projector_a1.refresh_from_db()
    assert kit.projector_a1.status == AssetStatus.ISSUED
    with pytest.raises(ValidationError):  # reopening needs a reason
        svc.ticket_step(actor=world.bdo_a1, ticket=ticket, action="reopen", version=3)
    ticket = svc.ticket_step(
        actor=world.bdo_a1, ticket=ticket, action="reopen", remark="Still dim", version=3
    )
    assert ticket.status == TicketStatus.OWNED and ticket.resolved_at is None
    ticket = svc.ticket_resolve(
        actor=kit.engineer_a, ticket=ticket, resolution="Filter cleaned", version=4
    )
    ticket = svc.ticket_step(actor=world.bdo_a1, ticket=ticket, action="close", version=5)
    assert ticket.status == TicketStatus.CLOSED
    with pytest.raises(InvalidTransition):
        svc.ticket_step(actor=world.dio_a, ticket=ticket, action="cancel", remark="x")
    actions = list(
        TicketEvent.objects.filter(ticket=ticket).order_by("pk").values_list("action", flat=True)
    )
    assert actions == ["open", "own", "resolve", "reopen", "resolve", "close"]


def test_stale_version_and_jurisdiction(world, kit) -> None:  # type: ignore[no-untyped-def]
    ticket = open_at(kit, None)
    svc.ticket_own(actor=kit.engineer_a, ticket=ticket, version=1)
    with pytest.raises(StaleVersion) as error:
        svc.ticket_step(actor=world.dio_a, ticket=ticket, action="cancel", remark="x", version=1)
    assert error.value.extra["by"] == kit.engineer_a
    with pytest.raises(OutOfJurisdiction):
        svc.ticket_own(actor=world.bdo_b1, ticket=ticket)
    with pytest.raises(PermissionDenied):  # only a manager cancels
        svc.ticket_step(actor=world.bdo_a1, ticket=ticket, action="cancel", remark="x")


def test_a_reporter_cannot_send_for_repair(world, kit) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        open_at(kit, None, actor=world.bdo_a1, send_for_repair=True)
    assert Ticket.objects.count() == 0
    kit.projector_a1.refresh_from_db()
    assert kit.projector_a1.status == AssetStatus.ISSUED


# --- escalation ----------------------------------------------------------------------------------


def test_escalation_once_per_ticket_and_clock(weekends, kit) -> None:  # type: ignore[no-untyped-def]
    ticket = open_at(kit, nov(13, 17))  # own by Friday 18:00, resolve by Monday 17:00
    assert sweeps.escalation_sweep(now=nov(13, 17, 59)) == 0
    sent = sweeps.escalation_sweep(now=nov(16, 12))
    assert sent >= 1
    keys = set(Notice.objects.filter(user=weekends.dc_a).values_list("key", flat=True))
    assert keys == {f"assets.ticket.{ticket.pk}.own"}
    assert sweeps.escalation_sweep(now=nov(16, 13)) == 0
    svc.ticket_own(actor=kit.engineer_a, ticket=ticket)
    assert sweeps.escalation_sweep(now=nov(16, 17, 1)) == sent
    assert Notice.objects.filter(user=weekends.dc_a).count() == 2
    assert sweeps.escalation_sweep(now=nov(16, 18)) == 0
    # Nobody outside the district is told.
    assert not Notice.objects.filter(user=weekends.bdo_b1).exists()
    assert TicketEvent.objects.filter(ticket=ticket, action="escalate").count() == 2
