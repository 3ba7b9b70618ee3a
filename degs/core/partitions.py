"""Range partitions for the tables that grow without end, on PostgreSQL (docs/partitions.md).

``TABLES`` says which tables are partitioned, by which column and by what period (a month, or
an April-March financial year), and why each one. Tables that other tables' foreign keys point
at (the applications, the indicator values) stay plain: PostgreSQL would need the partition
column in the key they point at (docs/partitions.md says what serves them instead).

Three things use this module, on PostgreSQL only (SQLite keeps plain tables and every entry point
here does nothing there):

- the migrations, which turn each registered table into a partitioned one in place while it is
  small (``partition_in_migration``) and leave a big one to the operator;
- ``manage.py partitions_migrate`` (``partition_table``): the partitioned table is built beside
  the old one, the rows are copied in batches by id while the application keeps writing (a
  trigger notes every row changed meanwhile), and the two are swapped under a short lock;
- the daily ``partitions_ensure`` task and command (``ensure_partitions``): the partitions of
  the coming months, made ahead, under an advisory lock so that two workers may run it at once.

Every partitioned table has a default partition, so a row outside the partitions made (a date
typed wrong, a history loaded from years back) is stored there rather than refused;
``ensure_partitions`` moves such rows into their own partition when it makes one for them.

The primary key of a partitioned table must hold the partition column: it becomes
(id, column) in the database. The models are unchanged and still read, write and delete by
``id``; ``id`` stays unique because every row takes it from the table's identity sequence, moved
to the new table with the rows (docs/partitions.md, "What changes for the code").
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import sys
import time
import zoneinfo
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.conf import settings
from django.db import connections, migrations, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.utils import OperationalError
from django.utils import timezone

MONTH = "month"
FINANCIAL_YEAR = "financial_year"  # 1 April to 31 March, as the government's accounts run

# Partitions are made this many months ahead by the daily task (and by a migration).
AHEAD_MONTHS = 3
# A migration partitions a table in place, under its lock, up to this many rows (well under a
# second of copying); a bigger table is left to ``manage.py partitions_migrate``.
SMALL_TABLE_ROWS = 100_000
# Rows copied in one transaction by ``partition_table``: each batch holds key-share locks on the
# rows its foreign keys point at until it commits (docs/partitions.md).
BATCH_ROWS = 20_000
# How long a DDL statement waits for its table lock before giving up and trying again: a lock
# request queued behind a long report would block every query that comes after it.
LOCK_TIMEOUT = "2s"
LOCK_ATTEMPTS = 10
# The advisory lock's first key (its second is the table's name hashed): one maker of
# partitions at a time per table, whichever process or machine runs it.
_ADVISORY_CLASS = 202620
# Periods outside these years are never given a partition of their own: their rows (a date
# typed wrong) stay in the default partition instead of making hundreds of partitions.
_FIRST_YEAR = 2000
_YEARS_AHEAD = 5


class PartitionError(Exception):
    """A table cannot be partitioned as asked; the message says why (for the operator)."""


@dataclass(frozen=True)
class Partitioned:
    """A table partitioned by range of ``column``, one partition a ``period``. An empty
    partition whose whole period ended more than ``drop_empty_after_months`` ago is dropped by
    the daily task (for raw rows that are pruned anyway)."""

    table: str
    column: str
    period: str
    drop_empty_after_months: int | None = None

    def start_of(self, day: dt.date) -> dt.date:
        """The first day of the period ``day`` falls in."""
        if self.period == MONTH:
            return day.replace(day=1)
        return dt.date(day.year if day.month >= 4 else day.year - 1, 4, 1)

    def after(self, start: dt.date) -> dt.date:
        """The first day of the period after the one starting on ``start``."""
        if self.period == MONTH:
            return _add_months(start, 1)
        return dt.date(start.year + 1, 4, 1)

    def name_of(self, start: dt.date) -> str:
        """The partition's name: ``<table>_p2026_04`` a month, ``<table>_fy2026_27`` a year."""
        if self.period == MONTH:
            return f"{self.table}_p{start:%Y_%m}"
        return f"{self.table}_fy{start.year}_{(start.year + 1) % 100:02d}"

    def start_in(self, name: str) -> dt.date | None:
        """The start of the period a partition of this table was named for (None: not ours)."""
        if self.period == MONTH:
            found = re.fullmatch(re.escape(self.table) + r"_p(\d{4})_(\d{2})", name)
            return dt.date(int(found[1]), int(found[2]), 1) if found else None
        found = re.fullmatch(re.escape(self.table) + r"_fy(\d{4})_\d{2}", name)
        return dt.date(int(found[1]), 4, 1) if found else None

    @property
    def default(self) -> str:
        return f"{self.table}_default"


# Why each table, and why its period (docs/partitions.md has the reads behind each choice):
TABLES: tuple[Partitioned, ...] = (
    # An application's events are read with the application, whatever their date: a financial
    # year a partition keeps the partitions such a read visits to one a year.
    Partitioned("applications_applicationevent", "at", FINANCIAL_YEAR),
    # Documents: read with their application too.
    Partitioned("applications_applicationdocument", "uploaded_at", FINANCIAL_YEAR),
    # The user-charge ledger's lines: statements, month totals and the society's share are
    # read a month at a time, so a month's read opens one partition.
    Partitioned("applications_ledgerentry", "posted_on", MONTH),
    # Raw heartbeats, kept DEGS_HEARTBEAT_RAW_DAYS (14) and then deleted: a month's partition
    # is empty two months after it ends, and is then dropped.
    Partitioned("connectivity_heartbeat", "at", MONTH, drop_empty_after_months=2),
    # A value's history, read by the value's key, which holds its period's start: a read of
    # one value's history opens one partition.
    Partitioned("indicators_datavalueevent", "period_start", FINANCIAL_YEAR),
)
BY_TABLE: dict[str, Partitioned] = {spec.table: spec for spec in TABLES}


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _spec(table: str) -> Partitioned:
    try:
        return BY_TABLE[table]
    except KeyError:
        raise PartitionError(
            f"{table} is not one of the partitioned tables ({', '.join(BY_TABLE)})."
        ) from None


