"""The connectivity demo: loads over the demo districts, users and meetings, is idempotent, and
holds what the pages need. One test, because loading the demo districts is the slow part.

The counts are worked out from the directory's demo and the connectivity demo's plan:
Jamtara has a Collectorate, a jail and 6 block offices (8 JharNet links), 6 blocks with 2
panchayat bhawans each given BharatNet (12) and a hospital's broadband (1): 21; East Singhbhum
a Collectorate, Sakchi Mandal Jail and 11 block offices (13 JharNet) and a hospital (1): 14;
Churu a Collectorate and 7 block offices (8 RajNet) and a sample panchayat per block given
BBNL (7): 15. 50 links, 29 of them (the state WANs') watched by a probe."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from degs.accounts.demo import load_users
from degs.connectivity.choices import OUTAGE_OPEN, LinkStatus, TargetWhat
from degs.connectivity.demo import load
from degs.connectivity.models import (
    Heartbeat,
    IpPhone,
    Link,
    LinkDay,
    LinkHour,
    NetworkTarget,
    Outage,
    OutageEvent,
    SpeedTest,
    VcRoom,
    VcTest,
)
from degs.connectivity.selectors.rooms import ready_rooms
from degs.directory.demo import load_demo
from degs.reviews.demo import load_reviews_demo
from degs.reviews.models import Directive


def _counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (
            Link,
            Outage,
            OutageEvent,
            Heartbeat,
            LinkHour,
            LinkDay,
            SpeedTest,
            VcRoom,
            VcTest,
            IpPhone,
            NetworkTarget,
        )
    )


def test_demo_loads_once_with_what_the_pages_need(db):
    load_demo()
    load_users()
    load_reviews_demo()
    lines = load()
    assert any("engineer.churu" in line for line in lines)
    assert Link.objects.count() == 50
    watched = Link.objects.exclude(probe_token_hash="")
    assert watched.count() == 29
    # Down now: four open outages (their links down); one more link stopped reporting.
    assert Outage.objects.filter(status__in=OUTAGE_OPEN).count() == 4
    assert Link.objects.filter(status=LinkStatus.DOWN).count() == 4
    assert list(
        Link.objects.filter(status=LinkStatus.UNKNOWN).values_list("circuit_id", flat=True)
    ) == ["RAJ-CHU-V004"]
    # One of them is past its clocks and told to the next level.
    overdue = Outage.objects.get(link__circuit_id="BN-JMT-GP003")
    assert overdue.restore_due_at < timezone.now() and overdue.escalation_level >= 1
    assert Outage.objects.filter(status="acknowledged").count() == 1
    assert Outage.objects.filter(status="restored").count() == 4
    # A month of heartbeats: every watched link has 29 finished days rolled up, hours for the
    # month, raw rows only for the last day and a half.
    assert LinkDay.objects.count() == 29 * 29
    assert LinkHour.objects.filter(link__circuit_id="JHA-JMT-V002").count() >= 29 * 24
    oldest_raw = Heartbeat.objects.order_by("at").first()
    assert oldest_raw is not None
    assert oldest_raw.at >= timezone.now() - dt.timedelta(hours=37)
    # A quiet month for the jail's link: every beat due was heard on a finished day.
    jail_day = LinkDay.objects.filter(link__circuit_id="JHA-JMT-V002").order_by("day")[5]
    assert (jail_day.beats, jail_day.expected) == (288, 288)
    # Speed tests, some below the committed speed.
    assert SpeedTest.objects.count() > 10
    below = [
        t
        for t in SpeedTest.objects.select_related("link")
        if t.down_kbps < t.link.committed_kbps * 0.5
    ]
    assert below
    # Rooms: some ready, some not; Sakchi Mandal Jail's not tested yet.
    rooms = VcRoom.objects.all()
    ready = ready_rooms(rooms).count()
    assert 0 < ready < rooms.count()
    sakchi = VcRoom.objects.get(office__name__startswith="Sakchi Mandal Jail")
    assert not sakchi.tests.exists()
    # Phones: most registered, some not.
    phones = IpPhone.objects.all()
    assert (
        0 < phones.filter(is_registered=False).count() < phones.filter(is_registered=True).count()
    )
    # The sets, with the directives that follow them.
    jamtara_rooms = NetworkTarget.objects.get(name="VC rooms of Jamtara's block offices ready")
    assert jamtara_rooms.what == TargetWhat.ROOMS
    done, total = jamtara_rooms.progress()
    assert total == 6 and 0 < done < total
    followed = Directive.objects.exclude(target_id=None)
    assert followed.count() == 2
    # Loading again changes nothing.
    before = _counts()
    again = load()
    assert _counts() == before
    assert "already loaded" in again[-1]
