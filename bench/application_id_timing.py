"""Benchmark: does an application's id leak through the time of a "not found" answer?

An application outside the user's areas answers 404 exactly like one that does not exist; this
measures whether it also answers in the same time. On the demo state in PostgreSQL, as a kiosk
operator, a block officer holding posts and a district administrator, it times whole requests
(Django's test client, in-process, DEBUG off) for an id that exists in another district and
for one that does not exist, interleaved, and prints the medians and their difference:

    .venv/bin/python bench/application_id_timing.py [--db degs_bench_idtiming] [--fresh]

The database (its name must contain "bench") is created, migrated and given the demo on the
first run. ``DEGS_BENCH_PG`` (default postgres://postgres@127.0.0.1:5432) names the server.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _prepare(server: str, db: str, fresh: bool) -> str:
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db]).fetchone()
        if exists and fresh:
            conn.execute(f'DROP DATABASE "{db}"')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{db}"')
    url = f"{server}/{db}"
    if not exists:
        env = {**os.environ, "DATABASE_URL": url, "DEGS_ENV": "development"}
        for command in (["migrate", "--no-input", "-v", "0"], ["load_demo"]):
            subprocess.run(  # noqa: S603 - this interpreter and manage.py
                [sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True
            )
    return url


def _time(client, url: str) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    response = client.get(url)
    elapsed = time.perf_counter() - start
    assert response.status_code == 404, (url, response.status_code)
    return elapsed * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", default="degs_bench_idtiming")
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument("--repeat", type=int, default=400)
    args = parser.parse_args()
    if "bench" not in args.db:
        raise SystemExit("the database name must contain 'bench'")
    server = os.environ.get("DEGS_BENCH_PG", "postgres://postgres@127.0.0.1:5432")
    os.environ["DATABASE_URL"] = _prepare(server, args.db, args.fresh)
    os.environ["DEGS_ENV"] = "development"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.db.models import Max
    from django.test import Client

    from degs.accounts.models import User
    from degs.applications.models import Application, ApplicationDocument
    from degs.applications.selectors import _visible

    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["*"]
    missing = (Application.objects.aggregate(top=Max("pk"))["top"] or 0) + 100_000
    print(f"{Application.objects.count()} applications; {args.repeat} requests per case")
    print(
        f"{'user':<16} {'what':<22} {'exists, not theirs':>19} {'does not exist':>15} {'diff':>9}"
    )
    users = [
        User.objects.filter(username__startswith=prefix).order_by("pk").first()
        for prefix in ("operator", "co.", "bdo.", "dc.")
    ]
    for user in [u for u in users if u is not None]:
        visible = _visible(user).values("pk")
        other = (
            Application.objects.exclude(pk__in=visible)
            .filter(documents__isnull=False)
            .order_by("pk")
            .first()
        )
        if other is None:
            continue
        document = ApplicationDocument.objects.filter(application=other).first()
        assert document is not None
        client = Client()
        client.force_login(user)
        requests = {
            "GET api detail": (f"/api/applications/{other.pk}/", f"/api/applications/{missing}/"),
            "GET page": (f"/applications/{other.pk}/", f"/applications/{missing}/"),
            "GET document": (
                f"/applications/{other.pk}/documents/{document.pk}/",
                f"/applications/{missing}/documents/{document.pk}/",
            ),
        }
        for name, (there, absent) in requests.items():
            a, b = _pair(lambda url, c=client: _time(c, url), there, absent, args.repeat)
            _row(user.username, name, a, b)
        # The query alone, timed by PostgreSQL (EXPLAIN ANALYZE): no Python, no network.
        a, b = _pair(
            lambda pk, u=user: _server_ms(_visible(u).filter(pk=pk)), other.pk, missing, args.repeat
        )
        _row(user.username, "selector query (server)", a, b)
        plan = {pk: _plan(_visible(user).filter(pk=pk)) for pk in (other.pk, missing)}
        print(
            f"{'':<16} plan nodes run / never run: exists {plan[other.pk]}, missing {plan[missing]}"
        )


def _pair(measure, there, absent, repeat):  # type: ignore[no-untyped-def]
    for _ in range(20):  # warm up
        measure(there), measure(absent)
    a: list[float] = []
    b: list[float] = []
    for _ in range(repeat):  # interleaved, so a change in the machine's load hits both
        a.append(measure(there))
        b.append(measure(absent))
    return statistics.median(a), statistics.median(b)


def _row(user: str, what: str, a: float, b: float) -> None:
    print(f"{user:<16} {what:<22} {a:>16.3f} ms {b:>12.3f} ms {a - b:>+7.3f} ms")


def _explain(queryset, analyze: bool) -> dict:  # type: ignore[no-untyped-def,type-arg]
    import json

    from django.db import connection

    sql, params = queryset.query.sql_with_params()
    options = "ANALYZE, FORMAT JSON" if analyze else "FORMAT JSON"
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN ({options}) {sql}", params)
        value = cursor.fetchone()[0]
    return (json.loads(value) if isinstance(value, str) else value)[0]


def _server_ms(queryset) -> float:  # type: ignore[no-untyped-def]
    return float(_explain(queryset, analyze=True)["Execution Time"])


def _plan(queryset) -> str:  # type: ignore[no-untyped-def]
    ran = never = 0
    stack = [_explain(queryset, analyze=True)["Plan"]]
    while stack:
        node = stack.pop()
        stack.extend(node.get("Plans", []))
        if node.get("Actual Loops", 0):
            ran += 1
        else:
            never += 1
    return f"{ran}/{never}"


if __name__ == "__main__":
    main()
