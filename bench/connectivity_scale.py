"""Benchmark: network links' heartbeats at state size: 5,000 links reporting every 5 minutes for
30 days (about 43 million heartbeats), the heartbeat endpoint's ingest rate beside a hello-world
view, and the district uptime report and the links-down-now page at 1 and at 30 days of data.

    .venv/bin/python bench/connectivity_scale.py                          # quick: 200 links, 2 days
    .venv/bin/python bench/connectivity_scale.py --links 5000 --days 30   # the issue's size

Each run drops and makes its own PostgreSQL database (``--db``, default
``degs_bench_net_<links>_<days>``, so a quick run never drops the full one; the name must
contain "bench", so a real database is never filled by mistake) on the server named by
``DEGS_BENCH_PG`` (default postgres://postgres@127.0.0.1:5432), migrates it and loads:

- one state of ``ceil(links / 210)`` districts (at most 24) of 10 blocks each, with gram
  panchayats; a block office per block with a JharNet (SWAN) link, and the other links at
  panchayat bhawans (BSNL BharatNet, one in ten on a broadband vendor); an SLA per provider (a
  heartbeat every 300 s); every link active, with a probe token;
- the links' state now: about 1 % down (an open outage, started 1-30 hours ago) and 1 % not
  reporting (silent for 16-25 minutes); their probes' last heartbeat;
- history from local midnight ``days`` days ago to now: on each link and day, an outage with
  probability 2 % (20 minutes to 10 hours, log-uniform; restored, with its events), a short drop
  of 1-2 beats with probability 5 % (no outage), and maintenance windows (per link 0.3 % a day,
  1-3 hours; in each district a block-wide one every 7 days, 2-4 hours at night), recorded two
  days before they start. No heartbeat during any of these;
- heartbeats: every 300 s per link (each link at its own phase) outside those gaps, with a
  latency, one ``INSERT ... SELECT ... generate_series`` per local day into a staging table, and
  from it into ``connectivity_heartbeat`` and the hour and day roll-ups (``LinkHour``,
  ``LinkDay``). Raw rows are kept (no pruning), so the table has its 30-day size.

The reads are measured twice, on the same links and the same state now: after the first day of
history (1 day of data), and after the whole history (the other days are loaded with the big
tables' indexes and foreign keys dropped, then remade). At each point, as a district
administrator of the first district, median of ``--repeat`` runs: ``uptime_report`` for the month
of the first day of history, and ``links_down_now`` (in-process, every row read), and their pages
through Django's test client when the project has them.

Then, on the full database, gunicorn (``-w --workers``, sync workers; DEBUG off; the bench's
settings ``bench/connectivity_settings.py``, whose URLconf ``bench/connectivity_urls.py`` adds
``/bench-hello/``, a view answering "ok") takes ``--clients`` concurrent clients for ``--seconds``
of hello-world GETs, then as long of ``POST /api/network/links/{id}/heartbeats`` (one heartbeat
a request, stamped now, each request from the next of the active links, with its token),
``--rounds`` times in turn, both warmed up first. The heartbeats the run posted are deleted
afterwards. Results go to /tmp/degs_bench_net_<db>.json. Never run by
``make test``.

Again without building (the 13-minute build of the full size is done once):

    --first-day-only --db degs_bench_net_1d   build only up to the 1-day point, and keep it
    --compare-reads degs_bench_net_1d         the reads on that database and on --db in turn,
                                              --rounds times, each in a fresh process
    --ingest-only                             the ingest rate beside hello world on --db
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import math
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from http.client import HTTPConnection
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SERVER = os.environ.get("DEGS_BENCH_PG", "postgres://postgres@127.0.0.1:5432").rstrip("/")
RESULT_DIR = Path(tempfile.gettempdir())
BEAT_SECONDS = 300
BLOCKS_PER_DISTRICT = 10
LINKS_PER_DISTRICT = 210
P_OUTAGE = 0.02  # a link's chance of an outage on a day
P_SHORT_DROP = 0.05  # ... of a drop of 1-2 beats (not an outage)
P_LINK_MAINTENANCE = 0.003  # ... of a maintenance window of its own
SHARE_DOWN_NOW = 0.01
SHARE_SILENT_NOW = 0.01
DISTRICTS = [
    ("Jamtara", "जामताड़ा"), ("East Singhbhum", "पूर्वी सिंहभूम"), ("Bokaro", "बोकारो"),
    ("Chatra", "चतरा"), ("Deoghar", "देवघर"), ("Dhanbad", "धनबाद"), ("Dumka", "दुमका"),
    ("Garhwa", "गढ़वा"), ("Giridih", "गिरिडीह"), ("Godda", "गोड्डा"), ("Gumla", "गुमला"),
    ("Hazaribagh", "हजारीबाग"), ("Khunti", "खूंटी"), ("Koderma", "कोडरमा"),
    ("Latehar", "लातेहार"), ("Lohardaga", "लोहरदगा"), ("Pakur", "पाकुड़"), ("Palamu", "पलामू"),
    ("Ramgarh", "रामगढ़"), ("Ranchi", "रांची"), ("Sahibganj", "साहिबगंज"),
    ("Seraikela Kharsawan", "सरायकेला खरसावां"), ("Simdega", "सिमडेगा"),
    ("West Singhbhum", "पश्चिमी सिंहभूम"),
]  # fmt: skip
BULK_TABLES = ("connectivity_heartbeat", "connectivity_linkhour")

Gap = tuple[dt.datetime, dt.datetime]


def database_url(db: str) -> str:
    return f"{SERVER}/{db}"


def setup_django(db: str) -> None:
    if "bench" not in db:
        raise SystemExit(f"{db} is not a bench database (its name lacks 'bench').")
    os.environ["DATABASE_URL"] = database_url(db)
    os.environ.setdefault("DEGS_ENV", "test")  # DEBUG off, no query log, tasks inline
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def step(message: str) -> float:
    print(f"-- {message}", flush=True)
    return time.perf_counter()


def create_database(db: str) -> None:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{db}"')


def token_of(link_id: int) -> str:
    return f"{link_id:06d}-bench-probe-token-0123456789abcdef"


# --- the state, its links and their gaps --------------------------------------------------------


@dataclass
class World:
    start: dt.datetime  # local midnight ``days`` days ago
    now: dt.datetime
    days: list[tuple[dt.datetime, dt.datetime]]  # local days [lo, hi), the last ends now
    links: list[Any] = field(default_factory=list)
    phase: dict[int, int] = field(default_factory=dict)  # seconds after ``start`` of 1st beat
    gaps: dict[int, list[Gap]] = field(default_factory=dict)
    district: Any = None
    admin: Any = None
    outages: list[Any] = field(default_factory=list)
    windows: list[Any] = field(default_factory=list)  # (window, when it is loaded)
    active: list[int] = field(default_factory=list)


def build_links(n_links: int, days: int, rng: random.Random) -> World:
    from django.core.management.color import no_style
    from django.db import connection, transaction
    from django.utils import timezone

    from degs.accounts.models import RoleGrant, User
    from degs.accounts.roles import Role
    from degs.connectivity.choices import LinkKind, LinkStatus, Network
    from degs.connectivity.models import Link, Provider, Sla
    from degs.core.scoping import path_segment
    from degs.directory.choices import AreaKind, OfficeKind
    from degs.directory.models import Area, Office

    now = timezone.now().replace(microsecond=0)
    today = timezone.localdate(now)
    start = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=days), dt.time()))
    local_days = [
        (timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=days - d), dt.time())),
         timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=days - d - 1), dt.time())))
        for d in range(days)
    ]  # fmt: skip
    local_days.append((local_days[-1][1], now))
    world = World(start=start, now=now, days=local_days)

    n_districts = min(len(DISTRICTS), math.ceil(n_links / LINKS_PER_DISTRICT))
    n_blocks = n_districts * BLOCKS_PER_DISTRICT
    if n_links < n_blocks:
        raise SystemExit(f"--links must be at least {n_blocks}")
    areas: list[Any] = []
    pk = {"area": 0}

    def add(kind: str, name: str, name_hi: str, parent: Any) -> Any:
        pk["area"] += 1
        area = Area(
            pk=pk["area"], kind=kind, name=name, name_hi=name_hi, parent=parent,
            path=(parent.path if parent else "") + path_segment(pk["area"]),
            depth=(parent.depth + 1) if parent else 0,
        )  # fmt: skip
        areas.append(area)
        return area

    state = add(AreaKind.STATE, "Jharkhand", "झारखंड", None)
    blocks = []
    for d in range(n_districts):
        name, name_hi = DISTRICTS[d]
        district = add(AreaKind.DISTRICT, name, name_hi, state)
        world.district = world.district or district
        for b in range(BLOCKS_PER_DISTRICT):
            blocks.append(add(AreaKind.BLOCK, f"{name} Block {b + 1}", f"{name_hi} प्रखंड {b + 1}",
                              district))  # fmt: skip
    gp_links = n_links - n_blocks
    per_block = [gp_links // n_blocks + (1 if i < gp_links % n_blocks else 0) for i in
                 range(n_blocks)]  # fmt: skip
    panchayats: list[tuple[Any, Any]] = []  # (gp, block)
    for block, count in zip(blocks, per_block, strict=True):
        for g in range(count):
            panchayats.append((add(AreaKind.GRAM_PANCHAYAT, f"{block.name} GP {g + 1}",
                                   f"{block.name_hi} ग्राम पंचायत {g + 1}", block), block))  # fmt: skip
    install = today - dt.timedelta(days=days + 200)
    with transaction.atomic():
        Area.objects.bulk_create(areas, batch_size=2000)
        offices = [
            Office(pk=i + 1, kind=OfficeKind.BLOCK_OFFICE, area=block, name=f"{block.name} office",
                   name_hi=f"{block.name_hi} कार्यालय", code=f"BO{i + 1:04d}")
            for i, block in enumerate(blocks)
        ]  # fmt: skip
        Office.objects.bulk_create(offices, batch_size=2000)
        providers = {
            code: Provider.objects.create(code=code, name=name, name_hi=name_hi, network=network)
            for code, name, name_hi, network in (
                ("jharnet", "JharNet (SWAN)", "झारनेट (स्वान)", Network.SWAN),
                ("bsnl", "BSNL BharatNet", "बीएसएनएल भारतनेट", Network.BHARATNET),
                ("airfibre", "AirFibre Broadband", "एयरफाइबर ब्रॉडबैंड", Network.BROADBAND),
            )
        }
        slas = {
            code: Sla.objects.create(provider=p, name=f"{p.name} SLA", name_hi=f"{p.name_hi} एसएलए",
                                     heartbeat_seconds=BEAT_SECONDS)
            for code, p in providers.items()
        }  # fmt: skip
        links = []

        def link(i: int, code: str, kind: str, kbps: int, office: Any, area: Any) -> None:
            token = token_of(i)
            links.append(
                Link(pk=i, provider=providers[code], sla=slas[code], circuit_id=f"{code.upper()}-{i:06d}",
                     kind=kind, committed_kbps=kbps, office=office, area=area, install_date=install,
                     status=LinkStatus.ACTIVE, status_since=start - dt.timedelta(days=200),
                     probe_token_hash=hashlib.sha256(token.encode()).hexdigest(),
                     probe_token_hint=token[:6])
            )  # fmt: skip

        for office in offices:
            link(len(links) + 1, "jharnet", LinkKind.SWAN_VERTICAL, 34_000, office, office.area)
        for gp, _block in panchayats:
            broadband = rng.random() < 0.1
            link(len(links) + 1, "airfibre" if broadband else "bsnl",
                 LinkKind.BROADBAND if broadband else LinkKind.BHARATNET_GPON,
                 20_000 if broadband else 10_000, None, gp)  # fmt: skip
        Link.objects.bulk_create(links, batch_size=2000)
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [Area, Office, Link]):
                cursor.execute(sql)
        admin = User.objects.create(username="bench_district_admin", full_name="Bench DIO")
        RoleGrant.objects.create(user=admin, role=Role.DISTRICT_ADMIN, area=world.district)
    world.admin, world.links = admin, links
    block_of = {link.pk: (link.area if link.office_id else link.area.parent) for link in links}
    for link_row in links:
        world.phase[link_row.pk] = rng.randrange(BEAT_SECONDS)
    print(
        f"   {len(areas):,} areas ({n_districts} districts, {n_blocks} blocks, "
        f"{len(panchayats):,} panchayats), {len(offices):,} offices, {len(links):,} links",
        flush=True,
    )
    plan_history(world, rng, providers, block_of)
    return world


def _free(gaps: list[Gap], gap: Gap) -> bool:
    return all(gap[1] <= s or gap[0] >= e for s, e in gaps)


def plan_history(world: World, rng: random.Random, providers: dict[str, Any],
                 block_of: dict[int, Any]) -> None:  # fmt: skip
    """Every link's gaps (no heartbeat) and the outages and maintenance windows behind them."""
    from degs.connectivity.choices import (
        DetectedBy,
        LinkStatus,
        OutageCause,
        OutageStatus,
        Resolution,
    )
    from degs.connectivity.models import MaintenanceWindow, Outage

    now = world.now
    far = now + dt.timedelta(days=1)
    causes = [OutageCause.FIBRE_CUT, OutageCause.POWER, OutageCause.EQUIPMENT,
              OutageCause.UPSTREAM, OutageCause.UNKNOWN]  # fmt: skip

    def outage(link: Any, s: dt.datetime, e: dt.datetime | None) -> None:
        responded = s + dt.timedelta(minutes=rng.randint(10, 150))
        if e is not None and responded > e:
            responded = e
        status = OutageStatus.RESTORED if e else rng.choice(
            [OutageStatus.OPEN, OutageStatus.ACKNOWLEDGED])  # fmt: skip
        world.outages.append(Outage(
            link=link, started_at=s, detected_by=DetectedBy.PROBE, cause=rng.choice(causes),
            status=status, restored_at=e,
            responded_at=None if status == OutageStatus.OPEN else responded,
            respond_due_at=s + dt.timedelta(hours=2), restore_due_at=s + dt.timedelta(hours=8),
            resolution=rng.choice([Resolution.REPAIRED, Resolution.POWER_RESTORED,
                                   Resolution.RECOVERED]) if e else "",
            escalation_level=1 if (e or now) - s > dt.timedelta(hours=8) else 0,
        ))  # fmt: skip

    for link in world.links:
        gaps: list[Gap] = []
        roll = rng.random()
        if roll < SHARE_DOWN_NOW:
            s = now - dt.timedelta(minutes=rng.randint(60, 30 * 60))
            gaps.append((s, far))
            link.status, link.status_since = LinkStatus.DOWN, s + dt.timedelta(minutes=30)
            outage(link, s, None)
        elif roll < SHARE_DOWN_NOW + SHARE_SILENT_NOW:
            s = now - dt.timedelta(minutes=rng.randint(16, 25))
            gaps.append((s, far))
            link.status, link.status_since = LinkStatus.UNKNOWN, s + dt.timedelta(minutes=15)
        else:
            world.active.append(link.pk)
        for lo, hi in world.days:
            if rng.random() < P_OUTAGE:
                s = lo + dt.timedelta(seconds=rng.randrange(int((hi - lo).total_seconds())))
                e = s + dt.timedelta(minutes=math.exp(rng.uniform(math.log(20), math.log(600))))
                if e < now - dt.timedelta(hours=2) and _free(gaps, (s, e)):
                    gaps.append((s, e))
                    outage(link, s, e)
            if rng.random() < P_SHORT_DROP:
                s = lo + dt.timedelta(seconds=rng.randrange(int((hi - lo).total_seconds())))
                e = s + dt.timedelta(minutes=rng.randint(6, 14))
                if e < now and _free(gaps, (s, e)):
                    gaps.append((s, e))
            if rng.random() < P_LINK_MAINTENANCE:
                s = lo + dt.timedelta(hours=rng.randint(0, 20))
                e = s + dt.timedelta(hours=rng.randint(1, 3))
                if e < now and _free(gaps, (s, e)):
                    gaps.append((s, e))
                    world.windows.append(MaintenanceWindow(
                        provider_id=link.provider_id, area=link.area, link=link, starts_at=s,
                        ends_at=e, reason="Equipment upgrade", reason_hi="उपकरण उन्नयन",
                    ))  # fmt: skip
        world.gaps[link.pk] = gaps
    # A block-wide BharatNet window in each district every 7 days, at night.
    by_block: dict[int, list[Any]] = {}
    for link in world.links:
        if link.provider_id == providers["bsnl"].pk:
            by_block.setdefault(block_of[link.pk].pk, []).append(link)
    districts: dict[int, list[int]] = {}
    for link in world.links:
        block = block_of[link.pk]
        if block.pk in by_block:
            districts.setdefault(block.parent_id, [])
            if block.pk not in districts[block.parent_id]:
                districts[block.parent_id].append(block.pk)
    blocks = {block_of[link.pk].pk: block_of[link.pk] for link in world.links}
    for block_ids in districts.values():
        for d in range(rng.randrange(7), len(world.days) - 1, 7):
            block = blocks[rng.choice(block_ids)]
            lo = world.days[d][0]
            s = lo + dt.timedelta(hours=rng.randint(1, 2))
            e = s + dt.timedelta(hours=rng.randint(2, 4))
            world.windows.append(MaintenanceWindow(
                provider=providers["bsnl"], area=block, link=None, starts_at=s, ends_at=e,
                reason="Fibre route work", reason_hi="फाइबर मार्ग कार्य",
            ))  # fmt: skip
            for link in by_block[block.pk]:
                gaps = world.gaps[link.pk]
                if _free(gaps, (s, e)):
                    gaps.append((s, e))
    for gaps in world.gaps.values():
        gaps.sort()


