"""Benchmark: the DC's dashboard and the state's ranking of districts, read from the maintained
figures, beside the raw GROUP BY over the base tables that computes the same figures; at 50,000
and at 5 million applications.

Two commands, from a clean checkout (PostgreSQL on 127.0.0.1:5432, trust auth):

    .venv/bin/python bench/indicators_scale.py --build   # both databases, about 50 min
    .venv/bin/python bench/indicators_scale.py           # measure both, print the table

``--build`` makes two databases outside the repository, ``degs_bench_figures_50k`` and
``degs_bench_figures_5m`` (dropped first if they exist), each through the applications bench's
builder (``bench/applications_scale.py``: the same state shaped like Jharkhand, 24 districts, 48
subdivisions, 264 blocks, about 4,350 gram panchayats (Jharkhand has 4,345, about 181 a
district), 50,000 centres and the applications loaded with ``generate_series``). 5 million
applications are filed at the state's rate (4,500 a filing day, about three and a half years);
50,000 are spread over the same 13 months the figures cover (about 150 a filing day), so both
databases hold the same months. Then, for each database:

- the demo's data elements and indicators (``degs/indicators/demos/elements.py``) and a census
  population for each district, block and panchayat;
- the entered values of the 13 months up to this one for every area of each element's level:
  PMGDISHA enrolled, trained and certified by sex for every panchayat, Aadhaar enrolments,
  updates and centres working and fair-price shops (all and on ePoS) for every block, iStart
  mentees and cameras (installed, working) for every district; one report in 20 missing, about
  half of them entered after their due day (``INSERT ... SELECT``);
- the computed values of the applications' figure sources (received, disposed, disposed within
  time, pending beyond the limit at the month's end) for every block and month, and the figures
  (``Figure``) of every indicator with values for the state, each district, subdivision and block
  (and panchayat, for the panchayat-level elements) and month: through the figure engine's
  ``rebuild`` when the project has it (timed for each district), else generated in SQL by this
  script (said so in its output).

Without ``--build`` each database is measured in its own child process, in the same run, as the
DC of Jamtara and as the state administrator, for the last month over (the pages' default):
median of ``--repeat`` runs after one to warm up, of (a) the dashboard's selectors
(``degs.dashboards.selectors.dashboard``: every indicator with the month before and its
12-month trend, the overdue block, one indicator ranked over the district's subdivisions and
their blocks) and its pages through Django's test client when the project has them, beside the
raw GROUP BYs over ``applications_application`` and ``indicators_datavalue`` for the district
that compute the same figures; (b) the state's view (``degs.dashboards.selectors.state``) for
two indicators and its page, beside the raw GROUP BY over the applications by district. The raw
results are checked against the figures. Results go to /tmp/<db>.json (the build's to
/tmp/<db>.json.build) and the table is printed. Never run by
``make test``. ``DEGS_BENCH_PG`` (default postgres://postgres@127.0.0.1:5432) names the server.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import applications_scale as base  # noqa: E402 - the applications bench's builder, reused

DATABASES = {"degs_bench_figures_50k": 50_000, "degs_bench_figures_5m": 5_000_000}
MONTHS = 13  # this month and the 12 before it: the trend of this month and of last month
DISTRICT = "Jamtara"
RANKED = ("services_in_time", "services_pending_late")
RESULT_DIR = Path(tempfile.gettempdir())
APP_ELEMENTS = {
    "app_received": "received",
    "app_disposed": "disposed",
    "app_disposed_in_time": "in_time",
    "app_pending_beyond_limit": "pending_late",
}
# Each entered element's monthly value in one area: low + random() * spread (per category for
# an element split by sex; transgender persons a fiftieth of that).
ENTERED_VALUES = {
    "pmgdisha_enrolled": (20, 30),
    "pmgdisha_trained": (15, 20),
    "pmgdisha_certified": (10, 12),
    "aadhaar_enrolments": (200, 700),
    "aadhaar_updates": (500, 1500),
    "aadhaar_centres_working": (5, 15),
    "fps_total": (100, 40),
    "fps_on_epos": (80, 20),
    "istart_mentees": (5, 35),
    "cameras_installed": (150, 150),
    "cameras_working": (100, 50),
}


def result_file(db: str) -> Path:
    return RESULT_DIR / f"{db}.json"


def month_starts() -> list[dt.date]:
    from degs.indicators.periods import Period

    return [p.start for p in Period.current().trend(MONTHS)]


# --- build --------------------------------------------------------------------------------------


AREAS_SQL = """
CREATE TEMP TABLE bench_areas AS
SELECT id, kind, parent_id, depth, path,
       CASE WHEN depth >= 1 THEN substring(path, 10, 8)::bigint END AS district_id
