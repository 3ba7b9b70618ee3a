"""Benchmark: filing applications over HTTP, and the officer's inbox and the pending report, on a
state of 5 million applications against the same state with 50,000.

Two steps, each size in its own PostgreSQL database outside the repository:

    .venv/bin/python bench/applications_scale.py build --size 5000000 --db degs_bench_apps_5m
    .venv/bin/python bench/applications_scale.py build --size 50000 --db degs_bench_apps_50k
    .venv/bin/python bench/applications_scale.py measure --db degs_bench_apps_5m
    .venv/bin/python bench/applications_scale.py measure --db degs_bench_apps_50k
    .venv/bin/python bench/applications_scale.py compare   # the two JSON results side by side

``build`` creates the database (an existing one is dropped only with ``--fresh``), migrates it and
loads one state shaped like Jharkhand: 24 districts, 48 subdivisions, 264 blocks with a circle
(tehsil) of the same name beside each under the subdivision, about 4,340 gram panchayats and
32,000 villages; a DC, SDO, BDO and CO post in each district, subdivision, block and circle, each
held by a user; 50,000 active centres, each run by an operator with a login; the Jharkhand demo
catalogue (income, caste, residence and marriage certificates). Then the applications, straight
into PostgreSQL with ``INSERT ... SELECT generate_series`` in chunks, the table's indexes and
foreign keys dropped during the load and made again after it.

On PostgreSQL the events table is partitioned by financial year (docs/partitions.md), as every
migrated database has it: ``build`` makes the partitions of the whole history (``since`` the
first filing day) before the load, so every event goes straight to its own year's partition, and
prints where the rows went. ``--plain`` leaves the events in one plain table instead (the tables
as they were before partitioning), to compare the two on the same machine.

The filing rate is the same at both sizes, about 4,500 applications a working day for the state
(kiosks file Monday to Saturday); only the length of history differs: 50,000 applications are
the last 11 filing days, 5 million about three and a half years. Applications older than their
time limit are mostly decided (87 % issued, 10 % rejected, some late), about 3 % of those under
six months old are still open past their due date; recent ones are open, with the circle
officer of their block's circle (the SDO for marriage), due dates counted in working days of
the state's calendar. Each decided application has two events (filed, decided), each open one
one (filed). Not generated: ledger lines, documents and certificates (the filing requests of
``measure`` make ledger lines and documents for the applications they file).

``measure`` starts gunicorn (``-w 4``, sync workers) on the database with DEBUG off and the cache
in Redis (``--redis``; several workers share it, as in production), and, in the same run,
measures:

- throughput: ``POST /api/applications/`` (an income certificate with two small PDF
  documents, a fresh ``client_token`` each time) by operators of 500 centres across the state,
  each request from the next centre, with
  ``--clients`` concurrent clients for ``--seconds``; beside it a hello-world Django view on the
  same server (a bench-only URLconf written to a temporary folder, not the project's);
- the officer's inbox (``GET /api/applications/inbox/``, and ``/applications/inbox/`` when the
  page exists) as the circle officer with the most open applications, and the pending-beyond-
  limit report (``/applications/reports/pending/`` when the page exists, else the selector
  ``pending_report`` in-process) and the disposal report (``/applications/reports/disposal/``,
  decided within the time limit this month and last month) as a DC and as the state
  administrator: median of ``--repeat`` whole requests.

The applications the throughput run filed are deleted before the reads (and the tables
vacuumed), so every run reads the database as it was built. Results go to
/tmp/degs_bench_apps_<db>.json, and each run is kept in /tmp/degs_bench_apps_runs/;
``compare`` prints both sizes side by side, and ``compare --runs`` every kept run in rounds
(the n-th run of each database is the n-th round) with the median ratio per read and the
filing rates (``--plain degs_bench_apps_50k_plain`` adds a ``--plain`` build's).
``pair`` reads the two databases side by side instead: a server on each, every read asked of
both in turn, so that the host's drift weighs on both alike (the ratio is then one run's).
``DEGS_BENCH_PG`` (default postgres://postgres@127.0.0.1:5432) names the server. The database
name must contain "bench", so a real database is never filled by mistake.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass
from http.client import HTTPConnection
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SERVER = os.environ.get("DEGS_BENCH_PG", "postgres://postgres@127.0.0.1:5432").rstrip("/")
STATE_NAME = "Jharkhand"
PER_DAY = 4_500  # applications a filing day, state-wide
FILING_CENTRES = 500  # the filing requests come from operators of this many centres
CENTRES = 50_000
CHUNK = 100_000
OPERATOR_PASSWORD = "bench-operator-2026"  # noqa: S105 - bench data only
RESULT_DIR = Path(tempfile.gettempdir())

DISTRICTS = [
    ("Bokaro", "बोकारो"),
    ("Chatra", "चतरा"),
    ("Deoghar", "देवघर"),
    ("Dhanbad", "धनबाद"),
    ("Dumka", "दुमका"),
    ("East Singhbhum", "पूर्वी सिंहभूम"),
    ("Garhwa", "गढ़वा"),
    ("Giridih", "गिरिडीह"),
    ("Godda", "गोड्डा"),
    ("Gumla", "गुमला"),
    ("Hazaribagh", "हजारीबाग"),
    ("Jamtara", "जामताड़ा"),
    ("Khunti", "खूंटी"),
    ("Koderma", "कोडरमा"),
    ("Latehar", "लातेहार"),
    ("Lohardaga", "लोहरदगा"),
    ("Pakur", "पाकुड़"),
    ("Palamu", "पलामू"),
    ("Ramgarh", "रामगढ़"),
    ("Ranchi", "रांची"),
    ("Sahibganj", "साहिबगंज"),
    ("Seraikela Kharsawan", "सरायकेला खरसावां"),
    ("Simdega", "सिमडेगा"),
    ("West Singhbhum", "पश्चिमी सिंहभूम"),
]
BLOCKS_PER_DISTRICT = 11  # 264 in all; 6 in the first subdivision, 5 in the second
# Which share of filings each demo service takes, its time limit's steps: (verify, issue) days.
MIX = {
    "income_certificate": 40,
    "residence_certificate": 30,
    "caste_certificate": 25,
    "marriage_certificate": 5,
}
NAMES = [
    "Ramesh Kumar", "Sunita Devi", "Anil Oraon", "Priya Kumari", "Suresh Mahto", "Rekha Munda",
    "Manoj Singh", "Pooja Kumari", "Rajesh Yadav", "Savitri Devi", "Birsa Tudu", "Anita Soren",
    "Vijay Prasad", "Kavita Hembrom", "Santosh Sahu", "Meena Toppo", "Ajay Mahato", "Geeta Kachhap",
    "Dinesh Ram", "Lalita Marandi", "Arjun Lakra", "Shanti Minz", "Mukesh Gope", "Jyoti Ekka",
]  # fmt: skip
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n" + b"%" * 600 + b"\n%%EOF\n"


def database_url(db: str) -> str:
    return f"{SERVER}/{db}"


def setup_django(db: str) -> None:
    if "bench" not in db:
        raise SystemExit(f"{db} is not a bench database (its name lacks 'bench').")
    os.environ["DATABASE_URL"] = database_url(db)
    os.environ.setdefault("DEGS_ENV", "test")  # DEBUG off, no query log, tasks inline
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


class Progress:
    """One line per chunk: done, rate and the time left."""

    def __init__(self, what: str, total: int) -> None:
        self.what, self.total, self.started = what, total, time.perf_counter()

    def show(self, done: int) -> None:
        elapsed = time.perf_counter() - self.started
        rate = done / elapsed if elapsed else 0
        left = (self.total - done) / rate if rate else 0
        print(
            f"   {self.what}: {done:>11,} / {self.total:,} ({100 * done / self.total:5.1f} %) "
            f"{rate:>9,.0f} rows/s, {elapsed:6.0f} s, about {left:5.0f} s left",
            flush=True,
        )


def step(message: str) -> float:
    print(f"-- {message}", flush=True)
    return time.perf_counter()


# --- build --------------------------------------------------------------------------------------


def create_database(db: str, fresh: bool) -> None:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db]).fetchone()
        if exists and not fresh:
            raise SystemExit(f"database {db} exists: pass --fresh to drop and rebuild it")
        if exists:
            conn.execute(f'DROP DATABASE "{db}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{db}"')


def filing_days(count: int, today: dt.date) -> list[dt.date]:
    """The last ``count`` filing days up to today (kiosks open Monday to Saturday)."""
    days: list[dt.date] = []
    day = today
    while len(days) < count:
        if day.weekday() != 6:
            days.append(day)
        day -= dt.timedelta(days=1)
    return days  # newest first


def build_directory(rng: random.Random, first_day: dt.date) -> dict[str, Any]:
    """State, districts, subdivisions, blocks and circles, panchayats, villages; posts, holders,
    the state administrator; holidays; the demo catalogue."""
    from django.contrib.auth.hashers import make_password
    from django.core.management.color import no_style
    from django.db import connection, transaction

    from degs.accounts.models import RoleGrant, User
    from degs.accounts.roles import Role
    from degs.catalogue.demo import load_catalogue_demo
    from degs.core.scoping import path_segment
    from degs.directory.choices import AreaKind, SaturdayRule
    from degs.directory.demo import load_designations
    from degs.directory.models import Area, Designation, Holiday, Post, PostHolding

    next_pk = {Area: 1, Post: 1, User: 1}

    def new_pk(model: type) -> int:
        next_pk[model] += 1
        return next_pk[model] - 1

    areas: list[Area] = []

    def add(kind: str, name: str, name_hi: str, parent: Area | None, **extra: Any) -> Area:
        pk = new_pk(Area)
        area = Area(
            pk=pk,
            kind=kind,
            name=name,
            name_hi=name_hi,
            parent=parent,
            path=(parent.path if parent else "") + path_segment(pk),
            depth=(parent.depth + 1) if parent else 0,
            is_sample=parent is not None and kind != AreaKind.DISTRICT,
            **extra,
        )
        areas.append(area)
        return area

    state = add(
        AreaKind.STATE,
        STATE_NAME,
        "झारखंड",
        None,
        lgd_code="20",
        saturdays_off=SaturdayRule.SECOND_FOURTH,
    )
    districts, subdivisions, blocks, tehsils, panchayats = [], [], [], [], []
    block_of_tehsil: dict[int, Area] = {}
    for d, (name, name_hi) in enumerate(DISTRICTS):
        district = add(AreaKind.DISTRICT, name, name_hi, state, lgd_code=str(340 + d))
        districts.append(district)
        for s in range(2):
            sub = add(AreaKind.SUBDIVISION, f"{name} Sadar" if s == 0 else f"{name} {s + 1}",
                      f"{name_hi} अनुमंडल {s + 1}", district)  # fmt: skip
            subdivisions.append(sub)
            for b in range(6 if s == 0 else BLOCKS_PER_DISTRICT - 6):
                label = f"{name} Block {s * 6 + b + 1:02d}"
                label_hi = f"{name_hi} प्रखंड {s * 6 + b + 1:02d}"
                block = add(AreaKind.BLOCK, label, label_hi, sub)
                tehsil = add(AreaKind.TEHSIL, label, label_hi, sub)
                blocks.append(block)
                tehsils.append(tehsil)
                block_of_tehsil[tehsil.pk] = block
                for g in range(16 + (rng.random() < 0.46)):
                    gp = add(
                        AreaKind.GRAM_PANCHAYAT,
                        f"{label} Panchayat {g + 1:02d}",
                        f"{label_hi} पंचायत {g + 1:02d}",
                        block,
                    )
                    panchayats.append(gp)
                    for v in range(7 + (rng.random() < 0.4)):
                        add(AreaKind.VILLAGE, f"{gp.name} Village {v + 1}", f"गाँव {v + 1}", gp)
    load_designations()
    designations = {d.code: d for d in Designation.objects.all()}
    password = make_password(OPERATOR_PASSWORD, hasher="argon2")  # one hash, shared
    posts: list[Post] = []
    users: list[User] = []
    holdings: list[PostHolding] = []
    for code, places in (
        ("dc", districts),
        ("sdo", subdivisions),
        ("bdo", blocks),
        ("co", tehsils),
    ):
        for area in places:
            post = Post(pk=new_pk(Post), designation=designations[code], area=area)
            user = User(
                pk=new_pk(User),
                username=f"{code}.{area.pk}",
                full_name=f"{designations[code].short_name}, {area.name} (bench)",
                password=password,
            )
            posts.append(post)
            users.append(user)
            holdings.append(
                PostHolding(post=post, user=user, start_date=first_day - dt.timedelta(days=30))
            )
    admin = User(pk=new_pk(User), username="state.admin", full_name="State administrator (bench)",
                 password=password)  # fmt: skip
    users.append(admin)
    with transaction.atomic():
        Area.objects.bulk_create(areas, batch_size=5000)
        User.objects.bulk_create(users, batch_size=5000)
        Post.objects.bulk_create(posts, batch_size=5000)
        PostHolding.objects.bulk_create(holdings, batch_size=5000)
        RoleGrant.objects.create(user=admin, role=Role.STATE_ADMIN, area=state)
        holidays = []
        for year in range(first_day.year, dt.date.today().year + 2):  # noqa: DTZ011
            for month, day, en, hi in (
                (1, 26, "Republic Day", "गणतंत्र दिवस"),
                (8, 15, "Independence Day", "स्वतंत्रता दिवस"),
                (10, 2, "Gandhi Jayanti", "गांधी जयंती"),
                (11, 15, "Jharkhand Foundation Day", "झारखंड स्थापना दिवस"),
                (12, 25, "Christmas", "क्रिसमस"),
            ):
                holidays.append(
                    Holiday(area=state, date=dt.date(year, month, day), name=en, name_hi=hi)
                )
        Holiday.objects.bulk_create(holidays)
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [Area, Post, User]):
                cursor.execute(sql)
        load_catalogue_demo()
    print(
        f"   {len(areas):,} areas ({len(blocks)} blocks, {len(tehsils)} circles, "
        f"{len(panchayats):,} panchayats), {len(posts):,} posts with holders",
        flush=True,
    )
    return {
        "state": state,
        "districts": districts,
        "panchayats": panchayats,
        "posts": {(p.designation.code, p.area_id): p for p in posts},
        "block_of_tehsil": block_of_tehsil,
        "password": password,
        "next_user": next_pk[User],
    }


def build_centres(rng: random.Random, made: dict[str, Any]) -> list[tuple[Any, ...]]:
    """50,000 active centres in the panchayats, each run by an operator with a login."""
    from django.core.management.color import no_style
    from django.db import connection, transaction

    from degs.accounts.models import RoleGrant, User
    from degs.accounts.roles import Role
    from degs.centres.choices import CentreKind, CentreStatus
    from degs.centres.models import Centre, Operator

    panchayats = made["panchayats"]
    users, operators, centres, grants = [], [], [], []
    user_pk = made["next_user"]
    codes = rng.sample(range(10**11, 10**12), CENTRES)
    for n, code in enumerate(codes):
        gp = panchayats[n % len(panchayats)] if n < len(panchayats) else rng.choice(panchayats)
        user = User(pk=user_pk, username=f"op{code}", full_name=f"Operator {code}",
                    password=made["password"])  # fmt: skip
        user_pk += 1
        operator = Operator(
            pk=n + 1,
            area=gp,
            name=f"Operator {code}",
            mobile=f"9{rng.randrange(10**9):09d}",
            user=user,
        )
        centre = Centre(
            pk=n + 1,
            code=str(code),
            name=f"{gp.name} Pragya Kendra {n}",
            name_hi=f"प्रज्ञा केंद्र {n}",
            kind=CentreKind.PRAGYA_KENDRA if rng.random() < 0.7 else CentreKind.CSC,
            area=gp,
            pincode=f"8{rng.randrange(14000, 35000):05d}",
            operator=operator,
            status=CentreStatus.ACTIVE,
        )
        users.append(user)
        operators.append(operator)
        centres.append(centre)
        grants.append(RoleGrant(user=user, role=Role.KIOSK_OPERATOR, area=gp))
    with transaction.atomic():
        User.objects.bulk_create(users, batch_size=5000)
        Operator.objects.bulk_create(operators, batch_size=5000)
        Centre.objects.bulk_create(centres, batch_size=5000)
        RoleGrant.objects.bulk_create(grants, batch_size=5000)
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [User, Operator, Centre]):
                cursor.execute(sql)
    print(f"   {len(centres):,} centres and operators with logins", flush=True)
    return [(c, user) for c, user in zip(centres, users, strict=True)]


APPLICATION_COLUMNS = (
    "id, service_id, service_version_id, centre_id, area_id, district_id, block_id, "
    "filed_by_id, client_token, applicant_name, mobile, aadhaar_last4, aadhaar_hash, data, "
    "state, is_open, assigned_post_id, fee_paise, submitted_at, due_date, step_started, "
    "step_due, decided_on, within_limit, escalated_on, version, created_at, updated_at, "
    "first_table_number, former_number"
)

# One chunk of applications: i from %(lo)s to %(hi)s, filing day (N - i) / PER_DAY days back.
APPLICATIONS_SQL = f"""
WITH g AS (
    SELECT i, random() AS us, random() AS uo, random() AS ud, random() AS ud2, random() AS ust,
           random() AS ut, floor(random() * %(centres)s)::int AS cn
    FROM generate_series(%(lo)s, %(hi)s) AS i
), a AS (
    SELECT g.*, d.day, d.w, c.*, s.*,
           (CASE WHEN s.time_limit = 15 THEN d.w[15] ELSE d.w[30] END) AS due
    FROM g
    JOIN bench_days d ON d.n = (%(total)s - g.i) / %(per_day)s
    JOIN bench_centres c ON c.n = g.cn
    JOIN bench_services s ON g.us >= s.lo AND g.us < s.hi
), b AS (
    SELECT a.*,
           CASE
             WHEN uo < 0.97 AND ud < 0.88 THEN day + 1 + floor(ud2 * (due - day))::int
             WHEN uo < 0.97 THEN due + 1 + floor(ud2 * 40)::int
             WHEN %(today)s::date - day < 180 THEN NULL
             ELSE due + 30 + floor(ud2 * 120)::int
           END AS decided
    FROM a
), c AS (
    SELECT b.*,
           (decided IS NULL OR decided > %(today)s::date) AS open,
           CASE WHEN uo < 0.87 OR uo >= 0.97 THEN 'issued' ELSE 'rejected' END AS outcome,
           CASE WHEN ust < 0.80 THEN 'submitted' WHEN ust < 0.92 THEN 'verified'
                ELSE 'documents_called' END AS open_state,
           ((day + time '10:00' + ut * interval '7 hours') AT TIME ZONE 'Asia/Kolkata') AS at,
           '9' || lpad(((i::bigint * 7919 + 12345) %% 1000000000)::text, 9, '0') AS mobile,
           (%(names)s::text[])[1 + i %% %(name_count)s] AS applicant,
           (%(names)s::text[])[1 + (i / 7) %% %(name_count)s] AS father,
           CASE WHEN i %% 10 < 7 THEN lpad((i * 37 %% 10000)::text, 4, '0') ELSE '' END AS last4
    FROM b
)
INSERT INTO applications_application ({APPLICATION_COLUMNS})
SELECT i,
       service_id, version_id, centre_id, area_id, district_id, block_id, user_id, NULL,
       applicant, mobile, last4,
       CASE WHEN last4 = '' THEN '' ELSE encode(sha256(i::text::bytea), 'hex') END,
       jsonb_build_object(
           'applicant_name', applicant, 'father_name', father,
           'date_of_birth', (date '1950-01-01' + (i * 13 %% 20000))::text, 'mobile', mobile,
           'village', jsonb_build_object('id', area_id, 'name', area_name, 'name_hi', area_name_hi),
           'pincode', pincode
       ) || CASE WHEN last4 = '' THEN '{{}}'::jsonb
                 ELSE jsonb_build_object('aadhaar', 'XXXX XXXX ' || last4) END
         || CASE code
              WHEN 'income_certificate' THEN jsonb_build_object(
                  'annual_income', 24000 + (i * 7 %% 300) * 1000,
                  'purpose', (ARRAY['education', 'scheme', 'other'])[1 + i %% 3])
              WHEN 'caste_certificate' THEN jsonb_build_object(
                  'caste', (ARRAY['Oraon', 'Munda', 'Santhal', 'Mahto', 'Teli'])[1 + i %% 5],
                  'category', (ARRAY['st', 'st', 'st', 'bc2', 'bc1'])[1 + i %% 5])
              WHEN 'residence_certificate' THEN jsonb_build_object('years_resident', 5 + i %% 60)
              ELSE jsonb_build_object('spouse_name', father,
                  'marriage_date', (day - 30 - (i %% 300))::text)
            END,
       CASE WHEN open THEN open_state ELSE outcome END,
       open,
       CASE WHEN NOT open THEN NULL WHEN code = 'marriage_certificate' THEN sdo_post
            ELSE co_post END,
       3000, at, due,
       CASE WHEN open THEN day END,
       CASE WHEN NOT open THEN NULL
            WHEN open_state = 'documents_called' THEN w[5]
            WHEN open_state = 'verified' THEN w[verify_days + issue_days]
            ELSE w[verify_days] END,
       CASE WHEN open THEN NULL ELSE decided END,
       CASE WHEN open THEN NULL ELSE decided <= due END,
       NULL,
       CASE WHEN open AND open_state = 'submitted' THEN 1 WHEN open THEN 2
            WHEN outcome = 'issued' THEN 3 ELSE 2 END,
       at,
       CASE WHEN open THEN at
            ELSE (decided + time '15:00') AT TIME ZONE 'Asia/Kolkata' END,
       false, ''