def last_beat(world: World, link_id: int) -> dt.datetime:
    """The link's last heartbeat: its last beat time before now or before its current gap."""
    gaps = world.gaps[link_id]
    until = gaps[-1][0] if gaps and gaps[-1][1] > world.now else world.now
    base = world.start + dt.timedelta(seconds=world.phase[link_id])
    k = math.floor((until - base).total_seconds() / BEAT_SECONDS - 1e-9)
    return base + dt.timedelta(seconds=k * BEAT_SECONDS)


def save_state(world: World) -> None:
    """The links' state now (status, since, last heartbeat), the gaps table for the load, and
    the open outages. Same at both measuring points."""
    from django.db import connection

    from degs.connectivity.models import Link

    for link in world.links:
        link.last_heartbeat_at = last_beat(world, link.pk)
    Link.objects.bulk_update(
        world.links, ["status", "status_since", "last_heartbeat_at"], batch_size=2000
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE bench_gaps (link_id bigint, s timestamptz, e timestamptz);"
            "CREATE TABLE bench_links (link_id bigint PRIMARY KEY, base timestamptz, "
            "latency int)"
        )
        with cursor.cursor.copy("COPY bench_gaps FROM STDIN") as copy:
            for link_id, gaps in world.gaps.items():
                for s, e in gaps:
                    copy.write_row((link_id, s, e))
        with cursor.cursor.copy("COPY bench_links FROM STDIN") as copy:
            for link in world.links:
                base = world.start + dt.timedelta(seconds=world.phase[link.pk])
                copy.write_row((link.pk, base, 8 + link.pk % 40))
        cursor.execute("CREATE INDEX ON bench_gaps (link_id, s); ANALYZE bench_gaps, bench_links")