def _postgres(using: str) -> BaseDatabaseWrapper | None:
    connection = connections[using]
    return connection if connection.vendor == "postgresql" else None


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _short(prefix: str, name: str) -> str:
    """A temporary name for an index while two tables hold it (names are per schema)."""
    return f"{prefix}_{hashlib.md5(name.encode(), usedforsecurity=False).hexdigest()[:24]}"


# --- reading the catalogue ------------------------------------------------------------------------


def _one(cursor: Any, sql: str, params: list[Any] | None = None) -> Any:
    cursor.execute(sql, params or [])
    row = cursor.fetchone()
    return None if row is None else row[0]


def _schema(cursor: Any, table: str) -> str | None:
    """The schema the table is found in (the search path's first, as the models find it)."""
    found = _one(
        cursor,
        "SELECT relnamespace::regnamespace::text FROM pg_class WHERE oid = to_regclass(%s)",
        [_q(table)],
    )
    return None if found is None else str(found).strip('"')


def _relkind(cursor: Any, qualified: str) -> str | None:
    """'r' a plain table, 'p' a partitioned one, None when there is none."""
    found = _one(cursor, "SELECT relkind FROM pg_class WHERE oid = to_regclass(%s)", [qualified])
    return None if found is None else str(found)


def state(table: str, *, using: str = "default") -> str:
    """ "partitioned", "plain" or "absent" (and "plain" on SQLite, where nothing is)."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return "plain"
    with connection.cursor() as cursor:
        kind = _relkind(cursor, _q(table))
    return {"p": "partitioned", "r": "plain"}.get(kind or "", "absent")


def _column_type(cursor: Any, qualified: str, column: str) -> str:
    found = _one(
        cursor,
        "SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
        "WHERE attrelid = %s::regclass AND attname = %s AND NOT attisdropped",
        [qualified, column],
    )
    if found not in ("date", "timestamp with time zone"):
        raise PartitionError(f"{qualified}.{column} is {found}, not a date or a timestamp.")
    return str(found)


def _columns(cursor: Any, qualified: str) -> list[str]:
    cursor.execute(
        "SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0 "
        "AND NOT attisdropped ORDER BY attnum",
        [qualified],
    )
    return [row[0] for row in cursor.fetchall()]


def _bound(kind: str, day: dt.date) -> str:
    """A partition bound: the day itself, or its midnight where the districts are (a month of
    events is the month as the district reads it, Asia/Kolkata)."""
    if kind == "date":
        return day.isoformat()
    return dt.datetime.combine(
        day, dt.time(), tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE)
    ).isoformat()


def partitions_of(table: str, *, using: str = "default") -> dict[str, str]:
    """The partitions of ``table`` and their bounds as PostgreSQL writes them ({} if none)."""
    connection = _postgres(using)
    if connection is None:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) FROM pg_inherits i "
            "JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = to_regclass(%s) "
            "ORDER BY c.relname",
            [_q(table)],
        )
        return dict(cursor.fetchall())


# --- locks ----------------------------------------------------------------------------------------


def _timed_out(error: BaseException) -> bool:
    cause = error.__cause__
    return getattr(cause, "sqlstate", None) == "55P03"  # lock_not_available


@contextmanager
def _locked(connection: BaseDatabaseWrapper, table: str) -> Iterator[Any]:
    """A transaction (a savepoint inside one) holding the table's advisory lock, whose DDL
    waits at most LOCK_TIMEOUT for a table lock."""
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        before = _one(cursor, "SELECT current_setting('lock_timeout')")
        # A conversion may hold the advisory lock for a while; wait for it, but not forever.
        cursor.execute("SELECT set_config('lock_timeout', '60s', true)")
        cursor.execute("SELECT pg_advisory_xact_lock(%s, hashtext(%s))", [_ADVISORY_CLASS, table])
        cursor.execute("SELECT set_config('lock_timeout', %s, true)", [LOCK_TIMEOUT])
        yield cursor
        cursor.execute("SELECT set_config('lock_timeout', %s, true)", [before])


@contextmanager
def _converting(connection: BaseDatabaseWrapper, table: str) -> Iterator[None]:
    """One conversion of a table at a time, on any machine: a session's advisory lock held for
    the whole conversion (its steps commit one by one), refused at once if another holds it."""
    key: list[int | str] = [_ADVISORY_CLASS + 1, table]
    with connection.cursor() as cursor:
        if not _one(cursor, "SELECT pg_try_advisory_lock(%s, hashtext(%s))", key):
            raise PartitionError(f"{table} is being partitioned by another process.")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s, hashtext(%s))", key)


def _retrying(work: Callable[[], Any], *, attempts: int = LOCK_ATTEMPTS) -> Any:
    """``work()``, tried again after a pause while it only failed to get a lock in time."""
    for attempt in range(attempts):
        try:
            return work()
        except OperationalError as error:
            if not _timed_out(error) or attempt == attempts - 1:
                raise
            time.sleep(min(0.5 * 2**attempt, 10))
    return None  # not reached


# --- making partitions ----------------------------------------------------------------------------


def _owned_as(cursor: Any, parent: str, child: str) -> None:
    """``child`` owned by ``parent``'s owner, whoever made it (an operator as a superuser):
    the owner's later migrations alter the partitions along with the table."""
    owner = _one(
        cursor, "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = %s::regclass", [parent]
    )
    if owner != _one(cursor, "SELECT current_user"):
        cursor.execute(f"ALTER TABLE {child} OWNER TO {_q(owner)}")


