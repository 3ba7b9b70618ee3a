"""New ids from the state's own sequences, and the map from each laptop id to the state's."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper


class IdsUnavailable(Exception):
    """The target database cannot hand out ids for a table."""


class Sequences:
    """Hands out ids no other row has or will get: PostgreSQL's ``nextval`` (safe while the
    state's own users insert rows at the same time; the values may be spread out, never
    shared), SQLite's largest id so far (the move holds SQLite's one write lock throughout)."""

    def __init__(self, connection: BaseDatabaseWrapper) -> None:
        if connection.vendor not in ("postgresql", "sqlite"):
            raise IdsUnavailable(f"moving into {connection.vendor} is not supported")
        self.connection = connection
        self._sqlite_last: dict[str, int] = {}

    def fresh(self, model: type[models.Model], count: int) -> list[int]:
        """``count`` new ids for ``model``'s table, in increasing order."""
        if count <= 0:
            return []
        meta = model._meta
        if meta.pk is None:
            raise IdsUnavailable(f"{meta.label} has no primary key")
        table, column = meta.db_table, meta.pk.column
        with self.connection.cursor() as cursor:
            if self.connection.vendor == "postgresql":
                cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, column])
                (sequence,) = cursor.fetchone()
                if sequence is None:
                    raise IdsUnavailable(f"{table}.{column} has no sequence")
                cursor.execute("SELECT nextval(%s) FROM generate_series(1, %s)", [sequence, count])
                return sorted(row[0] for row in cursor.fetchall())
            quoted = self.connection.ops.quote_name
            cursor.execute(f"SELECT MAX({quoted(column)}) FROM {quoted(table)}")  # noqa: S608
            (largest,) = cursor.fetchone()
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            row = cursor.fetchone()
            start = max(largest or 0, row[0] if row else 0, self._sqlite_last.get(table, 0)) + 1
        self._sqlite_last[table] = start + count - 1
        return list(range(start, start + count))

    def finish(self) -> None:
        """SQLite: make AUTOINCREMENT remember the ids handed out and not written (a deleted
        row's id that the laptop's history still names), so no later row takes one."""
        if self.connection.vendor != "sqlite":
            return
        with self.connection.cursor() as cursor:
            for table, last in self._sqlite_last.items():
                cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
                row = cursor.fetchone()
                if row is None:
                    cursor.execute(
                        "INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table, last]
                    )
                elif row[0] < last:
                    cursor.execute(
                        "UPDATE sqlite_sequence SET seq = %s WHERE name = %s", [last, table]
                    )


class IdMap:
    """For each table, the laptop's ids and the state's: rows copied (new ids), rows matched
    (the state's row), and ghosts: ids the laptop names where no row is (the history of a
    deleted row), each given a new id of that table once, so they stay apart from every row."""

    GHOSTS_AT_ONCE = 64

    def __init__(self, sequences: Sequences, models_by_label: dict[str, type[models.Model]]):
        self.sequences = sequences
        self.models = models_by_label
        self.ids: dict[str, dict[int, int]] = defaultdict(dict)
        self.ghosts: dict[str, dict[int, int]] = defaultdict(dict)
        self._spare: dict[str, list[int]] = defaultdict(list)
        self.moved: set[str] = set()  # tables whose ids are mapped (the others keep theirs)

    def add(self, label: str, laptop: list[int], state: list[int]) -> None:
        self.ids[label].update(zip(laptop, state, strict=True))

    def get(self, label: str, value: Any, *, ghost: bool = True) -> Any:
        """The state's id for the laptop's ``value`` of table ``label`` (None stays None)."""
        if value is None or label not in self.moved:
            return value
        found = self.ids[label].get(value)
        if found is not None:
            return found
        found = self.ghosts[label].get(value)
        if found is not None:
            return found
        if not ghost:
            raise KeyError(f"{label} #{value}")
        spare = self._spare[label]
        if not spare:
            spare.extend(reversed(self.sequences.fresh(self.models[label], self.GHOSTS_AT_ONCE)))
        found = spare.pop()
        self.ghosts[label][value] = found
        return found