def save_events(world: World, first: bool) -> tuple[int, int]:
    """The outages starting on the first day and the open ones (``first``), or the others;
    their events and their links' events; the maintenance windows starting then."""
    from django.db import connection

    from degs.connectivity.choices import LinkStatus, OutageStatus
    from degs.connectivity.models import LinkEvent, MaintenanceWindow, Outage, OutageEvent

    split = world.days[0][1]

    def wanted(at: dt.datetime) -> bool:
        return (at < split) == first

    outages = [o for o in world.outages
               if (o.restored_at is None and first) or (o.restored_at and wanted(o.started_at))]  # fmt: skip
    Outage.objects.bulk_create(outages, batch_size=2000)
    events, link_events = [], []
    for o in outages:
        events.append(OutageEvent(outage=o, action="open", to_status=OutageStatus.OPEN,
                                  at=o.started_at))  # fmt: skip
        if o.responded_at:
            events.append(OutageEvent(outage=o, action="acknowledge",
                                      from_status=OutageStatus.OPEN,
                                      to_status=OutageStatus.ACKNOWLEDGED, at=o.responded_at))  # fmt: skip
        link_events.append(LinkEvent(link_id=o.link_id, action="fail", from_status=LinkStatus.ACTIVE,
                                     to_status=LinkStatus.DOWN, at=o.started_at))  # fmt: skip
        if o.restored_at:
            events.append(OutageEvent(outage=o, action="recover", from_status=o.status,
                                      to_status=OutageStatus.RESTORED, at=o.restored_at))  # fmt: skip
            link_events.append(LinkEvent(link_id=o.link_id, action="restore",
                                         from_status=LinkStatus.DOWN,
                                         to_status=LinkStatus.ACTIVE, at=o.restored_at))  # fmt: skip
    if first:
        for link in world.links:
            link_events.append(LinkEvent(link_id=link.pk, action="commission",
                                         from_status=LinkStatus.PLANNED,
                                         to_status=LinkStatus.ACTIVE,
                                         at=world.start - dt.timedelta(days=200)))  # fmt: skip
            if link.status == LinkStatus.UNKNOWN:
                link_events.append(LinkEvent(link_id=link.pk, action="silent",
                                             from_status=LinkStatus.ACTIVE,
                                             to_status=LinkStatus.UNKNOWN, at=link.status_since))  # fmt: skip
    OutageEvent.objects.bulk_create(events, batch_size=5000)
    LinkEvent.objects.bulk_create(link_events, batch_size=5000)
    windows = [w for w in world.windows if wanted(w.starts_at)]
    MaintenanceWindow.objects.bulk_create(windows, batch_size=2000)
    with connection.cursor() as cursor:  # announced two days before they start
        cursor.execute(
            "UPDATE connectivity_maintenancewindow SET created_at = starts_at - interval '2 days', "
            "updated_at = starts_at - interval '2 days' WHERE created_at >= starts_at"
        )
    return len(outages), len(windows)


