"""Benchmark: scoped queries on a state-sized area tree.

Builds (once) a state of 24 districts, 10 blocks each, 20 gram panchayats per block and
8 villages per panchayat (~43,000 areas) plus an office per panchayat, in the database named by
DATABASE_URL (use a throwaway one, outside the repo), then times the queries every page makes.

    createdb -h 127.0.0.1 -U postgres degs_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/degs_bench DEGS_ENV=test \
        .venv/bin/python manage.py migrate -v 0
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/degs_bench DEGS_ENV=test \
        .venv/bin/python bench/directory_scope.py
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.db import connection, transaction  # noqa: E402

from degs.accounts.models import RoleGrant, User  # noqa: E402
from degs.accounts.roles import Role  # noqa: E402
from degs.core.scoping import path_segment  # noqa: E402
from degs.directory import selectors  # noqa: E402
from degs.directory.choices import AreaKind, OfficeKind  # noqa: E402
from degs.directory.models import Area, Office  # noqa: E402

DISTRICTS, BLOCKS, GPS, VILLAGES = 24, 10, 20, 8


def build() -> None:
    if Area.objects.filter(name="Bench State").exists():
        return
    rows: list[Area] = []
    offices: list[Office] = []
    next_id = (Area.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1

    def add(kind: str, name: str, parent: Area | None) -> Area:
        nonlocal next_id
        area = Area(
            pk=next_id,
            kind=kind,
            name=name,
            name_hi="क्षेत्र",
            parent=parent,
            path=(parent.path if parent else "") + path_segment(next_id),
            depth=(parent.depth + 1) if parent else 0,
        )
        next_id += 1
        rows.append(area)
        return area

    state = add(AreaKind.STATE, "Bench State", None)
    for d in range(DISTRICTS):
        district = add(AreaKind.DISTRICT, f"Bench District {d}", state)
        for b in range(BLOCKS):
            block = add(AreaKind.BLOCK, f"Bench Block {d}-{b}", district)
            for g in range(GPS):
                gp = add(AreaKind.GRAM_PANCHAYAT, f"Bench GP {d}-{b}-{g}", block)
                offices.append(
                    Office(area=gp, kind=OfficeKind.PANCHAYAT_BHAWAN, name=f"Bhawan {d}-{b}-{g}")
                )
                for v in range(VILLAGES):
                    add(AreaKind.VILLAGE, f"Bench Village {d}-{b}-{g}-{v}", gp)
    with transaction.atomic():
        Area.objects.bulk_create(rows, batch_size=5000)
        Office.objects.bulk_create(offices, batch_size=5000)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE directory_area; ANALYZE directory_office;")


def timed(label: str, func, repeat: int = 20) -> None:  # type: ignore[no-untyped-def]
    func()  # warm
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        samples.append((time.perf_counter() - start) * 1000)
    print(f"{label:<62} median {statistics.median(samples):7.2f} ms   max {max(samples):7.2f} ms")


def main() -> None:
    build()
    print(
        f"database: {connection.vendor}; areas: {Area.objects.count():,}; offices: {Office.objects.count():,}"
    )
    district = Area.objects.get(name="Bench District 7")
    block = Area.objects.get(name="Bench Block 7-3")
    bdo, _ = User.objects.get_or_create(username="bench_bdo")
    RoleGrant.objects.get_or_create(user=bdo, role=Role.BLOCK_OFFICER, area=block)
    dc, _ = User.objects.get_or_create(username="bench_dc")
    RoleGrant.objects.get_or_create(user=dc, role=Role.DISTRICT_ADMIN, area=district)

    timed(
        "count everything under one district (1 query)",
        lambda: Area.objects.under(district.path).count(),
    )
    timed("BDO: visible areas, first page of 50", lambda: list(Area.objects.visible_to(bdo)[:50]))
    timed("DC: visible offices count", lambda: Office.objects.visible_to(dc).count())
    children = list(Area.objects.filter(parent=district))
    timed(
        "DC: counts per kind under each of 10 blocks (2 queries)",
        lambda: selectors.subtree_counts(areas=children),
    )
    state_children = list(Area.objects.filter(parent__name="Bench State"))
    timed(
        "state: counts under each of 24 districts (2 queries)",
        lambda: selectors.subtree_counts(areas=state_children),
        repeat=5,
    )
    timed(
        "BDO: jurisdiction lookup (fresh user object)",
        lambda: Area.objects.roots_for(User.objects.get(pk=bdo.pk)).count(),
    )

    if connection.vendor == "postgresql":
        sql, params = Area.objects.under(district.path).values("id").query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN " + sql, params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        print("\nplan for 'everything under one district':\n" + plan)


if __name__ == "__main__":
    main()
