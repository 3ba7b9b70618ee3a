"""The connectivity app's demo (``manage.py load_demo`` runs ``load`` after the apps named in
the AppConfig's ``demo_after``). Loading twice changes nothing.

What the sample press notes review, on the demo districts' real offices:

- Jamtara (12-11-2020: "सभी प्रखंड/पंचायत भवनों में इंटरनेट कनेक्शन जल्द से जल्द"): JharNet
  (the state WAN) at the Collectorate, the jail and every block office, BSNL BharatNet at two
  panchayat bhawans per block, a broadband line at the Sadar Hospital.
- East Singhbhum ("internet connectivity through JharNet in Sakchi Mandal Jail … expedite the
  provision of video conferencing"; "सभी प्रखण्ड कार्यालय में वीडियो कांफ्रेंसिंग टेस्ट";
  "झारनेट में इंटरनेट स्पीड को बढ़ाने"): JharNet at the Collectorate, Sakchi Mandal Jail and
  the block offices, their VC rooms, speed tests below the committed speed.
- Churu (Rajasthan): RajNet (RajSWAN) at the district and block headquarters, BBNL BharatNet
  at a sample gram panchayat of each block.

Some links are down now with open outages (one past its clocks and escalated, one
acknowledged by the provider), one has stopped reporting, others had outages earlier in the
month. The probe-watched links (JharNet, RajNet) have a month of heartbeats: hour and day
roll-ups for the month and raw rows for the last day and a half, written in bulk. Outages,
tests, rooms and phones go through the services, so due times follow the SLA's clock.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from degs.accounts.models import User
from degs.connectivity.choices import (
    DetectedBy,
    LinkKind,
    LinkStatus,
    Network,
    OutageCause,
    SlaClock,
    TargetWhat,
)
from degs.connectivity.models import (
    Heartbeat,
    Link,
    LinkDay,
    LinkHour,
    Outage,
    Provider,
    Sla,
)
from degs.connectivity.services import health, links, outages, phones, rooms, speed, targets
from degs.directory import services as directory
from degs.directory.choices import AreaKind, OfficeKind
from degs.directory.models import Area, Office, Post, PostHolding

HEARTBEAT_DAYS = 30  # the month of heartbeats
RAW_HOURS = 36  # raw rows kept for the last day and a half; before that, roll-ups only
INSTALLED = dt.date(2025, 4, 1)


# --- providers and their SLAs ---------------------------------------------------------------


PROVIDERS = [
    # code, name, Hindi, network, phone
    ("bsnl", "BSNL (BharatNet)", "बीएसएनएल (भारतनेट)", Network.BHARATNET, "1800 345 1500"),
    ("bbnl", "BBNL (BharatNet)", "बीबीएनएल (भारतनेट)", Network.BHARATNET, ""),
    ("jharnet", "JharNet (Jharkhand SWAN)", "झारनेट (झारखंड स्वान)", Network.SWAN, ""),
    ("rajnet", "RajNet (RajSWAN)", "राजनेट (राजस्वान)", Network.SWAN, ""),
    ("broadband-demo", "Broadband vendor (demo)", "ब्रॉडबैंड विक्रेता (डेमो)", Network.BROADBAND, ""),
]

SLAS = {
    # provider code: name, Hindi, target uptime, clock, respond, restore (minutes)
    "bsnl": ("BharatNet GP SLA", "भारतनेट जीपी एसएलए", "98.00", SlaClock.WORKING_HOURS, 120, 480),
    "bbnl": ("BharatNet GP SLA", "भारतनेट जीपी एसएलए", "98.00", SlaClock.WORKING_HOURS, 120, 480),
    "jharnet": ("JharNet vertical SLA", "झारनेट वर्टिकल एसएलए", "99.50", SlaClock.ROUND_THE_CLOCK, 60, 240),
    "rajnet": ("RajSWAN vertical SLA", "राजस्वान वर्टिकल एसएलए", "99.50", SlaClock.ROUND_THE_CLOCK, 60, 240),
    "broadband-demo": ("Broadband SLA", "ब्रॉडबैंड एसएलए", "97.00", SlaClock.WORKING_HOURS, 240, 1440),
}  # fmt: skip

# Who answers for a provider in a district: (provider, district, level, name, designation).
CONTACTS = [
    ("jharnet", "Jamtara", 1, "JharNet district engineer (demo)", "Network engineer"),
    ("jharnet", "Jamtara", 2, "JharNet state NOC (demo)", "Network operations centre"),
    ("bsnl", "Jamtara", 1, "BSNL JTO, Jamtara (demo)", "Junior telecom officer"),
    ("bsnl", "Jamtara", 2, "BSNL SDE, Jamtara (demo)", "Sub-divisional engineer"),
    ("jharnet", "East Singhbhum", 1, "JharNet district engineer (demo)", "Network engineer"),
    ("bsnl", "East Singhbhum", 1, "BSNL JTO, Jamshedpur (demo)", "Junior telecom officer"),
    ("rajnet", "Churu", 1, "RajNet district engineer (demo)", "Network engineer"),
    ("bbnl", "Churu", 1, "BBNL field engineer, Churu (demo)", "Field engineer"),
]


@dataclass(frozen=True)
class District:
    name: str
    code: str  # in circuit IDs
    state_wan: str  # provider code
    manager: str  # the demo user who manages the district's network
    engineer: str  # the demo network engineer


DISTRICTS = [
    District("Jamtara", "JMT", "jharnet", "dio.jamtara", "engineer.jamtara"),
    District("East Singhbhum", "ESB", "jharnet", "dio.eastsinghbhum", "engineer.eastsinghbhum"),
    District("Churu", "CHU", "rajnet", "collector.churu", "engineer.churu"),
]

# The network engineer of Churu (Jamtara's and East Singhbhum's are the accounts app's).
CHURU_ENGINEER = ("engineer.churu", "Network engineer, Churu", "Network Engineer Churu (demo)",
                  "नेटवर्क इंजीनियर चूरू (डेमो)")  # fmt: skip


def _district(name: str) -> Area:
    return Area.objects.get(kind=AreaKind.DISTRICT, name=name)


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _churu_engineer() -> str:
    """The demo's network engineer of Churu, holding the district's post (as the accounts
    app's demo users do); the line load_demo prints for them."""
    from degs.accounts.demo import DEMO_PASSWORD

    username, role, full_name, full_name_hi = CHURU_ENGINEER
    user, created = User.objects.get_or_create(username=username)
    if created:
        user.full_name, user.full_name_hi = full_name, full_name_hi
        user.set_password(DEMO_PASSWORD)
        user.save()
    post = Post.objects.get(designation__code="network_engineer", area=_district("Churu"), seat="")
    if not PostHolding.objects.filter(post=post, user=user).exists():
        from degs.directory.demo import HOLDINGS_FROM

        directory.post_holding_start(
            actor=None,
            post=post,
            user=user,
            start_date=HOLDINGS_FROM,
            order_reference="Demo posting",
        )
    return f"  {username:<20} {role}"


# --- the links --------------------------------------------------------------------------------


@dataclass
class Made:
    """What the demo made, for the lines it prints."""

    links: list[Link]
    watched: list[Link]
    down: list[Outage]


def _providers() -> dict[str, Provider]:
    made = {}
    for code, name, name_hi, network, phone in PROVIDERS:
        provider = Provider.objects.filter(code=code).first() or links.provider_create(
            actor=None, code=code, name=name, name_hi=name_hi, network=network, phone=phone
        )
        made[code] = provider
    return made


def _slas(providers: dict[str, Provider]) -> dict[str, Sla]:
    made = {}
    for code, (name, name_hi, target, clock, respond, restore) in SLAS.items():
        provider = providers[code]
        made[code] = provider.slas.filter(name=name).first() or links.sla_create(
            actor=None,
            provider=provider,
            name=name,
            name_hi=name_hi,
            target_uptime=Decimal(target),
            clock=clock,
            respond_minutes=respond,
            restore_minutes=restore,
        )
    return made


def _contacts(providers: dict[str, Provider]) -> None:
    for code, district, level, name, designation in CONTACTS:
        links.provider_contact_create(
            actor=None,
            provider=providers[code],
            area=_district(district),
            level=level,
            name=name,
            designation=designation,
        )


def _office(district: Area, kind: str, under: str = "") -> Office:
    offices = Office.objects.filter(area__path__startswith=district.path, kind=kind)
    if under:
        offices = offices.filter(area__name=under)
    office = offices.order_by("area__path", "pk").first()
    if office is None:
        raise LookupError(f"the directory demo has no {kind} {under} in {district}")
    return office


def _block_offices(district: Area) -> list[Office]:
    return list(
        Office.objects.filter(
            area__path__startswith=district.path, kind=OfficeKind.BLOCK_OFFICE
        ).order_by("area__name")
    )


def _sample_panchayats(district: Area) -> list[Area]:
    """A sample gram panchayat of each of the district's blocks (the directory's demo areas),
    for BBNL's links."""
    return list(
        Area.objects.filter(
            kind=AreaKind.GRAM_PANCHAYAT, is_sample=True, parent__kind=AreaKind.BLOCK
        )
        .under(district.path)
        .filter(name__endswith="Sample Panchayat 01")
        .order_by("parent__name")
    )


def _link(
    provider: Provider,
    sla: Sla,
    circuit: str,
    kind: str,
    kbps: int,
    *,
    office: Office | None = None,
    panchayat: Area | None = None,
    contact: tuple[str, str] = ("", ""),
) -> Link:
    """A link built and commissioned (the link workflow's steps, as the system)."""
    link = links.link_create(
        actor=None,
        provider=provider,
        circuit_id=circuit,
        kind=kind,
        committed_kbps=kbps,
        office=office,
        panchayat=panchayat,
        install_date=INSTALLED,
        sla=sla,
        contact_name=contact[0],
        contact_phone=contact[1],
    )
    return links.link_transition(actor=None, link=link, action="commission", version=link.version)


def _links(providers: dict[str, Provider], slas: dict[str, Sla]) -> tuple[list[Link], list[Link]]:
    """Every demo link, and those a probe watches (the state WANs')."""
    made: list[Link] = []
    watched: list[Link] = []
    for spec in DISTRICTS:
        district = _district(spec.name)
        wan, wan_sla = providers[spec.state_wan], slas[spec.state_wan]
        wan_kbps = 10_000 if spec.state_wan == "jharnet" else 20_000
        sites = [_office(district, OfficeKind.DC_OFFICE), *_block_offices(district)]
        jail = Office.objects.filter(
            area__path__startswith=district.path, kind=OfficeKind.JAIL
        ).first()
        if jail is not None:
            sites.insert(1, jail)
        for number, office in enumerate(sites, start=1):
            link = _link(
                wan,
                wan_sla,
                f"{spec.state_wan[:3].upper()}-{spec.code}-V{number:03d}",
                LinkKind.SWAN_VERTICAL,
                wan_kbps if office.kind != OfficeKind.DC_OFFICE else 4 * wan_kbps,
                office=office,
            )
            made.append(link)
            watched.append(link)
        if spec.name == "Churu":
            for number, gp in enumerate(_sample_panchayats(district), start=1):
                made.append(
                    _link(
                        providers["bbnl"],
                        slas["bbnl"],
                        f"BBNL-{spec.code}-GP{number:03d}",
                        LinkKind.BHARATNET_GPON,
                        2_000,
                        panchayat=gp,
                    )
                )
            continue
        # BharatNet at two panchayat bhawans of each block (Jamtara) or of the first blocks.
        bhawans = (
            Office.objects.filter(
                area__path__startswith=district.path, kind=OfficeKind.PANCHAYAT_BHAWAN
            )
            .select_related("area")
            .order_by("area__path")
        )
        picked: dict[int, list[Office]] = {}
        for bhawan in bhawans:
            block_id = bhawan.area.parent_id or 0
            if len(picked.setdefault(block_id, [])) < 2:
                picked[block_id].append(bhawan)
        for number, bhawan in enumerate((b for group in picked.values() for b in group), start=1):
            made.append(
                _link(
                    providers["bsnl"],
                    slas["bsnl"],
                    f"BN-{spec.code}-GP{number:03d}",
                    LinkKind.BHARATNET_GPON,
                    2_000,
                    office=bhawan,
                    contact=("BSNL JTO (demo)", "1800 345 1500"),
                )
            )
        hospital = Office.objects.filter(
            area__path__startswith=district.path, kind=OfficeKind.HOSPITAL
        ).first()
        if hospital is not None:
            made.append(
                _link(
                    providers["broadband-demo"],
                    slas["broadband-demo"],
                    f"BB-{spec.code}-001",
                    LinkKind.BROADBAND,
                    50_000,
                    office=hospital,
                )
            )
    for link in watched:
        spec = next(d for d in DISTRICTS if link.circuit_id.split("-")[1] == d.code)
        health.probe_token_issue(actor=_user(spec.manager), link=link)
    return made, watched


# --- outages: earlier in the month, and now -----------------------------------------------------


def _engineer_of(link: Link) -> User:
    spec = next(d for d in DISTRICTS if link.area.path.startswith(_district(d.name).path))
    return _user(spec.engineer)


def _past_outage(
    link: Link, *, days_ago: float, hours: float, cause: str, resolution: str, remark: str
) -> None:
    """An outage earlier in the month, restored after ``hours``."""
    now = timezone.now()
    started = now - dt.timedelta(days=days_ago)
    outage = outages.outage_open(
        actor=None, link=link, detected_by=DetectedBy.PROBE, started_at=started, cause=cause
    )
    outages.outage_restore(
        actor=_engineer_of(link),
        outage=outage,
        resolution=resolution,
        remark=remark,
        restored_at=started + dt.timedelta(hours=hours),
    )


def _outages(made: list[Link]) -> tuple[list[Outage], list[tuple[Link, dt.datetime, dt.datetime]]]:
    """The outages of the demo; returns those open now and every interval a watched link was
    silent (for its heartbeats)."""
    by_circuit = {link.circuit_id: link for link in made}
    now = timezone.now()
    silent: list[tuple[Link, dt.datetime, dt.datetime]] = []
    # Earlier in the month, restored.
    for circuit, days_ago, hours, cause, resolution, remark in (
        ("JHA-JMT-V003", 21, 5, OutageCause.FIBRE_CUT, "repaired", "Fibre spliced near the block office."),
        ("JHA-ESB-V004", 12, 3, OutageCause.POWER, "power_restored", "UPS batteries replaced."),
        ("RAJ-CHU-V002", 8, 9, OutageCause.EQUIPMENT, "replaced", "Router replaced by RajNet."),
        ("JHA-JMT-V001", 1.5, 1, OutageCause.UPSTREAM, "repaired", "JharNet core link restored."),
    ):  # fmt: skip
        link = by_circuit[circuit]
        _past_outage(
            link, days_ago=days_ago, hours=hours, cause=cause, resolution=resolution, remark=remark
        )
        start = now - dt.timedelta(days=days_ago)
        silent.append((link, start, start + dt.timedelta(hours=hours)))
    open_now: list[Outage] = []
    # Down now: a panchayat's BharatNet link for four days, past both clocks and escalated.
    gp = by_circuit["BN-JMT-GP003"]
    overdue = outages.outage_open(
        actor=_engineer_of(gp),
        link=gp,
        detected_by=DetectedBy.ENGINEER,
        started_at=now - dt.timedelta(days=4),
        cause=OutageCause.FIBRE_CUT,
        description="Fibre cut by road work; the panchayat bhawan has no internet.",
    )
    open_now.append(overdue)
    # A block office's JharNet link, found by its probe two hours ago.
    block = by_circuit["JHA-JMT-V005"]
    open_now.append(
        outages.outage_open(
            actor=None,
            link=block,
            detected_by=DetectedBy.PROBE,
            started_at=now - dt.timedelta(hours=2),
        )
    )
    silent.append((block, now - dt.timedelta(hours=2), now))
    # East Singhbhum: a block's JharNet link down since this morning, acknowledged by JharNet.
    esb = by_circuit["JHA-ESB-V006"]
    started = now - dt.timedelta(hours=6)
    acknowledged = outages.outage_open(
        actor=_engineer_of(esb),
        link=esb,
        detected_by=DetectedBy.OFFICE,
        started_at=started,
        cause=OutageCause.POWER,
        description="No power at the block office since the morning.",
    )
    open_now.append(
        outages.outage_acknowledge(
            actor=_engineer_of(esb), outage=acknowledged, provider_reference="JN-2026-1187"
        )
    )
    silent.append((esb, started, now))
    # Churu: a BBNL panchayat link.
    bbnl = by_circuit["BBNL-CHU-GP002"]
    open_now.append(
        outages.outage_open(
            actor=_engineer_of(bbnl),
            link=bbnl,
            detected_by=DetectedBy.OFFICE,
            started_at=now - dt.timedelta(hours=26),
            cause=OutageCause.EQUIPMENT,
        )
    )
    outages.escalation_sweep(now=now)
    return open_now, silent


# --- heartbeats ---------------------------------------------------------------------------------


def _heartbeats(
    watched: list[Link], silent: Iterable[tuple[Link, dt.datetime, dt.datetime]], quiet: Link
) -> int:
    """A month of a probe's reports every five minutes (the SLA's interval) for each watched
    link, except while it was down; ``quiet`` stopped reporting 40 minutes ago. The month is
    kept as hour and day roll-ups, the last ``RAW_HOURS`` hours also as raw rows, each written
    in bulk (a few tens of thousands of rows)."""
    zone = timezone.get_current_timezone()
    now = timezone.now()
    step = dt.timedelta(seconds=300)
    hour = dt.timedelta(hours=1)
    current_hour = timezone.localtime(now, zone).replace(minute=0, second=0, microsecond=0)
    first_hour = current_hour - dt.timedelta(days=HEARTBEAT_DAYS)
    today = current_hour.date()
    raw_from = now - dt.timedelta(hours=RAW_HOURS)
    gaps: dict[int, list[tuple[dt.datetime, dt.datetime]]] = {}
    for link, start, end in silent:
        gaps.setdefault(link.pk, []).append((start, end))
    gaps.setdefault(quiet.pk, []).append((now - dt.timedelta(minutes=40), now))
    # The hours' starts, as the district's clock reads them (DST-free zones: fixed steps).
    starts = []
    at = first_hour
    while at <= current_hour:
        starts.append(timezone.localtime(at, zone))
        at += hour
    received = dt.timedelta(seconds=2)
    raw: list[tuple[int, dt.datetime, int]] = []
    hours: list[tuple[Any, ...]] = []
    days: list[LinkDay] = []
    last_heard: dict[int, dt.datetime] = {}
    for link in watched:
        rng = random.Random(link.pk)  # noqa: S311 - demo latencies, not secrets
        pattern = [rng.randint(18, 45) + rng.randint(0, 25) for _ in range(97)]
        link_gaps = gaps.get(link.pk, [])
        per_day: dict[dt.date, list[int]] = {}
        for start in starts:
            end = start + hour
            slots = [start + step * k for k in range(12)]
            slots = [a for a in slots if a < now]
            if any(g_start < end and start < g_end for g_start, g_end in link_gaps):
                slots = [a for a in slots if not any(s <= a < e for s, e in link_gaps)]
            if not slots:
                continue
            offset = len(hours) + len(slots)
            latencies = [pattern[(offset + k) % 97] for k in range(len(slots))]
            last_heard[link.pk] = slots[-1]
            if end > raw_from:
                raw += [
                    (link.pk, a, latency)
                    for a, latency in zip(slots, latencies, strict=True)
                    if a >= raw_from
                ]
            if start >= current_hour:
                continue  # the hour under way is rolled up when it ends
            hours.append(
                (
                    link.pk,
                    start,
                    len(latencies),
                    round(sum(latencies) / len(latencies)),
                    max(latencies),
                )
            )
            per_day.setdefault(start.date(), []).extend(latencies)
        span = (dt.datetime.combine(INSTALLED, dt.time(), zone), None)
        interval = link.sla.heartbeat_seconds if link.sla else 300
        for day_number in range(1, HEARTBEAT_DAYS):
            day = today - dt.timedelta(days=day_number)
            latencies = per_day.get(day, [])
            days.append(
                LinkDay(
                    link_id=link.pk,
                    day=day,
                    beats=len(latencies),
                    expected=health.expected_beats(day, interval, span),
                    latency_avg_ms=round(sum(latencies) / len(latencies)) if latencies else None,
                )
            )
    when = connection.ops.adapt_datetimefield_value
    _insert(Heartbeat, ("link", "at", "received_at", "latency_ms", "loss_percent"),
            [(b[0], when(b[1]), when(b[1] + received), b[2], 0) for b in raw])  # fmt: skip
    _insert(LinkHour, ("link", "hour", "beats", "latency_avg_ms", "latency_max_ms"),
            [(h[0], when(h[1]), *h[2:]) for h in hours])  # fmt: skip
    LinkDay.objects.bulk_create(days, batch_size=2000)
    for link_id, at in last_heard.items():
        Link.objects.filter(pk=link_id).update(last_heartbeat_at=at)
    return len(raw) + len(hours) + len(days)


def _insert(model: type[Model], fields: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """Insert many rows of ``model`` in one prepared statement (tens of thousands of
    measurements: a model instance each would take most of the demo's time)."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)  # type: ignore[union-attr,arg-type]
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({marks})"  # noqa: S608
    with connection.cursor() as cursor:
        for first in range(0, len(rows), 5000):
            cursor.executemany(sql, rows[first : first + 5000])


def _stopped_reporting(link: Link) -> Link:
    """A link whose probe fell silent 40 minutes ago: the sweep's step, as the system."""
    link.refresh_from_db()
    return links.link_transition(actor=None, link=link, action="silent", version=link.version)


# --- speed tests, VC rooms and phones -----------------------------------------------------------


def _speed_tests(made: list[Link]) -> int:
    """A speed test by hand on most links in service in the last three weeks (one in five is
    left untested: due on the engineer's page); East Singhbhum's JharNet block links and some
    panchayats' BharatNet measured well below their committed speed (the note: "झारनेट में
    इंटरनेट स्पीड को बढ़ाने")."""
    now = timezone.now()
    count = 0
    for number, link in enumerate(made):
        link.refresh_from_db()
        if link.status != LinkStatus.ACTIVE or number % 5 == 1:
            continue
        slow = (link.circuit_id.startswith("JHA-ESB") and number % 2 == 0) or (
            link.kind == LinkKind.BHARATNET_GPON and number % 3 == 0
        )
        measured = link.committed_kbps * (40 if slow else 92) // 100
        speed.speed_test_record(
            actor=_engineer_of(link),
            link=link,
            down_kbps=measured,
            up_kbps=measured * 8 // 10,
            latency_ms=35 if not slow else 120,
            place="Server room" if not slow else "Office hall",
            at=now - dt.timedelta(days=(number % 20) + 1, hours=2),
        )
        count += 1
    return count


def _rooms(made: list[Link]) -> int:
    """A VC room per block office of Jamtara and East Singhbhum, at the Collectorates and the
    jails; tested in the last weeks, some passed (ready), some failed, some long ago, Sakchi
    Mandal Jail's never (its VC is still being provided)."""
    now = timezone.now()
    by_office = {link.office_id: link for link in made if link.kind == LinkKind.SWAN_VERTICAL}
    count = 0
    for spec in DISTRICTS[:2]:
        district = _district(spec.name)
        manager = _user(spec.manager)
        offices = [
            _office(district, OfficeKind.DC_OFFICE),
            *Office.objects.filter(
                area__path__startswith=district.path, kind=OfficeKind.JAIL
            ).order_by("pk"),
            *_block_offices(district),
        ]
        for number, office in enumerate(offices):
            name, name_hi = (
                ("VC room", "वीसी कक्ष")
                if office.kind != OfficeKind.DC_OFFICE
                else ("NIC VC studio", "एनआईसी वीसी स्टूडियो")
            )
            room = rooms.room_create(
                actor=manager,
                office=office,
                name=name,
                name_hi=name_hi,
                link=by_office.get(office.pk),
                equipment="VC codec, camera, speakerphone, display",
            )
            count += 1
            if office.kind == OfficeKind.JAIL and spec.name == "East Singhbhum":
                continue  # Sakchi: not yet tested
            # Which test the room last had: passed (most), content sharing failed, too long ago.
            kind = number % 5
            if kind == 3:
                continue  # never tested
            days_ago = 45 if kind == 4 else 2 + number % 9
            rooms.vc_test_record(
                actor=_user(spec.engineer),
                room=room,
                audio_ok=True,
                video_ok=True,
                sharing_ok=kind != 2,
                joined_from="NIC district centre; the Collectorate",
                remark="" if kind != 2 else "Screen sharing fails on the codec.",
                at=now - dt.timedelta(days=days_ago, hours=3),
            )
    return count


def _phones() -> int:
    """IP phones in every block office and at the Collectorate of Jamtara and East Singhbhum
    ("offices will be contacted by IP phone only"); most registered within the day, some not."""
    now = timezone.now()
    count = 0
    for district_number, spec in enumerate(DISTRICTS[:2]):
        district = _district(spec.name)
        manager = _user(spec.manager)
        offices = [_office(district, OfficeKind.DC_OFFICE), *_block_offices(district)]
        reports = []
        for number, office in enumerate(offices):
            posts = list(Post.objects.filter(office=office, seat="").order_by("pk")[:2]) or [None]
            for seat, post in enumerate(posts):
                extension = f"{6 + district_number}{number:02d}{seat + 1}"
                phones.phone_create(
                    actor=manager,
                    office=office,
                    extension=extension,
                    post=post,
                    place="Office desk" if post is None else "",
                    place_hi="कार्यालय डेस्क" if post is None else "",
                    model_name="SIP desk phone",
                )
                count += 1
                if (number + seat) % 4 != 3:  # one in four not registered
                    reports.append({"extension": extension, "registered": True, "at": now})
        phones.phone_registrations_apply(actor=manager, reports=reports)
    return count


# --- directive targets --------------------------------------------------------------------------


def _next_fifteenth() -> dt.date:
    today = timezone.localdate()
    if today.day < 15:
        return today.replace(day=15)
    return (today.replace(day=1) + dt.timedelta(days=32)).replace(day=15)


def _targets() -> int:
    """The sets the notes' directives are about, each followed by its directive."""
    from degs.reviews.models import Directive
    from degs.reviews.services import directive_set_target

    due = _next_fifteenth()
    jamtara, east = _district("Jamtara"), _district("East Singhbhum")
    made = [
        (
            targets.target_create(
                actor=_user("dio.jamtara"),
                name="VC rooms of Jamtara's block offices ready",
                name_hi="जामताड़ा के प्रखंड कार्यालयों के वीसी कक्ष तैयार",
                area=jamtara,
                what=TargetWhat.ROOMS,
                office_kind=OfficeKind.BLOCK_OFFICE,
                due_date=due,
            ),
            None,  # Jamtara's note orders no VC test; East Singhbhum's does (below)
        ),
        (
            targets.target_create(
                actor=_user("dio.jamtara"),
                name="Panchayat bhawans' BharatNet links active",
                name_hi="पंचायत भवनों के भारतनेट लिंक सक्रिय",
                area=jamtara,
                what=TargetWhat.LINKS,
                office_kind=OfficeKind.PANCHAYAT_BHAWAN,
                link_kind=LinkKind.BHARATNET_GPON,
            ),
            "सभी प्रखंड/पंचायत भवनों में इंटरनेट कनेक्शन",
        ),
        (
            targets.target_create(
                actor=_user("dio.eastsinghbhum"),
                name="VC rooms of East Singhbhum's block offices ready",
                name_hi="पूर्वी सिंहभूम के प्रखंड कार्यालयों के वीसी कक्ष तैयार",
                area=east,
                what=TargetWhat.ROOMS,
                office_kind=OfficeKind.BLOCK_OFFICE,
                due_date=due,
            ),
            "सभी प्रखण्ड कार्यालय में वीडियो कांफ्रेंसिंग टेस्ट",
        ),
        (
            targets.target_create(
                actor=_user("dio.jamtara"),
                name="IP phones of Jamtara's offices working",
                name_hi="जामताड़ा के कार्यालयों के आईपी फोन चालू",
                area=jamtara,
                what=TargetWhat.PHONES,
            ),
            None,
        ),
    ]
    for target, order in made:
        if order is None:
            continue
        directive = (
            Directive.objects.filter(meeting__committee__area=target.area, text_hi__contains=order)
            .order_by("pk")
            .first()
        )
        if directive is not None:
            directive_set_target(
                actor=None, directive=directive, target=target, version=directive.version
            )
    return len(made)


# --- the loader ---------------------------------------------------------------------------------


@transaction.atomic
def load_connectivity_demo() -> dict[str, int] | None:
    """Make everything once; None when the demo is already loaded."""
    if Provider.objects.filter(code="jharnet").exists():
        return None
    providers = _providers()
    slas = _slas(providers)
    _contacts(providers)
    made, watched = _links(providers, slas)
    open_now, silent = _outages(made)
    quiet = next(link for link in watched if link.circuit_id == "RAJ-CHU-V004")
    beats = _heartbeats(watched, silent, quiet)
    _stopped_reporting(quiet)
    counts = {
        "providers": len(providers),
        "links": len(made),
        "watched": len(watched),
        "down": len(open_now),
        "rows": beats,
        "speed": _speed_tests(made),
        "rooms": _rooms(made),
        "phones": _phones(),
    }
    counts["targets"] = _targets()
    return counts


def load() -> list[str]:
    """The connectivity app's demo loader (``manage.py load_demo``)."""
    user_line = _churu_engineer()
    counts = load_connectivity_demo()
    lines = ["Demo users added by the network demo:", user_line]
    if counts is None:
        return [*lines, "Network links: the demo is already loaded."]
    return [
        *lines,
        (
            "Network links: {providers} providers, {links} links ({watched} watched by a probe, "
            "{down} down now), {rows} heartbeat rows, {speed} speed tests, {rooms} VC rooms, "
            "{phones} IP phones, {targets} directive targets."
        ).format(**counts),
    ]