# --- heartbeats -----------------------------------------------------------------------------------


STAGE_SQL = """
INSERT INTO bench_beats (link_id, at, received_at, latency_ms, loss_percent)
SELECT l.link_id, t, t + make_interval(secs => 0.2 + random() * 2),
       l.latency + (random() * random() * 120)::int,
       CASE WHEN random() < 0.03 THEN (random() * 20)::int ELSE 0 END
FROM bench_links l
CROSS JOIN LATERAL generate_series(
    l.base + ceil(extract(epoch FROM (%(lo)s - l.base)) / %(step)s) * %(step)s * interval '1 second',
    %(hi)s - interval '1 microsecond', %(step)s * interval '1 second') AS t
WHERE NOT EXISTS (
    SELECT 1 FROM bench_gaps g WHERE g.link_id = l.link_id AND g.s <= t AND t < g.e
)
"""
HOURS_SQL = """
INSERT INTO connectivity_linkhour (link_id, hour, beats, latency_avg_ms, latency_max_ms)
SELECT link_id, date_trunc('hour', at AT TIME ZONE %(tz)s) AT TIME ZONE %(tz)s, count(*),
       round(avg(latency_ms)), max(latency_ms)
FROM bench_beats WHERE at < %(finished)s GROUP BY 1, 2
"""
DAYS_SQL = """
INSERT INTO connectivity_linkday (link_id, day, beats, expected, latency_avg_ms)
SELECT link_id, %(day)s, count(*), %(expected)s, round(avg(latency_ms))
FROM bench_beats GROUP BY 1
"""


