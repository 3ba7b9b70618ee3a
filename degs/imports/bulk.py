"""Writing a whole plan in a few statements: ids reserved up front, rows and their history
rows inserted in chunks. Used inside the transaction ``services.apply`` opens."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from operator import attrgetter, itemgetter
from typing import Any, TypeVar

from django.db import connection, connections, models
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from degs.core.models import build
from degs.imports.kinds import Progress, Step

__all__ = ["build", "chunks", "create", "has_history", "insert", "reserve_ids", "update"]

CHUNK = 2000
T = TypeVar("T")


def chunks(items: Sequence[T], size: int | None = None) -> Iterator[Sequence[T]]:
    size = size or CHUNK
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
    column = model._meta.pk.column
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


# Columns whose Python value the database driver takes as it is; the others (dates, times,
# decimals, JSON) go through the field's own conversion.
_AS_IS = (
    models.CharField,
    models.TextField,
    models.IntegerField,
    models.BooleanField,
    models.AutoField,
    models.BigAutoField,
    models.ForeignKey,
)


def _converter(field: models.Field) -> Any:
    """None for a column whose value goes as it is; else the field's conversion, remembered
    for values met before (a file's rows share their dates, moments and empty lists)."""
    if isinstance(field, _AS_IS):
        return None
    conn = connections["default"]
    seen: dict[Any, Any] = {}

    def convert(value: Any) -> Any:
        if value is None:
            return None
        try:
            key = (type(value), value if value.__hash__ is not None else repr(value))
            return seen[key]
        except KeyError:
            seen[key] = converted = field.get_db_prep_save(value, conn)
            return converted

    return convert


# PostgreSQL takes at most 65,535 parameters in one statement.
_PG_PARAMETERS = 60_000


def _executemany(table: str, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    """Insert ``rows``: on SQLite by ``executemany`` (one prepared statement, run per row in
    the library); on PostgreSQL by multi-row ``INSERT … VALUES (…), (…)`` statements, since
    each statement there is a round trip to the server."""
    if not rows:
        return
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    one = "(" + ", ".join(["%s"] * len(columns)) + ")"
    head = f"INSERT INTO {connection.ops.quote_name(table)} ({names}) VALUES "  # noqa: S608
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.executemany(head + one, rows)
            return
        per_statement = max(1, _PG_PARAMETERS // len(columns))
        for start in range(0, len(rows), per_statement):
            part = rows[start : start + per_statement]
            cursor.execute(head + ", ".join([one] * len(part)), [v for row in part for v in row])


def insert(objs: Sequence[Any], *, actor: Any = None, history: bool = True) -> None:
    """Insert new rows of one model whose primary keys are set (``reserve_ids``) and, when the
    model keeps history (django-simple-history), their "created" history rows by ``actor``.

    One ``executemany`` per table: the rows are not built by the ORM's insert compiler, which
    costs more per row than the database does. ``auto_now``/``auto_now_add`` columns get the
    same moment for every row. No signals are sent (as with ``bulk_create``).
    """
    if not objs:
        return
    model = type(objs[0])
    now = timezone.now()
    fields = list(model._meta.concrete_fields)
    for field in fields:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            for obj in objs:
                setattr(obj, field.attname, now)
    converters = [(i, c) for i, f in enumerate(fields) if (c := _converter(f)) is not None]
    values_of = attrgetter(*(f.attname for f in fields))
    rows: list[tuple[Any, ...]] = []
    for obj in objs:
        row = values_of(obj)
        if converters:
            cells = list(row)
            for i, convert in converters:
                cells[i] = convert(cells[i])
            row = tuple(cells)
        rows.append(row)
    _executemany(model._meta.db_table, [f.column for f in fields], rows)
    for obj in objs:
        obj._state.adding = False
        obj._state.db = "default"
    if history and has_history(model):
        _insert_history(model, fields, rows, actor=actor, when=now)


def _insert_history(
    model: type[models.Model],
    fields: list[Any],
    rows: list[tuple[Any, ...]],
    *,
    actor: Any,
    when: Any,
) -> None:
    """The history rows django-simple-history writes on a create ("+"), for rows as inserted."""
    historical = model.history.model  # type: ignore[attr-defined]
    index = {f.attname: i for i, f in enumerate(fields)}
    extra = {
        "history_date": historical._meta.get_field("history_date").get_db_prep_save(
            when, connection
        ),
        "history_change_reason": None,
        "history_type": "+",
        "history_user_id": getattr(actor, "pk", None),
    }
    columns: list[str] = []
    taken: list[int] = []
    constants: list[Any] = []
    constant_columns: list[str] = []
    for field in historical._meta.concrete_fields:
        if field.attname == "history_id":
            continue
        if field.attname in extra:
            constant_columns.append(field.column)
            constants.append(extra[field.attname])
        else:
            columns.append(field.column)
            taken.append(index[field.attname])
    columns += constant_columns
    pick = itemgetter(*taken)
    tail = tuple(constants)
    history_rows = [pick(row) + tail for row in rows]
    _executemany(historical._meta.db_table, columns, history_rows)


def create(
    model: type[models.Model],
    objs: Sequence[Any],
    *,
    actor: Any,
    progress: Progress,
    done: int = 0,
) -> int:
    """Insert ``objs`` (ids reserved here when not set) and their history rows, by ``actor``,
    in chunks; returns the rows done."""
    for chunk in chunks(objs):
        missing = [obj for obj in chunk if obj.pk is None]
        for obj, pk in zip(missing, reserve_ids(model, len(missing)), strict=True):
            obj.pk = pk
        insert(chunk, actor=actor)
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


def update_steps(
    model: type[models.Model],
    steps: Sequence[Step],
    *,
    actor: Any,
    progress: Progress,
    done: int = 0,
    now: Any = None,
) -> list[dict[str, Any]]:
    """The "update" steps of an import written in bulk: each target's changed ``fields`` set,
    its ``version`` up and ``updated_at`` now, history rows kept. Returns a "changed" event
    for each (``{"subject", "actor", "action", "from_status", "to_status", "data"}``), for the
    kind to record with its others (``core.workflow.record_events``)."""
    now = now or timezone.now()
    changed: list[Any] = []
    fields: set[str] = set()
    events: list[dict[str, Any]] = []
    for step in steps:
        if step.action != "update":
            continue
        row = step.target
        for name, value in step.fields.items():
            setattr(row, name, value)
            fields.add(name)
        row.version += 1
        row.updated_at = now
        changed.append(row)
        events.append(
            {
                "subject": row,
                "actor": actor,
                "action": "changed",
                "from_status": row.status,
                "to_status": row.status,
                "data": {"fields": sorted(step.fields), "imported": True},
            }
        )
    if changed:
        update(
            model,
            changed,
            sorted(fields | {"version", "updated_at"}),
            actor=actor,
            progress=progress,
            done=done,
        )
    return events
