"""Benchmark: the centre registry and the public kiosk locator at 500 and at 50,000 centres.

Times whole requests through Django's test client (middleware, session, queries and template
rendering) for a district CSC manager's centre list with and without filters, a state
administrator's list and the public locator, once on a registry of 500 centres and once on a
state-sized one of 50,000, and prints both side by side (median of --repeat runs, default 20).

Each size lives in its own database, outside the repository, built on the first run and reused
afterwards: the one named by DATABASE_URL (or DEGS_SQLITE_PATH) holds 50,000 centres; the same
name with "_500" appended holds 500. Separate databases, not a second state beside the big one,
because the locator lists every district in the database and the small registry is meant to be
the registry before it grew (small tables, small indexes), not a small state next to a big one.
Both have the same density, about 10.4 centres per gram panchayat, so a block or a panchayat
shows the same number of centres at both sizes and only the size of the registry differs:

    50,000 centres: 24 districts x 10 blocks x 20 panchayats (x 8 villages), 43,465 areas
       500 centres:  2 districts x  3 blocks x  8 panchayats (x 8 villages),    441 areas

PostgreSQL (create both databases once; the script migrates them itself):

    createdb -h 127.0.0.1 -U postgres degs_bench_centres
    createdb -h 127.0.0.1 -U postgres degs_bench_centres_500
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/degs_bench_centres DEGS_ENV=test \
        .venv/bin/python bench/centres_scale.py

SQLite (files /tmp/degs_bench_centres.sqlite3 and /tmp/degs_bench_centres_500.sqlite3):

    DEGS_SQLITE_PATH=/tmp/degs_bench_centres.sqlite3 DEGS_ENV=test \
        .venv/bin/python bench/centres_scale.py

DEGS_ENV=test turns DEBUG off (no query log kept) and runs tasks inline, as on a test server.
Options: --repeat N (runs per page), --explain (print every page's queries with their times and
the plan of each page's slowest one, EXPLAIN (ANALYZE, BUFFERS) on PostgreSQL; without it only
the plan of the slowest query at 50,000),
--size 500|50000 (one size only, in the database named by the environment as it is). The
database name must contain "bench", so a real database is never filled by mistake.

"SQL" is the time of the page's SELECT statements, re-run with the same parameters and every
row fetched (median of --repeat runs); "ms" is the whole request.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.core.management.color import no_style  # noqa: E402
from django.db import OperationalError, connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from degs.accounts.models import RoleGrant, User  # noqa: E402
from degs.accounts.roles import Role  # noqa: E402
from degs.centres.choices import CentreKind, CentreStatus, IdStatus, Premises  # noqa: E402
from degs.centres.models import (  # noqa: E402
    Centre,
    CentreService,
    IdType,
    Operator,
    OperatorId,
)
from degs.core.scoping import path_segment  # noqa: E402
from degs.directory.choices import AreaKind  # noqa: E402
from degs.directory.models import Area  # noqa: E402

STATE_NAME = "Centres Bench State"
SMALL, LARGE = 500, 50_000


@dataclass(frozen=True)
class Shape:
    districts: int
    blocks: int
    panchayats: int
    villages: int


# About 10.4 centres per panchayat at both sizes.
SHAPES = {SMALL: Shape(2, 3, 8, 8), LARGE: Shape(24, 10, 20, 8)}

KINDS = {
    CentreKind.PRAGYA_KENDRA: 45,
    CentreKind.CSC: 30,
    CentreKind.AADHAAR: 7,
    CentreKind.PDS_DEALER: 7,
    CentreKind.JAN_SEVA_KENDRA: 5,
    CentreKind.E_MITRA: 3,
    CentreKind.SEWA_KENDRA: 3,
}
KIND_WORDS = {
    CentreKind.PRAGYA_KENDRA: ("Pragya Kendra", "प्रज्ञा केंद्र"),
    CentreKind.CSC: ("CSC", "सीएससी"),
    CentreKind.AADHAAR: ("Aadhaar Kendra", "आधार केंद्र"),
    CentreKind.PDS_DEALER: ("PDS Dukan", "जन वितरण दुकान"),
    CentreKind.JAN_SEVA_KENDRA: ("Jan Seva Kendra", "जन सेवा केंद्र"),
    CentreKind.E_MITRA: ("e-Mitra", "ई-मित्र"),
    CentreKind.SEWA_KENDRA: ("Sewa Kendra", "सेवा केंद्र"),
}
STATUSES = {
    CentreStatus.ACTIVE: 78,
    CentreStatus.PROPOSED: 10,
    CentreStatus.SUSPENDED: 6,
    CentreStatus.CLOSED: 6,
}
PREMISES = {
    Premises.OWN: 50,
    Premises.PANCHAYAT_BHAWAN: 35,
    Premises.BLOCK_OFFICE: 7,
    Premises.OTHER_OFFICE: 8,
}
PLACES = [
    ("Rampur", "रामपुर"),
    ("Sonpur", "सोनपुर"),
    ("Chandrapura", "चंद्रपुरा"),
    ("Barhi", "बरही"),
    ("Kanke", "कांके"),
    ("Ormanjhi", "ओरमांझी"),
    ("Bundu", "बुंडू"),
    ("Tamar", "तमाड़"),
    ("Silli", "सिल्ली"),
    ("Angara", "अनगड़ा"),
    ("Mandar", "मांडर"),
    ("Bero", "बेड़ो"),
    ("Lapung", "लापुंग"),
    ("Itki", "इटकी"),
    ("Ratu", "रातू"),
    ("Namkum", "नामकुम"),
    ("Murhu", "मुरहू"),
    ("Torpa", "तोरपा"),
    ("Karra", "कर्रा"),
    ("Basia", "बसिया"),
    ("Kamdara", "कामडारा"),
    ("Palkot", "पालकोट"),
    ("Kolebira", "कोलेबिरा"),
    ("Jaldega", "जलडेगा"),
    ("Chainpur", "चैनपुर"),
    ("Dumri", "डुमरी"),
    ("Ghaghra", "घाघरा"),
    ("Bishunpur", "बिशुनपुर"),
    ("Latehar", "लातेहार"),
    ("Manika", "मनिका"),
]
SERVICES = [
    ("edistrict", "e-District certificates", "ई-डिस्ट्रिक्ट प्रमाण पत्र"),
    ("aadhaar", "Aadhaar update", "आधार अद्यतन"),
    ("banking", "Banking (BC)", "बैंकिंग"),
    ("pension", "Pension", "पेंशन"),
    ("ration", "Ration card", "राशन कार्ड"),
    ("bills", "Bill payment", "बिल भुगतान"),
]
SEARCH = "chainp"  # part of one place name in 30: about 1 centre in 30 matches
RESULT_TAG = "RESULT "


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


# --- the registry ------------------------------------------------------------------------------


def build(size: int) -> Area:
    """The state with ``size`` centres, built once and reused while it is the right size."""
    state = Area.objects.filter(kind=AreaKind.STATE, name=STATE_NAME).first()
    if state is not None:
        found = Centre.objects.under(state.path).count()
        if found != size:
            raise SystemExit(
                f"{STATE_NAME} holds {found:,} centres, not {size:,}: drop the database"
            )
        return state
    started = time.perf_counter()
    shape = SHAPES[size]
    rng = random.Random(size)  # the same registry on every machine
    today = timezone.localdate()
    next_pk: dict[type, int] = {
        model: (model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        for model in (Area, Operator, Centre, OperatorId)
    }

    def new_pk(model: type) -> int:
        next_pk[model] += 1
        return next_pk[model] - 1

    areas: list[Area] = []

    def add(kind: str, name: str, parent: Area | None) -> Area:
        pk = new_pk(Area)
        area = Area(
            pk=pk,
            kind=kind,
            name=name,
            name_hi="क्षेत्र",
            parent=parent,
            path=(parent.path if parent else "") + path_segment(pk),
            depth=(parent.depth + 1) if parent else 0,
        )
        areas.append(area)
        return area

    state = add(AreaKind.STATE, STATE_NAME, None)
    panchayats: list[Area] = []
    for d in range(shape.districts):
        district = add(AreaKind.DISTRICT, f"Bench District {d:02d}", state)
        for b in range(shape.blocks):
            block = add(AreaKind.BLOCK, f"Bench Block {d:02d}-{b:02d}", district)
            for g in range(shape.panchayats):
                gp = add(AreaKind.GRAM_PANCHAYAT, f"Panchayat {d:02d}-{b:02d}-{g:02d}", block)
                panchayats.append(gp)
                for v in range(shape.villages):
                    add(AreaKind.VILLAGE, f"Village {d:02d}-{b:02d}-{g:02d}-{v}", gp)

    with transaction.atomic():
        Area.objects.bulk_create(areas, batch_size=2000)
        services = [
            CentreService.objects.get_or_create(code=code, defaults={"name": en, "name_hi": hi})[0]
            for code, en, hi in SERVICES
        ]
        jharseva = IdType.objects.create(
            state=state, code="jharseva", name="JharSeva ID", name_hi="झारसेवा आईडी", rank=1
        )
        csc_id = IdType.objects.create(
            state=state, code="csc", name="CSC ID", name_hi="सीएससी आईडी"
        )

        operators: list[Operator] = []
        ids: list[OperatorId] = []
        centres: list[Centre] = []
        links: list[Any] = []
        through = Centre.services.through
        codes = rng.sample(range(10**11, 10**12), size)  # 12-digit IDs, in no useful order
        for code in codes:
            gp = rng.choice(panchayats)
            kind = _pick(rng, KINDS)
            status = _pick(rng, STATUSES)
            place, place_hi = rng.choice(PLACES)
            word, word_hi = KIND_WORDS[kind]
            operator = None
            if rng.random() < 1 / 3:
                operator = Operator(
                    pk=new_pk(Operator),
                    area=gp,
                    name=f"Operator {len(operators)}",
                    mobile=f"9{rng.randrange(10**9):09d}",
                    aadhaar_last4=f"{rng.randrange(10**4):04d}",
                )
                operators.append(operator)
                for id_type, shares in ((jharseva, (55, 15, 10, 5)), (csc_id, (40, 5, 5, 0))):
                    roll = rng.randrange(100)
                    issued, applied, process, rejected = shares
                    applied_on = today - dt.timedelta(days=rng.randint(10, 700))
                    decided_on = applied_on + dt.timedelta(days=rng.randint(5, 9))
                    if roll < issued:
                        state_of, number = (
                            IdStatus.ISSUED,
                            f"{id_type.code.upper()}{operator.pk:08d}",
                        )
                    elif roll < issued + applied:
                        state_of, number, decided_on = IdStatus.APPLIED, "", None
                    elif roll < issued + applied + process:
                        state_of, number, decided_on = IdStatus.UNDER_PROCESS, "", None
                    elif roll < issued + applied + process + rejected:
                        state_of, number = IdStatus.REJECTED, ""
                    else:
                        continue
                    ids.append(
                        OperatorId(
                            pk=new_pk(OperatorId),
                            operator=operator,
                            id_type=id_type,
                            status=state_of,
                            applied_on=applied_on,
                            number=number,
                            decided_on=decided_on,
                        )
                    )
            located = rng.random() < 0.5
            centre = Centre(
                pk=new_pk(Centre),
                code=str(code),
                name=f"{place} {word}",
                name_hi=f"{place_hi} {word_hi}",
                kind=kind,
                area=gp,
                premises=_pick(rng, PREMISES),
                address=f"Near the panchayat bhawan, {place}",
                address_hi=f"पंचायत भवन के पास, {place_hi}",
                pincode=f"8{rng.randrange(10**5):05d}",
                phone=f"9{rng.randrange(10**9):09d}" if rng.random() < 0.6 else "",
                opening_hours="10:00 to 17:00",
                latitude=Decimal(f"{rng.uniform(22, 25):.6f}") if located else None,
                longitude=Decimal(f"{rng.uniform(83, 88):.6f}") if located else None,
                operator=operator,
                status=status,
                status_since=today - dt.timedelta(days=rng.randint(0, 1500)),
                suspended_until=today + dt.timedelta(days=30)
                if status == CentreStatus.SUSPENDED
                else None,
                complaints_open=rng.choice((0, 0, 0, 0, 1, 2)),
                monthly_transactions=rng.randint(0, 900),
                last_inspected_on=None
                if rng.random() < 0.35
                else today - dt.timedelta(days=rng.randint(0, 540)),
            )
            centres.append(centre)
            if rng.random() < 0.7:
                for service in rng.sample(services, rng.randint(1, 4)):
                    links.append(through(centre_id=centre.pk, centreservice_id=service.pk))
        Operator.objects.bulk_create(operators, batch_size=2000)
        OperatorId.objects.bulk_create(ids, batch_size=2000)
        Centre.objects.bulk_create(centres, batch_size=2000)
        through.objects.bulk_create(links, batch_size=5000)
        with connection.cursor() as cursor:  # rows were given their ids; move sequences past them
            for sql in connection.ops.sequence_reset_sql(
                no_style(), [Area, Operator, Centre, OperatorId]
            ):
                cursor.execute(sql)
    if connection.vendor == "postgresql":
        tables = [m._meta.db_table for m in (Area, Operator, OperatorId, Centre, through)]
        with connection.cursor() as cursor:
            for table in tables:
                cursor.execute(f"VACUUM ANALYZE {table}")
    print(
        f"built {len(areas):,} areas, {len(centres):,} centres, {len(operators):,} operators, "
        f"{len(ids):,} operator IDs and {len(links):,} centre services "
        f"in {time.perf_counter() - started:.0f} s"
    )
    return state


# --- measuring ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    key: str
    label: str
    viewer: str  # "manager" (CSC manager of one district), "admin" (state admin) or "public"
    url: str


def cases(state: Area) -> tuple[list[Case], dict[str, str]]:
    district = Area.objects.filter(parent=state).order_by("path")[1]
    block = Area.objects.filter(parent=district).order_by("path").first()
    panchayat = Area.objects.filter(parent=block).order_by("path").first()
    assert block is not None and panchayat is not None
    listing = reverse("centres:centre_list")
    locator = reverse("centres:locator")

    def at(url: str, **params: Any) -> str:
        return f"{url}?{urlencode(params)}" if params else url

    where = {"district": district.name, "block": block.name, "panchayat": panchayat.name}
    return [
        Case("list", "CSC manager (1 district): list, no filter", "manager", listing),
        Case(
            "list_filters",
            "… status=active, kind=pragya_kendra, premises=panchayat_bhawan",
            "manager",
            at(listing, status="active", kind="pragya_kendra", premises="panchayat_bhawan"),
        ),
        Case(
            "list_without_id",
            "… without_id=jharseva",
            "manager",
            at(listing, without_id="jharseva"),
        ),
        Case("list_q", f"… q={SEARCH}", "manager", at(listing, q=SEARCH)),
        Case(
            "state_active",
            "state admin: list, status=active",
            "admin",
            at(listing, status="active"),
        ),
        Case(
            "locator_block",
            "locator: district + block",
            "public",
            at(locator, district=district.pk, block=block.pk),
        ),
        Case(
            "locator_panchayat",
            "locator: district + block + panchayat",
            "public",
            at(locator, district=district.pk, block=block.pk, panchayat=panchayat.pk),
        ),
        Case(
            "locator_q",
            f"locator: district + q={SEARCH}",
            "public",
            at(locator, district=district.pk, q=SEARCH),
        ),
    ], where


def clients(state: Area) -> dict[str, Client]:
    district = Area.objects.filter(parent=state).order_by("path")[1]
    manager, _ = User.objects.get_or_create(
        username="bench_csc_manager", defaults={"full_name": "Bench CSC manager"}
    )
    RoleGrant.objects.get_or_create(user=manager, role=Role.CSC_MANAGER, area=district)
    admin, _ = User.objects.get_or_create(
        username="bench_state_admin", defaults={"full_name": "Bench state admin"}
    )
    RoleGrant.objects.get_or_create(user=admin, role=Role.STATE_ADMIN, area=state)
    result = {"public": Client()}
    for key, user in (("manager", manager), ("admin", admin)):
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        result[key] = client
    return result


def measure(client: Client, url: str, repeat: int) -> dict[str, Any]:
    for _ in range(2):  # warm caches, templates and the connection
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    recorded: list[tuple[str, Any]] = []

    def record(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        recorded.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        body = client.get(url).content.decode()
    found = re.search(r"([\d,]+) in all", body)
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(url)
        samples.append((time.perf_counter() - start) * 1000)

    selects = [(s, p) for s, p in recorded if s.lstrip().upper().startswith(("SELECT", "WITH"))]
    per_query: list[list[float]] = [[] for _ in selects]
    totals = []
    with connection.cursor() as cursor:
        for _ in range(repeat):
            total = 0.0
            for i, (sql, params) in enumerate(selects):
                start = time.perf_counter()
                cursor.execute(sql, params)
                cursor.fetchall()
                elapsed = (time.perf_counter() - start) * 1000
                per_query[i].append(elapsed)
                total += elapsed
            totals.append(total)
    medians = [statistics.median(times) for times in per_query]
    slowest = max(range(len(selects)), key=medians.__getitem__)
    return {
        "ms": statistics.median(samples),
        "max_ms": max(samples),
        "sql_ms": statistics.median(totals),
        "queries": len(recorded),
        "matches": found.group(1) if found else "?",
        "slowest_ms": medians[slowest],
        "slowest_sql": selects[slowest][0],
        "slowest_params": list(selects[slowest][1] or ()),
        "each_ms": [(ms, _short(sql)) for ms, (sql, _) in zip(medians, selects, strict=True)],
    }


def _short(sql: str) -> str:
    """A query in one short line: its FROM and WHERE (and the start of the select list)."""
    sql = re.sub(r'"[a-z_]+"\.', "", sql)  # drop table prefixes
    head, _, rest = sql.partition(" FROM ")
    return f"{head[:40]}{'…' if len(head) > 40 else ''} FROM {rest}"[:220]


def plan(sql: str, params: list[Any]) -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
            return "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return "\n".join(row[-1] for row in cursor.fetchall())


def database_name() -> str:
    return str(settings.DATABASES["default"]["NAME"])


def run_size(size: int, repeat: int, explain: bool) -> None:
    if settings.DEBUG:
        raise SystemExit("Run with DEGS_ENV=test (or DEGS_DEBUG=0): DEBUG must be off.")
    if "bench" not in database_name():
        raise SystemExit(f"{database_name()} is not a bench database (its name lacks 'bench').")
    try:
        connection.ensure_connection()
    except OperationalError as error:
        raise SystemExit(
            f"cannot open {database_name()} ({error}); create it first, see the docstring"
        ) from error
    call_command("migrate", verbosity=0)
    state = build(size)
    print(
        f"\n== {size:,} centres: {connection.vendor} {database_name()}; "
        f"{Area.objects.under(state.path).count():,} areas, "
        f"{Centre.objects.under(state.path).count():,} centres, "
        f"{Operator.objects.under(state.path).count():,} operators"
    )
    page_cases, where = cases(state)
    print(
        f"   manager's district: {where['district']}; locator: {where['block']}, {where['panchayat']}"
    )
    by_viewer = clients(state)
    results = {}
    for case in page_cases:
        result = measure(by_viewer[case.viewer], case.url, repeat)
        results[case.key] = result | {"label": case.label, "url": case.url}
        print(
            f"   {case.label:<64} {result['ms']:7.1f} ms (max {result['max_ms']:6.1f}), "
            f"SQL {result['sql_ms']:6.1f} ms, {result['queries']:2d} queries, "
            f"{result['matches']:>6} rows  {case.url}"
        )
    worst = max(results.values(), key=lambda r: r["slowest_ms"])
    for result in results.values() if explain else ([worst] if size == LARGE else []):
        if explain:
            print(f"\n-- queries of '{result['label']}' (median ms, re-run with all rows fetched):")
            for ms, sql in result["each_ms"]:
                print(f"   {ms:6.2f}  {sql}")
        print(
            f"\n-- slowest query of '{result['label']}' ({result['slowest_ms']:.1f} ms):\n"
            f"{result['slowest_sql']}\n   params {result['slowest_params']}\n"
            f"{plan(result['slowest_sql'], result['slowest_params'])}"
        )
    summary = {"size": size, "vendor": connection.vendor, "cases": results}
    print(RESULT_TAG + json.dumps(summary, default=str))


# --- both sizes --------------------------------------------------------------------------------


def small_environment() -> dict[str, str]:
    """The environment naming the 500-centre database: the 50,000 one's name plus "_500"."""
    env = dict(os.environ)
    if env.get("DATABASE_URL"):
        url = urlsplit(env["DATABASE_URL"])
        env["DATABASE_URL"] = url._replace(path=f"{url.path}_{SMALL}").geturl()
    elif env.get("DEGS_SQLITE_PATH"):
        path = Path(env["DEGS_SQLITE_PATH"])
        env["DEGS_SQLITE_PATH"] = str(path.with_name(f"{path.stem}_{SMALL}{path.suffix}"))
    else:
        raise SystemExit("Set DATABASE_URL or DEGS_SQLITE_PATH to a bench database (see above).")
    return env