FROM directory_area
WHERE kind IN ('state', 'district', 'subdivision', 'block', 'gram_panchayat');
CREATE UNIQUE INDEX ON bench_areas (id);
-- every area of an entry level (panchayat, block, district) with itself and each area above it
CREATE TEMP TABLE bench_up AS
SELECT a.id AS area_id, a.kind, substring(a.path, 9 * k + 1, 8)::bigint AS up_id
FROM bench_areas a, generate_series(0, a.depth) AS k
WHERE a.kind IN ('gram_panchayat', 'block', 'district');
CREATE INDEX ON bench_up (area_id);
ANALYZE bench_areas; ANALYZE bench_up;
"""

ENTERED_SQL = """
INSERT INTO indicators_datavalue
    (element_id, area_id, district_id, period_type, period_start, category, value, comment,
     origin, is_demo, version, entered_by_id, entered_at, meeting_id)
SELECT e.id, a.id, a.district_id, 'month', m.s, c.cat,
       floor((v.low + random() * v.spread) * CASE c.cat WHEN 'transgender' THEN 0.02 ELSE 1 END),
       '', 'import', false, 1, NULL,
       LEAST(now(), (m.s + interval '1 month' + random() * interval '20 days')
                    AT TIME ZONE 'Asia/Kolkata'),
       NULL
FROM indicators_dataelement e
JOIN bench_values v ON v.code = e.code
JOIN bench_areas a ON a.kind = e.entry_level
CROSS JOIN unnest(%(months)s::date[]) AS m(s)
CROSS JOIN LATERAL unnest(CASE WHEN e.disaggregation = 'sex'
                               THEN ARRAY['female', 'male', 'transgender']
                               ELSE ARRAY[''] END) AS c(cat)
WHERE e.source = 'entered'
  AND abs(hashtext(a.id || '/' || e.id || '/' || m.s)) %% 20 <> 0
"""

# The applications' figures for every block and month: received and disposed in the month,
# disposed within time, and pending beyond the limit at the month's end (today for this month).
APPLICATIONS_SQL = """
WITH m AS (
    SELECT s, LEAST((s + interval '1 month' - interval '1 day')::date, %(today)s::date) AS e
    FROM unnest(%(months)s::date[]) AS s
)
SELECT a.district_id, a.block_id, m.s,
       count(*) FILTER (WHERE (a.submitted_at AT TIME ZONE 'Asia/Kolkata')::date >= m.s)
           AS received,
       count(*) FILTER (WHERE a.decided_on BETWEEN m.s AND m.e) AS disposed,
       count(*) FILTER (WHERE a.decided_on BETWEEN m.s AND m.e AND a.within_limit) AS in_time,
       count(*) FILTER (WHERE (a.decided_on IS NULL OR a.decided_on > m.e) AND a.due_date < m.e)
           AS pending_late
FROM applications_application a
JOIN m ON (a.submitted_at AT TIME ZONE 'Asia/Kolkata')::date <= m.e
      AND (a.decided_on IS NULL OR a.decided_on >= m.s)
WHERE a.submitted_at IS NOT NULL {where}
GROUP BY a.district_id, a.block_id, m.s
"""

COMPUTED_SQL = """
INSERT INTO indicators_datavalue
    (element_id, area_id, district_id, period_type, period_start, category, value, comment,
     origin, is_demo, version, entered_by_id, entered_at, meeting_id)
SELECT e.id, b.id, b.district_id, 'month', m.s, '',
       COALESCE(CASE e.code WHEN 'app_received' THEN f.received
                            WHEN 'app_disposed' THEN f.disposed
                            WHEN 'app_disposed_in_time' THEN f.in_time
                            ELSE f.pending_late END, 0),
       '', 'computed', false, 1, NULL, now(), NULL
FROM indicators_dataelement e
JOIN bench_areas b ON b.kind = 'block'
CROSS JOIN unnest(%(months)s::date[]) AS m(s)
LEFT JOIN bench_app_figures f ON f.block_id = b.id AND f.s = m.s
WHERE e.code = ANY(%(codes)s)
"""

# Each element's sum in every area (its own and every area above), month and category; "all"
# is the element's total over its categories.
TOTALS_SQL = """
CREATE TEMP TABLE bench_totals AS
SELECT up.up_id AS area_id, v.element_id, v.period_start, COALESCE(v.category, 'all') AS cat,
       sum(v.value) AS value, count(DISTINCT v.area_id) AS reported,
       count(DISTINCT v.area_id) FILTER (
           WHERE (v.entered_at AT TIME ZONE 'Asia/Kolkata')::date
                 > (v.period_start + interval '1 month')::date - 1 + e.due_days) AS late