def _make_partition(cursor: Any, spec: Partitioned, schema: str, kind: str, start: dt.date) -> bool:
    """Make the partition of the period starting on ``start`` if it is not there. Rows of that
    period already in the default partition are moved into it. True if it was made."""
    name = f"{_q(schema)}.{_q(spec.name_of(start))}"
    if _relkind(cursor, name) is not None:
        return False
    parent = f"{_q(schema)}.{_q(spec.table)}"
    default = f"{_q(schema)}.{_q(spec.default)}"
    low, high = _bound(kind, start), _bound(kind, spec.after(start))
    column = _q(spec.column)
    bounds = f"FOR VALUES FROM ('{low}') TO ('{high}')"
    in_range = f"{column} >= '{low}' AND {column} < '{high}'"
    strays = _relkind(cursor, default) is not None and _one(
        cursor,
        f"SELECT EXISTS (SELECT 1 FROM {default} WHERE {in_range})",  # noqa: S608 (our names and dates)
    )
    if not strays:
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {name} PARTITION OF {parent} {bounds}")
        _owned_as(cursor, parent, name)
        return True
    # The default partition holds rows of this period: PostgreSQL refuses a partition that
    # would take them. They are moved into the new table, which is then attached (its indexes,
    # keys and foreign keys made by the attachment, as the parent's).
    columns = ", ".join(_q(c) for c in _columns(cursor, parent))
    cursor.execute(
        f"CREATE TABLE {name} (LIKE {parent} INCLUDING DEFAULTS INCLUDING CONSTRAINTS "
        "INCLUDING STORAGE)"
    )
    cursor.execute(
        f"WITH moved AS (DELETE FROM {default} WHERE {in_range} RETURNING {columns}) "  # noqa: S608
        f"INSERT INTO {name} ({columns}) SELECT {columns} FROM moved"
    )
    cursor.execute(f"ALTER TABLE {parent} ATTACH PARTITION {name} {bounds}")
    _owned_as(cursor, parent, name)
    return True


def _period_starts(spec: Partitioned, first: dt.date, last: dt.date) -> list[dt.date]:
    starts, start = [], spec.start_of(first)
    while start <= last:
        starts.append(start)
        start = spec.after(start)
    return starts


def ensure_partitions(
    *,
    ahead: int = AHEAD_MONTHS,
    today: dt.date | None = None,
    since: dt.date | None = None,
    tables: list[str] | None = None,
    using: str = "default",
) -> list[str]:
    """Make the partitions of every partitioned table from this period (or ``since``) to
    ``ahead`` months from ``today``, and drop the empty old ones a table allows dropping.
    Returns the partitions made and dropped ("-name"). Idempotent, and safe when two processes
    run it at once: each table's partitions are made under its advisory lock, each in its own
    transaction, checked again once the lock is held. Does nothing on SQLite, and nothing to a
    table not partitioned yet."""
    connection = _postgres(using)
    if connection is None:
        return []
    today = today or timezone.localdate()
    done: list[str] = []
    for spec in [_spec(t) for t in tables] if tables else TABLES:
        with connection.cursor() as cursor:
            schema = _schema(cursor, spec.table)
            if schema is None or _relkind(cursor, f"{_q(schema)}.{_q(spec.table)}") != "p":
                continue
            kind = _column_type(cursor, f"{_q(schema)}.{_q(spec.table)}", spec.column)
            existing = set(partitions_of(spec.table, using=using))
        for start in _period_starts(spec, since or today, _add_months(today, ahead)):
            if spec.name_of(start) in existing:
                continue
            if _retrying(partial(_make_locked, connection, spec, schema, kind, start)):
                done.append(spec.name_of(start))
        if spec.drop_empty_after_months is not None:
            done += [f"-{name}" for name in _drop_empty(connection, spec, schema, today)]
    return done


def _make_locked(
    connection: BaseDatabaseWrapper, spec: Partitioned, schema: str, kind: str, start: dt.date
) -> bool:
    with _locked(connection, spec.table) as cursor:
        return _make_partition(cursor, spec, schema, kind, start)


def _drop_if_empty(connection: BaseDatabaseWrapper, table: str, qualified: str) -> bool:
    with _locked(connection, table) as cursor:
        if _relkind(cursor, qualified) is None:
            return False
        if _one(cursor, f"SELECT EXISTS (SELECT 1 FROM {qualified})"):  # noqa: S608 (our name)
            return False
        cursor.execute(f"DROP TABLE {qualified}")
        return True


def _drop_empty(
    connection: BaseDatabaseWrapper, spec: Partitioned, schema: str, today: dt.date
) -> list[str]:
    """Drop the table's partitions that are empty and whose period ended more than
    ``drop_empty_after_months`` months before this one."""
    cutoff = spec.start_of(_add_months(today, -(spec.drop_empty_after_months or 0)))
    dropped = []
    for name in partitions_of(spec.table, using=connection.alias):
        start = spec.start_in(name)
        if start is None or spec.after(start) > cutoff:
            continue
        qualified = f"{_q(schema)}.{_q(name)}"
        if _retrying(partial(_drop_if_empty, connection, spec.table, qualified)):
            dropped.append(name)
    return dropped


