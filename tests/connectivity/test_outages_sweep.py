"""The escalation sweep at scale: its reads do not grow with the number of overdue outages.

Three new districts (no one of conftest's world holds a role in them), each with two blocks, a gram panchayat
in each block, a network engineer, and provider contacts at levels 1 and 2. Each outage is on
its own link, all on the SLA of conftest's ``net`` (working hours, second and fourth
Saturdays off) and opened on Friday 13 November 2026 at 17:00: respond by Monday 16 at 11:00
(see test_outages.py)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from degs.accounts.models import Notice
from degs.accounts.roles import Role
from degs.connectivity.choices import DetectedBy, LinkKind, LinkStatus, OutageStatus
from degs.connectivity.models import Link, Outage, ProviderContact
from degs.connectivity.services import outages as services
from degs.directory.choices import AreaKind, SaturdayRule
from degs.directory.models import Area, Holiday
from tests.factories import UserFactory, grant, make_area

IST = ZoneInfo("Asia/Kolkata")
pytestmark = pytest.mark.django_db

STARTED = dt.datetime(2026, 11, 13, 17, tzinfo=IST)
RESPOND_DUE = dt.datetime(2026, 11, 16, 11, tzinfo=IST)
RESTORE_DUE = dt.datetime(2026, 11, 16, 17, tzinfo=IST)


@dataclass
class Place:
    district: Area
    areas: list[Area]  # where the links are: two blocks and a panchayat in each


@pytest.fixture
def places(net, world) -> list[Place]:  # type: ignore[no-untyped-def]
    world.state.saturdays_off = SaturdayRule.SECOND_FOURTH
    world.state.save(update_fields=["saturdays_off"])
    found = []
    for d in (1, 2, 3):
        district = make_area(AreaKind.DISTRICT, f"District {d}", world.state)
        blocks = [make_area(AreaKind.BLOCK, f"Block {d}{b}", district) for b in (1, 2)]
        gps = [make_area(AreaKind.GRAM_PANCHAYAT, f"GP of {b.name}", b) for b in blocks]
        found.append(Place(district, [*blocks, *gps]))
        engineer = UserFactory(username=f"engineer_{district.pk}")
        grant(engineer, Role.NETWORK_ENGINEER, district)
        for level in (1, 2):
            ProviderContact.objects.create(
                provider=net.bsnl,
                area=district,
                level=level,
                name=f"Level {level} of {district.name}",
                user=UserFactory(username=f"bsnl_{district.pk}_{level}"),
            )
        # A block's own holiday on a day the clocks do not reach: read, not in the way.
        Holiday.objects.create(area=blocks[0], date=dt.date(2026, 12, 1), name="Local")
    return found


def overdue(net, places: list[Place], per_district: int, batch: str = "") -> list[Outage]:  # type: ignore[no-untyped-def]
    """``per_district`` open outages in each district, spread over its areas, each on its
    own link, the respond clock run out at Monday 11:00."""
    links = []
    for place in places:
        for i in range(per_district):
            links.append(
                Link(
                    provider=net.bsnl,
                    sla=net.sla,
                    circuit_id=f"BN{batch}-{place.district.pk}-{i:03}",
                    kind=LinkKind.BHARATNET_GPON,
                    committed_kbps=10_000,
                    area=place.areas[i % len(place.areas)],
                    status=LinkStatus.DOWN,
                    install_date=dt.date(2026, 1, 15),
                    status_since=STARTED,
                )
            )
    Link.objects.bulk_create(links)
    return Outage.objects.bulk_create(
        Outage(
            link=link,
            started_at=STARTED,
            detected_by=DetectedBy.PROBE,
            status=OutageStatus.OPEN,
            respond_due_at=RESPOND_DUE,
            restore_due_at=RESTORE_DUE,
        )
        for link in links
    )


def sweep_queries(now: dt.datetime) -> tuple[int, Counter[str]]:
    """The notices the sweep sent and its statements, sorted into the row locks (one outage
    read by its id: SQLite has no FOR UPDATE), the other reads (except the notices' own check
    before each is made) and the rest."""
    with CaptureQueriesContext(connection) as captured:
        sent = services.escalation_sweep(now=now)
    kinds: Counter[str] = Counter()
    for query in captured.captured_queries:
        sql = query["sql"].lstrip().upper()
        if sql.startswith("SELECT") and 'WHERE "CONNECTIVITY_OUTAGE"."ID" = ' in sql:
            kinds["locks"] += 1
        elif sql.startswith("SELECT") and '"ACCOUNTS_NOTICE"' not in sql:
            kinds["reads"] += 1
        else:
            kinds["writes"] += 1
    return sent, kinds


def test_the_sweeps_reads_do_not_grow_with_the_outages(net, places) -> None:  # type: ignore[no-untyped-def]
    overdue(net, places, 1)
    sent, few = sweep_queries(RESPOND_DUE)
    # Each outage tells its district's engineer and level-1 contact.
    assert sent == 3 * 2
    assert few["locks"] == 3

    Notice.objects.all().delete()
    Outage.objects.all().delete()
    overdue(net, places, 10, batch="X")
    sent, many = sweep_queries(RESPOND_DUE)
    assert sent == 30 * 2
    assert many["locks"] == 30
    assert many["reads"] == few["reads"]
    # The writes (the notices, the level, the event) are the same for every outage.
    assert many["writes"] == 10 * few["writes"]
    assert set(Outage.objects.values_list("escalation_level", flat=True)) == {1}

    # Again at once: nothing new, one lock each, still the same reads.
    sent, again = sweep_queries(RESPOND_DUE)
    assert sent == 0
    assert again["reads"] <= few["reads"]
    assert Notice.objects.count() == 60


def test_the_next_level_on_each_areas_calendar(net, places) -> None:  # type: ignore[no-untyped-def]
    """Level 2 comes 240 working minutes after level 1: for level 1 told on Monday 16:00,
    Tuesday 12:00; a holiday on Tuesday 17 in district 1's first block moves it to
    Wednesday 12:00 there and in its panchayat, not elsewhere."""
    overdue(net, places, 6)  # areas: block 1, block 2, GP 1, GP 2, block 1, block 2
    block = places[0].areas[0]
    Holiday.objects.create(area=block, date=dt.date(2026, 11, 17), name="Chhath")
    monday_4pm = dt.datetime(2026, 11, 16, 16, tzinfo=IST)
    assert services.escalation_sweep(now=monday_4pm) == 18 * 2
    tuesday_noon = dt.datetime(2026, 11, 17, 12, tzinfo=IST)
    # 120 minutes on Monday (16:00-18:00) and 120 on Tuesday: 12:00. That block and its GP
    # (3 outages: the block twice, its GP once) wait for Wednesday.
    assert services.escalation_sweep(now=tuesday_noon) == 15 * 2
    levels = Counter(
        (o.link.area.path.startswith(block.path), o.escalation_level)
        for o in Outage.objects.select_related("link__area")
    )
    assert levels == {(True, 1): 3, (False, 2): 15}
    wednesday_noon = dt.datetime(2026, 11, 18, 12, tzinfo=IST)
    # Level 2 for those three (contact and engineer), and level 3 for the fifteen told level 2
    # on Tuesday 12:00 (due 16:00): no level-3 contact, the engineer only.
    assert services.escalation_sweep(now=wednesday_noon) == 3 * 2 + 15 * 1