FROM indicators_datavalue v
JOIN indicators_dataelement e ON e.id = v.element_id
JOIN bench_up up ON up.area_id = v.area_id
GROUP BY GROUPING SETS ((up.up_id, v.element_id, v.period_start, v.category),
                        (up.up_id, v.element_id, v.period_start));
CREATE INDEX ON bench_totals (area_id, element_id, period_start, cat);
CREATE TEMP TABLE bench_expected AS
SELECT up_id, kind, count(*) AS n FROM bench_up GROUP BY up_id, kind;
ANALYZE bench_totals; ANALYZE bench_expected;
"""

FIGURES_SQL = """
INSERT INTO indicators_figure
    (indicator_id, area_id, parent_id, kind, period_type, period_start, numerator, denominator,
     value, target, expected, reported, late, is_demo, refreshed_at)
SELECT i.indicator_id, a.id, a.parent_id, a.kind, 'month', m.s, n.value, d.value,
       CASE WHEN i.den_element IS NULL THEN n.value * i.factor
            WHEN d.value = 0 THEN NULL
            ELSE round(n.value / d.value * i.factor, 4) END,
       NULL,
       CASE WHEN i.entered THEN COALESCE(x.n, 0) ELSE 0 END,
       CASE WHEN i.entered THEN COALESCE(n.reported, 0) ELSE 0 END,
       CASE WHEN i.entered THEN COALESCE(n.late, 0) ELSE 0 END,
       false, now()
FROM bench_indicators i
JOIN bench_areas a ON a.depth <= i.depth
CROSS JOIN unnest(%(months)s::date[]) AS m(s)
LEFT JOIN bench_totals n
       ON n.area_id = a.id AND n.element_id = i.num_element AND n.period_start = m.s
      AND n.cat = i.num_cat
LEFT JOIN bench_totals d
       ON d.area_id = a.id AND d.element_id = i.den_element AND d.period_start = m.s
      AND d.cat = i.den_cat
LEFT JOIN bench_expected x ON x.up_id = a.id AND x.kind = i.entry_level
"""

DEPTH = {"district": 1, "block": 3, "gram_panchayat": 4}
REFERENCE = re.compile(r"^#\{(\w+)(?:\.(\w+))?\}$")


def reference(text: str) -> tuple[str, str] | None:
    """A formula that is one element ("#{code}" or "#{code.female}"): (code, category key)."""
    if not text.strip():
        return None
    found = REFERENCE.match(text.strip())
    if not found:
        raise SystemExit(f"the SQL figures handle one-reference formulas only, not {text!r}")
    return found[1], found[2] or "all"


def load_values(
    cursor: Any, months: list[dt.date], today: dt.date, computed: bool
) -> dict[str, Any]:
    """The entered values and the applications' computed values, in SQL."""
    from degs.indicators.models import DataValue

    out: dict[str, Any] = {}
    cursor.execute(AREAS_SQL)
    cursor.execute("CREATE TEMP TABLE bench_values (code text, low float8, spread float8)")
    for code, (low, spread) in ENTERED_VALUES.items():
        cursor.execute("INSERT INTO bench_values VALUES (%s, %s, %s)", [code, low, spread])
    started = time.perf_counter()
    cursor.execute(ENTERED_SQL, {"months": months})
    out["entered_values"] = cursor.rowcount
    out["entered_seconds"] = round(time.perf_counter() - started, 1)
    print(f"   {out['entered_values']:,} entered values in {out['entered_seconds']} s", flush=True)
    if not computed:  # the engine counts them
        out["values"] = DataValue.objects.count()
        return out
    started = time.perf_counter()
    cursor.execute(
        "CREATE TEMP TABLE bench_app_figures AS " + APPLICATIONS_SQL.format(where=""),
        {"months": months, "today": today},
    )
    cursor.execute("CREATE INDEX ON bench_app_figures (block_id, s)")
    cursor.execute(COMPUTED_SQL, {"months": months, "codes": list(APP_ELEMENTS)})
    out["computed_values"] = cursor.rowcount
    out["computed_seconds"] = round(time.perf_counter() - started, 1)
    print(
        f"   {out['computed_values']:,} computed values (applications, per block and month) "
        f"in {out['computed_seconds']} s",
        flush=True,
    )
    out["values"] = DataValue.objects.count()
    return out