# --- turning a plain table into a partitioned one -------------------------------------------------


@dataclass
class Conversion:
    """What ``partition_table`` did: rows copied in batches, rows copied again because they
    changed during the copy, the partitions made, the whole time and the time the table was
    locked for the swap (seconds)."""

    table: str
    rows: int = 0
    replayed: int = 0
    partitions: int = 0
    seconds: float = 0.0
    lock_seconds: float = 0.0
    kept: str | None = None  # the old table, when kept


@dataclass
class _Rename:
    real: str
    temporary: str


class _Swap:
    """The steps of moving one table's rows into a partitioned table beside it and swapping
    the two. Every name is qualified with the table's schema."""

    def __init__(self, connection: BaseDatabaseWrapper, spec: Partitioned) -> None:
        self.connection = connection
        self.spec = spec
        with connection.cursor() as cursor:
            schema = _schema(cursor, spec.table)
        if schema is None:
            raise PartitionError(f"There is no table {spec.table}.")
        self.schema = schema
        self.table = self._qualified(spec.table)
        self.new = self._qualified(f"{spec.table}__partitioned")
        self.old_name = f"{spec.table}__unpartitioned"
        self.old = self._qualified(self.old_name)
        self.log = self._qualified(f"{spec.table}__changes")
        self.function = self._qualified(f"{spec.table}__note_change")
        self.trigger = _q(f"{spec.table}__note_change")
        self.renames: list[_Rename] = []
        self.columns: list[str] = []
        self.kind = ""

    def _qualified(self, name: str) -> str:
        return f"{_q(self.schema)}.{_q(name)}"

    @property
    def column_list(self) -> str:
        return ", ".join(_q(c) for c in self.columns)

    def check(self, cursor: Any) -> None:
        """Refuse what the swap cannot carry: a table others point at, triggers of its own,
        exclusion constraints, a table without ``id``."""
        kind = _relkind(cursor, self.table)
        if kind == "p":
            raise PartitionError(f"{self.spec.table} is partitioned already.")
        if kind != "r":
            raise PartitionError(f"There is no table {self.spec.table}.")
        if _relkind(cursor, self.old) is not None:
            raise PartitionError(
                f"{self.old_name} is there from an earlier swap: look at it and drop it first."
            )
        cursor.execute(
            "SELECT conname, conrelid::regclass::text FROM pg_constraint "
            "WHERE contype = 'f' AND confrelid = %s::regclass",
            [self.table],
        )
        pointing = cursor.fetchall()
        if pointing:
            raise PartitionError(
                f"{self.spec.table} is pointed at by foreign keys ("
                + ", ".join(f"{t}.{n}" for n, t in pointing)
                + "): a partitioned table can be pointed at only by keys holding its partition "
                "column."
            )
        cursor.execute(
            "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal "
            "AND tgname <> %s",
            [self.table, self.trigger.strip('"')],
        )
        if cursor.fetchall():
            raise PartitionError(f"{self.spec.table} has triggers of its own: not carried over.")
        if _one(
            cursor,
            "SELECT count(*) FROM pg_constraint WHERE conrelid = %s::regclass AND contype = 'x'",
            [self.table],
        ):
            raise PartitionError(f"{self.spec.table} has exclusion constraints: not carried over.")
        self.columns = _columns(cursor, self.table)
        if "id" not in self.columns:
            raise PartitionError(f"{self.spec.table} has no id column.")
        self.kind = _column_type(cursor, self.table, self.spec.column)

    def clear_leftovers(self, cursor: Any) -> None:
        """What an interrupted run left behind: the new table, the change log and its trigger."""
        cursor.execute(f"DROP TRIGGER IF EXISTS {self.trigger} ON {self.table}")
        cursor.execute(f"DROP FUNCTION IF EXISTS {self.function}()")
        cursor.execute(f"DROP TABLE IF EXISTS {self.log}")
        cursor.execute(f"DROP TABLE IF EXISTS {self.new}")

    def periods(self, cursor: Any, today: dt.date, ahead: int) -> list[dt.date]:
        """The periods the table's rows fall in, and this one to ``ahead`` months on."""
        column = _q(self.spec.column)
        local = column if self.kind == "date" else f"({column} AT TIME ZONE %s)"
        params = [] if self.kind == "date" else [settings.TIME_ZONE]
        cursor.execute(
            f"SELECT DISTINCT date_trunc('month', {local})::date FROM {self.table}",  # noqa: S608
            params,
        )
        first, last = dt.date(_FIRST_YEAR, 1, 1), dt.date(today.year + _YEARS_AHEAD, 12, 31)
        starts = {
            self.spec.start_of(row[0]) for row in cursor.fetchall() if first <= row[0] <= last
        }
        starts.update(_period_starts(self.spec, today, _add_months(today, ahead)))
        return sorted(starts)

    def build(self, cursor: Any, starts: list[dt.date]) -> int:
        """The partitioned table beside the old one: the same columns, defaults, checks and
        identity; its primary key and unique keys with the partition column added; the same
        indexes and foreign keys; its owner and grants; the partitions. Returns how many."""
        column = _q(self.spec.column)
        cursor.execute(
            f"CREATE TABLE {self.new} (LIKE {self.table} INCLUDING DEFAULTS INCLUDING IDENTITY "
            "INCLUDING CONSTRAINTS INCLUDING STORAGE INCLUDING COMMENTS INCLUDING GENERATED) "
            f"PARTITION BY RANGE ({column})"
        )
        self._owner_and_grants(cursor)
        self.renames = []
        # The primary key and the unique constraints.
        cursor.execute(
            "SELECT c.conname, c.contype, pg_get_constraintdef(c.oid) FROM pg_constraint c "
            "WHERE c.conrelid = %s::regclass AND c.contype IN ('p', 'u') ORDER BY c.conname",
            [self.table],
        )
        for name, _kind, definition in cursor.fetchall():
            temporary = _short("pn", name)
            cursor.execute(
                f"ALTER TABLE {self.new} ADD CONSTRAINT {_q(temporary)} "
                + _with_column(definition, self.spec.column)
            )
            self.renames.append(_Rename(name, temporary))
        # The other indexes, as they are; a unique one takes the partition column too.
        cursor.execute(
            "SELECT c.relname, pg_get_indexdef(i.indexrelid), i.indisunique FROM pg_index i "
            "JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = %s::regclass AND NOT "
            "EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid) ORDER BY 1",
            [self.table],
        )
        for name, definition, unique in cursor.fetchall():
            temporary = _short("pn", name)
            cursor.execute(
                _index_on(definition, temporary, self.new, self.spec.column if unique else None)
            )
            self.renames.append(_Rename(name, temporary))
        # Foreign keys keep their names: those are the table's own, not the schema's.
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype = 'f' ORDER BY conname",
            [self.table],
        )
        for name, definition in cursor.fetchall():
            cursor.execute(f"ALTER TABLE {self.new} ADD CONSTRAINT {_q(name)} {definition}")
        default = self._qualified(self.spec.default)
        cursor.execute(f"CREATE TABLE {default} PARTITION OF {self.new} DEFAULT")
        _owned_as(cursor, self.table, default)
        for start in starts:
            name = self._qualified(self.spec.name_of(start))
            low, high = _bound(self.kind, start), _bound(self.kind, self.spec.after(start))
            cursor.execute(
                f"CREATE TABLE {name} PARTITION OF {self.new} FOR VALUES FROM ('{low}') TO ('{high}')"
            )
            _owned_as(cursor, self.table, name)
        return len(starts) + 1

    def _owner_and_grants(self, cursor: Any) -> None:
        _owned_as(cursor, self.table, self.new)
        cursor.execute(
            "SELECT a.privilege_type, CASE WHEN a.grantee = 0 THEN 'PUBLIC' "
            "ELSE a.grantee::regrole::text END FROM pg_class c, aclexplode(c.relacl) a "
            "WHERE c.oid = %s::regclass AND a.grantee <> c.relowner",
            [self.table],
        )
        for privilege, grantee in cursor.fetchall():
            cursor.execute(f"GRANT {privilege} ON {self.new} TO {grantee}")

    def start_noting_changes(self, cursor: Any) -> None:
        """From now on every row inserted, changed or deleted in the old table is noted by id,
        to be copied again. (Creating the trigger waits for the writers in flight: every row
        not noted afterwards was committed before and is copied by the batches.)"""
        cursor.execute(f"CREATE UNLOGGED TABLE {self.log} (id bigint NOT NULL)")
        cursor.execute(
            f"CREATE FUNCTION {self.function}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "  # noqa: S608
            f"IF TG_OP = 'DELETE' THEN INSERT INTO {self.log} VALUES (OLD.id); "
            f"ELSE INSERT INTO {self.log} VALUES (NEW.id); "
            f"IF TG_OP = 'UPDATE' AND NEW.id <> OLD.id THEN INSERT INTO {self.log} "
            "VALUES (OLD.id); END IF; END IF; RETURN NULL; END $$"
        )
        cursor.execute(
            f"CREATE TRIGGER {self.trigger} AFTER INSERT OR UPDATE OR DELETE ON {self.table} "
            f"FOR EACH ROW EXECUTE FUNCTION {self.function}()"
        )

    def id_range(self, cursor: Any) -> tuple[int, int]:
        cursor.execute(f"SELECT coalesce(min(id), 0), coalesce(max(id), 0) FROM {self.table}")  # noqa: S608
        low, high = cursor.fetchone()
        return int(low), int(high)

    def copy_ids(self, cursor: Any, after: int, up_to: int) -> int:
        cursor.execute(
            f"INSERT INTO {self.new} ({self.column_list}) SELECT {self.column_list} "  # noqa: S608
            f"FROM {self.table} WHERE id > %s AND id <= %s",
            [after, up_to],
        )
        return int(cursor.rowcount)

    def replay(self, cursor: Any, limit: int | None) -> int:
        """Copy again the rows noted as changed (at most ``limit`` notes; all when None): what
        the new table holds of them is replaced by what the old one holds now."""
        taken = (
            f"DELETE FROM {self.log} WHERE ctid = ANY(ARRAY(SELECT ctid FROM {self.log} LIMIT {int(limit)}))"  # noqa: S608
            if limit is not None
            else f"DELETE FROM {self.log}"  # noqa: S608
        )
        cursor.execute(f"WITH taken AS ({taken} RETURNING id) SELECT DISTINCT id FROM taken")  # noqa: S608
        ids = [row[0] for row in cursor.fetchall()]
        if ids:
            cursor.execute(f"DELETE FROM {self.new} WHERE id = ANY(%s)", [ids])  # noqa: S608
            cursor.execute(
                f"INSERT INTO {self.new} ({self.column_list}) SELECT {self.column_list} "  # noqa: S608
                f"FROM {self.table} WHERE id = ANY(%s)",
                [ids],
            )
        return len(ids)

    def pending(self, cursor: Any) -> int:
        return int(_one(cursor, f"SELECT count(*) FROM {self.log}"))  # noqa: S608

    def fingerprint(self, cursor: Any, qualified: str, *, noted: bool) -> tuple[int, int]:
        """Rows and a sum of their hashes, leaving out the rows noted as changed (``noted``)."""
        unnoted = (
            f" WHERE NOT EXISTS (SELECT 1 FROM {self.log} l WHERE l.id = t.id)"  # noqa: S608
            if noted
            else ""
        )
        cursor.execute(
            "SELECT count(*), coalesce(sum(hashtextextended(t::text, 0)::numeric), 0) "  # noqa: S608
            f"FROM {qualified} t{unnoted}"
        )
        rows, digest = cursor.fetchone()
        return int(rows), int(digest)

    def move_identity(self, cursor: Any) -> None:
        """The new table's ids go on from where the old table's stopped."""
        sequence = _one(cursor, "SELECT pg_get_serial_sequence(%s, 'id')", [self.table])
        if sequence is None:
            return
        cursor.execute(f"SELECT last_value, is_called FROM {sequence}")  # noqa: S608
        last_value, called = cursor.fetchone()
        last = int(last_value) if called else int(last_value) - 1
        last = max(last, int(_one(cursor, f"SELECT coalesce(max(id), 0) FROM {self.new}")))  # noqa: S608
        identity = _one(
            cursor,
            "SELECT attidentity FROM pg_attribute WHERE attrelid = %s::regclass AND attname = 'id'",
            [self.table],
        )
        if identity:
            # The old table's identity goes with it; the new table's own identity (LIKE ...
            # INCLUDING IDENTITY) takes its name and goes on from the last id.
            cursor.execute(f"ALTER TABLE {self.table} ALTER COLUMN id DROP IDENTITY")
            mine = _one(cursor, "SELECT pg_get_serial_sequence(%s, 'id')", [self.new])
            cursor.execute(f"ALTER SEQUENCE {mine} RENAME TO {_q(self.spec.table + '_id_seq')}")
            sequence = _one(cursor, "SELECT pg_get_serial_sequence(%s, 'id')", [self.new])
        else:  # a serial column: the same sequence, now the new table's
            cursor.execute(f"ALTER TABLE {self.table} ALTER COLUMN id DROP DEFAULT")
            cursor.execute(f"ALTER SEQUENCE {sequence} OWNED BY {self.new}.id")
            cursor.execute(
                f"ALTER TABLE {self.new} ALTER COLUMN id SET DEFAULT nextval(%s)", [sequence]
            )
        if last >= 1:
            cursor.execute("SELECT setval(%s, %s, true)", [sequence, last])
        else:
            cursor.execute("SELECT setval(%s, 1, false)", [sequence])

    def swap_names(self, cursor: Any) -> None:
        """The new table and its indexes take the old ones' names; the old table is renamed."""
        for rename in self.renames:
            cursor.execute(
                f"ALTER INDEX {self._qualified(rename.real)} RENAME TO {_q(_short('po', rename.real))}"
            )
            cursor.execute(
                f"ALTER INDEX {self._qualified(rename.temporary)} RENAME TO {_q(rename.real)}"
            )
        cursor.execute(f"ALTER TABLE {self.table} RENAME TO {_q(self.old_name)}")
        cursor.execute(f"ALTER TABLE {self.new} RENAME TO {_q(self.spec.table)}")

    def stop_noting_changes(self, cursor: Any) -> None:
        cursor.execute(f"DROP TRIGGER IF EXISTS {self.trigger} ON {self.table}")
        cursor.execute(f"DROP FUNCTION IF EXISTS {self.function}()")
        cursor.execute(f"DROP TABLE IF EXISTS {self.log}")

    def retire_old(self, cursor: Any, *, keep: bool) -> None:
        """Drop the old table; or keep its rows without its foreign keys, which would otherwise
        still refuse the deletion of the rows it points at."""
        if not keep:
            cursor.execute(f"DROP TABLE {self.old}")
            return
        cursor.execute(
            "SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass AND contype = 'f'",
            [self.old],
        )
        for (name,) in cursor.fetchall():
            cursor.execute(f"ALTER TABLE {self.old} DROP CONSTRAINT {_q(name)}")