def load_day(cursor: Any, lo: dt.datetime, hi: dt.datetime) -> int:
    from django.conf import settings
    from django.utils import timezone

    cursor.execute("TRUNCATE bench_beats")
    cursor.execute(STAGE_SQL, {"lo": lo, "hi": hi, "step": BEAT_SECONDS})
    rows = cursor.rowcount
    cursor.execute(
        "INSERT INTO connectivity_heartbeat (link_id, at, received_at, latency_ms, loss_percent) "
        "SELECT link_id, at, received_at, latency_ms, loss_percent FROM bench_beats"
    )
    # As the sweep's roll-ups (services/health.py): finished hours (local), finished days.
    finished = timezone.localtime(hi).replace(minute=0, second=0, microsecond=0)
    cursor.execute(HOURS_SQL, {"tz": settings.TIME_ZONE, "finished": min(hi, finished)})
    if hi - lo == dt.timedelta(days=1):
        expected = 86400 // BEAT_SECONDS
        cursor.execute(DAYS_SQL, {"day": timezone.localdate(lo), "expected": expected})
    return int(rows)


def drop_indexes(cursor: Any) -> list[str]:
    """Drop the bulk tables' foreign keys, unique constraints and indexes (all but the primary
    keys); return the statements that make them again, in order."""
    cursor.execute(
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid::regclass::text = ANY(%s) AND contype IN ('f', 'u')",
        [list(BULK_TABLES)],
    )
    constraints = cursor.fetchall()
    for table, name, _definition in constraints:
        cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    cursor.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s) "
        "AND indexname NOT LIKE '%%_pkey'",
        [list(BULK_TABLES)],
    )
    indexes = cursor.fetchall()
    for name, _definition in indexes:
        cursor.execute(f'DROP INDEX "{name}"')
    add = [f'ALTER TABLE {t} ADD CONSTRAINT "{n}" {d}' for t, n, d in constraints]
    unique = [s for s in add if " KEY " not in s]
    foreign = [s for s in add if " KEY " in s]
    return unique + [d for _n, d in indexes] + foreign


def load_history(world: World, first: bool) -> dict[str, Any]:
    """The first local day (``first``), or all the others with the big tables' indexes
    dropped and remade."""
    from django.db import connection

    chunks = world.days[:1] if first else world.days[1:]
    started = time.perf_counter()
    rows = 0
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '1GB'")
        cursor.execute("SET synchronous_commit = off")
        cursor.execute("SELECT setseed(%s)", [0.16 if first else 0.61])
        if first:
            cursor.execute(
                "CREATE UNLOGGED TABLE bench_beats (link_id bigint, at timestamptz, "
                "received_at timestamptz, latency_ms int, loss_percent smallint)"
            )
        rebuild = [] if first else drop_indexes(cursor)
        for n, (lo, hi) in enumerate(chunks):
            t0 = time.perf_counter()
            got = load_day(cursor, lo, hi)
            rows += got
            elapsed = time.perf_counter() - started
            print(
                f"   day {lo:%d-%m-%Y} ({n + 1}/{len(chunks)}): {got:,} heartbeats in "
                f"{time.perf_counter() - t0:4.1f} s; {rows:,} in {elapsed:5.0f} s "
                f"({rows / elapsed:,.0f}/s)",
                flush=True,
            )
        for sql in rebuild:
            t0 = time.perf_counter()
            cursor.execute(sql)
            print(f"   {time.perf_counter() - t0:5.1f} s  {sql[:110]}", flush=True)
    outages, windows = save_events(world, first)
    print(f"   {outages:,} outages and {windows:,} maintenance windows", flush=True)
    t0 = time.perf_counter()
    vacuum()
    print(f"   VACUUM ANALYZE {time.perf_counter() - t0:.0f} s", flush=True)
    return {"heartbeats": rows, "seconds": round(time.perf_counter() - started, 1)}


def vacuum() -> None:
    import psycopg
    from django.conf import settings
    from django.db import connection

    connection.close()
    with psycopg.connect(database_url(settings.DATABASES["default"]["NAME"]),
                         autocommit=True) as conn:  # fmt: skip
        conn.execute("VACUUM ANALYZE")


def sizes() -> dict[str, Any]:
    from django.db import connection

    tables = ["connectivity_heartbeat", "connectivity_linkhour", "connectivity_linkday",
              "connectivity_outage", "connectivity_outageevent", "connectivity_linkevent",
              "connectivity_maintenancewindow", "connectivity_link"]  # fmt: skip
    result: dict[str, Any] = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(
                f"SELECT count(*), pg_relation_size(%s), pg_indexes_size(%s), "  # noqa: S608
                f"pg_total_relation_size(%s) FROM {table}",
                [table] * 3,
            )
            rows, heap, indexes, total = cursor.fetchone()
            result[table] = {"rows": rows, "table_mb": round(heap / 2**20),
                             "indexes_mb": round(indexes / 2**20), "total_mb": round(total / 2**20)}  # fmt: skip
        cursor.execute("SELECT pg_database_size(current_database())")
        result["database_mb"] = round(cursor.fetchone()[0] / 2**20)
    return result


