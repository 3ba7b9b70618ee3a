"""Benchmark: a 50,000-row centres import and a 40,000-row areas import, each beside a plain
``executemany`` of the same rows into the same tables, in the same run.

The import is the whole of what a user's confirmed file costs: reading the CSV, checking every
row (the dry run's checks, run again at apply time, as the framework does) and writing every row
in one transaction through the import framework (``degs.imports.services.apply``), by a district
administrator, so every row is checked against a jurisdiction. Then the rows the import wrote
are read back from every table it wrote (the centres or areas, their history rows, the centres'
"registered" events) and rolled back, and the same rows are inserted again with
``cursor.executemany`` into the same tables, in one transaction, and rolled back too. Rows per
second are the file's rows over each time; the ratio is import / executemany (aim: 0.3 or more).

The world, built once per database and reused: a state, a district, 10 blocks, 500 gram
panchayats with LGD codes. The centres file gives each of 50,000 centres a code, names in both
languages, a kind, its panchayat's LGD code, an address and a PIN code; the areas file puts
40,000 villages (with LGD codes and Hindi names) under the panchayats by their LGD codes.

PostgreSQL (create the database once; the script migrates it):

    createdb -h 127.0.0.1 -U postgres degs_bench_imports
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/degs_bench_imports DEGS_ENV=test \
        .venv/bin/python bench/import_speed.py

SQLite:

    DEGS_SQLITE_PATH=/tmp/degs_bench_imports.sqlite3 DEGS_ENV=test .venv/bin/python bench/import_speed.py

Options: --centres N, --areas N (rows; defaults 50,000 and 40,000), --repeat N (best of N runs,
default 1). The database name must contain "bench".
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from degs.accounts.models import RoleGrant, User  # noqa: E402
from degs.centres import importing as centres_importing  # noqa: E402
from degs.centres.models import Centre, CentreEvent  # noqa: E402
from degs.core.scoping import path_segment  # noqa: E402
from degs.directory import importing as directory_importing  # noqa: E402
from degs.directory.models import Area  # noqa: E402
from degs.imports import services  # noqa: E402

BLOCKS, PANCHAYATS_PER_BLOCK = 10, 50


class Rollback(Exception):
    pass


def database_name() -> str:
    return str(settings.DATABASES["default"]["NAME"])


def build() -> tuple[User, list[str]]:
    """The district and its panchayats (LGD codes), and a district administrator."""
    state = Area.objects.filter(kind="state", name="Bench State").first()
    if state is None:
        with transaction.atomic():
            state = _area("state", "Bench State", None, "")
            district = _area("district", "Bench District", state, "")
            code = 900000
            for b in range(BLOCKS):
                block = _area("block", f"Bench Block {b}", district, "")
                for p in range(PANCHAYATS_PER_BLOCK):
                    code += 1
                    _area("gram_panchayat", f"Bench Panchayat {b}-{p}", block, str(code))
    district = Area.objects.get(kind="district", name="Bench District")
    admin, _new = User.objects.get_or_create(username="bench.importer")
    RoleGrant.objects.get_or_create(user=admin, role="district_admin", area=district)
    codes = list(
        Area.objects.filter(kind="gram_panchayat", path__startswith=district.path)
        .order_by("lgd_code")
        .values_list("lgd_code", flat=True)
    )
    return admin, codes


def _area(kind: str, name: str, parent: Area | None, code: str) -> Area:
    area = Area.objects.create(
        kind=kind, name=name, parent=parent, lgd_code=code, path=f"pending-{name}"
    )
    area.path = (parent.path if parent else "") + path_segment(area.pk)
    area.depth = parent.depth + 1 if parent else 0
    area.save(update_fields=["path", "depth"])
    return area


def centres_file(rows: int, panchayats: list[str]) -> bytes:
    lines = ["code,name,name_hi,kind,panchayat_lgd_code,address,pincode"]
    for n in range(rows):
        lines.append(
            f"BENCH-{n:06d},Centre {n},केंद्र {n},csc,{panchayats[n % len(panchayats)]},"
            f"Main road {n},8150{n % 90 + 10:02d}"
        )
    return ("\n".join(lines) + "\n").encode()


def areas_file(rows: int, panchayats: list[str]) -> bytes:
    lines = ["kind,lgd_code,name,name_hi,parent_kind,parent_lgd_code,parent_name,is_sample"]
    for n in range(rows):
        parent = panchayats[n % len(panchayats)]
        lines.append(f"village,{7000000 + n},Village {n},गाँव {n},gram_panchayat,{parent},,false")
    return ("\n".join(lines) + "\n").encode()


def _highest(tables: list[str]) -> dict[str, int]:
    with connection.cursor() as cursor:
        found = {}
        for table in tables:
            cursor.execute(f'SELECT COALESCE(MAX(id), 0) FROM "{table}"')  # noqa: S608
            found[table] = cursor.fetchone()[0]
        return found


def _written(tables: list[str], before: dict[str, int]) -> dict[str, tuple[list[str], list[Any]]]:
    """Every row each table gained, as (columns, rows)."""
    written = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f'SELECT * FROM "{table}" WHERE id > %s ORDER BY id', [before[table]])  # noqa: S608
            columns = [c[0] for c in cursor.description]
            written[table] = (columns, cursor.fetchall())
    return written


def measure(
    label: str, rows: int, content: bytes, tables: list[str], run_import: Callable[[bytes], Any]
) -> dict[str, float]:
    before = _highest(tables)
    # The import: read, check every row, write every row; then rolled back.
    written: dict[str, tuple[list[str], list[Any]]] = {}
    try:
        with transaction.atomic():
            start = time.perf_counter()
            report = run_import(content)
            import_seconds = time.perf_counter() - start
            assert report.ok and report.to_create == rows, report.errors[:3]
            written = _written(tables, before)
            raise Rollback
    except Rollback:
        pass
    # The same rows into the same tables by executemany; rolled back too.
    try:
        with transaction.atomic():
            start = time.perf_counter()
            with connection.cursor() as cursor:
                for table in tables:
                    columns, values = written[table]
                    names = ", ".join(f'"{c}"' for c in columns)
                    marks = ", ".join(["%s"] * len(columns))
                    sql = f'INSERT INTO "{table}" ({names}) VALUES ({marks})'  # noqa: S608
                    cursor.executemany(sql, values)
            execute_seconds = time.perf_counter() - start
            raise Rollback
    except Rollback:
        pass
    counts = ", ".join(f"{t} {len(written[t][1]):,}" for t in tables)
    print(f"   {label}: rows written per table: {counts}")
    return {"import": import_seconds, "executemany": execute_seconds}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--centres", type=int, default=50_000)
    parser.add_argument("--areas", type=int, default=40_000)
    parser.add_argument("--repeat", type=int, default=1)
    options = parser.parse_args()
    if settings.DEBUG:
        raise SystemExit("Run with DEGS_ENV=test (or DEGS_DEBUG=0): DEBUG must be off.")
    if "bench" not in database_name():
        raise SystemExit(f"{database_name()} is not a bench database (its name lacks 'bench').")
    call_command("migrate", verbosity=0)
    admin, panchayats = build()
    print(f"== imports on {connection.vendor} {database_name()}")
    centre_tables = [
        Centre._meta.db_table,
        Centre.history.model._meta.db_table,
        CentreEvent._meta.db_table,
    ]
    area_tables = [Area._meta.db_table, Area.history.model._meta.db_table]

    def import_centres(content: bytes) -> Any:
        kind = centres_importing.CENTRES
        table = services.read(kind, "centres.csv", content)
        return services.apply(kind=kind, actor=admin, table=table)

    def import_areas(content: bytes) -> Any:
        kind = directory_importing.AREAS
        table = services.read(kind, "areas.csv", content)
        return services.apply(kind=kind, actor=admin, table=table)

    cases = [
        (
            "centres",
            options.centres,
            centres_file(options.centres, panchayats),
            centre_tables,
            import_centres,
        ),
        ("areas", options.areas, areas_file(options.areas, panchayats), area_tables, import_areas),
    ]
    print(
        f"   {'file':<8} {'rows':>7}  {'import rows/s':>14} {'executemany rows/s':>19} {'ratio':>6}"
    )
    for label, rows, content, tables, run in cases:
        best: dict[str, float] = {}
        for _ in range(options.repeat):
            times = measure(label, rows, content, tables, run)
            best = {k: min(v, best.get(k, v)) for k, v in times.items()}
        rate = rows / best["import"]
        plain = rows / best["executemany"]
        print(
            f"   {label:<8} {rows:>7,}  {rate:>14,.0f} {plain:>19,.0f} {rate / plain:>6.2f}"
            f"   ({best['import']:.2f} s against {best['executemany']:.2f} s)"
        )


if __name__ == "__main__":
    main()