def _with_column(definition: str, column: str) -> str:
    """A PRIMARY KEY or UNIQUE constraint's definition with ``column`` among its columns."""
    found = re.match(r"^(PRIMARY KEY|UNIQUE(?: NULLS NOT DISTINCT)?) \(([^)]*)\)(.*)$", definition)
    if found is None:
        raise PartitionError(f"Cannot read the constraint {definition!r}.")
    columns = [c.strip() for c in found[2].split(",")]
    if column not in columns and _q(column) not in columns:
        columns.append(_q(column))
    return f"{found[1]} ({', '.join(columns)}){found[3]}"


def _index_on(definition: str, name: str, table: str, add_column: str | None) -> str:
    """An index's definition (``pg_get_indexdef``) renamed ``name``, on ``table``, with
    ``add_column`` appended to its key columns when given and not there yet."""
    found = re.match(r"^CREATE (UNIQUE )?INDEX \S+ ON (?:ONLY )?\S+ USING (\w+) \(", definition)
    if found is None:
        raise PartitionError(f"Cannot read the index {definition!r}.")
    depth, position = 1, found.end()
    while depth:  # the key columns' closing bracket (expressions hold brackets of their own)
        char = definition[position]
        depth += {"(": 1, ")": -1}.get(char, 0)
        position += 1
    keys = definition[found.end() : position - 1]
    if add_column and add_column not in [
        k.strip().split(" ")[0].strip('"') for k in keys.split(",")
    ]:
        keys += f", {_q(add_column)}"
    return (
        f"CREATE {found[1] or ''}INDEX {_q(name)} ON {table} USING {found[2]} ({keys})"
        + definition[position:]
    )


