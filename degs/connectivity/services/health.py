"""Health from outside: a link's probe token, the heartbeats its probe posts, and the sweep that
turns silence into "not reporting" and then into an outage, rolls the heartbeats up by hour and
day and prunes the raw rows (docs/connectivity.md, "Heartbeats and probes").

The ingest is the hot path (5,000 links every few minutes): one read of the link, then the insert
of all the beats that ignores those already stored and the forward-only update of the link's
last heartbeat (one statement on PostgreSQL), both in SQL; a status moves only when the newest
beat is newer than the last one heard.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
import re
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.db.models import Avg, Count, Max, Q
from django.db.models.functions import TruncHour
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from degs.connectivity import workflow
from degs.connectivity.choices import (
    OUTAGE_OPEN,
    DetectedBy,
    LinkStatus,
    SpeedSource,
)
from degs.connectivity.models import (
    Heartbeat,
    Link,
    LinkDay,
    LinkEvent,
    LinkHour,
    MaintenanceWindow,
    Outage,
    Sla,
    SpeedTest,
)
from degs.core.bilingual import sentence
from degs.core.exceptions import ApplicationError, InvalidTransition
from degs.core.permissions import require_capability
from degs.core.workflow import record_change, transition

log = logging.getLogger(__name__)

MAX_BEATS = 500
"""The most beats one post may carry (a probe's backlog is sent in posts of this size)."""

FUTURE_SLACK = dt.timedelta(minutes=5)
"""How far ahead of the server's clock a beat's time may be (the probe's clock drifts)."""

ROLLUP_LOOKBACK = dt.timedelta(hours=2)
"""The sweep rolls up the hours of the heartbeats received this long before it runs: a sweep
every minute sees each late beat many times; a sweep stopped for longer leaves hours to
``connectivity_sweep --rollup-since``."""

DAY_LOOKBACK = 2
"""Finished days the sweep makes sure have their day row (yesterday and the day before)."""

# SLA values for a probe-watched link without an SLA: the SLA table's own defaults.
_DEFAULTS = Sla(heartbeat_seconds=300, missed_beats=3, silence_minutes=15)
_DUMMY_HASH = hashlib.sha256(b"no link").hexdigest()
# What a probe token can look like (``secrets.token_urlsafe(32)`` makes 43 of these characters):
# anything else is no token at all, answered 401 before a link is looked up.
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{20,128}")


class ProbeRefused(ApplicationError):
    """A heartbeat post without the link's token."""

    status = 401
    default_message = gettext_lazy("The probe token is missing or wrong for this link.")


class NoSuchProbeLink(ApplicationError):
    """No link in service takes heartbeats at this address."""

    status = 404
    default_message = gettext_lazy("No link takes heartbeats here.")


def token_digest(token: str) -> str:
    """How a probe token is stored: its SHA-256, in hex."""
    return hashlib.sha256(token.encode()).hexdigest()


def _zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def _sla(link: Link) -> Sla:
    return link.sla if link.sla_id and link.sla is not None else _DEFAULTS


def silent_after(sla: Sla) -> dt.timedelta:
    """How long a probe may be quiet before its link is "not reporting": the missed beats."""
    return dt.timedelta(seconds=sla.heartbeat_seconds * sla.missed_beats)


# --- the probe's token ------------------------------------------------------------------------


def probe_token_issue(*, actor: Any, link: Link) -> str:
    """Make a new probe token for ``link`` (the old one stops working) and return it: it is
    shown once. Stored as its SHA-256 and its first six characters; the event does not hold it."""
    require_capability(actor, workflow.MANAGE, link.area)
    if link.status == LinkStatus.DECOMMISSIONED:
        raise InvalidTransition(_("A decommissioned link takes no heartbeats."))
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        row = Link.objects.select_for_update().get(pk=link.pk)
        replaced = bool(row.probe_token_hash)
        row.probe_token_hash = token_digest(token)
        row.probe_token_hint = token[:6]
        row.save(update_fields=["probe_token_hash", "probe_token_hint", "updated_at"])
        record_change(
            workflow.LINKS,
            row,
            actor=actor,
            action="probe_token",
            remark=sentence(
                gettext_lazy("New probe token %(hint)s…; the old one no longer works.")
                if replaced
                else gettext_lazy("Probe token %(hint)s… made."),
                {"hint": token[:6]},
            ),
            data={"hint": token[:6]},
        )
    link.probe_token_hash, link.probe_token_hint = row.probe_token_hash, row.probe_token_hint
    return token


# --- heartbeats in ----------------------------------------------------------------------------


@dataclass
class IngestResult:
    """What a heartbeat post did: beats stored, beats already stored (a replay), and each
    refused beat with its place in the post and the reason."""

    accepted: int = 0
    duplicates: int = 0
    rejected: list[dict[str, Any]] = field(default_factory=list)
    last_heartbeat_at: dt.datetime | None = None
    status: str = ""


@dataclass
class _Beat:
    at: dt.datetime
    latency_ms: int | None
    loss_percent: int | None
    down_kbps: int | None
    up_kbps: int | None


def _number(value: Any, name: str, *, top: int | None = None) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(name)
    try:
        number = round(float(value))
    except (TypeError, ValueError, OverflowError):
        raise ValueError(name) from None
    if number < 0 or (top is not None and number > top):
        raise ValueError(name)
    return number


def _read_beat(raw: Mapping[str, Any], now: dt.datetime, oldest: dt.datetime) -> _Beat | str:
    """The beat, or why it is refused."""
    text = raw.get("at")
    when: dt.datetime | None = text if isinstance(text, dt.datetime) else None  # the API's
    if isinstance(text, str):
        try:
            when = parse_datetime(text)
        except ValueError:  # well formed but no such time (the 13th month)
            when = None
    if when is None:
        return _("“at” is not a date and time in ISO 8601.")
    if timezone.is_naive(when):
        return _("“at” has no time zone: give its offset, such as +05:30.")
    if when > now + FUTURE_SLACK:
        return _("“at” is more than 5 minutes ahead of the server's clock.")
    if when < oldest:
        return _("“at” is older than the %(days)s days heartbeats are kept.") % {
            "days": settings.DEGS_HEARTBEAT_RAW_DAYS
        }
    limits = {"latency_ms": 600_000, "loss_percent": 100, "down_kbps": 100_000_000}
    values: dict[str, int | None] = {}
    for name in ("latency_ms", "loss_percent", "down_kbps", "up_kbps"):
        try:
            values[name] = _number(raw.get(name), name, top=limits.get(name, 100_000_000))
        except ValueError:
            return _("“%(field)s” is not a number in its range.") % {"field": name}
    return _Beat(at=when, **values)


def _column(name: str, model: type[models.Model] = Heartbeat) -> str:
    field = model._meta.get_field(name)
    return str(field.column) if isinstance(field, models.Field) else name


def _probe_link(link_id: int) -> tuple[str, str, dt.datetime | None] | None:
    """The status, token hash and last heartbeat of the link ``link_id`` if it takes heartbeats
    (there and not decommissioned). One primary-key read in SQL: building it with the ORM cost
    1.3-1.9 ms a post against 0.1 ms for the query itself (docs/performance.md)."""
    quote = connection.ops.quote_name
    status, digest, last, key = (
        quote(_column(name, Link))
        for name in ("status", "probe_token_hash", "last_heartbeat_at", "id")
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {status}, {digest}, {last} FROM {quote(Link._meta.db_table)} "  # noqa: S608 (the model's names)
            f"WHERE {key} = %s AND {status} <> %s",
            [link_id, LinkStatus.DECOMMISSIONED.value],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    value, hashed, heard = row
    if isinstance(heard, str):  # SQLite without the declared type's converter
        heard = parse_datetime(heard)
    if heard is not None and timezone.is_naive(heard):  # SQLite keeps UTC without its offset
        heard = timezone.make_aware(heard, dt.UTC)
    return str(value), str(hashed or ""), heard


def _store_beats(
    link_id: int,
    beats: Sequence[_Beat],
    received: dt.datetime,
    newest: dt.datetime,
    *,
    wait_for_flush: bool = True,
) -> tuple[int, int]:
    """Insert the beats, skipping those already stored (the unique link and time), and move the
    link's last heartbeat to ``newest`` if it is later: the number of rows really inserted and
    whether the link moved (1 or 0). Raw SQL because ``bulk_create`` cannot say how many rows a
    conflict skipped. On PostgreSQL both are one statement (``WITH ins AS (INSERT ... ON
    CONFLICT DO NOTHING) UPDATE ...``: one round trip, atomic alone); SQLite cannot write in a
    ``WITH``, so there they are two statements in the caller's transaction.

    ``wait_for_flush=False`` (PostgreSQL): the transaction commits without waiting for its log
    to reach the disk (``synchronous_commit`` off for it alone, set in the same statement)."""
    quote = connection.ops.quote_name
    adapt = connection.ops.adapt_datetimefield_value
    table = quote(Heartbeat._meta.db_table)
    columns = ", ".join(
        quote(_column(name)) for name in ("link", "at", "received_at", "latency_ms", "loss_percent")
    )
    stamp = adapt(received)
    rows = ", ".join(["(%s, %s, %s, %s, %s)"] * len(beats))
    params: list[Any] = []
    for beat in beats:
        params += [link_id, adapt(beat.at), stamp, beat.latency_ms, beat.loss_percent]
    conflict = ", ".join(quote(_column(name)) for name in ("link", "at"))
    insert = (
        f"INSERT INTO {table} ({columns}) VALUES {rows} "  # noqa: S608 (the model's names)
        f"ON CONFLICT ({conflict}) DO NOTHING"
    )
    last, key = (quote(_column(name, Link)) for name in ("last_heartbeat_at", "id"))
    update = (
        f"UPDATE {quote(Link._meta.db_table)} SET {last} = %s "  # noqa: S608 (the model's names)
        f"WHERE {key} = %s AND ({last} IS NULL OR {last} < %s)"
    )
    moving = [adapt(newest), link_id, adapt(newest)]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            commit = "on" if wait_for_flush else "off"
            cursor.execute(
                f"WITH ins AS ({insert} RETURNING 1), moved AS ({update} RETURNING 1), "  # noqa: S608
                "mode AS (SELECT set_config('synchronous_commit', %s, true) AS value) "
                "SELECT (SELECT count(*) FROM ins), (SELECT count(*) FROM moved), "
                "(SELECT value FROM mode)",
                [*params, *moving, commit],
            )
            inserted, moved, _mode = cursor.fetchone()
            return int(inserted), int(moved)
        cursor.execute(insert, params)
        inserted = max(cursor.rowcount, 0)
        cursor.execute(update, moving)
        return inserted, max(cursor.rowcount, 0)


def heartbeat_ingest(
    *, link_id: int, token: str, beats: Iterable[Mapping[str, Any]], now: dt.datetime | None = None
) -> IngestResult:
    """Store a probe's heartbeats for link ``link_id``.

    Refused whole: no token, or text that cannot be one (401, before any link is read); a
    link that is not there or decommissioned (404, whatever the token); a token that is not
    this link's (401). Each beat is then checked alone (its time given with
    its offset, not over 5 minutes ahead, not older than the raw rows are kept; numbers in
    range) and the good ones stored at once; a beat already stored (a replay) is counted as a
    duplicate and changes nothing. The link's last heartbeat only moves forward, and only a beat
    newer than it moves the link's status: "not reporting" is heard again, and an outage the
    probe opened is closed as recovered at the first beat heard after it began.

    The common post (an active link, new beats, no speed) costs two statements: the link read
    and the insert with the update; a speed value, or a link whose status may move, costs more."""
    now = now or timezone.now()
    if not TOKEN_SHAPE.fullmatch(token or ""):
        raise ProbeRefused
    items = list(beats)
    if len(items) > MAX_BEATS:
        raise ValidationError(
            {"beats": _("Send at most %(count)s heartbeats at a time.") % {"count": MAX_BEATS}}
        )
    found = _probe_link(link_id)
    if found is None:
        hmac.compare_digest(_DUMMY_HASH, token_digest(token or ""))  # the same work as a check
        raise NoSuchProbeLink
    status, digest, previous = found
    if not digest or not hmac.compare_digest(digest, token_digest(token or "")):
        raise ProbeRefused
    oldest = now - dt.timedelta(days=settings.DEGS_HEARTBEAT_RAW_DAYS)
    result = IngestResult(last_heartbeat_at=previous, status=status)
    good: dict[dt.datetime, _Beat] = {}
    for index, raw in enumerate(items):
        beat = _read_beat(raw, now, oldest) if isinstance(raw, Mapping) else _("Not a heartbeat.")
        if isinstance(beat, str):
            result.rejected.append({"index": index, "reason": beat})
        elif beat.at in good:
            result.duplicates += 1  # the same beat twice in one post
        else:
            good[beat.at] = beat
    if not good:
        return result
    newest = max(good)
    # No savepoint: the API runs each write in its own transaction already (core.api), and a
    # failure here fails the whole post.
    with transaction.atomic(savepoint=False):
        # A post for an active link stores measurements only: it commits without waiting for
        # the database's log flush. A crash of the database server can lose the last moment of
        # such beats (as if the probe had missed them; docs/connectivity.md), never a status
        # change, an outage or anything a person wrote, which keep the flush.
        inserted, moved = _store_beats(
            link_id,
            list(good.values()),
            now,
            newest,
            wait_for_flush=status != LinkStatus.ACTIVE,
        )
        result.accepted = inserted
        result.duplicates += len(good) - inserted
        speeds = [
            SpeedTest(
                link_id=link_id,
                at=b.at,
                down_kbps=b.down_kbps,
                up_kbps=b.up_kbps,
                latency_ms=b.latency_ms,
                source=SpeedSource.PROBE,
            )
            for b in good.values()
            if b.down_kbps is not None
        ]
        if speeds:
            SpeedTest.objects.bulk_create(speeds, ignore_conflicts=True)
        result.last_heartbeat_at = max(filter(None, (previous, newest)))
        if moved and status in (LinkStatus.UNKNOWN, LinkStatus.DOWN):
            # The rare post that may move the status: the link read whole for the workflow.
            link = Link.objects.select_related("sla").get(pk=link_id)
            if newest > now - silent_after(_sla(link)):
                result.status = _heard(link, sorted(good), previous, newest)
    return result


def _heard(
    link: Link, times: list[dt.datetime], previous: dt.datetime | None, newest: dt.datetime
) -> str:
    """The link's status after a beat newer than any before: heard again, or recovered."""
    if link.status == LinkStatus.UNKNOWN:
        try:
            row = transition(
                workflow.LINKS,
                link,
                "heard",
                actor=None,
                apply=workflow.status_since(newest),
                data={"heartbeat_at": newest.isoformat()},
            )
        except InvalidTransition:  # another post moved it first
            return link.status
        return str(row.status)
    if link.status == LinkStatus.DOWN:
        outage = (
            Outage.objects.filter(
                link_id=link.pk, status__in=OUTAGE_OPEN, detected_by=DetectedBy.PROBE
            )
            .order_by("-started_at")
            .first()
        )
        if outage is None:  # a person opened it: a person closes it
            return link.status
        back = next((t for t in times if t >= outage.started_at), newest)
        from degs.connectivity.services import outages

        try:
            outages.outage_recover(outage=outage, at=back)
        except (InvalidTransition, ValidationError):  # closed meanwhile
            return link.status
        return str(Link.objects.values_list("status", flat=True).get(pk=link.pk))
    return link.status


def _still_quiet(last: dt.datetime) -> Any:
    """Refuse the "silent" step when a beat came in after the sweep read the link."""

    def gate(row: Link) -> None:
        if row.last_heartbeat_at is not None and row.last_heartbeat_at > last:
            raise InvalidTransition

    return gate


# --- the sweep --------------------------------------------------------------------------------


@dataclass
class SweepResult:
    """What one sweep did."""

    silent: int = 0
    outages: int = 0
    notices: int = 0
    hours: int = 0
    days: int = 0
    pruned: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


def _watched(now: dt.datetime, status: str, extra: dt.timedelta) -> list[tuple[Link, Sla]]:
    """Probe-watched links in ``status`` whose last beat is older than their SLA's missed
    beats plus ``extra`` (and the SLA's silence when ``status`` is "not reporting"): one query
    per SLA in use (SLAs are few; links are thousands)."""
    base = Link.objects.filter(status=status, last_heartbeat_at__isnull=False).exclude(
        probe_token_hash=""
    )
    found: list[tuple[Link, Sla]] = []
    slas = list(Sla.objects.filter(pk__in=base.values("sla_id")))
    groups: list[tuple[Sla, Q]] = [(s, Q(sla_id=s.pk)) for s in slas]
    groups.append((_DEFAULTS, Q(sla__isnull=True)))
    for sla, which in groups:
        wait = silent_after(sla) + extra
        if status == LinkStatus.UNKNOWN:
            wait += dt.timedelta(minutes=sla.silence_minutes)
        for link in base.filter(which, last_heartbeat_at__lt=now - wait).select_related(
            "area", "provider"
        ):
            found.append((link, sla))
    return found


def _in_maintenance(links: list[Link], now: dt.datetime) -> set[int]:
    """The links a maintenance window covers now: their silence is planned work."""
    windows = list(
        MaintenanceWindow.objects.filter(starts_at__lte=now, ends_at__gt=now).select_related("area")
    )
    covered: set[int] = set()
    for link in links:
        for w in windows:
            if w.link_id == link.pk or (
                w.link_id is None
                and w.provider_id == link.provider_id
                and link.area.path.startswith(w.area.path)
            ):
                covered.add(link.pk)
    return covered


def sweep(*, now: dt.datetime | None = None) -> SweepResult:
    """The minute's work (``manage.py connectivity_sweep``): links whose probe missed its beats
    turn "not reporting"; those silent for the SLA's minutes more get an outage opened by the
    probe (not during a maintenance window); the outages' escalations; the finished hours and
    days rolled up; raw heartbeats past ``DEGS_HEARTBEAT_RAW_DAYS`` pruned. Run twice, it
    changes nothing the second time."""
    from degs.connectivity.services import outages

    now = now or timezone.now()
    result = SweepResult()
    for link, sla in _watched(now, LinkStatus.ACTIVE, dt.timedelta(0)):
        last = link.last_heartbeat_at
        if last is None:  # _watched reads only links heard at least once
            continue
        try:
            transition(
                workflow.LINKS,
                link,
                "silent",
                actor=None,
                gate=_still_quiet(last),
                apply=workflow.status_since(last + silent_after(sla)),
                data={"last_heartbeat_at": last.isoformat()},
            )
            result.silent += 1
        except InvalidTransition:  # heard meanwhile
            continue
    quiet = _watched(now, LinkStatus.UNKNOWN, dt.timedelta(0))
    planned = _in_maintenance([link for link, _sla in quiet], now)
    for link, sla in quiet:
        last = link.last_heartbeat_at
        if link.pk in planned or last is None:
            continue
        try:
            outages.outage_open(
                actor=None,
                link=link,
                detected_by=DetectedBy.PROBE,
                started_at=last + dt.timedelta(seconds=sla.heartbeat_seconds),
            )
            result.outages += 1
        except (InvalidTransition, ValidationError) as refused:  # opened meanwhile
            log.info("sweep: no outage opened on link %s: %s", link.pk, refused)
    result.notices = outages.escalation_sweep(now=now)
    changed = rollup_hours(now=now)
    result.hours = len(changed)
    result.days = rollup_days(now=now, touched=changed)
    result.pruned = heartbeats_prune(now=now)
    return result


# --- roll-ups and pruning ---------------------------------------------------------------------


def _hour_start(at: dt.datetime) -> dt.datetime:
    local = timezone.localtime(at, _zone())
    return local.replace(minute=0, second=0, microsecond=0)


def rollup_hours(
    *, now: dt.datetime | None = None, since: dt.datetime | None = None
) -> set[tuple[int, dt.datetime]]:
    """Upsert the ``LinkHour`` of every finished hour (in the district's time) that has beats
    received since ``since`` (by default ``ROLLUP_LOOKBACK`` ago): counted from the raw rows,
    hour by hour for the links that had beats in it (a backlog's old hour reads only its own
    links' rows), written only where the count grew. Returns the (link, hour) pairs written."""
    now = now or timezone.now()
    current = _hour_start(now)
    since = since or now - ROLLUP_LOOKBACK
    fresh = (
        Heartbeat.objects.filter(received_at__gte=since, at__lt=current)
        .annotate(hour=TruncHour("at", tzinfo=_zone()))
        .values_list("link_id", "hour")
        .distinct()
    )
    by_hour: dict[dt.datetime, set[int]] = {}
    for link_id, hour in fresh:
        by_hour.setdefault(hour, set()).add(link_id)
    written: set[tuple[int, dt.datetime]] = set()
    for hour, link_ids in sorted(by_hour.items()):
        links = sorted(link_ids)
        for first in range(0, len(links), 1000):
            written |= _rollup_hour(hour, links[first : first + 1000])
    return written


def _rollup_hour(hour: dt.datetime, link_ids: list[int]) -> set[tuple[int, dt.datetime]]:
    counted = (
        Heartbeat.objects.filter(
            link_id__in=link_ids, at__gte=hour, at__lt=hour + dt.timedelta(hours=1)
        )
        .values("link_id")
        .annotate(n=Count("id"), avg=Avg("latency_ms"), top=Max("latency_ms"))
    )
    stored = {r.link_id: r for r in LinkHour.objects.filter(link_id__in=link_ids, hour=hour)}
    new: list[LinkHour] = []
    grown: list[LinkHour] = []
    for row in counted:
        avg = round(row["avg"]) if row["avg"] is not None else None
        old = stored.get(row["link_id"])
        if old is None:
            new.append(
                LinkHour(
                    link_id=row["link_id"],
                    hour=hour,
                    beats=row["n"],
                    latency_avg_ms=avg,
                    latency_max_ms=row["top"],
                )
            )
        elif row["n"] > old.beats:  # beats are only ever added; pruned ones keep the count
            old.beats, old.latency_avg_ms, old.latency_max_ms = row["n"], avg, row["top"]
            grown.append(old)
    with transaction.atomic():
        LinkHour.objects.bulk_create(new, batch_size=1000, ignore_conflicts=True)
        LinkHour.objects.bulk_update(
            grown, ["beats", "latency_avg_ms", "latency_max_ms"], batch_size=1000
        )
    return {(h.link_id, hour) for h in (*new, *grown)}


def _service_spans(links: list[Link]) -> dict[int, tuple[dt.datetime | None, dt.datetime | None]]:
    """When each link came into service and left it (None: open-ended), from its commission
    and decommission events, else its install and termination dates."""
    zone = _zone()
    spans: dict[int, tuple[dt.datetime | None, dt.datetime | None]] = {}
    for link in links:
        start = (
            dt.datetime.combine(link.install_date, dt.time(), zone) if link.install_date else None
        )
        end = (
            dt.datetime.combine(link.termination_date + dt.timedelta(days=1), dt.time(), zone)
            if link.termination_date
            else None
        )
        if link.status == LinkStatus.DECOMMISSIONED and end is None:
            end = link.status_since
        spans[link.pk] = (start, end)
    events = (
        LinkEvent.objects.filter(
            link_id__in=[link.pk for link in links], action__in=["commission", "decommission"]
        )
        .order_by("at")
        .values_list("link_id", "action", "at")
    )
    for link_id, action, at in events:
        start, end = spans[link_id]
        spans[link_id] = (at, end) if action == "commission" else (start, at)
    return spans


def expected_beats(
    day: dt.date, interval_seconds: int, span: tuple[dt.datetime | None, dt.datetime | None]
) -> int:
    """The heartbeats an SLA's interval asks for in ``day`` (the district's day) while the link
    was in service: whole intervals in the part of the day inside ``span``."""
    zone = _zone()
    start = dt.datetime.combine(day, dt.time(), zone)
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), zone)
    if span[0] is not None:
        start = max(start, span[0])
    if span[1] is not None:
        end = min(end, span[1])
    if end <= start:
        return 0
    return int((end - start).total_seconds() // interval_seconds)


def rollup_days(
    *, now: dt.datetime | None = None, touched: Iterable[tuple[int, dt.datetime]] = ()
) -> int:
    """Upsert the ``LinkDay`` of finished days: the days of the hours just written, and the
    last ``DAY_LOOKBACK`` days for every probe-watched link that has no row for them yet (a
    link silent all day gets its row too: 0 beats of those due). Returns the rows written."""
    now = now or timezone.now()
    zone = _zone()
    today = timezone.localtime(now, zone).date()
    wanted: dict[dt.date, set[int]] = {}
    for link_id, hour in touched:
        day = timezone.localtime(hour, zone).date()
        if day < today:
            wanted.setdefault(day, set()).add(link_id)
    watched = Link.objects.exclude(probe_token_hash="").exclude(
        status__in=[LinkStatus.PLANNED, LinkStatus.PROVISIONING]
    )
    for back in range(1, DAY_LOOKBACK + 1):
        day = today - dt.timedelta(days=back)
        have = set(LinkDay.objects.filter(day=day).values_list("link_id", flat=True))
        missing = set(watched.values_list("pk", flat=True)) - have
        if missing:
            wanted.setdefault(day, set()).update(missing)
    written = 0
    for day, link_ids in sorted(wanted.items()):
        written += _rollup_day(day, sorted(link_ids))
    return written


def _rollup_day(day: dt.date, link_ids: list[int]) -> int:
    zone = _zone()
    start = dt.datetime.combine(day, dt.time(), zone)
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), zone)
    written = 0
    for first in range(0, len(link_ids), 1000):
        chunk = link_ids[first : first + 1000]
        links = list(
            Link.objects.filter(pk__in=chunk)
            .select_related("sla")
            .only(
                "id",
                "status",
                "status_since",
                "install_date",
                "termination_date",
                "sla__heartbeat_seconds",
            )
        )
        spans = _service_spans(links)
        sums: dict[int, list[int]] = {}
        for link_id, beats, avg in LinkHour.objects.filter(
            link_id__in=chunk, hour__gte=start, hour__lt=end
        ).values_list("link_id", "beats", "latency_avg_ms"):
            total = sums.setdefault(link_id, [0, 0, 0])
            total[0] += beats
            if avg is not None:
                total[1] += avg * beats
                total[2] += beats
        stored = {r.link_id: r for r in LinkDay.objects.filter(link_id__in=chunk, day=day)}
        new: list[LinkDay] = []
        changed: list[LinkDay] = []
        for link in links:
            beats, weighted, with_latency = sums.get(link.pk, [0, 0, 0])
            expected = expected_beats(day, _sla(link).heartbeat_seconds, spans[link.pk])
            avg = round(weighted / with_latency) if with_latency else None
            old = stored.get(link.pk)
            if old is None:
                new.append(
                    LinkDay(
                        link_id=link.pk, day=day, beats=beats, expected=expected, latency_avg_ms=avg
                    )
                )
            elif (old.beats, old.expected, old.latency_avg_ms) != (beats, expected, avg):
                old.beats, old.expected, old.latency_avg_ms = beats, expected, avg
                changed.append(old)
            else:
                continue
            written += 1
        with transaction.atomic():
            LinkDay.objects.bulk_create(new, batch_size=1000, ignore_conflicts=True)
            LinkDay.objects.bulk_update(
                changed, ["beats", "expected", "latency_avg_ms"], batch_size=1000
            )
    return written


def heartbeats_prune(*, now: dt.datetime | None = None) -> int:
    """Delete raw heartbeats received more than ``DEGS_HEARTBEAT_RAW_DAYS`` days ago (their
    hours and days are rolled up by then): by the indexed time of receipt."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=settings.DEGS_HEARTBEAT_RAW_DAYS)
    deleted, _kinds = Heartbeat.objects.filter(received_at__lt=cutoff).delete()
    return deleted
