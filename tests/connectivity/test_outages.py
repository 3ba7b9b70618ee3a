"""The outages' services: opening (and the one open outage per link), acknowledging, restoring,
cancelling, the probe's recovery, and the escalation sweep.

The clocks run on the SLA of conftest's ``net`` (10:00-18:00, respond in 120 working minutes,
restore in 480, escalate again after 240), with second and fourth Saturdays off. November 2026:
the 1st is a Sunday, so Friday 13 is followed by the second Saturday (14) and Sunday 15.
An outage opened on Friday 13 at 17:00 has 60 minutes that day and the rest on Monday 16:
respond by Monday 11:00, restore by Monday 17:00."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from degs.accounts.models import Notice
from degs.accounts.roles import Role
from degs.connectivity.choices import (
    DetectedBy,
    LinkStatus,
    OutageCause,
    OutageStatus,
    Resolution,
    SlaClock,
)
from degs.connectivity.models import LinkEvent, Outage, OutageEvent, ProviderContact
from degs.connectivity.services import outages as services
from degs.core.exceptions import (
    InvalidTransition,
    OutOfJurisdiction,
    PermissionDenied,
    StaleVersion,
)
from degs.directory.choices import SaturdayRule
from degs.directory.models import Holiday
from tests.factories import UserFactory, grant

IST = ZoneInfo("Asia/Kolkata")
pytestmark = pytest.mark.django_db


def nov(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, minute, tzinfo=IST)


@pytest.fixture
def clocked(net, world):  # type: ignore[no-untyped-def]
    world.state.saturdays_off = SaturdayRule.SECOND_FOURTH
    world.state.save(update_fields=["saturdays_off"])
    return net


def open_friday(net, actor=None, link=None):  # type: ignore[no-untyped-def]
    return services.outage_open(
        actor=actor or net.engineer_a,
        link=link or net.link_a1,
        detected_by=DetectedBy.ENGINEER,
        started_at=nov(13, 17),
        cause=OutageCause.FIBRE_CUT,
        description="Fibre cut near the bridge",
    )


# --- opening --------------------------------------------------------------------------------


def test_open_sets_due_times_on_working_hours_and_takes_the_link_down(clocked) -> None:  # type: ignore[no-untyped-def]
    outage = open_friday(clocked)
    assert outage.status == OutageStatus.OPEN
    assert outage.respond_due_at == nov(16, 11)
    assert outage.restore_due_at == nov(16, 17)
    assert outage.reported_by == clocked.engineer_a
    link = outage.link
    link.refresh_from_db()
    assert link.status == LinkStatus.DOWN
    assert link.status_since == nov(13, 17)
    assert LinkEvent.objects.filter(link=link, action="fail", actor=None).count() == 1
    event = OutageEvent.objects.get(outage=outage)
    assert (event.action, event.to_status, event.actor) == ("open", "open", clocked.engineer_a)


def test_a_district_holiday_moves_the_due_times(clocked, world) -> None:  # type: ignore[no-untyped-def]
    Holiday.objects.create(area=world.district_a, date=dt.date(2026, 11, 16), name="Local")
    outage = open_friday(clocked)
    # Monday off too: Tuesday 17 at 11:00 and 17:00.
    assert outage.respond_due_at == nov(17, 11)
    assert outage.restore_due_at == nov(17, 17)


def test_round_the_clock_sla(clocked) -> None:  # type: ignore[no-untyped-def]
    clocked.sla.clock = SlaClock.ROUND_THE_CLOCK
    clocked.sla.save()
    outage = open_friday(clocked)
    assert outage.respond_due_at == nov(13, 19)
    assert outage.restore_due_at == nov(14, 1)


def test_a_link_without_sla_has_no_due_times(clocked) -> None:  # type: ignore[no-untyped-def]
    link = clocked.link_a2
    link.sla = None
    link.save()
    outage = open_friday(clocked, link=link)
    assert outage.respond_due_at is None and outage.restore_due_at is None
    assert services.escalation_sweep(now=nov(30, 12)) == 0


def test_second_open_outage_refused_naming_the_first(clocked) -> None:  # type: ignore[no-untyped-def]
    first = open_friday(clocked)
    with pytest.raises(ValidationError) as refused:
        services.outage_open(
            actor=clocked.engineer_a, link=clocked.link_a1, detected_by=DetectedBy.OFFICE
        )
    message = refused.value.message_dict["link"][0]
    assert f"no. {first.pk}" in message and "13-11-2026 17:00" in message
    assert Outage.objects.filter(link=clocked.link_a1).count() == 1


def test_the_probe_and_an_engineer_at_once_make_one_outage(clocked) -> None:  # type: ignore[no-untyped-def]
    # The probe's sweep opens it; the engineer's form, drawn before, posts a moment later.
    services.outage_open(actor=None, link=clocked.link_a1, detected_by=DetectedBy.PROBE)
    with pytest.raises(ValidationError):
        open_friday(clocked)
    assert Outage.objects.filter(link=clocked.link_a1).count() == 1


@pytest.mark.parametrize(
    ("who", "error"),
    [("engineer_b", OutOfJurisdiction), ("viewer_a", PermissionDenied)],
)
def test_open_refused_outside_reach(clocked, world, who, error) -> None:  # type: ignore[no-untyped-def]
    if who == "viewer_a":
        actor = UserFactory(username="viewer_a")
        grant(actor, Role.VIEWER, world.district_a)
    else:
        actor = clocked.engineer_b
    with pytest.raises(error):
        open_friday(clocked, actor=actor)
    assert not Outage.objects.exists()


def test_the_block_officer_may_report_their_block_link(clocked, world) -> None:  # type: ignore[no-untyped-def]
    outage = services.outage_open(
        actor=world.bdo_a1, link=clocked.link_a1, detected_by=DetectedBy.OFFICE
    )
    assert outage.detected_by == DetectedBy.OFFICE
    with pytest.raises(OutOfJurisdiction):
        services.outage_open(
            actor=world.bdo_a1, link=clocked.link_a2, detected_by=DetectedBy.OFFICE
        )


def test_open_refuses_future_start_a_planned_link_and_a_user_claiming_the_probe(clocked) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as future:
        services.outage_open(
            actor=clocked.engineer_a,
            link=clocked.link_a1,
            detected_by=DetectedBy.ENGINEER,
            started_at=timezone.now() + dt.timedelta(hours=1),
        )
    assert "started_at" in future.value.message_dict
    with pytest.raises(ValidationError) as planned:
        services.outage_open(
            actor=clocked.engineer_a, link=clocked.link_gp_a1, detected_by=DetectedBy.ENGINEER
        )
    assert "Planned" in planned.value.message_dict["link"][0]
    with pytest.raises(ValidationError) as probe:
        services.outage_open(
            actor=clocked.engineer_a, link=clocked.link_a1, detected_by=DetectedBy.PROBE
        )
    assert "detected_by" in probe.value.message_dict
    with pytest.raises(ValidationError) as old:
        services.outage_open(
            actor=clocked.engineer_a,
            link=clocked.link_a1,
            detected_by=DetectedBy.ENGINEER,
            started_at=timezone.now() - dt.timedelta(days=400),
        )
    assert "started_at" in old.value.message_dict
    assert not Outage.objects.exists()


def test_a_time_without_its_zone_is_read_as_india(clocked) -> None:  # type: ignore[no-untyped-def]
    outage = services.outage_open(
        actor=clocked.engineer_a,
        link=clocked.link_a1,
        detected_by=DetectedBy.ENGINEER,
        started_at=dt.datetime(2026, 11, 13, 17, 0),  # noqa: DTZ001 - as an API caller may send
    )
    assert outage.started_at == nov(13, 17)


# --- acknowledging, restoring, cancelling, recovering -------------------------------------


def test_acknowledge_then_restore(clocked) -> None:  # type: ignore[no-untyped-def]
    outage = open_friday(clocked)
    outage = services.outage_acknowledge(
        actor=clocked.engineer_a, outage=outage, version=1, provider_reference="DKT-123"
    )
    assert outage.status == OutageStatus.ACKNOWLEDGED
    assert outage.provider_reference == "DKT-123" and outage.responded_at is not None
    outage = services.outage_restore(
        actor=clocked.engineer_a,
        outage=outage,
        version=2,
        resolution=Resolution.REPAIRED,
        remark="Fibre spliced",
        restored_at=nov(16, 15, 30),
    )
    assert outage.status == OutageStatus.RESTORED
    assert outage.restored_at == nov(16, 15, 30)
    assert outage.resolution == Resolution.REPAIRED
    outage.link.refresh_from_db()
    assert outage.link.status == LinkStatus.ACTIVE
    assert outage.link.status_since == nov(16, 15, 30)
    actions = list(
        OutageEvent.objects.filter(outage=outage)
        .order_by("at", "pk")
        .values_list("action", flat=True)
    )
    assert actions == ["open", "acknowledge", "restore"]


def test_restore_refuses_a_time_before_the_start_or_in_the_future(clocked) -> None:  # type: ignore[no-untyped-def]
    outage = open_friday(clocked)
    for when in (nov(13, 16, 59), timezone.now() + dt.timedelta(hours=2)):
        with pytest.raises(ValidationError) as refused:
            services.outage_restore(
                actor=clocked.engineer_a,
                outage=outage,
                resolution=Resolution.REPAIRED,
                remark="done",
                restored_at=when,
            )
        assert "restored_at" in refused.value.message_dict
    with pytest.raises(ValidationError) as no_remark:
        services.outage_restore(
            actor=clocked.engineer_a, outage=outage, resolution=Resolution.REPAIRED, remark=""
        )
    assert "remark" in no_remark.value.message_dict
    outage.refresh_from_db()
    assert outage.status == OutageStatus.OPEN


def test_two_engineers_restoring_from_the_same_page(clocked) -> None:  # type: ignore[no-untyped-def]
    outage = open_friday(clocked)
    services.outage_restore(
        actor=clocked.engineer_a,
        outage=outage,
        version=1,
        resolution=Resolution.REPAIRED,
        remark="Spliced",
    )
    other = UserFactory(username="engineer_a2")
    grant(other, Role.NETWORK_ENGINEER, clocked.link_a1.area.parent)
    with pytest.raises(StaleVersion):
        services.outage_restore(
            actor=other, outage=outage, version=1, resolution=Resolution.REPLACED, remark="New ONT"
        )
    outage.refresh_from_db()
    assert outage.resolution == Resolution.REPAIRED


def test_cancel_is_for_managers_and_brings_the_link_back(clocked, world) -> None:  # type: ignore[no-untyped-def]
    outage = open_friday(clocked)
    with pytest.raises(PermissionDenied):
        services.outage_cancel(actor=clocked.engineer_a, outage=outage, remark="wrong link")
    outage = services.outage_cancel(actor=world.dio_a, outage=outage, remark="Wrong link")
    assert outage.status == OutageStatus.CANCELLED and outage.restored_at is None
    outage.link.refresh_from_db()
    assert outage.link.status == LinkStatus.ACTIVE
    with pytest.raises(InvalidTransition):
        services.outage_acknowledge(actor=clocked.engineer_a, outage=outage)


def test_recover_by_the_probe(clocked) -> None:  # type: ignore[no-untyped-def]
    outage = services.outage_open(
        actor=None, link=clocked.link_a1, detected_by=DetectedBy.PROBE, started_at=nov(20, 9)
    )
    outage = services.outage_recover(outage=outage, at=nov(20, 9, 40))
    assert outage.status == OutageStatus.RESTORED
    assert outage.resolution == Resolution.RECOVERED
    assert outage.restored_at == nov(20, 9, 40)
    outage.link.refresh_from_db()
    assert outage.link.status == LinkStatus.ACTIVE
    event = OutageEvent.objects.get(outage=outage, action="recover")
    assert event.actor is None and event.remark_hi


# --- escalation -------------------------------------------------------------------------------


@pytest.fixture
def contacts(clocked, world):  # type: ignore[no-untyped-def]
    on_call = UserFactory(username="bsnl_l1", full_name="BSNL on call")
    sde = UserFactory(username="bsnl_l2", full_name="BSNL SDE")
    ProviderContact.objects.create(
        provider=clocked.bsnl, area=world.district_a, level=1, name="JE Jamtara", user=on_call
    )
    ProviderContact.objects.create(
        provider=clocked.bsnl, area=world.district_a, level=2, name="SDE Jamtara", user=sde
    )
    ProviderContact.objects.create(
        provider=clocked.bsnl, area=world.state, level=2, name="State NOC", phone="0651-2400000"
    )
    # Another district's contact is not told.
    ProviderContact.objects.create(
        provider=clocked.bsnl, area=world.district_b, level=1, name="JE B", user=UserFactory()
    )
    return on_call, sde


OFFICIALS_A1 = {"engineer_a", "dio_a", "dc_a", "bdo_a1"}


def told(outage: Outage, level: int) -> set[str]:
    return set(
        Notice.objects.filter(key=f"outage:{outage.pk}:level:{level}").values_list(
            "user__username", flat=True
        )
    )


def test_escalation_fires_once_when_the_respond_clock_runs_out(clocked, contacts) -> None:  # type: ignore[no-untyped-def]
    outage = open_friday(clocked)
    assert services.escalation_sweep(now=nov(16, 10, 59)) == 0
    assert services.escalation_sweep(now=nov(16, 11)) == 5
    assert told(outage, 1) == {"bsnl_l1", *OFFICIALS_A1}
    # Run again (and once more a minute later): nothing new.
    assert services.escalation_sweep(now=nov(16, 11)) == 0
    assert services.escalation_sweep(now=nov(16, 11, 1)) == 0
    outage.refresh_from_db()
    assert outage.escalation_level == 1 and outage.escalated_at == nov(16, 11)
    event = OutageEvent.objects.get(outage=outage, action="escalate")
    assert event.data["level"] == 1
    assert [c["name"] for c in event.data["contacts"]] == ["JE Jamtara"]
    assert set(event.data["users"]) == {"bsnl_l1", *OFFICIALS_A1}
    assert "BN-A1-001" in event.remark and event.remark_hi


def test_the_next_level_after_escalate_every_minutes_on_the_same_clock(clocked, contacts) -> None:  # type: ignore[no-untyped-def]
    outage = open_friday(clocked)
    services.escalation_sweep(now=nov(16, 11))
    # 240 working minutes after Monday 11:00 is Monday 15:00.
    assert services.escalation_sweep(now=nov(16, 14, 59)) == 0
    assert services.escalation_sweep(now=nov(16, 15)) == 5
    assert told(outage, 2) == {"bsnl_l2", *OFFICIALS_A1}
    event = OutageEvent.objects.filter(outage=outage, action="escalate").order_by("-pk")[0]
    assert {c["name"] for c in event.data["contacts"]} == {"SDE Jamtara", "State NOC"}
    outage.refresh_from_db()
    assert outage.escalation_level == 2
    # Level 3 at 15:00 + 240 working minutes: Monday 18:00 closes at 180, Tuesday 11:00.
    assert services.escalation_sweep(now=nov(17, 10, 59)) == 0
    assert services.escalation_sweep(now=nov(17, 11)) == 4  # no level-3 contact with a user


def test_acknowledged_in_time_escalates_only_when_the_restore_clock_runs_out(
    clocked, contacts
) -> None:  # type: ignore[no-untyped-def]
    outage = open_friday(clocked)
    services.outage_acknowledge(actor=clocked.engineer_a, outage=outage)
    assert services.escalation_sweep(now=nov(16, 16, 59)) == 0
    assert services.escalation_sweep(now=nov(16, 17)) == 5
    assert told(outage, 1) == {"bsnl_l1", *OFFICIALS_A1}


def test_a_restored_outage_is_not_escalated(clocked, contacts) -> None:  # type: ignore[no-untyped-def]
    outage = open_friday(clocked)
    services.outage_restore(
        actor=clocked.engineer_a, outage=outage, resolution=Resolution.POWER_RESTORED, remark="ok"
    )
    assert services.escalation_sweep(now=nov(30, 12)) == 0
    assert not Notice.objects.filter(key__startswith="outage:").exists()