def _lock(cursor: Any, qualified: str) -> None:
    """The table locked against every other reader and writer (waited for at most
    LOCK_TIMEOUT, the caller's transaction then fails and is tried again)."""
    cursor.execute("SELECT set_config('lock_timeout', %s, true)", [LOCK_TIMEOUT])
    cursor.execute(f"LOCK TABLE {qualified} IN ACCESS EXCLUSIVE MODE")


def _prepare(swap: _Swap, today: dt.date, ahead: int) -> int:
    """Steps 1 and 2, each lock held for as short a time as it can be: the periods are read
    without one; making the table locks the tables its foreign keys point at until it commits;
    the trigger waits for the writers in flight and holds theirs back until it commits."""
    with _locked(swap.connection, swap.spec.table) as cursor:
        swap.check(cursor)
        swap.clear_leftovers(cursor)
    with swap.connection.cursor() as cursor:
        starts = swap.periods(cursor, today, ahead)
    with _locked(swap.connection, swap.spec.table) as cursor:
        made = swap.build(cursor, starts)
    with _locked(swap.connection, swap.spec.table) as cursor:
        swap.start_noting_changes(cursor)
    return made


def _catch_up(swap: _Swap, batch_rows: int, rounds: int = 50) -> int:
    """Copy again the rows noted as changed, round after round while the application writes,
    until few are left (the rest are copied under the lock). Returns how many."""
    replayed = 0
    for _round in range(rounds):
        with transaction.atomic(using=swap.connection.alias), swap.connection.cursor() as cursor:
            done = swap.replay(cursor, batch_rows)
            left = swap.pending(cursor)
        replayed += done
        if left < 1000 and done < batch_rows:
            break
    return replayed