def show_sizes(found: dict[str, Any]) -> None:
    for table, row in found.items():
        if isinstance(row, dict):
            print(f"   {table:<32} {row['rows']:>12,} rows  {row['table_mb']:>6,} MB table  "
                  f"{row['indexes_mb']:>6,} MB indexes  {row['total_mb']:>6,} MB in all")  # fmt: skip
    print(f"   database: {found['database_mb']:,} MB", flush=True)


# --- reads ----------------------------------------------------------------------------------------


def read_cases(world: World) -> list[tuple[str, str, Any, str | None]]:
    """(key, label, in-process call, page URL or None) for the reads compared."""
    from django.urls import NoReverseMatch, reverse

    from degs.connectivity.selectors import links as link_selectors
    from degs.connectivity.selectors import uptime

    month = world.days[0][0].date().replace(day=1)
    user = world.admin

    def report() -> int:
        result = uptime.uptime_report(user=user, month=month)
        return len(result.links) + len(result.providers) + len(result.blocks)

    def down() -> int:
        return len(list(link_selectors.links_down_now(user=user)))

    def url(name: str, query: str = "") -> str | None:
        try:
            return reverse(name) + query
        except NoReverseMatch:
            return None

    return [
        ("uptime_report", f"uptime_report, {month:%m-%Y}", report,
         url("connectivity:uptime", f"?month={month:%Y-%m}")),
        ("links_down_now", "links_down_now", down, url("connectivity:links_down")),
    ]  # fmt: skip


def measure_reads(world: World, repeat: int) -> dict[str, Any]:
    from django.test import Client

    client = Client()
    client.force_login(world.admin, backend="django.contrib.auth.backends.ModelBackend")
    result: dict[str, Any] = {}
    for key, label, call, url in read_cases(world):
        rows = call()
        call()
        samples = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            call()
            samples.append((time.perf_counter() - t0) * 1000)
        row: dict[str, Any] = {"label": label, "rows": rows,
                               "ms": round(statistics.median(samples), 1),
                               "max_ms": round(max(samples), 1)}  # fmt: skip
        line = f"   {label:<32} {row['ms']:8.1f} ms (max {row['max_ms']:.0f}), {rows:,} rows"
        answer: Any = None
        if url:
            try:
                answer = client.get(url)
            except Exception as error:  # a page still being written by its owner
                line += f"; page {url} failed: {type(error).__name__}: {str(error)[:120]}"
        if answer is not None:
            if answer.status_code == 200:
                client.get(url)
                pages = []
                for _ in range(repeat):
                    t0 = time.perf_counter()
                    client.get(url)
                    pages.append((time.perf_counter() - t0) * 1000)
                row["page_ms"] = round(statistics.median(pages), 1)
                row["url"] = url
                line += f"; page {row['page_ms']:.1f} ms  {url}"
            else:
                line += f"; page {url} answered {answer.status_code}"
        result[key] = row
        print(line, flush=True)
    return result


# --- ingest against hello world ------------------------------------------------------------------


@dataclass
class Load:
    label: str
    ok: int
    errors: int
    seconds: float
    latencies: list[float]
    first_error: str = ""

    @property
    def per_second(self) -> float:
        return self.ok / self.seconds

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))] if ordered else 0.0

    def summary(self) -> dict[str, Any]:
        return {"label": self.label, "ok": self.ok, "errors": self.errors,
                "seconds": round(self.seconds, 1), "per_second": round(self.per_second, 1),
                "p50_ms": round(self.percentile(0.5), 1), "p95_ms": round(self.percentile(0.95), 1),
                "first_error": self.first_error[:300]}  # fmt: skip


def request(port: int, method: str, url: str, body: bytes | None = None,
            headers: dict[str, str] | None = None) -> tuple[int, bytes, float]:  # fmt: skip
    """One whole request on a new connection (gunicorn's sync workers close each one)."""
    started = time.perf_counter()
    connection = HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request(method, url, body=body, headers=headers or {})
        response = connection.getresponse()
        content = response.read()
    finally:
        connection.close()
    return response.status, content, (time.perf_counter() - started) * 1000


def load(label: str, port: int, clients: int, seconds: float, make: Any) -> Load:
    """``clients`` threads sending ``make(client, n)`` requests for ``seconds``; a 2xx counts."""
    lock = threading.Lock()
    result = Load(label, 0, 0, seconds, [])
    deadline = time.perf_counter() + seconds

    def client(number: int) -> None:
        n = 0
        while time.perf_counter() < deadline:
            method, url, body, headers = make(number, n)
            n += 1
            try:
                status, content, ms = request(port, method, url, body, headers)
            except OSError as error:
                status, content, ms = 0, str(error).encode(), 0.0
            with lock:
                if 200 <= status < 300:
                    result.ok += 1
                    result.latencies.append(ms)
                else:
                    result.errors += 1
                    result.first_error = result.first_error or f"{status} {content[:300]!r}"

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.perf_counter() - started
    print(
        f"   {label:<52} {result.per_second:7.1f}/s  p50 {result.percentile(0.5):6.1f} ms  "
        f"p95 {result.percentile(0.95):6.1f} ms  ({result.ok:,} ok, {result.errors:,} errors)"
        + (f"\n      first error: {result.first_error[:300]}" if result.errors else ""),
        flush=True,
    )
    return result


