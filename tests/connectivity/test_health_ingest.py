"""Heartbeats in: the probe's token, replays, out-of-order beats and the status they move
(services.health.heartbeat_ingest)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from degs.connectivity.choices import LinkStatus, SpeedSource
from degs.connectivity.models import Heartbeat, Link, LinkEvent, SpeedTest
from degs.connectivity.services import health
from tests.connectivity.conftest import TOKEN_A1, Net, token_hash

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 3, 12, 0, tzinfo=dt.UTC)


def beat(minutes_ago: float, **values: object) -> dict[str, object]:
    return {"at": (NOW - dt.timedelta(minutes=minutes_ago)).isoformat(), **values}


def ingest(
    net: Net, beats: list[dict[str, object]], token: str = TOKEN_A1, link: Link | None = None
):  # type: ignore[no-untyped-def]
    return health.heartbeat_ingest(
        link_id=(link or net.link_a1).pk, token=token, beats=beats, now=NOW
    )


def test_a_wrong_token_is_refused_with_401_and_stores_nothing(net: Net) -> None:
    with pytest.raises(health.ProbeRefused) as refused:
        ingest(net, [beat(1)], token="not-the-token-of-this-link-at-all")
    assert refused.value.status == 401
    assert Heartbeat.objects.count() == 0


@pytest.mark.parametrize("token", ["", "1", "short", "x" * 129, "with space in it 0123456789"])
def test_what_cannot_be_a_token_is_401_before_any_link_is_read(
    net: Net,
    token: str,
    django_assert_num_queries,  # type: ignore[no-untyped-def]
) -> None:
    with django_assert_num_queries(0), pytest.raises(health.ProbeRefused):
        health.heartbeat_ingest(link_id=999_999, token=token, beats=[beat(1)], now=NOW)


def test_another_links_token_is_refused_with_401(net: Net) -> None:
    with pytest.raises(health.ProbeRefused):
        ingest(net, [beat(1)], token=net.token_b1)
    with pytest.raises(health.ProbeRefused):  # and a link with no token takes none
        ingest(net, [beat(1)], token="", link=net.link_a2)
    assert Heartbeat.objects.count() == 0


def test_an_unknown_or_decommissioned_link_answers_404_whatever_the_token(net: Net) -> None:
    with pytest.raises(health.NoSuchProbeLink) as missing:
        health.heartbeat_ingest(link_id=999_999, token=TOKEN_A1, beats=[beat(1)], now=NOW)
    assert missing.value.status == 404
    with pytest.raises(health.NoSuchProbeLink):
        health.heartbeat_ingest(link_id=999_999, token="x" * 43, beats=[beat(1)], now=NOW)
    Link.objects.filter(pk=net.link_a1.pk).update(status=LinkStatus.DECOMMISSIONED)
    with pytest.raises(health.NoSuchProbeLink):
        ingest(net, [beat(1)])
    assert Heartbeat.objects.count() == 0


def test_beats_are_stored_and_the_last_heartbeat_moves_to_the_newest(net: Net) -> None:
    result = ingest(net, [beat(10, latency_ms=40, loss_percent=0), beat(5), beat(0.5)])
    assert (result.accepted, result.duplicates, result.rejected) == (3, 0, [])
    net.link_a1.refresh_from_db()
    assert net.link_a1.last_heartbeat_at == NOW - dt.timedelta(seconds=30)
    stored = Heartbeat.objects.get(link=net.link_a1, at=NOW - dt.timedelta(minutes=10))
    assert (stored.latency_ms, stored.loss_percent, stored.received_at) == (40, 0, NOW)


def test_a_replay_is_stored_once_and_changes_nothing_the_second_time(net: Net) -> None:
    beats = [beat(10), beat(5), beat(1)]
    first = ingest(net, beats)
    net.link_a1.refresh_from_db()
    after_first = (net.link_a1.last_heartbeat_at, net.link_a1.status, net.link_a1.version)
    events = LinkEvent.objects.count()
    again = ingest(net, beats)
    assert (first.accepted, first.duplicates) == (3, 0)
    assert (again.accepted, again.duplicates) == (0, 3)
    assert Heartbeat.objects.filter(link=net.link_a1).count() == 3
    net.link_a1.refresh_from_db()
    assert (net.link_a1.last_heartbeat_at, net.link_a1.status, net.link_a1.version) == after_first
    assert LinkEvent.objects.count() == events


def test_the_same_beat_twice_in_one_post_is_one_row(net: Net) -> None:
    result = ingest(net, [beat(3), beat(3)])
    assert (result.accepted, result.duplicates) == (1, 1)


def test_an_older_beat_is_stored_but_never_moves_the_last_heartbeat_back(net: Net) -> None:
    ingest(net, [beat(1)])
    late = ingest(net, [beat(20)])
    assert late.accepted == 1
    net.link_a1.refresh_from_db()
    assert net.link_a1.last_heartbeat_at == NOW - dt.timedelta(minutes=1)
    assert Heartbeat.objects.filter(link=net.link_a1).count() == 2


def test_an_older_beat_does_not_bring_a_silent_link_back(net: Net) -> None:
    last = NOW - dt.timedelta(minutes=30)
    Link.objects.filter(pk=net.link_a1.pk).update(status=LinkStatus.UNKNOWN, last_heartbeat_at=last)
    result = ingest(net, [beat(40)])  # older than the last one heard
    assert result.accepted == 1
    net.link_a1.refresh_from_db()
    assert (net.link_a1.status, net.link_a1.last_heartbeat_at) == (LinkStatus.UNKNOWN, last)


def test_a_silent_link_heard_again_is_active_with_a_system_event(net: Net) -> None:
    Link.objects.filter(pk=net.link_a1.pk).update(
        status=LinkStatus.UNKNOWN, last_heartbeat_at=NOW - dt.timedelta(minutes=30)
    )
    result = ingest(net, [beat(1)])
    assert result.status == LinkStatus.ACTIVE
    net.link_a1.refresh_from_db()
    assert net.link_a1.status == LinkStatus.ACTIVE
    assert net.link_a1.status_since == NOW - dt.timedelta(minutes=1)
    event = LinkEvent.objects.get(link=net.link_a1, action="heard")
    assert (event.actor, event.from_status, event.to_status) == (None, "unknown", "active")


def test_a_backlog_that_is_still_old_leaves_the_link_not_reporting(net: Net) -> None:
    # 3 beats of 300 s missed = 15 minutes: a newest beat 20 minutes old is still silence.
    Link.objects.filter(pk=net.link_a1.pk).update(
        status=LinkStatus.UNKNOWN, last_heartbeat_at=NOW - dt.timedelta(minutes=60)
    )
    ingest(net, [beat(50), beat(20)])
    net.link_a1.refresh_from_db()
    assert net.link_a1.status == LinkStatus.UNKNOWN
    assert net.link_a1.last_heartbeat_at == NOW - dt.timedelta(minutes=20)


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        ({"at": "yesterday"}, "ISO 8601"),
        ({"at": "2026-13-45T10:00:00+05:30"}, "ISO 8601"),
        ({"at": "2026-12-03T10:00:00+99:00"}, "ISO 8601"),
        ({"at": "2026-12-03T11:59:00"}, "time zone"),
        ({"at": (NOW + dt.timedelta(minutes=6)).isoformat()}, "ahead"),
        ({"at": (NOW - dt.timedelta(days=15)).isoformat()}, "older"),
        ({"at": (NOW - dt.timedelta(minutes=2)).isoformat(), "loss_percent": 101}, "loss_percent"),
        ({"at": (NOW - dt.timedelta(minutes=2)).isoformat(), "latency_ms": -1}, "latency_ms"),
    ],
)
def test_a_bad_beat_is_refused_alone(net: Net, raw: dict[str, object], why: str) -> None:
    result = ingest(net, [beat(1), raw])
    assert result.accepted == 1
    assert [r["index"] for r in result.rejected] == [1]
    assert why in result.rejected[0]["reason"]


def test_a_beat_up_to_five_minutes_ahead_is_taken(net: Net) -> None:
    assert ingest(net, [{"at": (NOW + dt.timedelta(minutes=5)).isoformat()}]).accepted == 1


def test_more_than_500_beats_are_refused_whole(net: Net) -> None:
    with pytest.raises(ValidationError):
        ingest(net, [beat(i / 100) for i in range(501)])
    assert Heartbeat.objects.count() == 0


def test_speed_values_make_one_probe_speed_test(net: Net) -> None:
    beats = [beat(2, down_kbps=8500, up_kbps=2100, latency_ms=35)]
    ingest(net, beats)
    ingest(net, beats)  # replayed: still one
    test = SpeedTest.objects.get(link=net.link_a1)
    assert (test.down_kbps, test.up_kbps, test.latency_ms, test.source) == (
        8500,
        2100,
        35,
        SpeedSource.PROBE,
    )
    assert test.at == NOW - dt.timedelta(minutes=2)


def test_probe_token_issue_stores_only_the_hash_and_revokes_the_old(net: Net, world) -> None:  # type: ignore[no-untyped-def]
    token = health.probe_token_issue(actor=world.dio_a, link=net.link_a1)
    net.link_a1.refresh_from_db()
    assert len(token) >= 43  # 32 random bytes, base64
    assert net.link_a1.probe_token_hash == token_hash(token)
    assert net.link_a1.probe_token_hint == token[:6]
    event = LinkEvent.objects.get(link=net.link_a1, action="probe_token")
    assert token not in str(event.data) + event.remark + event.remark_hi
    with pytest.raises(health.ProbeRefused):  # the old token stopped working
        ingest(net, [beat(1)])
    assert ingest(net, [beat(1)], token=token).accepted == 1


def test_only_a_manager_makes_a_token(net: Net, world) -> None:  # type: ignore[no-untyped-def]
    from degs.core.exceptions import OutOfJurisdiction, PermissionDenied

    with pytest.raises(PermissionDenied):
        health.probe_token_issue(actor=net.engineer_a, link=net.link_a1)
    with pytest.raises(OutOfJurisdiction):
        health.probe_token_issue(actor=world.dio_a, link=net.link_b1)
    net.link_a1.refresh_from_db()
    assert net.link_a1.probe_token_hash == token_hash(TOKEN_A1)


def test_the_answer_time_is_now_by_default(net: Net) -> None:
    now = timezone.now()
    result = health.heartbeat_ingest(
        link_id=net.link_a1.pk, token=TOKEN_A1, beats=[{"at": now.isoformat()}]
    )
    assert result.accepted == 1


def test_two_posts_at_once_take_the_heard_step_once(net: Net) -> None:
    Link.objects.filter(pk=net.link_a1.pk).update(
        status=LinkStatus.UNKNOWN, last_heartbeat_at=NOW - dt.timedelta(minutes=30)
    )
    # The second post read the link as "not reporting" before the first one moved it.
    read_by_second = Link.objects.select_related("sla").get(pk=net.link_a1.pk)
    ingest(net, [beat(2)])
    newest = NOW - dt.timedelta(minutes=1)
    assert health._heard(read_by_second, [newest], read_by_second.last_heartbeat_at, newest) == (
        LinkStatus.UNKNOWN  # what it read; the step itself was refused under the lock
    )
    assert LinkEvent.objects.filter(link=net.link_a1, action="heard").count() == 1
    net.link_a1.refresh_from_db()
    assert net.link_a1.status == LinkStatus.ACTIVE


def _synchronous_commit() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        return str(cursor.fetchone()[0])


def test_an_active_links_beats_commit_without_waiting_for_the_flush(net: Net) -> None:
    """PostgreSQL: a post that stores an active link's measurements sets synchronous_commit off
    for its own transaction (the test's); one for a link not reporting keeps it on."""
    from django.db import connection, transaction

    if connection.vendor != "postgresql":
        pytest.skip("synchronous_commit is PostgreSQL's")
    with transaction.atomic():
        ingest(net, [beat(1)])
        assert _synchronous_commit() == "off"
    Link.objects.filter(pk=net.link_a1.pk).update(status=LinkStatus.UNKNOWN)
    with transaction.atomic():
        ingest(net, [beat(0.5)])
        assert _synchronous_commit() == "on"