def _finish(swap: _Swap) -> tuple[float, int]:
    """Under the lock: the last changed rows, the identity, the names. Returns the seconds the
    table was locked and the rows copied again."""
    with _locked(swap.connection, swap.spec.table) as cursor:
        _lock(cursor, swap.table)
        locked = time.monotonic()
        replayed = swap.replay(cursor, None)
        swap.stop_noting_changes(cursor)
        swap.move_identity(cursor)
        swap.swap_names(cursor)
    return time.monotonic() - locked, replayed


def _retire(swap: _Swap, keep: bool) -> None:
    # Dropping the old table's foreign keys takes a moment's lock on the tables they point at.
    with _locked(swap.connection, swap.spec.table) as cursor:
        swap.retire_old(cursor, keep=keep)


def _convert(
    swap: _Swap,
    batch_rows: int,
    keep_old: bool,
    ahead: int,
    today: dt.date | None,
    say: Callable[[str], None],
    on_batch: Callable[[int], None] | None,
) -> Conversion:
    result = Conversion(table=swap.spec.table)
    result.partitions = _retrying(partial(_prepare, swap, today or timezone.localdate(), ahead))
    try:
        _copy_and_check(swap, result, batch_rows, say, on_batch)
    except BaseException:
        # Stopped before the swap (an error, Ctrl-C): the table stays as it was, without the
        # trigger noting its changes and without the half-made copy (if the connection still
        # answers; otherwise ``abandon`` clears them later).
        with suppress(Exception):
            _retrying(partial(_abandon, swap))
        raise
    result.lock_seconds, replayed = _retrying(partial(_finish, swap))
    result.replayed += replayed
    _retrying(partial(_retire, swap, keep_old))
    result.kept = swap.old_name if keep_old else None
    with swap.connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {swap.table}")
    return result


def _copy_and_check(
    swap: _Swap,
    result: Conversion,
    batch_rows: int,
    say: Callable[[str], None],
    on_batch: Callable[[int], None] | None,
) -> None:
    """Steps 3 and 4: the batches, the rounds of changed rows, the check."""
    connection, table, using = swap.connection, swap.spec.table, swap.connection.alias
    say(f"{table}: {result.partitions} partitions made beside it; copying.")
    with connection.cursor() as cursor:
        low, high = swap.id_range(cursor)
    after = low - 1
    while after < high:
        up_to = min(after + batch_rows, high)
        with transaction.atomic(using=using), connection.cursor() as cursor:
            result.rows += swap.copy_ids(cursor, after, up_to)
        after = up_to
        if on_batch is not None:
            on_batch(result.rows)
    say(f"{table}: {result.rows} rows copied; copying the rows changed meanwhile.")
    result.replayed += _catch_up(swap, batch_rows)
    with transaction.atomic(using=using), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        before = swap.fingerprint(cursor, swap.table, noted=True)
        copied = swap.fingerprint(cursor, swap.new, noted=True)
    if before != copied:
        raise PartitionError(
            f"{table}: the copy differs from the table ({copied[0]} rows against {before[0]}); "
            "nothing was swapped, the table is as it was."
        )
    say(f"{table}: the copy holds the same {before[0]} rows; swapping under a lock.")
    result.replayed += _catch_up(swap, batch_rows)  # what was written during the check