def run_both(repeat: int, explain: bool) -> None:
    summaries: dict[int, dict[str, Any]] = {}
    for size, env in ((SMALL, small_environment()), (LARGE, dict(os.environ))):
        command = [sys.executable, __file__, "--size", str(size), "--repeat", str(repeat)]
        if explain:
            command.append("--explain")
        with subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True) as child:  # noqa: S603
            assert child.stdout is not None
            for line in child.stdout:
                if line.startswith(RESULT_TAG):
                    summaries[size] = json.loads(line[len(RESULT_TAG) :])
                else:
                    print(line, end="", flush=True)
        if child.returncode:
            raise SystemExit(child.returncode)
    small, large = summaries[SMALL]["cases"], summaries[LARGE]["cases"]
    print(f"\n{summaries[LARGE]['vendor']}: median of {repeat} requests, ms (SQL ms, queries)")
    print(f"{'page':<64} {'500 centres':>20} {'50,000 centres':>20} {'ratio':>6}")
    for key, row in large.items():
        before = small[key]
        print(
            f"{row['label']:<64} "
            f"{before['ms']:7.1f} ({before['sql_ms']:5.1f}, {before['queries']:2d})  "
            f"{row['ms']:7.1f} ({row['sql_ms']:5.1f}, {row['queries']:2d})  "
            f"{row['ms'] / before['ms']:5.2f}x"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, choices=sorted(SHAPES))
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args()
    if args.size:
        run_size(args.size, args.repeat, args.explain)
    else:
        run_both(args.repeat, args.explain)


if __name__ == "__main__":
    main()