def start_server(db: str, port: int, workers: int, folder: Path, redis: str) -> Any:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url(db),
        DJANGO_SETTINGS_MODULE="bench.connectivity_settings",
        PYTHONPATH=str(ROOT),
        DEGS_ENV="development",
        DEGS_DEBUG="0",
        DEGS_LOG_LEVEL="WARNING",
        DEGS_MEDIA_ROOT=str(folder / "media"),
        DEGS_REDIS_URL=redis,
        DEGS_STATIC_ROOT=str(folder / "static"),
    )
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [str(gunicorn), "config.wsgi", "-w", str(workers), "--threads", "1",
               "-b", f"127.0.0.1:{port}", "--log-level", "warning", "--timeout", "120"]  # fmt: skip
    server = subprocess.Popen(command, env=env, cwd=ROOT)  # noqa: S603
    for _ in range(150):
        time.sleep(0.2)
        try:
            status, _content, _ms = request(port, "GET", "/bench-hello/")
        except OSError:
            continue
        if status == 200:
            return server
    server.terminate()
    raise SystemExit("gunicorn did not answer /bench-hello/ within 30 s")


def measure_ingest(world: World, args: argparse.Namespace) -> dict[str, Any]:
    from django.db import connection
    from django.utils import timezone

    mark = timezone.now()
    active = world.active
    folder = Path(tempfile.mkdtemp(prefix="degs_bench_net_"))
    server = start_server(args.db, args.port, args.workers, folder, args.redis)
    rounds: list[dict[str, Any]] = []
    try:
        print(f"-- ingest: {args.clients} clients, {args.seconds:.0f} s each, gunicorn -w "
              f"{args.workers}, {args.rounds} round(s)", flush=True)  # fmt: skip

        def beat(c: int, n: int) -> tuple[Any, ...]:
            link_id = active[(c + n * args.clients) % len(active)]
            body = json.dumps({"beats": [{"at": dt.datetime.now(dt.UTC).isoformat(),
                                          "latency_ms": 20 + (n % 50)}]}).encode()  # fmt: skip
            headers = {"Authorization": f"Bearer {token_of(link_id)}",
                       "Content-Type": "application/json"}  # fmt: skip
            return ("POST", f"/api/network/links/{link_id}/heartbeats", body, headers)

        # Warm both up first: the workers still start after the first one answers, and each
        # worker's first requests import and compile what they use.
        load("warm-up: hello world", args.port, args.clients, 10,
             lambda c, n: ("GET", "/bench-hello/", None, {}))  # fmt: skip
        load("warm-up: heartbeats", args.port, args.clients, 3, beat)
        for _ in range(args.rounds):
            hello = load("GET /bench-hello/ (hello world)", args.port, args.clients, args.seconds,
                         lambda c, n: ("GET", "/bench-hello/", None, {}))  # fmt: skip
            ingest = load("POST /api/network/links/{id}/heartbeats (1 beat)", args.port,
                          args.clients, args.seconds, beat)  # fmt: skip
            rounds.append({"hello": hello.summary(), "ingest": ingest.summary(),
                           "ratio": round(ingest.per_second / hello.per_second, 3)})  # fmt: skip
    finally:
        server.terminate()
        server.wait(30)
        shutil.rmtree(folder, ignore_errors=True)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM connectivity_heartbeat WHERE received_at >= %s", [mark])
        removed = cursor.rowcount
    print(f"   (removed the {removed:,} heartbeats posted)", flush=True)
    hello_ok = sum(r["hello"]["ok"] for r in rounds)
    hello_s = sum(r["hello"]["seconds"] for r in rounds)
    ingest_ok = sum(r["ingest"]["ok"] for r in rounds)
    ingest_s = sum(r["ingest"]["seconds"] for r in rounds)
    return {"rounds": rounds, "hello_per_second": round(hello_ok / hello_s, 1),
            "ingest_per_second": round(ingest_ok / ingest_s, 1),
            "ratio": round((ingest_ok / ingest_s) / (hello_ok / hello_s), 3),
            "stored": removed}  # fmt: skip


# --- the run --------------------------------------------------------------------------------------


RESULT_TAG = "RESULT "


def reads_only(args: argparse.Namespace) -> None:
    """The reads again on a database a run left (its administrator, the month of its first
    day of history), as one JSON line for ``--compare-reads``."""
    setup_django(args.db)
    from django.utils import timezone

    from degs.accounts.models import User
    from degs.connectivity.models import LinkDay

    first = LinkDay.objects.order_by("day").values_list("day", flat=True).first()
    assert first is not None, "no history in this database"
    start = timezone.make_aware(dt.datetime.combine(first, dt.time()))
    world = World(start=start, now=timezone.now(), days=[(start, start)])
    world.admin = User.objects.get(username="bench_district_admin")
    print(RESULT_TAG + json.dumps(measure_reads(world, args.repeat)), flush=True)


def compare_reads(args: argparse.Namespace) -> None:
    """``--reads-only`` on the 1-day database and on the full one in turn, in fresh processes."""
    found: dict[str, list[dict[str, Any]]] = {args.compare_reads: [], args.db: []}
    for _ in range(args.rounds):
        for db in found:
            command = [sys.executable, __file__, "--reads-only", "--db", db,
                       "--repeat", str(args.repeat)]  # fmt: skip
            print(f"-- {db}", flush=True)
            out = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
            for line in out.splitlines():
                if line.startswith(RESULT_TAG):
                    found[db].append(json.loads(line[len(RESULT_TAG) :]))
                else:
                    print(line, flush=True)
    one, full = found.values()
    for key in one[0]:
        for field_name, what in (("ms", "selector"), ("page_ms", "page")):
            if field_name not in one[0][key]:
                continue
            a = statistics.median(r[key][field_name] for r in one)
            b = statistics.median(r[key][field_name] for r in full)
            print(f"   {one[0][key]['label']:<32} {what:<8} 1 day {a:7.1f} ms, full {b:7.1f} ms: "
                  f"{b / a:.2f}x (median of {args.rounds} rounds)")  # fmt: skip


