"""Benchmark: turning a plain table of 5 million rows into a partitioned one with
``partition_table`` (``manage.py partitions_migrate``) while the application keeps writing to it
and reading it: the time the table is locked, the whole time, and what a writer and a reader
waited.

    .venv/bin/python bench/partitions_migrate.py                              # 5 million heartbeats
    .venv/bin/python bench/partitions_migrate.py --table applications_applicationevent
    .venv/bin/python bench/partitions_migrate.py --rows 500000 --keep

The table is built as an install made before partitioning has it: the database is migrated,
then the table is dropped and made again plain by Django's own ``CREATE TABLE``, and filled with
``INSERT ... SELECT generate_series`` in chunks, its rows spread over the twelve months before
today.

- ``connectivity_heartbeat`` (the default): narrow rows; a primary key, a unique key on the link
  and time, an index on the time received, a foreign key to the links. ``--links`` links (500),
  each reporting every 53 minutes (as if raw rows were kept a year).
- ``applications_applicationevent``: wider rows (texts, a JSON column); three foreign keys (the
  application, the actor, the post) and their indexes. The demo district is loaded first
  (``load_demo``) and the events point at its applications, users and posts.

During the conversion a writer thread inserts one row every 20 ms (its own connection, as a
probe's post or a filing) and a reader thread counts one link's last day of heartbeats (one
application's events) every 20 ms; each records how long every statement took. Afterwards the
row count is checked (the rows loaded plus every row the writer inserted) and a second, small
table (``--small-rows``, the largest a migration partitions in place, SMALL_TABLE_ROWS) is
converted by ``partition_small`` to measure that lock too.

The database (default ``degs_bench_partitions``, its name must contain "bench") is made fresh on
``DEGS_BENCH_PG`` (default postgres://postgres@127.0.0.1:5432) and dropped at the end unless
``--keep``. Results go to /tmp/degs_bench_partitions.json. Figures: docs/partitions.md.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SERVER = os.environ.get("DEGS_BENCH_PG", "postgres://postgres@127.0.0.1:5432").rstrip("/")
HEARTBEATS = "connectivity_heartbeat"
EVENTS = "applications_applicationevent"
CHUNK = 500_000
RESULT = Path(tempfile.gettempdir()) / "degs_bench_partitions.json"  # the last run


def step(message: str) -> float:
    print(f"-- {message}", flush=True)
    return time.perf_counter()


def create_database(db: str) -> None:
    import psycopg

    if "bench" not in db:
        raise SystemExit(f"{db} is not a bench database (its name lacks 'bench').")
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{db}"')


def drop_database(db: str) -> None:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')


def setup_django(db: str) -> None:
    os.environ["DATABASE_URL"] = f"{SERVER}/{db}"
    os.environ.setdefault("DEGS_ENV", "test")  # DEBUG off, no query log, tasks inline
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def make_plain(table: str) -> None:
    """The table as an install from before partitioning has it."""
    from django.apps import apps
    from django.db import connection

    model = next(m for m in apps.get_models() if m._meta.db_table == table)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {table} CASCADE")
    with connection.schema_editor() as editor:
        editor.create_model(model)


def make_links(count: int) -> list[int]:
    from degs.connectivity.choices import LinkKind, LinkStatus, Network
    from degs.connectivity.models import Link, Provider
    from degs.directory import services
    from degs.directory.choices import AreaKind

    state = services.area_create(actor=None, kind=AreaKind.STATE, name="Bench", name_hi="बेंच")
    district = services.area_create(
        actor=None, kind=AreaKind.DISTRICT, name="Bench district", name_hi="बेंच जिला", parent=state
    )
    provider = Provider.objects.create(
        code="bench", name="Bench", name_hi="बेंच", network=Network.BHARATNET
    )
    links = Link.objects.bulk_create(
        Link(
            provider=provider,
            circuit_id=f"BENCH-{n:05d}",
            kind=LinkKind.BHARATNET_GPON,
            committed_kbps=10_000,
            area=district,
            status=LinkStatus.ACTIVE,
        )
        for n in range(count)
    )
    return [link.pk for link in links]


def demo_keys() -> dict[str, list[int]]:
    """The demo district's applications, users and posts, for the events to point at."""
    from django.core.management import call_command

    from degs.accounts.models import User
    from degs.applications.models import Application
    from degs.directory.models import Post

    call_command("load_demo", verbosity=0)
    return {
        "applications": list(Application.objects.values_list("pk", flat=True)),
        "users": list(User.objects.values_list("pk", flat=True)),
        "posts": list(Post.objects.values_list("pk", flat=True)),
    }


