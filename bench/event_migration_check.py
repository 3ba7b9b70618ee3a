"""Proof that moving an app's event table to the shared columns (``core.models.WorkflowEvent``)
loses no row and keeps each object's event order.

1. Build the demo database with the code *before* the migration, on SQLite::

       git worktree add /tmp/wt-old <commit before the migration>
       ln -s /work/main/.venv /tmp/wt-old/.venv
       cd /tmp/wt-old && DEGS_DATA_DIR=/tmp/old-demo .venv/bin/python manage.py migrate
       DEGS_DATA_DIR=/tmp/old-demo .venv/bin/python manage.py load_demo

2. From this checkout (the new code)::

       .venv/bin/python bench/event_migration_check.py applications /tmp/old-demo/degs.sqlite3

   The database is copied (the original is not touched), the events are read from the copy,
   ``manage.py migrate`` runs on the copy, the events are read again under the new column names
   and the two are compared: the row count, and per object the ordered list of (id, action,
   from, to, at, actor, remark) ordered by (at, id). It prints the figures and exits 1 on any
   difference.

Each table is named in ``TABLES`` (the app label: the table, the column naming the object, and
the old and new names of the shared columns); add an entry for another app.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

# app label: table, subject column, and each compared column's name before -> after.
TABLES: dict[str, dict[str, Any]] = {
    "applications": {
        "table": "applications_applicationevent",
        "subject": "application_id",
        "columns": {
            "action": ("action", "action"),
            "from": ("from_state", "from_status"),
            "to": ("to_state", "to_status"),
            "at": ("at", "at"),
            "actor": ("actor_id", "actor_id"),
            "remark": ("remark", "remark"),
        },
    },
    # Directive events had the shared names already; the migration adds remark_hi and data.
    "reviews": {
        "table": "reviews_directiveevent",
        "subject": "directive_id",
        "columns": {
            "action": ("action", "action"),
            "from": ("from_status", "from_status"),
            "to": ("to_status", "to_status"),
            "at": ("at", "at"),
            "actor": ("actor_id", "actor_id"),
            "remark": ("remark", "remark"),
        },
    },
    # A centre event is about a centre, or (an ID's) about an operator only: the subject is
    # the pair. Reason and its Hindi became remark and remark_hi, created_at became at.
    "centres": {
        "table": "centres_centreevent",
        "subject": "coalesce(centre_id, 0) || ':' || coalesce(operator_id, 0)",
        "columns": {
            "action": ("action", "action"),
            "from": ("from_status", "from_status"),
            "to": ("to_status", "to_status"),
            "at": ("created_at", "at"),
            "actor": ("actor_id", "actor_id"),
            "remark": ("reason", "remark"),
            "remark_hi": ("reason_hi", "remark_hi"),
            "effective_on": ("effective_on", "effective_on"),
            "order_reference": ("order_reference", "order_reference"),
            "data": ("data", "data"),
        },
    },
}

Dump = tuple[int, dict[Any, list[tuple[Any, ...]]]]


def dump(path: Path, spec: dict[str, Any], which: int) -> Dump:
    """The table's row count and, per object, its events in order (at, id)."""
    names = [column[which] for column in spec["columns"].values()]
    at = spec["columns"]["at"][which]
    with sqlite3.connect(path) as db:
        count = db.execute(f"SELECT count(*) FROM {spec['table']}").fetchone()[0]  # noqa: S608
        rows = db.execute(
            f"SELECT {spec['subject']}, id, {', '.join(names)} FROM {spec['table']} "  # noqa: S608
            f"ORDER BY {spec['subject']}, {at}, id"
        ).fetchall()
    sequences: dict[Any, list[tuple[Any, ...]]] = {}
    for subject, *rest in rows:
        sequences.setdefault(subject, []).append(tuple(rest))
    return count, sequences


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("app", choices=sorted(TABLES))
    parser.add_argument("db", type=Path, help="a demo SQLite database built before the migration")
    args = parser.parse_args()
    spec = TABLES[args.app]
    with tempfile.TemporaryDirectory() as work:
        copy = Path(work) / "degs.sqlite3"
        shutil.copyfile(args.db, copy)
        before = dump(copy, spec, 0)
        env = {**os.environ, "DEGS_DATA_DIR": work, "DEGS_SQLITE_PATH": str(copy)}
        env.pop("DATABASE_URL", None)
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
        after = dump(copy, spec, 1)
    same_count = before[0] == after[0]
    same_order = before[1] == after[1]
    events = sum(len(v) for v in before[1].values())
    print(f"{spec['table']}: {before[0]} rows before, {after[0]} after")
    print(f"objects with events: {len(before[1])} before, {len(after[1])} after; {events} events")
    print(f"counts equal: {same_count}; every object's sequence equal: {same_order}")
    differing = [
        k for k in before[1].keys() | after[1].keys() if before[1].get(k) != after[1].get(k)
    ]
    if differing:
        print(f"objects whose events differ: {len(differing)} (first: {sorted(differing)[:5]})")
    return 0 if same_count and same_order else 1


if __name__ == "__main__":
    raise SystemExit(main())
