"""Writing a whole plan in a few statements: ids reserved up front, rows and their history
rows inserted in chunks. Used inside the transaction ``services.apply`` opens."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, TypeVar

from django.db import connection, models
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from degs.imports.kinds import Progress

CHUNK = 2000
T = TypeVar("T")


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """``count`` new primary keys for ``model``, never used before, so that rows whose other
    columns depend on their id (an area's path) are written in one insert.

    PostgreSQL takes them from the table's sequence. SQLite's AUTOINCREMENT keeps the highest
    id ever given in ``sqlite_sequence``; the import's transaction holds the write lock
    (``transaction_mode=IMMEDIATE``), so nobody takes the same ids meanwhile, and inserting
    them moves ``sqlite_sequence`` past them.
    """
    if count == 0:
        return []
    table = model._meta.db_table
    column = model._meta.pk.column  # type: ignore[union-attr]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, column, count],
            )
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(f'SELECT COALESCE(MAX("{column}"), 0) FROM "{table}"')  # noqa: S608
        highest = cursor.fetchone()[0]
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        row = cursor.fetchone()
        start = max(highest, row[0] if row else 0) + 1
    return list(range(start, start + count))


def has_history(model: type[models.Model]) -> bool:
    return hasattr(model, "history")


def create(
    model: type[models.Model],
    objs: Sequence[Any],
    *,
    actor: Any,
    progress: Progress,
    done: int = 0,
) -> int:
    """Insert ``objs`` (and their history rows, by ``actor``) in chunks; returns rows done."""
    for chunk in chunks(objs):
        if has_history(model):
            bulk_create_with_history(list(chunk), model, batch_size=CHUNK, default_user=actor)
        else:
            model._default_manager.bulk_create(chunk, batch_size=CHUNK)
        done += len(chunk)
        progress(done)
    return done


def update(
    model: type[models.Model],
    objs: Sequence[Any],
    fields: list[str],
    *,
    actor: Any,
    progress: Progress,
    done: int = 0,
) -> int:
    """Update ``fields`` of ``objs`` (and write their history rows) in chunks."""
    for chunk in chunks(objs):
        if has_history(model):
            bulk_update_with_history(
                list(chunk), model, fields, batch_size=CHUNK, default_user=actor
            )
        else:
            model._default_manager.bulk_update(chunk, fields, batch_size=CHUNK)
        done += len(chunk)
        progress(done)
    return done
