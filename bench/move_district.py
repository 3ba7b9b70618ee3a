"""Benchmark: ``manage.py move_district`` with the demo's laptop database moved into a state's
PostgreSQL (docs/laptop-to-state.md).

    .venv/bin/python bench/move_district.py
    .venv/bin/python bench/move_district.py --laptop /path/degs.sqlite3 --media /path/media

Without ``--laptop`` the demo laptop is built first in a folder of its own: a SQLite file
migrated and loaded with ``manage.py load_demo`` (its four districts, users, meetings, centres,
applications, ledger, links, rollouts, assets and programme figures), about a minute and a half.
Then the PostgreSQL database ``--db`` (default ``degs_bench_move``; the name must contain
"bench") on the server named by ``DEGS_BENCH_PG`` (default postgres://postgres@127.0.0.1:5432)
is dropped, made and migrated, and given what a state's database holds before a district moves
in: the designations every district has, the state's other districts (``--other-districts``,
default 20, so that the state's ids are not the laptop's) and, as the issue says, the laptop's
states and districts themselves with their LGD codes and names. It then times, in this process:

1. a dry run (everything checked, written, proven, rolled back);
2. the move;
3. the same move again, refused for its clashes (how long the refusal takes).

The database is dropped at the end unless ``--keep``. Never run by ``make test``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SERVER = os.environ.get("DEGS_BENCH_PG", "postgres://postgres@127.0.0.1:5432").rstrip("/")


def build_laptop(folder: Path) -> tuple[Path, Path]:
    """The demo's laptop: a SQLite file at this release with the demo loaded, and its uploads."""
    path = folder / "degs.sqlite3"
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEGS_REDIS_URL"}}
    env.update(
        DEGS_ENV="test",
        DEGS_SQLITE_PATH=str(path),
        DEGS_DATA_DIR=str(folder / "data"),
        DEGS_MEDIA_ROOT=str(folder / "media"),
    )
    for command in (["migrate", "--no-input", "-v", "0"], ["load_demo"]):
        started = time.perf_counter()
        subprocess.run(  # noqa: S603 (this interpreter, manage.py, fixed arguments)
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        print(f"-- laptop: {command[0]} {time.perf_counter() - started:.0f} s", flush=True)
    return path, folder / "media"


def setup_state(db: str, laptop: Path, others: int) -> None:
    """The state's database: migrated, with its designations, its other districts and the
    laptop's states and districts as the state's directory already has them."""
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{db}"')
    import django
    from django.core.management import call_command

    django.setup()
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"-- state: migrate {time.perf_counter() - started:.0f} s", flush=True)

    from degs.directory import services
    from degs.directory.choices import AreaKind
    from degs.directory.demo import load_designations

    load_designations()
    with sqlite3.connect(f"file:{laptop}?mode=ro", uri=True) as source:
        rows = source.execute(
            "SELECT id, kind, name, name_hi, lgd_code, parent_id FROM directory_area "
            "WHERE kind IN ('state', 'district') ORDER BY depth, id"
        ).fetchall()
    made = {}
    for pk, kind, name, name_hi, lgd_code, parent in rows:
        made[pk] = services.area_create(
            actor=None,
            kind=kind,
            name=name,
            name_hi=name_hi,
            parent=made.get(parent),
            lgd_code=lgd_code,
        )
        if kind == AreaKind.STATE:
            for n in range(others if not parent else 0):
                services.area_create(
                    actor=None,
                    kind=AreaKind.DISTRICT,
                    name=f"Other district {len(made)}-{n}",
                    name_hi="अन्य जिला",
                    parent=made[pk],
                )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--laptop", type=Path, help="A laptop's database (default: the demo's).")
    parser.add_argument("--media", type=Path, help="Its uploads (default: beside it).")
    parser.add_argument("--db", default="degs_bench_move")
    parser.add_argument("--other-districts", type=int, default=20)
    parser.add_argument("--keep", action="store_true", help="Keep the state's database.")
    args = parser.parse_args()
    if "bench" not in args.db:
        raise SystemExit(f"{args.db} is not a bench database (its name lacks 'bench').")
    folder = Path(tempfile.mkdtemp(prefix="degs_bench_move_"))
    try:
        if args.laptop:
            laptop, media = args.laptop, args.media or args.laptop.parent / "media"
        else:
            laptop, media = build_laptop(folder)
        os.environ["DATABASE_URL"] = f"{SERVER}/{args.db}"
        os.environ["DEGS_ENV"] = "test"
        os.environ["DEGS_MEDIA_ROOT"] = str(folder / "state-media")
        os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
        setup_state(args.db, laptop, args.other_districts)
        run(laptop, media, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        if not args.keep:
            from django.db import connections

            connections.close_all()
            import psycopg

            with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{args.db}" WITH (FORCE)')


def run(laptop: Path, media: Path, folder: Path) -> None:
    from degs.core.moving import MoveRefused, move_district

    size = laptop.stat().st_size
    files = sum(1 for p in media.rglob("*") if p.is_file()) if media.is_dir() else 0
    print(f"-- laptop: {size / 1e6:.1f} MB, {files} files", flush=True)
    for dry_run in (True, False):
        started = time.perf_counter()
        report = move_district(sqlite_path=laptop, media=media, dry_run=dry_run)
        seconds = time.perf_counter() - started
        total = report.totals()
        print(
            f"{'dry run' if dry_run else 'move':8} {seconds:6.1f} s: {total.laptop:,} rows in "
            f"the laptop, {total.matched:,} matched, {total.left:,} left, {total.moved:,} "
            f"moved and proven ({total.moved / seconds:,.0f} rows/s), {report.files} files "
            f"({report.file_bytes / 1e6:.1f} MB); {report.outcome}",
            flush=True,
        )
    report.write(folder / "report.txt")
    for line in report.table_lines():
        print(line)
    started = time.perf_counter()
    try:
        move_district(sqlite_path=laptop, media=media)
    except MoveRefused as refused:
        seconds = time.perf_counter() - started
        clashes = len(refused.report.clashes)
        print(f"again    {seconds:6.1f} s: refused, {clashes:,} clashes", flush=True)


if __name__ == "__main__":
    main()