def ingest_only(args: argparse.Namespace) -> None:
    """The ingest rate beside hello world again, on the database a full run left."""
    setup_django(args.db)
    from degs.connectivity.choices import LinkStatus
    from degs.connectivity.models import Heartbeat, Link

    world = World(start=dt.datetime.now(dt.UTC), now=dt.datetime.now(dt.UTC), days=[])
    world.active = list(
        Link.objects.filter(status=LinkStatus.ACTIVE).order_by("pk").values_list("pk", flat=True)
    )
    beats = Heartbeat.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    print(f"== {args.db}: {len(world.active):,} active links, heartbeat ids up to {beats:,}")
    found = measure_ingest(world, args)
    print(f"   ingest {found['ingest_per_second']:.1f}/s, hello world "
          f"{found['hello_per_second']:.1f}/s: {found['ratio']:.2f} of it")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--links", type=int, default=200)
    parser.add_argument("--days", type=int, default=2)
    parser.add_argument("--db", help="default degs_bench_net_<links>_<days>")
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/9",
                        help="the server's DEGS_REDIS_URL ('' for none)")  # fmt: skip
    parser.add_argument("--no-ingest", action="store_true", help="skip the HTTP part")
    parser.add_argument("--first-day-only", action="store_true",
                        help="stop after the reads at 1 day, keeping that database")  # fmt: skip
    parser.add_argument("--reads-only", action="store_true",
                        help="only the reads, on the database as a run left it")  # fmt: skip
    parser.add_argument("--compare-reads", metavar="DB_1_DAY",
                        help="the reads on DB_1_DAY and on --db in turn, --rounds times")  # fmt: skip
    parser.add_argument("--ingest-only", action="store_true",
                        help="only the HTTP part, on the database as a previous run left it")  # fmt: skip
    args = parser.parse_args()
    # Named by size, so a quick run never drops the full-size database.
    args.db = args.db or f"degs_bench_net_{args.links}_{args.days}"
    if args.ingest_only:
        ingest_only(args)
        return
    if args.reads_only:
        reads_only(args)
        return
    if args.compare_reads:
        compare_reads(args)
        return
    if args.days < 2:
        raise SystemExit("--days must be at least 2 (1 day is the first measuring point)")
    started = step(f"create {args.db} on {SERVER}")
    create_database(args.db)
    setup_django(args.db)
    from django.core.management import call_command
    from django.utils import timezone

    step("migrate")
    call_command("migrate", verbosity=0)
    rng = random.Random(args.links * 1000 + args.days)
    mark = step(f"state, {args.links:,} links, their history's plan")
    world = build_links(args.links, args.days, rng)
    save_state(world)
    result: dict[str, Any] = {"db": args.db, "links": args.links, "days": args.days,
                              "now": world.now.isoformat(), "start": world.start.isoformat(),
                              "district": world.district.name}  # fmt: skip
    print(f"   {time.perf_counter() - mark:.0f} s; history from {world.start:%d-%m-%Y %H:%M} "
          f"to {timezone.localtime(world.now):%d-%m-%Y %H:%M} ({world.start.tzinfo})", flush=True)  # fmt: skip
    step("the first day of heartbeats")
    result["load_first"] = load_history(world, first=True)
    result["sizes_first"] = sizes()
    show_sizes(result["sizes_first"])
    step(f"reads at 1 day, as the district administrator of {world.district.name} "
         f"(median of {args.repeat})")  # fmt: skip
    result["reads_1"] = measure_reads(world, args.repeat)
    if args.first_day_only:
        out = RESULT_DIR / f"degs_bench_net_{args.db}.json"
        out.write_text(json.dumps(result, indent=1, default=str))
        print(f"stopped after the first day, as asked; results in {out}")
        return
    step(f"the other {len(world.days) - 1} days (the last one up to now)")
    result["load_rest"] = load_history(world, first=False)
    result["build_seconds"] = round(time.perf_counter() - started, 1)
    result["sizes"] = sizes()
    show_sizes(result["sizes"])
    print(f"   built in {result['build_seconds'] / 60:.1f} min", flush=True)
    step(f"reads at {args.days} days (median of {args.repeat})")
    result["reads_n"] = measure_reads(world, args.repeat)
    if not args.no_ingest:
        result["ingest"] = measure_ingest(world, args)
    out = RESULT_DIR / f"degs_bench_net_{args.db}.json"
    out.write_text(json.dumps(result, indent=1, default=str))
    print(f"\n== {args.links:,} links, {args.days} days: "
          f"{result['sizes']['connectivity_heartbeat']['rows']:,} heartbeats, "
          f"database {result['sizes']['database_mb']:,} MB, built in "
          f"{result['build_seconds'] / 60:.1f} min")  # fmt: skip
    for key, at_n in result["reads_n"].items():
        at_1 = result["reads_1"][key]
        line = (f"   {at_n['label']:<32} 1 day {at_1['ms']:7.1f} ms, {args.days} days "
                f"{at_n['ms']:7.1f} ms: {at_n['ms'] / at_1['ms']:.2f}x")  # fmt: skip
        if "page_ms" in at_n and "page_ms" in at_1:
            line += (f"; page {at_1['page_ms']:.1f} / {at_n['page_ms']:.1f} ms: "
                     f"{at_n['page_ms'] / at_1['page_ms']:.2f}x")  # fmt: skip
        print(line)
    if "ingest" in result:
        i = result["ingest"]
        print(f"   ingest {i['ingest_per_second']:.1f}/s, hello world {i['hello_per_second']:.1f}/s: "
              f"{i['ratio']:.2f} of it")  # fmt: skip
    print(f"results in {out}")


if __name__ == "__main__":
    main()