HEARTBEAT_ROWS = (
    f"INSERT INTO {HEARTBEATS} (link_id, at, received_at, latency_ms, loss_percent) "  # noqa: S608
    "SELECT k, now() - interval '365 days' + make_interval(secs => g * %(every)s + k), "
    "now() - interval '365 days' + make_interval(secs => g * %(every)s + k + 2), "
    "(random() * 200)::int, (random() * 3)::int "
    "FROM generate_series(%(first)s, %(last)s) g, unnest(%(keys)s::bigint[]) k"
)
EVENT_ROWS = (
    f"INSERT INTO {EVENTS} (kind, action, from_status, to_status, remark, remark_hi, at, "  # noqa: S608
    "actor_id, application_id, post_id, data) "
    "SELECT 'acted', 'verify', 'submitted', 'verified', 'Verified the documents at the office', "
    "'कार्यालय में दस्तावेज़ों का सत्यापन किया', "
    "now() - interval '365 days' + make_interval(secs => (g * %(n)s + i) * %(every)s), "
    "(%(users)s::bigint[])[1 + (g + k) %% %(u)s], k, (%(posts)s::bigint[])[1 + g %% %(p)s], "
    "jsonb_build_object('step', g %% 7) "
    "FROM generate_series(%(first)s, %(last)s) g, unnest(%(keys)s::bigint[]) WITH ORDINALITY u(k, i)"
)