def figures_in_sql(cursor: Any, months: list[dt.date]) -> dict[str, Any]:
    """Figure rows of every indicator whose elements have values, in SQL (no engine)."""
    from degs.indicators.models import DataElement, Figure, Indicator

    elements = {e.code: e for e in DataElement.objects.all()}
    with_values = set(
        DataElement.objects.filter(values__isnull=False).values_list("code", flat=True).distinct()
    )
    cursor.execute(
        "CREATE TEMP TABLE bench_indicators (indicator_id bigint, num_element bigint, "
        "num_cat text, den_element bigint, den_cat text, factor numeric, depth int, "
        "entry_level text, entered bool)"
    )
    skipped = []
    for indicator in Indicator.objects.all():
        num = reference(indicator.numerator)
        den = reference(indicator.denominator)
        codes = [r[0] for r in (num, den) if r]
        if not set(codes) <= with_values:
            skipped.append(indicator.code)
            continue
        assert num is not None
        first = elements[num[0]]
        cursor.execute(
            "INSERT INTO bench_indicators VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
            [indicator.pk, first.pk, num[1], elements[den[0]].pk if den else None,
             den[1] if den else None, indicator.factor,
             max(DEPTH[elements[c].entry_level] for c in codes), first.entry_level,
             first.source == "entered"],
        )  # fmt: skip
    started = time.perf_counter()
    cursor.execute(TOTALS_SQL)
    cursor.execute(FIGURES_SQL, {"months": months})
    seconds = time.perf_counter() - started
    count = Figure.objects.count()
    print(
        f"   {count:,} figures generated in SQL in {seconds:.1f} s (no engine); "
        f"indicators without values, no figures: {', '.join(skipped)}",
        flush=True,
    )
    return {"figures": count, "figures_seconds": round(seconds, 1), "figures_by": "sql",
            "indicators_without_figures": skipped}  # fmt: skip


def figures_by_engine(districts: list[Any], months: list[dt.date]) -> dict[str, Any] | None:
    """Computed values and figures through the figure engine, as its nightly ``rebuild`` does
    (the figure sources counted for each district and month, then every figure of the district
    worked out, then the state's row), timed for each district; None when the project has no
    engine."""
    try:
        from degs.indicators.services import figures as engine
    except ImportError:
        return None
    if not hasattr(engine, "rebuild"):
        return None
    from degs.indicators.models import Figure

    periods = engine.rebuild_periods(len(months))
    month_periods = [p for p in periods if p.type == "month"]
    assert [p.start for p in month_periods] == months, "the engine's months are not the bench's"
    per_district = []
    sources_s = []
    for district in districts:
        started = time.perf_counter()
        for month in month_periods:
            engine.compute_sources(district, month, queue=False)
        counted = time.perf_counter()
        engine.refresh(district, periods, with_state=False)
        per_district.append(time.perf_counter() - started)
        sources_s.append(counted - started)
        print(f"   {district.name}: {per_district[-1]:.1f} s ({sources_s[-1]:.1f} s counting "
              f"the figure sources)", flush=True)  # fmt: skip
    started = time.perf_counter()
    engine.refresh_state(districts[0].parent_id, periods)
    state_s = time.perf_counter() - started
    print(f"   the state's row: {state_s:.1f} s", flush=True)
    return {"figures": Figure.objects.count(), "figures_by": "engine",
            "figures_seconds": round(sum(per_district) + state_s, 1),
            "rebuild_per_district_s": [round(s, 1) for s in per_district],
            "sources_per_district_s": [round(s, 1) for s in sources_s],
            "state_row_s": round(state_s, 1), "indicators_without_figures": []}  # fmt: skip


def engine_present() -> bool:
    try:
        from degs.indicators.services import figures as engine
    except ImportError:
        return False
    return hasattr(engine, "rebuild")