def partition_table(
    table: str,
    *,
    batch_rows: int = BATCH_ROWS,
    keep_old: bool = False,
    ahead: int = AHEAD_MONTHS,
    today: dt.date | None = None,
    say: Callable[[str], None] | None = None,
    on_batch: Callable[[int], None] | None = None,
    using: str = "default",
) -> Conversion:
    """Turn the registered plain ``table`` into a partitioned one while the application keeps
    reading and writing it; only the last step locks it (``Conversion.lock_seconds``).

    1. The partitioned table is made beside it (``<table>__partitioned``) with the partitions
       of every period its rows fall in and the coming ones, and a default partition.
    2. A trigger notes the id of every row inserted, changed or deleted from then on.
    3. The rows are copied in batches of ``batch_rows`` ids, each batch its own transaction
       (``on_batch`` is told the rows copied so far after each); then the rows noted are copied
       again, round after round, while the application writes.
    4. The copy is checked: the same rows, row for row (a count and a sum of row hashes over
       every row not noted as changed, in one snapshot of both tables).
    5. Under an exclusive lock on the old table (waited for at most LOCK_TIMEOUT, tried again
       otherwise): the last noted rows copied again, the identity moved, the names swapped.
    6. The old table is dropped (``keep_old``: kept as ``<table>__unpartitioned`` without its
       foreign keys) and the new one analysed.

    Must run outside a transaction (each step commits). An interrupted run leaves the old table
    as it was, in use; running it again starts over."""
    started = time.monotonic()
    say = say or (lambda _text: None)
    spec = _spec(table)
    connection = _postgres(using)
    if connection is None:
        raise PartitionError("Partitions are for PostgreSQL; SQLite keeps plain tables.")
    if connection.in_atomic_block:
        raise PartitionError("partition_table commits as it goes: call it outside a transaction.")
    swap = _Swap(connection, spec)
    with _converting(connection, table):
        result = _convert(swap, batch_rows, keep_old, ahead, today, say, on_batch)
    result.seconds = time.monotonic() - started
    say(
        f"{table}: partitioned; {result.rows} rows copied, {result.replayed} copied again, "
        f"locked {result.lock_seconds * 1000:.0f} ms, {result.seconds:.1f} s in all."
    )
    return result


def _abandon(swap: _Swap) -> None:
    with _locked(swap.connection, swap.spec.table) as cursor:
        swap.clear_leftovers(cursor)


def left_halfway(table: str, *, using: str = "default") -> bool:
    """Whether a conversion of ``table`` killed before its swap (``kill -9``, a lost
    connection) left its trigger and half-made copy behind."""
    connection = _postgres(using)
    if connection is None:
        return False
    swap = _Swap(connection, _spec(table))
    with connection.cursor() as cursor:
        return _relkind(cursor, swap.new) is not None or _relkind(cursor, swap.log) is not None


def abandon(table: str, *, using: str = "default") -> bool:
    """Clear what a killed conversion of the still plain ``table`` left behind (the trigger
    noting its changes, the change log, the half-made copy); refused while a conversion runs.
    Returns whether there was anything."""
    connection = _postgres(using)
    if (
        connection is None
        or state(table, using=using) != "plain"
        or not left_halfway(table, using=using)
    ):
        return False
    swap = _Swap(connection, _spec(table))
    with _converting(connection, table):
        _retrying(partial(_abandon, swap))
    return True


def _small(swap: _Swap, today: dt.date, ahead: int) -> Conversion:
    result = Conversion(table=swap.spec.table)
    with _locked(swap.connection, swap.spec.table) as cursor:
        swap.check(cursor)
        _lock(cursor, swap.table)
        swap.clear_leftovers(cursor)
        result.partitions = swap.build(cursor, swap.periods(cursor, today, ahead))
        result.rows = swap.copy_ids(cursor, -(2**62), 2**62)
        swap.move_identity(cursor)
        swap.swap_names(cursor)
        swap.retire_old(cursor, keep=False)
    return result


def partition_small(
    table: str, *, ahead: int = AHEAD_MONTHS, today: dt.date | None = None, using: str = "default"
) -> Conversion:
    """The same conversion in one transaction (a savepoint in the caller's), the table locked
    throughout: for a table small enough (a migration on a new or small install,
    SMALL_TABLE_ROWS). Needs no change log and no check: nothing else writes meanwhile."""
    started = time.monotonic()
    connection = _postgres(using)
    if connection is None:
        raise PartitionError("Partitions are for PostgreSQL; SQLite keeps plain tables.")
    swap = _Swap(connection, _spec(table))
    with _converting(connection, table):
        result: Conversion = _retrying(partial(_small, swap, today or timezone.localdate(), ahead))
    result.seconds = result.lock_seconds = time.monotonic() - started
    return result


def partition_in_migration(*tables: str) -> migrations.RunPython:
    """The migration step that partitions ``tables`` on PostgreSQL: in place when a table holds
    at most SMALL_TABLE_ROWS rows (a new install, a small one); a bigger table is left plain,
    working as before, with a line saying to run ``manage.py partitions_migrate`` for it. Going
    back leaves the tables partitioned: the models work the same on both."""

    def forwards(apps: Any, schema_editor: Any) -> None:
        connection = schema_editor.connection
        if connection.vendor != "postgresql":
            return
        for table in tables:
            if state(table, using=connection.alias) != "plain":
                continue
            with connection.cursor() as cursor:
                rows = _one(
                    cursor,
                    f"SELECT count(*) FROM (SELECT 1 FROM {_q(table)} LIMIT %s) s",  # noqa: S608
                    [SMALL_TABLE_ROWS + 1],
                )
            if rows > SMALL_TABLE_ROWS:
                sys.stdout.write(
                    f"\n  {table} holds more than {SMALL_TABLE_ROWS} rows and stays a plain "
                    f"table for now: run `manage.py partitions_migrate {table}` "
                    "(docs/partitions.md).\n"
                )
                continue
            partition_small(table, using=connection.alias)

    return migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False)