FROM c
"""  # noqa: S608 - fixed column names, values as parameters

EVENTS_SQL = """
INSERT INTO applications_applicationevent
    (application_id, kind, action, from_status, to_status, remark, remark_hi, data, actor_id,
     post_id, at)
SELECT id, 'filed', '', '', 'submitted', '', '', '{}'::jsonb, filed_by_id, NULL, submitted_at
FROM applications_application WHERE id BETWEEN %(lo)s AND %(hi)s
UNION ALL
SELECT a.id, 'acted', CASE a.state WHEN 'issued' THEN 'issue' ELSE 'reject' END,
       CASE a.state WHEN 'issued' THEN 'verified' ELSE 'submitted' END, a.state,
       CASE a.state WHEN 'rejected' THEN 'The documents do not show what the form claims.'
            ELSE '' END, '', '{}'::jsonb,
       c.officer_user, c.officer_post, a.updated_at
FROM applications_application a
JOIN bench_officers c ON c.centre_id = a.centre_id AND c.marriage = (a.service_id = %(marriage)s)
WHERE a.id BETWEEN %(lo)s AND %(hi)s AND NOT a.is_open
"""

BULK_TABLES = ("applications_application", "applications_applicationevent")


def _remakers(
    cursor: Any, tables: list[str]
) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    """The tables' foreign keys and unique constraints (table, name, definition), and their
    indexes other than the primary keys' and the constraints' own (name, the statement that
    makes it again). A partitioned table's index is listed as made "ON ONLY" the parent (its
    partitions' indexes attached one by one); made again without ONLY, it is made on every
    partition at once."""
    cursor.execute(
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid::regclass::text = ANY(%s) AND contype IN ('f', 'u')",
        [tables],
    )
    constraints = cursor.fetchall()
    cursor.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s) "
        "AND indexname NOT LIKE '%%_pkey' AND indexname <> ALL(%s)",
        [tables, [name for _t, name, _d in constraints]],
    )
    indexes = [(name, d.replace(" ON ONLY ", " ON ", 1)) for name, d in cursor.fetchall()]
    return constraints, indexes


def _add_constraints(constraints: list[tuple[str, ...]], foreign: bool) -> list[str]:
    return [
        f'ALTER TABLE {t} ADD CONSTRAINT "{n}" {d}'
        for t, n, d in constraints
        if (" KEY " in d) == foreign
    ]


def drop_indexes(cursor: Any) -> tuple[list[str], list[str]]:
    """Drop the bulk tables' foreign keys, unique constraints and indexes (all but the primary
    keys); return the statements that make them again."""
    constraints, indexes = _remakers(cursor, list(BULK_TABLES))
    for table, name, _definition in constraints:
        cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    for name, _definition in indexes:
        cursor.execute(f'DROP INDEX "{name}"')
    # Unique constraints first (they make their own index), then indexes, then foreign keys.
    return (
        _add_constraints(constraints, foreign=False) + [d for _n, d in indexes],
        _add_constraints(constraints, foreign=True),
    )


def load_applications(
    size: int, made: dict[str, Any], centres: list[Any], per_day: int = PER_DAY
) -> None:
    """``size`` applications, ``per_day`` a filing day back from today (bench/indicators_scale.py
    spreads 50,000 over 13 months with a smaller ``per_day``)."""
    from django.db import connection

    from degs.catalogue.models import Service
    from degs.directory.selectors import working_calendar

    today = dt.date.today()  # noqa: DTZ011 - the server's local day, as the app's
    days = filing_days(-(-size // per_day), today)
    calendar = working_calendar(
        area=made["state"], start=days[-1], end=today + dt.timedelta(days=120)
    )
    services = {s.code: s for s in Service.objects.select_related("current")}
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '1GB'")
        cursor.execute("SET max_parallel_maintenance_workers = 2")
        cursor.execute("SET synchronous_commit = off")
        cursor.execute(
            "CREATE TEMP TABLE bench_days (n int PRIMARY KEY, day date, w date[]);"
            "CREATE TEMP TABLE bench_centres (n int PRIMARY KEY, centre_id bigint, area_id bigint, "
            "  area_name text, area_name_hi text, block_id bigint, district_id bigint, "
            "  user_id bigint, co_post bigint, sdo_post bigint, pincode text);"
            "CREATE TEMP TABLE bench_services (code text, service_id bigint, version_id bigint, "
            "  time_limit int, verify_days int, issue_days int, lo float8, hi float8);"
            "CREATE TEMP TABLE bench_officers (centre_id bigint, marriage bool, "
            "  officer_post bigint, officer_user bigint, PRIMARY KEY (centre_id, marriage))"
        )
        with cursor.cursor.copy("COPY bench_days FROM STDIN") as copy:
            for n, day in enumerate(days):
                ahead = [calendar.add_working_days(day, k) for k in range(1, 31)]
                copy.write_row((n, day, ahead))
        posts = made["posts"]
        tehsil_of_block = {b.pk: t for t, b in made["block_of_tehsil"].items()}
        from degs.directory.models import Area, PostHolding

        parents = dict(
            Area.objects.filter(kind__in=["block", "subdivision"]).values_list("pk", "parent_id")
        )
        holders = dict(PostHolding.objects.values_list("post_id", "user_id"))
        officers = []
        with cursor.cursor.copy("COPY bench_centres FROM STDIN") as copy:
            for n, (centre, user) in enumerate(centres):
                gp = centre.area
                block_id = gp.parent_id
                sub_id = parents[block_id]
                district_id = parents[sub_id]
                co = posts[("co", tehsil_of_block[block_id])].pk
                sdo = posts[("sdo", sub_id)].pk
                copy.write_row(
                    (n, centre.pk, gp.pk, gp.name, gp.name_hi, block_id, district_id, user.pk,
                     co, sdo, centre.pincode)
                )  # fmt: skip
                officers.append((centre.pk, False, co, holders[co]))
                officers.append((centre.pk, True, sdo, holders[sdo]))
        with cursor.cursor.copy("COPY bench_officers FROM STDIN") as copy:
            for row in officers:
                copy.write_row(row)
        low = 0.0
        total_weight = sum(MIX.values())
        for code, weight in MIX.items():
            service = services[code]
            definition = service.current.parsed()
            verify = next(s.days for s in definition.steps if s.action == "verify")
            issue = next(s.days for s in definition.steps if s.action == "issue")
            high = 1.0 if code == list(MIX)[-1] else low + weight / total_weight
            cursor.execute(
                "INSERT INTO bench_services VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
                [code, service.pk, service.current.pk, service.current.time_limit_days,
                 verify, issue, low, high],
            )  # fmt: skip
            low = high
        cursor.execute("ANALYZE bench_days; ANALYZE bench_centres; ANALYZE bench_services;")
        rebuild, foreign = drop_indexes(cursor)
        progress = Progress("applications", size)
        for lo in range(1, size + 1, CHUNK):
            hi = min(size, lo + CHUNK - 1)
            cursor.execute(
                APPLICATIONS_SQL,
                {"lo": lo, "hi": hi, "total": size, "per_day": per_day, "centres": CENTRES,
                 "today": today, "names": NAMES, "name_count": len(NAMES)},
            )  # fmt: skip
            progress.show(hi)
        marriage = services["marriage_certificate"].pk
        progress = Progress("events (by application)", size)
        for lo in range(1, size + 1, CHUNK * 2):
            hi = min(size, lo + CHUNK * 2 - 1)
            cursor.execute(EVENTS_SQL, {"lo": lo, "hi": hi, "marriage": marriage})
            progress.show(hi)
        for sql in rebuild + foreign:
            started = time.perf_counter()
            cursor.execute(sql)
            print(f"   {time.perf_counter() - started:5.1f} s  {sql[:110]}", flush=True)
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('applications_application', 'id'), %s)", [size]
        )
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('applications_applicationevent', 'id'), "
            "(SELECT max(id) FROM applications_applicationevent))"
        )


def make_plain(cursor: Any, table: str) -> None:
    """Put a plain table with the same columns, identity, checks, unique constraints, indexes
    and foreign keys in place of the partitioned ``table`` (empty, just migrated): the tables as
    they were before partitioning, for ``build --plain``. Its primary key is ``id`` alone again."""
    constraints, indexes = _remakers(cursor, [table])
    cursor.execute(
        f"CREATE TABLE {table}_plain (LIKE {table} INCLUDING DEFAULTS INCLUDING IDENTITY "
        f"INCLUDING CONSTRAINTS); DROP TABLE {table}; ALTER TABLE {table}_plain RENAME TO {table}; "
        f"ALTER TABLE {table} ADD PRIMARY KEY (id)"
    )
    for sql in [
        *_add_constraints(constraints, foreign=False),
        *(d for _n, d in indexes),
        *_add_constraints(constraints, foreign=True),
    ]:
        cursor.execute(sql)


def build(size: int, db: str, fresh: bool, plain: bool = False) -> None:
    started = step(f"create {db}")
    create_database(db, fresh)
    setup_django(db)
    from django.core.management import call_command
    from django.db import connection

    from degs.core import partitions

    step("migrate")
    call_command("migrate", verbosity=0)
    rng = random.Random(size)
    today = dt.date.today()  # noqa: DTZ011
    first_day = filing_days(-(-size // PER_DAY), today)[-1]
    if plain:
        step("plain tables in place of the partitioned ones (--plain)")
        with connection.cursor() as cursor:
            for spec in partitions.TABLES:
                if partitions.state(spec.table) == "partitioned":
                    make_plain(cursor, spec.table)
    else:
        step(f"partitions of the whole history, from {first_day}")
        made = partitions.ensure_partitions(since=first_day)
        print(f"   {len(made)} partitions made")
    step(f"directory, posts and catalogue (history from {first_day})")
    made = build_directory(rng, first_day)
    step("centres")
    centres = build_centres(rng, made)
    step(f"{size:,} applications")
    load_applications(size, made, centres)
    mark = step("VACUUM ANALYZE")
    connection.close()
    import psycopg

    with psycopg.connect(database_url(db), autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    print(f"   {time.perf_counter() - mark:.0f} s")
    with psycopg.connect(database_url(db)) as conn:
        rows = conn.execute(
            "SELECT state, count(*), count(*) FILTER (WHERE due_date < current_date) "
            "FROM applications_application GROUP BY state ORDER BY 2 DESC"
        ).fetchall()
        events = conn.execute("SELECT count(*) FROM applications_applicationevent").fetchone()
        size_of = conn.execute("SELECT pg_size_pretty(pg_database_size(%s))", [db]).fetchone()
        # Where the events went: one partition a financial year (or one plain table).
        spread = conn.execute(
            "SELECT tableoid::regclass::text, count(*) FROM applications_applicationevent "
            "GROUP BY 1 ORDER BY 1"
        ).fetchall()
    for state, count, late in rows:
        print(f"   {state:<18} {count:>10,}  (past due date: {late:,})")
    for table, count in spread:
        print(f"   events in {table:<48} {count:>10,}")
    assert events is not None and size_of is not None
    elapsed = time.perf_counter() - started
    print(
        f"built {db}: {size:,} applications, {events[0]:,} events, {size_of[0]} "
        f"in {elapsed / 60:.1f} min ({elapsed:.0f} s)"
    )
    meta = RESULT_DIR / f"degs_bench_apps_{db}.build.json"
    meta.write_text(json.dumps({"db": db, "size": size, "seconds": elapsed, "plain": plain,
                                "events": events[0], "bytes": size_of[0],
                                "event_tables": dict(spread)}))  # fmt: skip


# --- measure ------------------------------------------------------------------------------------


HELLO_URLS = """from django.http import HttpResponse
from django.urls import include, path

