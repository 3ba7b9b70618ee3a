"""The network engineer's page and the home block: what waits for the engineer in their own
areas (open outages oldest first, overdue marked; links down or not reporting; VC rooms and
links due for a test), and the figures of the home page.

The world (tests/connectivity/conftest.py): active links at the block offices of A1, A2 and
B1 (BSNL, working-hours SLA: respond in 2 hours, restore in 8), the network engineers of
districts A and B, the BDO of A1. Counts are worked out by hand from what each test makes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from degs.connectivity.choices import DetectedBy, LinkStatus
from degs.connectivity.models import Link, SpeedTest, VcRoom, VcTest
from degs.connectivity.selectors.home import (
    engineer_queue,
    links_speed_due,
    my_links_down,
    my_open_outages,
    network_home,
    rooms_test_due,
)
from degs.connectivity.services.outages import outage_open
from tests.hindi_crawl import data_words, english_words, speak


def _open(link: Link, *, days_ago: float = 0, actor=None):  # type: ignore[no-untyped-def]
    started = timezone.now() - dt.timedelta(days=days_ago)
    return outage_open(
        actor=actor, link=link, detected_by=DetectedBy.PROBE, started_at=started, cause="power"
    )


def _room(office, link, name: str, tested_days_ago: float | None = None) -> VcRoom:  # type: ignore[no-untyped-def]
    room = VcRoom.objects.create(office=office, link=link, name=name)
    if tested_days_ago is not None:
        VcTest.objects.create(
            room=room,
            at=timezone.now() - dt.timedelta(days=tested_days_ago),
            audio_ok=True,
            video_ok=True,
            sharing_ok=True,
        )
    return room


def _speed(link: Link, days_ago: float) -> SpeedTest:
    return SpeedTest.objects.create(
        link=link, at=timezone.now() - dt.timedelta(days=days_ago), down_kbps=9_000
    )


# --- the queue --------------------------------------------------------------------------------


def test_open_outages_oldest_first_with_the_overdue_marked(world, net):
    # Ten days ago: both clocks (2 and 8 working hours) have long run out. Now: neither has.
    old = _open(net.link_a2, days_ago=10)
    new = _open(net.link_a1)
    _open(net.link_b1, days_ago=10)  # district B
    rows = list(my_open_outages(user=net.engineer_a))
    assert [o.pk for o in rows] == [old.pk, new.pk]
    assert [o.overdue for o in rows] == [True, False]


def test_my_areas_are_where_the_user_reports(world, net):
    _open(net.link_a1)
    _open(net.link_a2)
    _open(net.link_b1)
    # The BDO of A1 reports on block A1 only; the engineer of A on the district.
    assert [o.link for o in my_open_outages(user=world.bdo_a1)] == [net.link_a1]
    assert {o.link for o in my_open_outages(user=net.engineer_a)} == {net.link_a1, net.link_a2}
    assert [o.link for o in my_open_outages(user=net.engineer_b)] == [net.link_b1]
    assert list(my_links_down(user=world.bdo_a1)) == [net.link_a1]


def test_a_viewer_who_does_not_report_has_nothing_mine(world, net, client_as):
    # The DC sees the district (an administrator carries every capability), the CSC manager
    # holds no network capability at all: the page is refused.
    _open(net.link_a1)
    assert client_as(world.csc_manager_a).get(reverse("connectivity:engineer")).status_code == 403


def test_links_down_or_not_reporting(world, net):
    Link.objects.filter(pk=net.link_a2.pk).update(
        status=LinkStatus.UNKNOWN, status_since=timezone.now() - dt.timedelta(hours=3)
    )
    outage = _open(net.link_a1)
    rows = list(my_links_down(user=net.engineer_a))
    # Oldest first: A2 not reporting for 3 hours, A1 down since now.
    assert rows == [net.link_a2, net.link_a1]
    assert rows[1].open_outage_id == outage.pk
    assert rows[0].open_outage_id is None


@override_settings(DEGS_VC_TEST_VALID_DAYS=30)
def test_rooms_due_for_a_test(world, net):
    never = _room(world.office_a1, net.link_a1, "Never tested")
    stale = _room(world.office_a1, net.link_a1, "Tested 31 days ago", tested_days_ago=31)
    _room(world.office_a2, net.link_a2, "Tested yesterday", tested_days_ago=1)
    VcRoom.objects.filter(pk=_room(world.office_a2, net.link_a2, "Not in use").pk).update(
        is_active=False
    )
    _room(world.office_b1, net.link_b1, "District B")
    # Never tested first, then the longest untested.
    assert list(rooms_test_due(user=net.engineer_a)) == [never, stale]
    assert list(rooms_test_due(user=world.bdo_a1)) == [never, stale]


def test_links_due_for_a_speed_test(world, net):
    _speed(net.link_a1, days_ago=40)
    _speed(net.link_a2, days_ago=5)
    # The panchayat's link is planned: no speed test is due on it.
    assert list(links_speed_due(user=net.engineer_a)) == [net.link_a1]
    SpeedTest.objects.all().delete()
    assert list(links_speed_due(user=net.engineer_a)) == [net.link_a1, net.link_a2]


def test_queue_counts(world, net):
    _open(net.link_a1, days_ago=10)
    _room(world.office_a2, net.link_a2, "Never tested")
    queue = engineer_queue(user=net.engineer_a)
    # One outage (overdue), one link down (A1), tests due: one room and link A2 (A1 is down).
    assert (len(queue.outages), queue.overdue, len(queue.links_down)) == (1, 1, 1)
    assert queue.tests_due == 2


# --- the page -------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "hi"])
def test_engineer_page_in_both_languages(world, net, client_as, language):
    # A1 down (overdue outage), the panchayat's link not reporting, A2 due for a speed test.
    _open(net.link_a1, days_ago=10)
    Link.objects.filter(pk=net.link_gp_a1.pk).update(status=LinkStatus.UNKNOWN)
    _room(world.office_a2, net.link_a2, "Sabhagar")
    client = speak(client_as(net.engineer_a), net.engineer_a, language)
    response = client.get(reverse("connectivity:engineer"))
    assert response.status_code == 200
    body = response.content.decode()
    for shown in ("BN-A1-001", "BN-GPA1-001", "BN-A2-001", "Sabhagar"):
        assert shown in body
    assert "BN-B1-001" not in body
    if language == "en":
        assert "My open outages" in body and "Overdue" in body
        assert "Report restored" in body and "Report an outage" in body
        assert "Record a test" in body and "Record a speed test" in body
    else:
        assert "मेरे खुले व्यवधान" in body and "समय-सीमा पार" in body
        assert english_words(body, data_words()) == set()


def test_engineer_page_refuses_anonymous_users(client):
    response = client.get(reverse("connectivity:engineer"))
    assert response.status_code == 302


# --- the home block ---------------------------------------------------------------------------


def test_home_figures(world, net):
    _open(net.link_a1, days_ago=10)
    _open(net.link_b1)
    home = network_home(user=world.dc_a)
    # District A: one link down (A1), its outage overdue; no rooms.
    assert (home.links_down, home.outages_open, home.outages_overdue) == (1, 1, 1)
    assert (home.rooms_ready, home.rooms_total) == (0, 0)
    assert home.queue is not None  # the DC may report too: administrators carry everything


@pytest.mark.parametrize("language", ["en", "hi"])
def test_home_shows_the_engineers_queue(world, net, client_as, language):
    _open(net.link_a1, days_ago=10)
    client = speak(client_as(net.engineer_a), net.engineer_a, language)
    body = client.get(reverse("dashboards:home")).content.decode()
    assert reverse("connectivity:engineer") in body
    if language == "en":
        assert "My network work" in body and "1 open outage" in body and "1 overdue" in body
    else:
        assert "मेरा नेटवर्क कार्य" in body and "1 खुला व्यवधान" in body


def test_home_has_no_network_block_for_those_outside_the_section(world, net, client_as):
    body = client_as(world.operator_a1).get(reverse("dashboards:home")).content.decode()
    assert "network-figures" not in body


def test_engineer_page_queries_do_not_grow_with_its_rows(world, net, client_as):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as(net.engineer_a)
    url = reverse("connectivity:engineer")
    _open(net.link_a1, days_ago=3)
    _room(world.office_a1, net.link_a1, "Room 1")
    client.get(url)  # the session and the user's areas read once
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    _open(net.link_a2, days_ago=2)
    for n in range(2, 6):
        _room(world.office_a2, net.link_a2, f"Room {n}")
    Link.objects.filter(pk=net.link_gp_a1.pk).update(status=LinkStatus.UNKNOWN)
    with CaptureQueriesContext(connection) as more:
        body = client.get(url).content.decode()
    assert "Room 5" in body
    assert len(more) == len(few)