def build(db: str, size: int, engine: bool) -> None:
    started = base.step(f"create {db}")
    base.create_database(db, fresh=True)
    base.setup_django(db)
    from django.core.management import call_command
    from django.db import connection

    from degs.indicators.demos.elements import load_elements
    from degs.indicators.models import DataValue

    base.step("migrate")
    call_command("migrate", verbosity=0)
    months = month_starts()
    today = dt.date.today()  # noqa: DTZ011 - the server's local day, as the applications bench's
    in_months = len([d for d in range((today - months[0]).days + 1)
                     if (months[0] + dt.timedelta(days=d)).weekday() != 6])  # fmt: skip
    per_day = min(base.PER_DAY, math.ceil(size / in_months))
    first_day = base.filing_days(-(-size // per_day), today)[-1]
    rng = random.Random(size)
    base.step(f"directory, posts and catalogue (applications from {first_day}, {per_day:,} a day)")
    made = base.build_directory(rng, first_day)
    base.step("centres")
    centres = base.build_centres(rng, made)
    base.step(f"{size:,} applications (bench/applications_scale.py)")
    base.load_applications(size, made, centres, per_day=per_day)
    state_seconds = time.perf_counter() - started
    meta: dict[str, Any] = {"db": db, "size": size, "per_day": per_day,
                            "first_day": str(first_day), "state_seconds": round(state_seconds)}  # fmt: skip
    base.step("VACUUM ANALYZE the applications")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE applications_application")
    mark = base.step("elements, indicators, populations and values")
    load_elements()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE directory_area SET population = CASE kind "
            "WHEN 'gram_panchayat' THEN 4000 + mod(id * 7919, 6000) "
            "WHEN 'block' THEN 120000 + mod(id * 7919, 80000) "
            "ELSE 1000000 + mod(id * 7919, 1500000) END "
            "WHERE kind IN ('district', 'block', 'gram_panchayat')"
        )
        engine = engine and engine_present()
        meta |= load_values(cursor, months, today, computed=not engine)
        cursor.execute("ANALYZE indicators_datavalue")
        base.step("figures")
        by_engine = figures_by_engine(made["districts"], months) if engine else None
        meta |= by_engine or figures_in_sql(cursor, months)
        meta["values"] = DataValue.objects.count()
    meta["figures_build_seconds"] = round(time.perf_counter() - mark)
    connection.close()
    import psycopg

    with psycopg.connect(base.database_url(db), autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
        row = conn.execute(
            "SELECT pg_size_pretty(pg_database_size(%s)), "
            "pg_size_pretty(pg_total_relation_size('indicators_figure')), "
            "pg_size_pretty(pg_total_relation_size('indicators_datavalue')), "
            "(SELECT count(*) FROM applications_application), "
            "(SELECT count(*) FROM directory_area WHERE kind = 'gram_panchayat')",
            [db],
        ).fetchone()
    assert row is not None
    meta |= {"bytes": row[0], "figure_bytes": row[1], "value_bytes": row[2],
             "applications": row[3], "panchayats": row[4],
             "seconds": round(time.perf_counter() - started)}  # fmt: skip
    Path(str(result_file(db)) + ".build").write_text(json.dumps(meta, indent=1))
    print(f"built {db} in {meta['seconds'] / 60:.1f} min: {json.dumps(meta)}", flush=True)


# --- measure ------------------------------------------------------------------------------------


def timed(call: Any, repeat: int) -> dict[str, Any]:
    """Median and max of ``repeat`` calls after one to warm up, in ms."""
    call()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return {"ms": round(statistics.median(samples), 2), "max_ms": round(max(samples), 1)}


def dashboard_reads(user: Any, district_pk: int, period: Any, code: str) -> list[Any]:
    """What the DC's dashboard page draws (``degs.dashboards.selectors.dashboard``): every
    indicator for the period with the period before and its 12-month trend, the overdue block
    of this month, when the figures were worked out; and one indicator ranked across the
    district's subdivisions and each subdivision's blocks (the ranking page's reads)."""
    from degs.dashboards.selectors import dashboard as sel

    area = sel.dashboard_area_get(user=user, pk=district_pk)
    board = sel.dashboard_get(user=user, area=area, period=period)
    charts = [tile.chart for domain in board.domains for tile in domain.tiles]
    indicator = sel.indicator_get(code)
    ranking = sel.ranking_get(area=area, indicator=indicator, period=period)
    blocks = [
        sel.ranking_get(area=child.area, indicator=indicator, period=period)
        for child in ranking.children
        if child.area.kind == "subdivision"
    ]
    return [board, charts, ranking, blocks]


def state_ranking(user: Any, period: Any, code: str) -> Any:
    """The state's view (``degs.dashboards.selectors.state``): the districts ranked on one
    indicator, with every indicator's ranks in the overview."""
    from degs.dashboards.selectors.state import state_view

    return state_view(user=user, indicator_code=code, period=period)


RAW_VALUES_SQL = """
SELECT up.up_id, v.element_id, v.period_start, v.category, sum(v.value)
FROM indicators_datavalue v
JOIN directory_area a ON a.id = v.area_id
CROSS JOIN LATERAL generate_series(1, a.depth) AS k
CROSS JOIN LATERAL (SELECT substring(a.path, 9 * k + 1, 8)::bigint AS up_id) AS up
WHERE v.district_id = %(district)s AND v.period_type = 'month'
  AND v.period_start BETWEEN %(first)s AND %(last)s
  AND v.element_id = ANY(%(entered)s)
GROUP BY up.up_id, v.element_id, v.period_start, v.category
"""


def raw_dashboard(district_pk: int, months: list[dt.date], today: dt.date,
                  entered: list[int]) -> dict[str, Any]:  # fmt: skip
    """The same figures from the base tables: the district's applications by block and month
    (received, disposed, within time, pending beyond the limit at the month's end), and its
    entered values summed for every area above them (panchayat, block, subdivision, district)
    and month."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            APPLICATIONS_SQL.format(where="AND a.district_id = %(district)s"),
            {"months": months, "today": today, "district": district_pk},
        )
        apps = cursor.fetchall()
        values: list[Any] = []
        if entered:
            cursor.execute(
                RAW_VALUES_SQL,
                {"district": district_pk, "first": months[0], "last": months[-1],
                 "entered": entered},
            )  # fmt: skip
            values = cursor.fetchall()
    return {"apps": apps, "values": values}


RAW_RANK_SQL = {
    "services_in_time": """
        SELECT district_id, count(*) FILTER (WHERE within_limit), count(*)
        FROM applications_application
        WHERE decided_on BETWEEN %(s)s AND %(e)s GROUP BY district_id""",
    # ranked per lakh people, as the state's view ranks a count
    "services_pending_late": """
        SELECT a.district_id, count(*), min(d.population) FROM applications_application a
        JOIN directory_area d ON d.id = a.district_id
        WHERE a.submitted_at IS NOT NULL
          AND (a.submitted_at AT TIME ZONE 'Asia/Kolkata')::date <= %(e)s
          AND (a.decided_on IS NULL OR a.decided_on > %(e)s) AND a.due_date < %(e)s
        GROUP BY a.district_id""",
}
RAW_STATE_VALUES_SQL = """
SELECT district_id, element_id, category, sum(value) FROM indicators_datavalue
WHERE period_type = 'month' AND period_start = %(s)s AND element_id = ANY(%(entered)s)
GROUP BY district_id, element_id, category
"""


def raw_state(period: Any, today: dt.date, entered: list[int]) -> list[Any]:
    """Every indicator's figures of every district for the month from the base tables (what the
    state's view reads for its overview): the applications by district and block, and the
    entered values by district."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            APPLICATIONS_SQL.format(where=""), {"months": [period.start], "today": today}
        )
        apps = cursor.fetchall()
        cursor.execute(RAW_STATE_VALUES_SQL, {"s": period.start, "entered": entered})
        return apps + cursor.fetchall()


def raw_ranking(code: str, month: Any, today: dt.date) -> list[tuple[Any, ...]]:
    """The districts on one indicator for the month, from the applications; best first."""
    from django.db import connection

    end = min(month.end, today)
    with connection.cursor() as cursor:
        cursor.execute(RAW_RANK_SQL[code], {"s": month.start, "e": end})
        rows = cursor.fetchall()
    if code == "services_in_time":
        scored = [(d, Decimal(100 * n) / t if t else None) for d, n, t in rows]
    else:
        scored = [(d, Decimal(100_000 * n) / p) for d, n, p in rows]
    return sorted(scored, key=lambda r: r[1] or 0, reverse=code == "services_in_time")


def check(raw: dict[str, Any], district_pk: int, period: Any) -> list[str]:
    """Do the raw GROUP BYs give the maintained figures? The district's three applications
    indicators for the period and PMGDISHA trained in each month; differences as sentences."""
    from degs.indicators.models import Figure, Indicator

    indicators = {i.code: i for i in Indicator.objects.all()}
    got = {
        f.indicator_id: f.value
        for f in Figure.objects.filter(
            area_id=district_pk, period_type="month", period_start=period.start
        )
    }
    total = dict.fromkeys(APP_ELEMENTS.values(), 0)
    for _d, _block, start, *counts in raw["apps"]:
        if start == period.start:
            for key, n in zip(APP_ELEMENTS.values(), counts, strict=True):
                total[key] += n
    expect: dict[str, Decimal | None] = {
        "services_received": Decimal(total["received"]),
        "services_pending_late": Decimal(total["pending_late"]),
        "services_in_time": Decimal(100 * total["in_time"]) / total["disposed"]
        if total["disposed"]
        else None,
    }
    problems = []
    for code, want in expect.items():
        value = got.get(indicators[code].pk)
        if (want is None) != (value is None) or (
            want is not None and value is not None and abs(value - want) > Decimal("0.01")
        ):
            problems.append(f"{code}: figure {value}, raw {want}")
    trained = indicators["pmgdisha_trained"]
    element = next(iter(trained.element_codes))
    from degs.indicators.models import DataElement

    element_id = DataElement.objects.get(code=element).pk
    raw_trained: dict[dt.date, Decimal] = {}
    for up, element_pk, start, _cat, value in raw["values"]:
        if up == district_pk and element_pk == element_id:
            raw_trained[start] = raw_trained.get(start, Decimal(0)) + value
    figures = dict(
        Figure.objects.filter(
            indicator=trained, area_id=district_pk, period_type="month"
        ).values_list("period_start", "value")
    )
    for start, value in sorted(raw_trained.items()):
        if figures.get(start) != value:
            problems.append(f"pmgdisha_trained {start}: figure {figures.get(start)}, raw {value}")
    return problems


def page_urls(district_pk: int, period: Any, code: str) -> dict[str, str | None]:
    """The dashboard pages when the project has them (None when not)."""
    from django.urls import NoReverseMatch, reverse

    def url(name: str, args: tuple[Any, ...], query: str) -> str | None:
        try:
            return reverse(name, args=args) + query
        except NoReverseMatch:
            return None

    return {
        "dashboard": url("dashboards:dashboard", (), f"?period={period.code}"),
        "ranking": url("dashboards:ranking", (district_pk, code), f"?period={period.code}"),
        "state": url("dashboards:state", (), f"?indicator={code}&period={period.code}"),
    }


def measure(db: str, repeat: int) -> None:
    base.setup_django(db)
    from django.test import Client

    from degs.accounts.models import User
    from degs.applications.models import Application
    from degs.directory.models import Area, PostHolding
    from degs.indicators.models import DataElement, DataValue, Figure
    from degs.indicators.periods import Period

    period = Period.current().previous()  # the last month over: the pages' default
    months = month_starts()
    today = dt.date.today()  # noqa: DTZ011
    district = Area.objects.get(kind="district", name=DISTRICT)
    dc = PostHolding.objects.get(post__designation__code="dc", post__area=district).user
    admin = User.objects.get(username="state.admin")
    entered = list(DataElement.objects.filter(source="entered").values_list("pk", flat=True))
    sizes = {
        "applications": Application.objects.count(),
        "district_applications": Application.objects.filter(district=district).count(),
        "values": DataValue.objects.count(),
        "figures": Figure.objects.count(),
        "district_figures": Figure.objects.filter(area__path__startswith=district.path).count(),
    }
    print(f"== {db}: {json.dumps(sizes)}", flush=True)
    out: dict[str, Any] = {"db": db, "sizes": sizes, "period": period.code, "repeat": repeat}
    rows: dict[str, Any] = {}

    def run(key: str, label: str, call: Any) -> None:
        try:
            rows[key] = timed(call, repeat) | {"label": label}
        except Exception as error:  # a page that fails is reported, not fatal
            rows[key] = {"label": label, "error": f"{type(error).__name__}: {error}"[:300]}
            print(f"   {label:<62} failed: {rows[key]['error']}", flush=True)
            return
        print(f"   {label:<62} {rows[key]['ms']:9.2f} ms (max {rows[key]['max_ms']})",
              flush=True)  # fmt: skip

    clients = {}
    for who, user in (("dc", dc), ("admin", admin)):
        clients[who] = Client()
        clients[who].force_login(user, backend="django.contrib.auth.backends.ModelBackend")

    def page(who: str, url: str) -> Any:
        def get() -> None:
            response = clients[who].get(url)
            if response.status_code != 200:
                raise RuntimeError(f"{url} answered {response.status_code}")

        return get

    code = RANKED[1]
    urls = page_urls(district.pk, period, code)
    out["urls"] = urls
    print(f"-- (a) the DC of {DISTRICT}'s dashboard, {period.code}; median of {repeat}", flush=True)
    run("dashboard_reads", "dashboard + rankings, selectors",
        lambda: dashboard_reads(dc, district.pk, period, code))  # fmt: skip
    for key in ("dashboard", "ranking"):
        url = urls[key]
        if url:
            run(f"page_{key}", f"page {key} (test client, DC)", page("dc", url))
        else:
            print(f"   page dashboards:{key}: absent", flush=True)
    run("raw_dashboard", "raw GROUP BYs: applications + values, district",
        lambda: raw_dashboard(district.pk, months, today, entered))  # fmt: skip
    run("raw_dashboard_apps", "  of which the applications' GROUP BY",
        lambda: raw_dashboard(district.pk, months, today, []))  # fmt: skip
    problems = check(raw_dashboard(district.pk, months, today, entered), district.pk, period)
    out["check"] = problems or "the raw GROUP BYs give the figures read"
    print(f"   check: {out['check']}", flush=True)
    print(f"-- (b) the state's ranking of its districts, {period.code}", flush=True)
    for code in RANKED:
        run(f"rank_{code}", f"state view reads: {code}",
            lambda code=code: state_ranking(admin, period, code))  # fmt: skip
        run(f"raw_rank_{code}", f"raw GROUP BY district: {code}",
            lambda code=code: raw_ranking(code, period, today))  # fmt: skip
        view = state_ranking(admin, period, code)
        raw = raw_ranking(code, period, today)
        top = [s.district.pk for s in view.standings][:5]
        same = top == [d for d, _v in raw][:5]
        out[f"rank_{code}_same_top5"] = same
        print(f"   same five districts on top, in order: {same} (basis {view.basis})", flush=True)
    run("raw_state_all", "raw GROUP BYs: every indicator by district",
        lambda: raw_state(period, today, entered))  # fmt: skip
    state_url = urls["state"]
    if state_url:
        run("page_state", "page state (test client, state admin)", page("admin", state_url))
    else:
        print("   page dashboards:state: absent", flush=True)
    out["rows"] = rows
    result_file(db).write_text(json.dumps(out, indent=1, default=str))


# --- the table ----------------------------------------------------------------------------------


def table() -> None:
    small_db, large_db = DATABASES
    small = json.loads(result_file(small_db).read_text())
    large = json.loads(result_file(large_db).read_text())
    print(f"\n{'':<58} {small['sizes']['applications']:>12,} {large['sizes']['applications']:>12,}"
          f"   5m / 50k")  # fmt: skip
    for key, row in small["rows"].items():
        other = large["rows"].get(key, {})
        if "ms" not in row or "ms" not in other:
            print(f"{row.get('label', key):<58} {'error':>12} {'error':>12}")
            continue
        print(f"{row['label']:<58} {row['ms']:>9.2f} ms {other['ms']:>9.2f} ms "
              f"{other['ms'] / row['ms']:8.2f}x")  # fmt: skip
    print()
    pairs = [("dashboard reads / raw", "dashboard_reads", "raw_dashboard"),
             ("dashboard page / raw", "page_dashboard", "raw_dashboard"),
             ("ranking page / raw", "page_ranking", "raw_dashboard")]  # fmt: skip
    pairs += [(f"state reads ({c}) / raw", f"rank_{c}", f"raw_rank_{c}") for c in RANKED]
    pairs += [(f"state page ({c}) / raw", "page_state", f"raw_rank_{c}") for c in RANKED[1:]]
    pairs += [("state page / raw, every indicator", "page_state", "raw_state_all")]
    for name, data in (("50k", small), ("5m", large)):
        r = data["rows"]
        for label, a, b in pairs:
            if "ms" in r.get(a, {}) and "ms" in r.get(b, {}):
                ratio = r[a]["ms"] / r[b]["ms"]
                print(f"{name:>4}: {label:<44} {ratio:8.4f}  (aim <= 0.01)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", action="store_true", help="make both databases")
    parser.add_argument("--db", choices=list(DATABASES), help="only this database")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--sql-figures", action="store_true",
                        help="generate the figures in SQL even when the engine exists")  # fmt: skip
    parser.add_argument("--measure-one", help=argparse.SUPPRESS)  # the child processes
    parser.add_argument("--build-one", help=argparse.SUPPRESS)
    parser.add_argument("--table", action="store_true", help="only print the last results")
    args = parser.parse_args()
    if args.measure_one:
        measure(args.measure_one, args.repeat)
        return
    if args.build_one:
        build(args.build_one, DATABASES[args.build_one], engine=not args.sql_figures)
        return
    if args.table:
        table()
        return
    chosen = [args.db] if args.db else list(DATABASES)
    for db in chosen:
        if args.build:
            command = [sys.executable, __file__, "--build-one", db]
            command += ["--sql-figures"] if args.sql_figures else []
        else:
            command = [sys.executable, __file__, "--measure-one", db, "--repeat", str(args.repeat)]
        subprocess.run(command, check=True)  # noqa: S603 - this script, one database each
    if not args.build and len(chosen) == len(DATABASES):
        table()


if __name__ == "__main__":
    main()