def load(table: str, rows: int, keys: dict[str, list[int]]) -> float:
    """``rows`` rows, each key's (link's, application's) spread evenly over the last 365 days."""
    from django.db import connection

    owners = keys["links"] if table == HEARTBEATS else keys["applications"]
    per_key = rows // len(owners)
    params: dict[str, Any] = {
        "every": 365 * 24 * 3600 / per_key / (1 if table == HEARTBEATS else len(owners)),
        "keys": owners,
        "n": len(owners),
        "users": keys.get("users", []),
        "u": len(keys.get("users", [])) or 1,
        "posts": keys.get("posts", []),
        "p": len(keys.get("posts", [])) or 1,
    }
    step_rows = max(CHUNK // len(owners), 1)
    started = time.perf_counter()
    done = 0
    with connection.cursor() as cursor:
        for first in range(0, per_key, step_rows):
            params.update(first=first, last=min(first + step_rows, per_key) - 1)
            cursor.execute(HEARTBEAT_ROWS if table == HEARTBEATS else EVENT_ROWS, params)
            done += cursor.rowcount
            print(f"   loaded {done:>11,} / {per_key * len(owners):,}", flush=True)
        cursor.execute(f"VACUUM ANALYZE {table}")
    return time.perf_counter() - started


class Worker(threading.Thread):
    """One statement every 20 ms on a connection of its own, each one timed."""

    def __init__(self, db: str, sql: str, params: Any) -> None:
        super().__init__(daemon=True)
        self.db, self.sql, self.params = db, sql, params
        self.stop = threading.Event()
        self.times: list[tuple[float, float]] = []  # (started, seconds)
        self.done = 0
        self.errors: list[str] = []

    def run(self) -> None:
        import psycopg

        with psycopg.connect(f"{SERVER}/{self.db}", autocommit=True) as conn:
            n = 0
            while not self.stop.is_set():
                n += 1
                started = time.perf_counter()
                try:
                    cursor = conn.execute(self.sql, self.params(n))
                    self.done += max(cursor.rowcount, 0) if self.sql.startswith("INSERT") else 1
                except psycopg.Error as error:  # counted and shown, never raised
                    self.errors.append(str(error).splitlines()[0])
                self.times.append((started, time.perf_counter() - started))
                time.sleep(0.02)


def summary(times: list[tuple[float, float]]) -> dict[str, float]:
    ms = sorted(seconds * 1000 for _started, seconds in times)
    if not ms:
        return {}
    return {
        "count": len(ms),
        "median_ms": round(statistics.median(ms), 2),
        "p99_ms": round(ms[int(len(ms) * 0.99) - 1 if len(ms) > 1 else 0], 2),
        "max_ms": round(ms[-1], 2),
    }


def workers(db: str, table: str, keys: dict[str, list[int]]) -> tuple[Worker, Worker]:
    if table == HEARTBEATS:
        links = keys["links"]
        return Worker(
            db,
            f"INSERT INTO {table} (link_id, at, received_at, latency_ms) "  # noqa: S608
            "VALUES (%s, clock_timestamp(), clock_timestamp(), 20) ON CONFLICT DO NOTHING",
            lambda n: [links[n % len(links)]],
        ), Worker(
            db,
            f"SELECT count(*) FROM {table} WHERE link_id = %s AND at > now() - interval '1 day'",  # noqa: S608
            lambda n: [links[n % len(links)]],
        )
    applications = keys["applications"]
    return Worker(
        db,
        f"INSERT INTO {table} (kind, action, from_status, to_status, remark, remark_hi, at, "  # noqa: S608
        "application_id, data) VALUES ('acted', 'verify', 'submitted', 'verified', '', '', "
        "clock_timestamp(), %s, '{}')",
        lambda n: [applications[n % len(applications)]],
    ), Worker(
        db,
        f"SELECT count(*) FROM {table} WHERE application_id = %s",  # noqa: S608
        lambda n: [applications[n % len(applications)]],
    )


def count(table: str) -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608
        return int(cursor.fetchone()[0])


def convert_big(db: str, table: str, keys: dict[str, list[int]], batch: int) -> dict[str, Any]:
    from degs.core.partitions import partition_table, partitions_of

    writer, reader = workers(db, table, keys)
    before = count(table)
    writer.start()
    reader.start()
    time.sleep(1)
    shown = [0]

    def progress(rows: int) -> None:
        if rows - shown[0] >= 1_000_000:
            shown[0] = rows
            print(f"   copied {rows:>11,}", flush=True)

    started = time.perf_counter()
    result = partition_table(table, batch_rows=batch, say=print, on_batch=progress)
    ended = time.perf_counter()
    time.sleep(1)
    writer.stop.set()
    reader.stop.set()
    writer.join()
    reader.join()
    after = count(table)
    return {
        "table": table,
        "rows": before,
        "batch_rows": batch,
        "partitions": len(partitions_of(table)),
        "copied": result.rows,
        "copied_again": result.replayed,
        "seconds": round(result.seconds, 1),
        "lock_ms": round(result.lock_seconds * 1000, 1),
        "rows_after": after,
        "writer_rows": writer.done,
        "rows_match": after == before + writer.done,
        "rows_in_default": count(f"{table}_default"),
        "writes_during": summary([(s, t) for s, t in writer.times if started <= s <= ended]),
        "reads_during": summary([(s, t) for s, t in reader.times if started <= s <= ended]),
        "writer_errors": writer.errors[:5],
        "reader_errors": reader.errors[:5],
    }


def convert_small(table: str, rows: int, keys: dict[str, list[int]]) -> dict[str, Any]:
    from degs.core.partitions import partition_small

    make_plain(table)
    load(table, rows, keys)
    result = partition_small(table)
    return {"rows": count(table), "lock_ms": round(result.lock_seconds * 1000, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--table", choices=[HEARTBEATS, EVENTS], default=HEARTBEATS)
    parser.add_argument("--rows", type=int, default=5_000_000)
    parser.add_argument("--links", type=int, default=500)
    parser.add_argument("--batch", type=int, default=None, help="ids a copy transaction")
    parser.add_argument("--small-rows", type=int, default=None)
    parser.add_argument("--db", default="degs_bench_partitions")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    table = args.table
    t = step(f"database {args.db}, migrated")
    create_database(args.db)
    setup_django(args.db)
    from django.core.management import call_command

    from degs.core.partitions import BATCH_ROWS, SMALL_TABLE_ROWS

    call_command("migrate", verbosity=0)
    print(f"   {time.perf_counter() - t:.0f} s", flush=True)
    try:
        if table == HEARTBEATS:
            keys = {"links": make_links(args.links)}
        else:
            step("the demo district (load_demo), for the events to point at")
            keys = demo_keys()
        make_plain(table)
        step(f"{args.rows:,} rows into a plain {table}")
        loaded = load(table, args.rows, keys)
        print(f"   {loaded:.0f} s", flush=True)
        step("partition_table, with a writer and a reader every 20 ms")
        big = convert_big(args.db, table, keys, args.batch or BATCH_ROWS)
        small_rows = args.small_rows or SMALL_TABLE_ROWS
        step(f"partition_small on {small_rows:,} rows (a migration's in-place conversion)")
        small = convert_small(table, small_rows, keys)
    finally:
        if not args.keep:
            drop_database(args.db)
    results = {"load_seconds": round(loaded, 1), "partition_table": big, "partition_small": small}
    RESULT.write_text(json.dumps(results, indent=2))
    print(json.dumps(results, indent=2))
    print(f"-- written to {RESULT}")


if __name__ == "__main__":
    main()
