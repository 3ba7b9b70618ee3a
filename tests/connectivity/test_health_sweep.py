"""The sweep: silence → "not reporting" → an outage opened by the probe, heard again →
recovered; the hour and day roll-ups counted by hand; pruning keeps the roll-ups
(services.health.sweep, rollup_hours, rollup_days, heartbeats_prune)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone

from degs.accounts.models import Notice
from degs.connectivity.choices import DetectedBy, LinkStatus, OutageStatus, Resolution
from degs.connectivity.models import (
    Heartbeat,
    Link,
    LinkDay,
    LinkEvent,
    LinkHour,
    MaintenanceWindow,
    Outage,
)
from degs.connectivity.services import health
from degs.connectivity.services.outages import outage_open
from degs.core.workflow import record_event
from tests.connectivity.conftest import TOKEN_A1, Net

pytestmark = pytest.mark.django_db

IST = ZoneInfo("Asia/Kolkata")
MIN = dt.timedelta(minutes=1)
SEC = dt.timedelta(seconds=1)


@pytest.fixture
def heard(net: Net) -> dt.datetime:
    """Link A1 last heard two hours ago (so an outage's start is in the past)."""
    last = timezone.now().replace(microsecond=0) - dt.timedelta(hours=2)
    Link.objects.filter(pk=net.link_a1.pk).update(last_heartbeat_at=last)
    return last


def status(link: Link) -> str:
    link.refresh_from_db()
    return link.status


def counts() -> tuple[int, int, int, int, int, int]:
    return (
        LinkEvent.objects.count(),
        Outage.objects.count(),
        Notice.objects.count(),
        LinkHour.objects.count(),
        LinkDay.objects.count(),
        Heartbeat.objects.count(),
    )


def test_missed_beats_make_the_link_not_reporting_after_15_minutes(
    net: Net, heard: dt.datetime
) -> None:
    # The SLA: a beat every 300 s, 3 missed = 15 minutes.
    health.sweep(now=heard + 15 * MIN)
    assert status(net.link_a1) == LinkStatus.ACTIVE
    result = health.sweep(now=heard + 15 * MIN + SEC)
    assert result.silent == 1
    assert status(net.link_a1) == LinkStatus.UNKNOWN
    assert net.link_a1.status_since == heard + 15 * MIN
    event = LinkEvent.objects.get(link=net.link_a1, action="silent")
    assert event.actor is None
    # Links without a token or never heard are not watched.
    assert status(net.link_a2) == LinkStatus.ACTIVE
    assert status(net.link_b1) == LinkStatus.ACTIVE


def test_15_more_silent_minutes_open_an_outage_by_the_probe(net: Net, heard: dt.datetime) -> None:
    health.sweep(now=heard + 16 * MIN)
    health.sweep(now=heard + 30 * MIN)  # 15 + 15 minutes: not more yet
    assert Outage.objects.count() == 0
    result = health.sweep(now=heard + 30 * MIN + SEC)
    assert result.outages == 1
    outage = Outage.objects.get(link=net.link_a1)
    assert outage.detected_by == DetectedBy.PROBE
    assert outage.reported_by is None
    assert outage.started_at == heard + 5 * MIN  # the last beat plus one interval
    assert status(net.link_a1) == LinkStatus.DOWN


def test_one_late_sweep_takes_both_steps(net: Net, heard: dt.datetime) -> None:
    health.sweep(now=heard + 45 * MIN)
    assert status(net.link_a1) == LinkStatus.DOWN
    assert list(
        LinkEvent.objects.filter(link=net.link_a1).order_by("at", "pk").values_list("action")
    ) == [("silent",), ("fail",)]


def test_a_sweep_run_twice_changes_nothing_the_second_time(net: Net, heard: dt.datetime) -> None:
    health.heartbeat_ingest(
        link_id=net.link_a1.pk,
        token=TOKEN_A1,
        beats=[{"at": (heard - 10 * MIN).isoformat(), "latency_ms": 30}],
        now=heard + 40 * MIN,
    )
    later = heard + dt.timedelta(hours=1, minutes=40)  # the beats' hour is finished
    first = health.sweep(now=later)
    before = counts()
    second = health.sweep(now=later)
    assert first.outages == 1
    assert first.hours == 1
    assert second.as_dict() == dict.fromkeys(second.as_dict(), 0)
    assert counts() == before


def test_no_outage_during_a_maintenance_window(net: Net, heard: dt.datetime) -> None:
    MaintenanceWindow.objects.create(
        provider=net.bsnl,
        area=net.link_a1.area.parent,
        starts_at=heard,
        ends_at=heard + dt.timedelta(hours=3),
        reason="Fibre splicing",
    )
    health.sweep(now=heard + 40 * MIN)
    assert status(net.link_a1) == LinkStatus.UNKNOWN
    assert Outage.objects.count() == 0


def test_heard_again_the_probe_outage_is_recovered_and_the_link_active(
    net: Net, heard: dt.datetime
) -> None:
    health.sweep(now=heard + 40 * MIN)
    back = heard + 50 * MIN
    result = health.heartbeat_ingest(
        link_id=net.link_a1.pk,
        token=TOKEN_A1,
        beats=[{"at": back.isoformat()}, {"at": (back + 5 * MIN).isoformat()}],
        now=back + 6 * MIN,
    )
    assert result.status == LinkStatus.ACTIVE
    outage = Outage.objects.get(link=net.link_a1)
    assert outage.status == OutageStatus.RESTORED
    assert outage.resolution == Resolution.RECOVERED
    assert outage.restored_at == back  # the first beat heard after it began
    assert status(net.link_a1) == LinkStatus.ACTIVE


def test_beats_do_not_close_an_outage_a_person_opened(net: Net, heard: dt.datetime) -> None:
    outage_open(actor=net.engineer_a, link=net.link_a1, detected_by=DetectedBy.ENGINEER)
    now = timezone.now()
    health.heartbeat_ingest(
        link_id=net.link_a1.pk, token=TOKEN_A1, beats=[{"at": now.isoformat()}], now=now
    )
    assert Outage.objects.get(link=net.link_a1).status == OutageStatus.OPEN
    assert status(net.link_a1) == LinkStatus.DOWN


# --- roll-ups -----------------------------------------------------------------------------------


def ist(day: int, hour: int, minute: int = 0, second: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, minute, second, tzinfo=IST)


def post(net: Net, received: dt.datetime, *beats: tuple[dt.datetime, int | None]) -> None:
    health.heartbeat_ingest(
        link_id=net.link_a1.pk,
        token=TOKEN_A1,
        beats=[{"at": at.isoformat(), "latency_ms": ms} for at, ms in beats],
        now=received,
    )


def hours() -> dict[dt.datetime, tuple[int, int | None, int | None]]:
    return {
        timezone.localtime(h.hour, IST): (h.beats, h.latency_avg_ms, h.latency_max_ms)
        for h in LinkHour.objects.all()
    }


@pytest.fixture
def beats_of_20th(net: Net) -> None:
    post(
        net,
        ist(20, 23, 55),
        (ist(20, 9, 59, 59), None),
        (ist(20, 10, 0), 10),
        (ist(20, 10, 5), 20),
        (ist(20, 10, 10), 60),
        (ist(20, 11, 30), 50),
        (ist(20, 23, 54), 5),  # the hour 23:00 is not finished at 23:55 ... but is at 00:10
    )


def test_hours_are_rolled_up_as_counted_by_hand(net: Net, beats_of_20th: None) -> None:
    written = health.rollup_hours(now=ist(21, 0, 10))
    assert len(written) == 4
    assert hours() == {
        ist(20, 9): (1, None, None),
        ist(20, 10): (3, 30, 60),  # (10 + 20 + 60) / 3
        ist(20, 11): (1, 50, 50),
        ist(20, 23): (1, 5, 5),
    }
    assert health.rollup_hours(now=ist(21, 0, 10)) == set()  # again: nothing to write


def test_an_unfinished_hour_waits(net: Net, beats_of_20th: None) -> None:
    health.rollup_hours(now=ist(20, 23, 58))
    assert ist(20, 23) not in hours()


def test_days_are_rolled_up_with_the_beats_due(net: Net, beats_of_20th: None) -> None:
    now = ist(21, 0, 10)
    health.rollup_days(now=now, touched=health.rollup_hours(now=now))
    day = LinkDay.objects.get(link=net.link_a1, day=dt.date(2026, 11, 20))
    # 6 beats; 86,400 s / 300 s = 288 due; latency (10 + 20 + 60 + 50 + 5) / 5 = 29.
    assert (day.beats, day.expected, day.latency_avg_ms) == (6, 288, 29)
    # The day before, and link B1 (watched, silent): rows with nothing heard of 288 due.
    assert LinkDay.objects.get(link=net.link_a1, day=dt.date(2026, 11, 19)).beats == 0
    silent = LinkDay.objects.get(link=net.link_b1, day=dt.date(2026, 11, 20))
    assert (silent.beats, silent.expected) == (0, 288)
    # Links without a probe get no rows.
    assert not LinkDay.objects.filter(link__in=[net.link_a2, net.link_gp_a1]).exists()
    assert health.rollup_days(now=now) == 0  # again: nothing written


def test_a_late_beat_updates_its_hour_and_day(net: Net, beats_of_20th: None) -> None:
    now = ist(21, 0, 10)
    health.rollup_days(now=now, touched=health.rollup_hours(now=now))
    post(net, ist(21, 0, 20), (ist(20, 10, 15), 110))  # a backlog beat of 10:15
    later = ist(21, 0, 21)
    health.rollup_days(now=later, touched=health.rollup_hours(now=later))
    assert hours()[ist(20, 10)] == (4, 50, 110)  # (10 + 20 + 60 + 110) / 4
    day = LinkDay.objects.get(link=net.link_a1, day=dt.date(2026, 11, 20))
    assert (day.beats, day.latency_avg_ms) == (7, 42)  # (10+20+60+110+50+5)/6 = 42.5 → 42


def test_a_link_commissioned_at_noon_owes_half_a_day(net: Net) -> None:
    record_event(
        LinkEvent,
        net.link_b1,
        actor=None,
        action="commission",
        from_status="provisioning",
        to_status="active",
        at=ist(20, 12),
    )
    health.rollup_days(now=ist(21, 0, 10))
    assert LinkDay.objects.get(link=net.link_b1, day=dt.date(2026, 11, 20)).expected == 144
    assert LinkDay.objects.get(link=net.link_b1, day=dt.date(2026, 11, 19)).expected == 0


def test_pruning_removes_old_raw_beats_and_keeps_the_roll_ups(
    net: Net, beats_of_20th: None
) -> None:
    now = ist(21, 0, 10)
    health.rollup_days(now=now, touched=health.rollup_hours(now=now))
    rolled = (hours(), list(LinkDay.objects.values_list("link_id", "day", "beats", "expected")))
    # Kept 14 days after they were received (23:55 on the 20th).
    assert health.heartbeats_prune(now=ist(20, 23, 55) + dt.timedelta(days=14)) == 0
    assert health.heartbeats_prune(now=ist(20, 23, 55) + dt.timedelta(days=14) + SEC) == 6
    assert Heartbeat.objects.count() == 0
    assert (
        hours(),
        list(LinkDay.objects.values_list("link_id", "day", "beats", "expected")),
    ) == rolled


def test_the_command_runs_the_sweep(net: Net, heard: dt.datetime, capsys) -> None:  # type: ignore[no-untyped-def]
    call_command("connectivity_sweep")
    assert "silent 1" in capsys.readouterr().out
    assert status(net.link_a1) == LinkStatus.DOWN


def test_a_beat_that_came_in_after_the_sweep_read_the_link_keeps_it_active(
    net: Net, heard: dt.datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    watched = health._watched

    def read_then_a_beat_comes(now, status, extra):  # type: ignore[no-untyped-def]
        found = watched(now, status, extra)
        Link.objects.filter(pk=net.link_a1.pk).update(last_heartbeat_at=now - MIN)
        return found

    monkeypatch.setattr(health, "_watched", read_then_a_beat_comes)
    result = health.sweep(now=heard + 20 * MIN)
    assert result.silent == 0
    assert status(net.link_a1) == LinkStatus.ACTIVE
    assert not LinkEvent.objects.filter(link=net.link_a1, action="silent").exists()


def test_a_backlog_hour_reads_only_its_own_links_rows(net: Net, beats_of_20th: None) -> None:
    # A beat of link B1 from the 10th, received now: its hour is rolled up alone.
    health.heartbeat_ingest(
        link_id=net.link_b1.pk,
        token=net.token_b1,
        beats=[{"at": ist(10, 15, 20).isoformat(), "latency_ms": 70}],
        now=ist(21, 0, 5),
    )
    written = health.rollup_hours(now=ist(21, 0, 10))
    assert (net.link_b1.pk, ist(10, 15)) in written
    assert LinkHour.objects.get(link=net.link_b1).beats == 1
    assert len(written) == 5  # A1's four hours and B1's one
