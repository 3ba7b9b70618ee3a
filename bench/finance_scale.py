"""Benchmark: the DeGS fund at state size: 100,000 assets in the register and 1,000,000 ledger
legs, against the fund statement and the GFR 12-A utilisation certificate at 1,000 legs.

    .venv/bin/python bench/finance_scale.py                              # the issue's size
    .venv/bin/python bench/finance_scale.py --legs 100000 --assets 10000 # quicker

Each run drops and makes its own PostgreSQL database (``--db``, default ``degs_bench_fund``;
the name must contain "bench") on the server named by ``DEGS_BENCH_PG`` (default
postgres://postgres@127.0.0.1:5432), migrates it and loads:

- one state of 24 districts, 10 blocks each, a block office per block and a collectorate per
  district; the chart of accounts (the finance app's data migration) and a book per district
  with three fund heads (user charges, state grant, interest);
- ``--assets`` assets (default 100,000) spread over the offices, in five categories, with
  statuses, costs and dates (``INSERT ... SELECT ... generate_series``);
- the first district's ledger over ten financial years (April 2017 to now): grant sanctions
  (two a year), and entries of two legs each, receipts (bank / user charges, grants against a
  sanction, interest) and payments (equipment, maintenance, office / bank) at random dates,
  written as the application writes them: the entry unposted, its legs, then ``posted`` set
  true, so the database's triggers check each entry's balance and add it to the month totals.

The reads are measured twice in the same district, as its district administrator: after the
first ``--small`` legs (default 1,000) and after all ``--legs`` (default 1,000,000): median of
``--repeat`` runs of ``fund_statement`` for the current financial year, and of
``utilisation_certificate`` for the state-grant head and the last whole financial year, in
process, and their pages (the statement, the certificate's HTML and PDF) through Django's
test client when the project has them. Results go to /tmp/degs_bench_fund.json. Never run by
``make test``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SERVER = os.environ.get("DEGS_BENCH_PG", "postgres://postgres@127.0.0.1:5432").rstrip("/")
RESULT = Path(tempfile.gettempdir()) / "degs_bench_fund.json"
DISTRICTS = 24
BLOCKS = 10
FIRST_YEAR = 2017  # financial years from April 2017
CATEGORIES = [("desktop", "Desktop"), ("printer", "Printer"), ("projector", "Projector"),
              ("ups", "UPS"), ("router", "Router")]  # fmt: skip


def setup_django(db: str) -> None:
    if "bench" not in db:
        raise SystemExit(f"{db} is not a bench database (its name lacks 'bench').")
    os.environ["DATABASE_URL"] = f"{SERVER}/{db}"
    os.environ.setdefault("DEGS_ENV", "test")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def _today() -> dt.date:
    from django.utils import timezone

    return timezone.localdate()


def step(message: str) -> float:
    print(f"-- {message}", flush=True)
    return time.perf_counter()


def create_database(db: str) -> None:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{db}"')


def build_world() -> dict[str, Any]:
    """The state, its districts, blocks and offices, a district administrator of the first
    district, its book and heads (read back by name)."""
    from django.db import transaction

    from degs.accounts.models import RoleGrant, User
    from degs.accounts.roles import Role
    from degs.core.scoping import path_segment
    from degs.directory.choices import AreaKind, OfficeKind
    from degs.directory.models import Area, Office
    from degs.finance.models import Book, FundHead

    areas: list[Any] = []
    counter = {"pk": 0}

    def add(kind: str, name: str, parent: Any) -> Any:
        counter["pk"] += 1
        area = Area(pk=counter["pk"], kind=kind, name=name, name_hi=name, parent=parent,
                    path=(parent.path if parent else "") + path_segment(counter["pk"]),
                    depth=(parent.depth + 1) if parent else 0)  # fmt: skip
        areas.append(area)
        return area

    state = add(AreaKind.STATE, "Jharkhand", None)
    districts, blocks = [], []
    for d in range(DISTRICTS):
        district = add(AreaKind.DISTRICT, f"District {d + 1:02d}", state)
        districts.append(district)
        blocks += [add(AreaKind.BLOCK, f"District {d + 1:02d} Block {b + 1}", district)
                   for b in range(BLOCKS)]  # fmt: skip
    with transaction.atomic():
        Area.objects.bulk_create(areas, batch_size=2000)
        offices = [Office(kind=OfficeKind.BLOCK_OFFICE, area=b, name=f"{b.name} office",
                          name_hi=f"{b.name} office") for b in blocks]  # fmt: skip
        offices += [Office(kind=OfficeKind.DC_OFFICE, area=d, name=f"{d.name} collectorate",
                           name_hi=f"{d.name} collectorate") for d in districts]  # fmt: skip
        Office.objects.bulk_create(offices, batch_size=2000)
        heads = []
        for d in districts:
            Book.objects.create(
                district=d, society=f"DeGS, {d.name}", society_hi=f"डीईजीएस, {d.name}"
            )
            for code, name in (
                ("uc", "User charges"),
                ("grant", "State grant"),
                ("interest", "Interest"),
            ):
                heads.append(FundHead(district=d, code=code, name=name, name_hi=name))
        FundHead.objects.bulk_create(heads)
        admin = User.objects.create_user(username="bench.admin", password=None,
                                         full_name="Bench admin")  # fmt: skip
        RoleGrant.objects.create(user=admin, role=Role.DISTRICT_ADMIN, area=districts[0])
    return {"district": districts[0], "admin": admin}


def load_assets(count: int) -> None:
    from django.db import connection

    from degs.assets.models import Category, EquipmentModel

    models = []
    for code, name in CATEGORIES:
        category = Category.objects.create(code=code, name=name, name_hi=name)
        models.append(EquipmentModel.objects.create(category=category, make="Bench", name=name).pk)
    with connection.cursor() as cursor:
        cursor.execute(
            """
            WITH o AS (
                SELECT row_number() OVER (ORDER BY o.id) - 1 AS n, o.id, o.area_id,
                       (SELECT d.id FROM directory_area d
                        WHERE d.depth = 1 AND a.path LIKE d.path || '%%') AS district_id
                FROM directory_office o JOIN directory_area a ON a.id = o.area_id
            ), c AS (SELECT count(*) AS k FROM o)
            INSERT INTO assets_asset (tag, model_id, serial, office_id, area_id, district_id,
                funding, order_kind, order_number, purchased_on, warranty_until, cost_paise,
                status, version, created_at, updated_at)
            SELECT 'B-' || lpad(g::text, 7, '0'), (%s::int[])[1 + g %% 5], 'SN' || g,
                   o.id, o.area_id, o.district_id, 'degs_fund', 'gem_order', 'GEMC-' || g,
                   DATE '2018-04-01' + (g %% 3000), DATE '2021-04-01' + (g %% 3000),
                   100000 + (g * 7919) %% 9000000,
                   (ARRAY['issued','issued','issued','in_store','under_repair','condemned'])[1 + g %% 6],
                   1, now(), now()
            FROM generate_series(1, %s) g, c
            JOIN o ON true
            WHERE o.n = g %% c.k
            """,
            [models, count],
        )


def sanctions(district: Any, rng: random.Random) -> list[tuple[int, dt.date]]:
    from degs.finance.models import FundHead, Sanction

    head = FundHead.objects.get(district=district, code="grant")
    rows = []
    today = _today()
    for year in range(FIRST_YEAR, today.year + 1):
        for k, month in enumerate((5, 11)):
            day = dt.date(year, month, 10)
            if day > today:
                continue
            rows.append(Sanction(district=district, head=head, number=f"IT/{year}/{k + 1}",
                                 date=day, grantor="Department of IT and e-Governance",
                                 amount_paise=rng.randrange(50, 500) * 10_000_000))  # fmt: skip
    Sanction.objects.bulk_create(rows)
    return [(s.pk, s.date) for s in Sanction.objects.filter(district=district).order_by("date")]


def load_legs(district: Any, legs: int, number_from: int, rng: random.Random,
              grants: list[tuple[int, dt.date]]) -> int:  # fmt: skip
    """``legs`` legs (two per entry) at random dates from April 2017 to today, posted; returns
    the next entry number."""
    from django.db import connection, transaction

    from degs.finance.models import Account, FundHead

    account = {a.code: a.pk for a in Account.objects.all()}
    head = {h.code: h.pk for h in FundHead.objects.filter(district=district)}
    start = dt.date(FIRST_YEAR, 4, 1)
    span = (_today() - start).days
    entries = legs // 2
    # Each entry: (kind, date, debit account, credit account, head, amount, sanction).
    plan = []
    for _ in range(entries):
        day = start + dt.timedelta(days=rng.randrange(span))
        r = rng.random()
        amount = rng.randrange(100, 10_000_000)  # ₹1 to ₹1 lakh, in paise
        if r < 0.30:
            plan.append(("receipt", day, "1100", "4100", "uc", amount * 3, None))
        elif r < 0.40:
            sanction = max((g for g in grants if g[1] <= day), default=None, key=lambda g: g[1])
            plan.append(("receipt", day, "1100", "4200", "grant", amount * 5,
                         sanction[0] if sanction else None))  # fmt: skip
        elif r < 0.45:
            plan.append(("receipt", day, "1100", "4300", "interest", amount // 10 + 1, None))
        else:
            expense = rng.choice(("5100", "5200", "5300"))
            plan.append(
                ("payment", day, expense, "1100", rng.choice(("uc", "grant")), amount, None)
            )
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("CREATE TEMP TABLE plan (n int, kind text, date date, dr int, cr int,"
                       " head int, amount bigint, sanction int) ON COMMIT DROP")  # fmt: skip
        with cursor.copy("COPY plan FROM STDIN") as copy:
            for i, (kind, day, dr, cr, h, amount, sanction) in enumerate(plan):
                copy.write_row((number_from + i, kind, day, account[dr], account[cr], head[h],
                                amount, sanction))  # fmt: skip
        cursor.execute(
            """INSERT INTO finance_entry (district_id, number, date, kind, narration, party,
                   reference, sanction_id, source_key, posted)
               SELECT %s, n, date, kind, 'bench ' || kind, '', '', sanction, '', false
               FROM plan""",
            [district.pk],
        )
        cursor.execute(
            """INSERT INTO finance_leg (entry_id, account_id, head_id, amount_paise)
               SELECT e.id, x.account, p.head, x.amount
               FROM plan p JOIN finance_entry e ON e.district_id = %s AND e.number = p.n,
               LATERAL (VALUES (p.dr, p.amount), (p.cr, -p.amount)) AS x(account, amount)""",
            [district.pk],
        )
        # As the application posts: posted false -> true, one entry at a time for the triggers.
        cursor.execute(
            "UPDATE finance_entry SET posted = true, posted_at = now()"
            " WHERE district_id = %s AND NOT posted",
            [district.pk],
        )
        cursor.execute("UPDATE finance_book SET last_number = %s WHERE district_id = %s",
                       [number_from + entries - 1, district.pk])  # fmt: skip
    return number_from + entries


def vacuum() -> None:
    from django.db import connection

    connection.close()
    import psycopg

    with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


def counts() -> dict[str, int]:
    from django.db import connection

    found = {}
    with connection.cursor() as cursor:
        for table in ("assets_asset", "finance_entry", "finance_leg", "finance_monthtotal"):
            cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 (fixed names)
            found[table] = cursor.fetchone()[0]
    return found


def read_cases(world: dict[str, Any]) -> list[tuple[str, Any, str | None]]:
    from django.urls import NoReverseMatch, reverse

    from degs.finance.models import FundHead
    from degs.finance.selectors import statements

    district = world["district"]
    today = _today()
    fy = today.year if today.month >= 4 else today.year - 1
    start, end = dt.date(fy, 4, 1), dt.date(fy + 1, 3, 31)
    grant = FundHead.objects.get(district=district, code="grant")

    def statement() -> Any:
        return statements.fund_statement(district, start, end)

    def certificate() -> Any:
        return statements.utilisation_certificate(grant, fy - 1)

    def url(name: str, args: list[Any] | None = None, query: str = "") -> str | None:
        try:
            return reverse(name, args=args) + query
        except NoReverseMatch:
            return None

    return [
        ("fund_statement", statement, url("finance:statement", query=f"?year={fy}")),
        ("utilisation_certificate", certificate,
         url("finance:uc", query=f"?head={grant.pk}&year={fy - 1}")),
        ("utilisation_certificate_pdf", None,
         url("finance:uc_pdf", query=f"?head={grant.pk}&year={fy - 1}")),
    ]  # fmt: skip


def timed(call: Any, repeat: int) -> tuple[float, float]:
    call()
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        call()
        samples.append((time.perf_counter() - t0) * 1000)
    return round(statistics.median(samples), 2), round(max(samples), 2)


def measure(world: dict[str, Any], repeat: int) -> dict[str, Any]:
    from django.test import Client

    client = Client()
    client.force_login(world["admin"], backend="django.contrib.auth.backends.ModelBackend")
    result: dict[str, Any] = {}
    for key, call, url in read_cases(world):
        row: dict[str, Any] = {}
        if call is not None:
            row["ms"], row["max_ms"] = timed(call, repeat)
        answer: Any = None
        if url:
            try:
                answer = client.get(url)
            except Exception as error:  # a page still being written
                row["page_error"] = f"{type(error).__name__}: {str(error)[:120]}"
        if answer is not None:
            if answer.status_code == 200:
                row["page_ms"], row["page_max_ms"] = timed(lambda u=url: client.get(u), repeat)
                row["url"] = url
            else:
                row["page_status"] = answer.status_code
        result[key] = row
        print(f"   {key:<30} {row}", flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="degs_bench_fund")
    parser.add_argument("--assets", type=int, default=100_000)
    parser.add_argument("--legs", type=int, default=1_000_000)
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    t = step(f"database {args.db}")
    create_database(args.db)
    setup_django(args.db)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    print(f"   migrated in {time.perf_counter() - t:.0f} s")
    t = step("state, districts, offices, books")
    world = build_world()
    t = step(f"{args.assets:,} assets")
    load_assets(args.assets)
    print(f"   {time.perf_counter() - t:.0f} s")
    grants = sanctions(world["district"], rng)
    t = step(f"first {args.small:,} legs")
    number = load_legs(world["district"], args.small, 1, rng, grants)
    vacuum()
    small_counts = counts()
    print(f"   {small_counts}")
    small = measure(world, args.repeat)
    t = step(f"the other {args.legs - args.small:,} legs")
    batch = 200_000
    remaining = args.legs - args.small
    while remaining > 0:
        part = min(batch, remaining)
        number = load_legs(world["district"], part, number, rng, grants)
        remaining -= part
        print(f"   {args.legs - remaining:,} legs, {time.perf_counter() - t:.0f} s", flush=True)
    vacuum()
    big_counts = counts()
    print(f"   {big_counts}")
    big = measure(world, args.repeat)
    ratios = {}
    for key in small:
        for field in ("ms", "page_ms"):
            if field in small[key] and field in big[key]:
                ratios[f"{key}.{field}"] = round(big[key][field] / small[key][field], 2)
    print("-- ratios (at full size / at the small size)")
    for key, ratio in ratios.items():
        print(f"   {key:<40} {ratio:.2f}x")
    RESULT.write_text(json.dumps({"args": vars(args), "small": {"counts": small_counts, **small},
                                  "big": {"counts": big_counts, **big}, "ratios": ratios},
                                 indent=2, default=str))  # fmt: skip
    print(f"-- results in {RESULT}")


if __name__ == "__main__":
    main()