from config.urls import handler403, handler404, handler500  # noqa: F401


def hello(request):
    return HttpResponse("Hello, world")


urlpatterns = [path("bench-hello/", hello), path("", include("config.urls"))]
"""
HELLO_SETTINGS = """from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench_urls"
"""


@dataclass
class Load:
    """What concurrent clients got in a fixed time: answers per second and latencies."""

    label: str
    ok: int
    errors: int
    seconds: float
    latencies: list[float]
    first_error: str = ""

    @property
    def per_second(self) -> float:
        return self.ok / self.seconds

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))] if ordered else 0.0

    def summary(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "ok": self.ok,
            "errors": self.errors,
            "seconds": round(self.seconds, 1),
            "per_second": round(self.per_second, 1),
            "p50_ms": round(self.percentile(0.5), 1),
            "p95_ms": round(self.percentile(0.95), 1),
            "first_error": self.first_error[:300],
        }


def request(
    port: int,
    method: str,
    url: str,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, bytes, float]:
    """One whole request on a new connection (gunicorn's sync workers close each one)."""
    started = time.perf_counter()
    connection = HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request(method, url, body=body, headers=headers or {})
        response = connection.getresponse()
        content = response.read()
    finally:
        connection.close()
    return response.status, content, (time.perf_counter() - started) * 1000


def load(
    label: str,
    port: int,
    clients: int,
    seconds: float,
    make: Any,  # (client number, request number) -> (method, url, body, headers, expected status)
) -> Load:
    lock = threading.Lock()
    result = Load(label, 0, 0, seconds, [])
    deadline = time.perf_counter() + seconds

    def client(number: int) -> None:
        n = 0
        while time.perf_counter() < deadline:
            method, url, body, headers, expected = make(number, n)
            n += 1
            try:
                status, content, ms = request(port, method, url, body, headers)
            except OSError as error:
                status, content, ms = 0, str(error).encode(), 0.0
            with lock:
                if status == expected:
                    result.ok += 1
                    result.latencies.append(ms)
                else:
                    result.errors += 1
                    result.first_error = result.first_error or f"{status} {content[:300]!r}"

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.perf_counter() - started
    print(
        f"   {label:<44} {result.per_second:7.1f}/s  p50 {result.percentile(0.5):6.1f} ms  "
        f"p95 {result.percentile(0.95):6.1f} ms  ({result.ok:,} ok, {result.errors:,} errors)"
        + (f"\n      first error: {result.first_error[:300]}" if result.errors else ""),
        flush=True,
    )
    return result


def timed(port: int, url: str, headers: dict[str, str], repeat: int) -> dict[str, Any]:
    """Median (and max) of ``repeat`` whole requests after two to warm up; None if absent."""
    status, content, _ms = request(port, "GET", url, headers=headers)
    if status != 200:
        return {
            "url": url,
            "status": status,
            "ms": None,
            "body": content[:200].decode(errors="replace"),
        }
    request(port, "GET", url, headers=headers)
    samples = []
    for _ in range(repeat):
        status, content, ms = request(port, "GET", url, headers=headers)
        samples.append(ms)
    return {
        "url": url,
        "status": status,
        "ms": round(statistics.median(samples), 1),
        "max_ms": round(max(samples), 1),
        "bytes": len(content),
    }


def in_process(call: Any, repeat: int) -> dict[str, Any]:
    call()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        rows = call()
        samples.append((time.perf_counter() - started) * 1000)
    return {"ms": round(statistics.median(samples), 1), "max_ms": round(max(samples), 1),
            "rows": len(rows)}  # fmt: skip


def session_cookie(user: Any) -> str:
    """A signed-in session for ``user``, made directly (no sign-in form, no lockout counter)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


def aadhaar(n: int) -> str:
    from degs.core.aadhaar import verhoeff_digit

    base = f"{2 + n % 8}{n * 7919 % 10**10:010d}"
    return base + verhoeff_digit(base)


@dataclass(frozen=True)
class Filer:
    token: str
    centre: int
    village: int


def filers(count: int) -> list[Filer]:
    """Operators of ``count`` centres spread over the state, each with a fresh API token."""
    from degs.accounts.services import api_token_create
    from degs.centres.models import Centre

    total = Centre.objects.count()
    picks = Centre.objects.filter(pk__in=[1 + i * (total // count) for i in range(count)])
    result = []
    for centre in picks.select_related("operator__user"):
        _token, raw = api_token_create(actor=centre.operator.user, name="bench filing")
        result.append(Filer(raw, centre.pk, centre.area_id))
    return result


def filing_body(filer: Filer, service: int, n: int) -> bytes:
    pdf = base64.b64encode(PDF).decode()
    return json.dumps(
        {
            "centre": filer.centre,
            "service": service,
            "client_token": str(uuid.uuid4()),
            "values": {
                "applicant_name": NAMES[n % len(NAMES)],
                "father_name": NAMES[(n + 5) % len(NAMES)],
                "date_of_birth": "25-01-1990",
                "mobile": f"9{n * 7919 % 10**9:09d}",
                "aadhaar": aadhaar(n),
                "village": str(filer.village),
                "pincode": "814101",
                "annual_income": "120000",
                "purpose": "education",
            },
            "documents": [
                {"code": "id_proof", "name": "voter-card.pdf", "content_base64": pdf},
                {"code": "self_declaration", "name": "declaration.pdf", "content_base64": pdf},
            ],
        }
    ).encode()


def remove_filed(after_pk: int) -> int:
    """Delete what the filing requests made (every application above ``after_pk``, with its
    lines, documents and events) and the tokens the run made, then vacuum: a database is read
    as built, however many runs it has had."""
    from django.db import connection

    from degs.accounts.models import ApiToken

    with connection.cursor() as cursor:
        for table in ("ledgerentry", "applicationdocument", "applicationevent"):
            cursor.execute(
                f"DELETE FROM applications_{table} WHERE application_id > %s",  # noqa: S608
                [after_pk],
            )
        cursor.execute("DELETE FROM applications_application WHERE id > %s", [after_pk])
        removed = cursor.rowcount
        ApiToken.objects.filter(name="bench filing").delete()
        cursor.execute(
            "VACUUM (ANALYZE) applications_application, applications_applicationevent, "
            "applications_ledgerentry, applications_applicationdocument"
        )
    return int(removed)


def start_server(
    db: str, port: int, workers: int, folder: Path, redis: str
) -> subprocess.Popen[bytes]:
    (folder / "bench_urls.py").write_text(HELLO_URLS)
    (folder / "bench_settings.py").write_text(HELLO_SETTINGS)
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url(db),
        DJANGO_SETTINGS_MODULE="bench_settings",
        PYTHONPATH=f"{folder}{os.pathsep}{ROOT}",
        DEGS_ENV="development",
        DEGS_DEBUG="0",
        DEGS_LOG_LEVEL="WARNING",
        DEGS_MEDIA_ROOT=str(folder / "media"),
        DEGS_REDIS_URL=redis,
        DEGS_STATIC_ROOT=str(folder / "static"),
    )
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [str(gunicorn), "config.wsgi", "-w", str(workers), "--threads", "1",
               "-b", f"127.0.0.1:{port}", "--log-level", "warning", "--timeout", "120"]  # fmt: skip
    server = subprocess.Popen(command, env=env, cwd=ROOT)  # noqa: S603
    for _ in range(150):
        time.sleep(0.2)
        try:
            status, _content, _ms = request(port, "GET", "/bench-hello/")
        except OSError:
            continue
        if status == 200:
            return server
    server.terminate()
    raise SystemExit("gunicorn did not answer /bench-hello/ within 30 s")


def readers() -> dict[str, Any]:
    """Who reads: the circle officer with the most open applications, the DC of that circle's
    district, and the state administrator."""
    from django.db.models import Count

    from degs.accounts.models import User
    from degs.applications.models import Application
    from degs.core.scoping import district_path, path_key
    from degs.directory.models import Area, PostHolding

    busiest = (
        Application.objects.filter(is_open=True, assigned_post__designation__code="co")
        .values("assigned_post_id")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    assert busiest is not None
    co = PostHolding.objects.select_related("user", "post__area").get(
        post_id=busiest["assigned_post_id"]
    )
    district = Area.objects.get(pk=path_key(district_path(co.post.area.path)))
    dc = PostHolding.objects.select_related("user").get(
        post__designation__code="dc", post__area=district
    )
    return {"co": co.user, "co_area": co.post.area.name, "co_open": busiest["n"],
            "district": district, "dc": dc.user,
            "admin": User.objects.get(username="state.admin")}  # fmt: skip


def read_checks(who: dict[str, Any]) -> list[tuple[str, str, str, dict[str, str]]]:
    """(key, label, address, headers) of every read timed, each as its reader, with an API
    token or a session made for the run."""
    from degs.accounts.services import api_token_create

    district = who["district"]
    users = {k: who[k] for k in ("co", "dc", "admin")}
    token = {
        k: {"Authorization": f"Bearer {api_token_create(actor=u, name='bench reads')[1]}"}
        for k, u in users.items()
    }
    session = {k: {"Cookie": session_cookie(u)} for k, u in users.items()}
    checks = [
        ("inbox_api", "CO: GET /api/applications/inbox/", "/api/applications/inbox/",
         token["co"]),
        ("inbox_page", "CO: inbox page", "/applications/inbox/", session["co"]),
    ]  # fmt: skip
    for by in ("block", "service", "officer"):
        checks.append((f"pending_dc_{by}", f"DC: pending report by {by}",
                       f"/applications/reports/pending/?by={by}", session["dc"]))  # fmt: skip
        checks.append((f"pending_admin_{by}", f"state admin: pending report by {by}",
                       f"/applications/reports/pending/?by={by}", session["admin"]))  # fmt: skip
    checks.append(("pending_admin_block_district", "state admin: by block, one district",
                   f"/applications/reports/pending/?by=block&district={district.pk}",
                   session["admin"]))  # fmt: skip
    this_month = dt.date.today().replace(day=1)  # noqa: DTZ011 - as the server's
    last_month = (this_month - dt.timedelta(days=1)).replace(day=1)
    for tag, month in (("", this_month), ("_last_month", last_month)):
        when = "this month" if not tag else "last month"
        query = f"/applications/reports/disposal/?month={month:%Y-%m}"
        checks.append((f"disposal_dc_block{tag}", f"DC: disposal by block, {when}",
                       f"{query}&district={district.pk}", session["dc"]))  # fmt: skip
        checks.append((f"disposal_admin_district{tag}",
                       f"state admin: disposal by district, {when}", query,
                       session["admin"]))  # fmt: skip
        checks.append((f"disposal_admin_block{tag}",
                       f"state admin: disposal by block, one district, {when}",
                       f"{query}&district={district.pk}", session["admin"]))  # fmt: skip
    return checks


def pair(args: argparse.Namespace) -> None:
    """The reads of two databases side by side: a server on each, and every read asked of
    both in turn (which one first alternates), so that the host's speed, which drifts by a
    third within minutes, weighs on both alike. Median of ``--repeat`` each, and the ratio."""
    folder = Path(tempfile.mkdtemp(prefix="degs_bench_pair_"))
    dbs = {"small": args.small, "large": args.large}
    ports = {"small": args.port, "large": args.port + 1}
    checks: dict[str, list[Any]] = {}
    for side, db in dbs.items():
        out = folder / f"{side}.json"
        subprocess.run([sys.executable, __file__, "checks", "--db", db, "--out", str(out)],  # noqa: S603
                       check=True, cwd=ROOT)  # fmt: skip
        checks[side] = json.loads(out.read_text())
    servers = []
    try:
        for n, (side, db) in enumerate(dbs.items()):
            redis = f"{args.redis.rsplit('/', 1)[0]}/{9 + n}" if args.redis else ""
            place = folder / side
            place.mkdir()
            servers.append(start_server(db, ports[side], args.workers, place, redis))
        print(f"-- reads of {args.small} and {args.large} in turn, median of {args.repeat} each")
        large = {c[0]: c for c in checks["large"]}
        rows = {}
        for key, label, url, headers in checks["small"]:
            other = large[key]
            for _ in range(args.workers + 1):  # every worker has read it once
                for side, u, h in (("small", url, headers), ("large", other[2], other[3])):
                    request(ports[side], "GET", u, headers=h)
            samples: dict[str, list[float]] = {"small": [], "large": []}
            for i in range(args.repeat):
                order = (("small", url, headers), ("large", other[2], other[3]))
                for side, u, h in order if i % 2 == 0 else order[::-1]:
                    status, _content, ms = request(ports[side], "GET", u, headers=h)
                    if status != 200:
                        raise SystemExit(f"{side}: {u} answered {status}")
                    samples[side].append(ms)
            small_ms = statistics.median(samples["small"])
            large_ms = statistics.median(samples["large"])
            rows[key] = {"label": label, "small_ms": round(small_ms, 1),
                         "large_ms": round(large_ms, 1), "ratio": round(large_ms / small_ms, 2)}  # fmt: skip
            print(f"   {label:<58} {small_ms:6.1f} ms {large_ms:6.1f} ms  {large_ms / small_ms:5.2f}x",
                  flush=True)  # fmt: skip
    finally:
        for server in servers:
            server.terminate()
            server.wait(30)
        shutil.rmtree(folder, ignore_errors=True)
    kept = RESULT_DIR / "degs_bench_apps_runs" / f"pair.{time.strftime('%Y%m%d-%H%M%S')}.json"
    kept.parent.mkdir(exist_ok=True)
    kept.write_text(json.dumps({"small": args.small, "large": args.large,
                                "repeat": args.repeat, "reads": rows}, indent=1))  # fmt: skip
    print(f"results in {kept}")


def write_checks(args: argparse.Namespace) -> None:
    setup_django(args.db)
    Path(args.out).write_text(json.dumps(read_checks(readers())))


def measure(args: argparse.Namespace) -> None:
    setup_django(args.db)

    from degs.applications import selectors
    from degs.applications.models import Application
    from degs.catalogue.models import Service

    size = Application.objects.count()
    open_count = Application.objects.filter(is_open=True).count()
    print(f"== {args.db}: {size:,} applications, {open_count:,} open", flush=True)
    who = readers()
    district = who["district"]
    income = Service.objects.get(code="income_certificate").pk
    checks = read_checks(who)
    print(
        f"   CO: {who['co_area']} ({who['co_open']:,} open with the post); "
        f"DC: {district.name}; state administrator",
        flush=True,
    )
    people = filers(FILING_CENTRES)
    last_pk = Application.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    result: dict[str, Any] = {"db": args.db, "size": size, "open": open_count,
                              "co_open": who["co_open"], "district": district.name}  # fmt: skip
    folder = Path(tempfile.mkdtemp(prefix="degs_bench_apps_"))
    server = start_server(args.db, args.port, args.workers, folder, args.redis)
    try:
        print(
            f"-- throughput: {args.clients} clients, {args.seconds:.0f} s each, gunicorn -w {args.workers}"
        )
        hello = load("GET /bench-hello/ (hello world)", args.port, args.clients, args.seconds,
                     lambda c, n: ("GET", "/bench-hello/", None, {}, 200))  # fmt: skip

        def filing(c: int, n: int) -> tuple[Any, ...]:
            filer = people[(c + n * args.clients) % len(people)]
            headers = {"Authorization": f"Bearer {filer.token}", "Content-Type": "application/json"}
            return (
                "POST",
                "/api/applications/",
                filing_body(filer, income, c * 100000 + n),
                headers,
                201,
            )

        filed = load("POST /api/applications/ (file, 2 PDFs)", args.port, args.clients,
                     args.seconds, filing)  # fmt: skip
        result["hello"], result["filing"] = hello.summary(), filed.summary()
        removed = remove_filed(last_pk)
        print(f"   (removed the {removed:,} applications filed, so every run reads the same)")
        print(f"-- reads: median of {args.repeat} whole requests, one at a time")
        pages: dict[str, Any] = {}
        for key, label, url, headers in checks:
            row = timed(args.port, url, headers, args.repeat)
            pages[key] = row | {"label": label}
            shown = (
                f"{row['ms']:7.1f} ms (max {row['max_ms']:.0f})"
                if row["ms"] is not None
                else f"absent ({row['status']})"
            )
            print(f"   {label:<44} {shown}  {url}", flush=True)
        result["pages"] = pages
    finally:
        server.terminate()
        server.wait(30)
        shutil.rmtree(folder, ignore_errors=True)
    print(f"-- selectors in-process (median of {args.repeat})")
    calls: dict[str, Any] = {
        "inbox_selector": ("CO: selectors.inbox", lambda: _inbox_rows(selectors, who["co"]))
    }
    for by in ("block", "service", "officer"):
        calls[f"pending_dc_{by}"] = (f"DC: pending_report(by={by})",
                                     lambda by=by: selectors.pending_report(user=who["dc"], by=by))  # fmt: skip
        calls[f"pending_admin_{by}"] = (f"state admin: pending_report(by={by})",
                                        lambda by=by: selectors.pending_report(user=who["admin"], by=by))  # fmt: skip
    month = dt.date.today().replace(day=1)  # noqa: DTZ011
    calls["disposal_dc_block"] = (
        "DC: disposal_report(by=block), this month",
        lambda: selectors.disposal_report(
            user=who["dc"], month=month, by="block", district=district
        ),
    )
    calls["disposal_admin_district"] = (
        "state admin: disposal_report(by=district), this month",
        lambda: selectors.disposal_report(user=who["admin"], month=month, by="district"),
    )
    selected = {}
    for key, (label, call) in calls.items():
        row = in_process(call, args.repeat)
        selected[key] = row | {"label": label}
        print(
            f"   {label:<44} {row['ms']:7.1f} ms (max {row['max_ms']:.0f}), {row['rows']} rows",
            flush=True,
        )
    result["selectors"] = selected
    result["at"] = time.strftime("%Y-%m-%d %H:%M:%S")
    out = RESULT_DIR / f"degs_bench_apps_{args.db}.json"
    out.write_text(json.dumps(result, indent=1, default=str))
    # Every run is kept too, for ``compare --runs``.
    kept = RESULT_DIR / "degs_bench_apps_runs" / f"{args.db}.{time.strftime('%Y%m%d-%H%M%S')}.json"
    kept.parent.mkdir(exist_ok=True)
    kept.write_text(out.read_text())
    print(f"results in {out} and {kept}")


def _inbox_rows(selectors: Any, user: Any) -> list[Any]:
    box = selectors.inbox(user=user)
    return [*box.overdue, *box.due_soon, *box.pending]


def compare(small: str, large: str) -> None:
    a = json.loads((RESULT_DIR / f"degs_bench_apps_{small}.json").read_text())
    b = json.loads((RESULT_DIR / f"degs_bench_apps_{large}.json").read_text())
    print(f"{'':<46} {a['size']:>14,} {b['size']:>14,}   ratio")
    print(f"{'open applications':<46} {a['open']:>14,} {b['open']:>14,}")
    print(f"{'open with the CO measured':<46} {a['co_open']:>14,} {b['co_open']:>14,}")
    for key in ("hello", "filing"):
        x, y = a[key], b[key]
        print(f"{x['label']:<46} {x['per_second']:>10.1f}/s {y['per_second']:>12.1f}/s  "
              f"(p50 {x['p50_ms']:.0f} / {y['p50_ms']:.0f} ms, p95 {x['p95_ms']:.0f} / {y['p95_ms']:.0f} ms)")  # fmt: skip
    for group in ("pages", "selectors"):
        for key, x in a[group].items():
            y = b[group].get(key, {})
            if x.get("ms") is None or y.get("ms") is None:
                print(f"{x['label']:<46} {'absent':>14} {'absent':>14}")
                continue
            print(
                f"{x['label']:<46} {x['ms']:>11.1f} ms {y['ms']:>11.1f} ms  {y['ms'] / x['ms']:5.2f}x"
            )


def compare_runs(small: str, large: str, plain: str | None) -> None:
    """Every kept run of ``small`` and ``large`` (and ``plain``) taken in turn: the n-th run of
    each is one round, measured minutes apart. Per read, each round's ratio large/small and the
    median over the rounds; the filing rate of every run, beside the hello world's."""
    folder = RESULT_DIR / "degs_bench_apps_runs"

    def runs(db: str) -> list[dict[str, Any]]:
        return [json.loads(f.read_text()) for f in sorted(folder.glob(f"{db}.*.json"))]

    a, b = runs(small), runs(large)
    c = runs(plain) if plain else []
    rounds = min(len(a), len(b))
    if not rounds:
        raise SystemExit(f"no kept runs of both {small} and {large} in {folder}")
    a, b = a[-rounds:], b[-rounds:]
    print(f"{rounds} rounds; per read: ms at {a[0]['size']:,} / ms at {b[0]['size']:,} = ratio")
    for group in ("pages", "selectors"):
        for key, first in a[0][group].items():
            pairs = [
                (x[group][key]["ms"], y[group].get(key, {}).get("ms"))
                for x, y in zip(a, b, strict=True)
            ]
            if any(p is None or q is None for p, q in pairs):
                print(f"{first['label']:<58} absent")
                continue
            ratios = [q / p for p, q in pairs]
            cells = "  ".join(f"{p:5.1f}/{q:5.1f}={q / p:4.2f}" for p, q in pairs)
            print(f"{first['label']:<58} median {statistics.median(ratios):4.2f}x  {cells}")
    for name, results in ((small, a), (large, b), (plain, c)):
        if results:
            rates = ", ".join(
                f"{r['filing']['per_second']:.1f}/s (hello {r['hello']['per_second']:.0f})"
                for r in results
            )
            print(f"filing {name}: {rates}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build")
    b.add_argument("--size", type=int, required=True)
    b.add_argument("--db", required=True)
    b.add_argument("--fresh", action="store_true")
    b.add_argument("--plain", action="store_true",
                   help="plain tables instead of partitioned ones (as before partitioning)")  # fmt: skip

    def server_options(parser: argparse.ArgumentParser, repeat: int, workers: int) -> None:
        parser.add_argument("--repeat", type=int, default=repeat)
        parser.add_argument("--port", type=int, default=8765)
        parser.add_argument("--workers", type=int, default=workers)
        parser.add_argument("--redis", default="redis://127.0.0.1:6379/9",
                            help="the server's DEGS_REDIS_URL, as several workers need ('' for "
                            "none); pair's second server uses the next database")  # fmt: skip

    m = sub.add_parser("measure")
    m.add_argument("--db", required=True)
    m.add_argument("--seconds", type=float, default=20)
    m.add_argument("--clients", type=int, default=8)
    server_options(m, repeat=20, workers=4)
    pr = sub.add_parser("pair", help="the reads of two databases, asked in turn")
    pr.add_argument("--small", default="degs_bench_apps_50k")
    pr.add_argument("--large", default="degs_bench_apps_5m")
    server_options(pr, repeat=40, workers=2)
    ch = sub.add_parser("checks", help="(for pair) write one database's reads to --out")
    ch.add_argument("--db", required=True)
    ch.add_argument("--out", required=True)
    c = sub.add_parser("compare")
    c.add_argument("--small", default="degs_bench_apps_50k")
    c.add_argument("--large", default="degs_bench_apps_5m")
    c.add_argument("--runs", action="store_true",
                   help="every kept run in rounds, with the median ratio (see compare_runs)")  # fmt: skip
    c.add_argument("--plain", default=None, help="with --runs: a --plain build's runs beside")
    args = parser.parse_args()
    if args.command == "build":
        build(args.size, args.db, args.fresh, args.plain)
    elif args.command == "measure":
        measure(args)
    elif args.command == "pair":
        pair(args)
    elif args.command == "checks":
        write_checks(args)
    elif args.runs:
        compare_runs(args.small, args.large, args.plain)
    else:
        compare(args.small, args.large)


if __name__ == "__main__":
    main()
