"""Index types shared by the apps."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import models
from django.db.migrations.operations import AddIndex


class CoveringIndex(models.Index):
    """An index that also carries the non-key columns ``covering`` where the database can keep
    them (PostgreSQL's ``INCLUDE``), so that a report is answered from the index alone; on a
    database that cannot (SQLite) it is the same index without them.

    Django's own ``Index(include=...)`` builds the same SQL, but its model check warns on every
    ``migrate`` and ``check`` against SQLite that the columns are dropped there (models.W040).
    Dropping them there is what is wanted, so the columns are named here instead, and added only
    where the database supports covering indexes."""

    def __init__(self, *args: Any, covering: Sequence[str] = (), **kwargs: Any) -> None:
        if kwargs.get("include"):
            raise ValueError("CoveringIndex takes its non-key columns as covering, not include.")
        super().__init__(*args, **kwargs)
        if covering and not self.name:
            raise ValueError("A covering index must be named.")
        self.covering = tuple(covering)

    def deconstruct(self) -> tuple[str, Sequence[Any], dict[str, Any]]:
        path, args, kwargs = super().deconstruct()
        if self.covering:
            kwargs["covering"] = self.covering
        return path, args, kwargs

    def _as_index(self, *, with_include: bool) -> models.Index:
        """The plain Django index this one is on a database, with or without the columns."""
        _path, args, kwargs = self.deconstruct()
        covering = kwargs.pop("covering", ())
        if with_include and covering:
            kwargs["include"] = covering
        return models.Index(*args, **kwargs)

    def create_sql(self, model: Any, schema_editor: Any, using: str = "", **kwargs: Any) -> Any:
        supported = schema_editor.connection.features.supports_covering_indexes
        index = self._as_index(with_include=supported)
        return index.create_sql(model, schema_editor, using=using, **kwargs)


class AddIndexWithoutBlocking(AddIndexConcurrently):
    """A migration's new index that does not stop writes while it is built: ``CREATE INDEX
    CONCURRENTLY`` on PostgreSQL, where the table may hold a state's millions of rows (the
    migration must say ``atomic = False``), and a plain ``CREATE INDEX`` elsewhere (SQLite, a
    district's laptop)."""

    def database_forwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)
        else:
            AddIndex.database_forwards(self, app_label, schema_editor, from_state, to_state)

    def database_backwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)
        else:
            AddIndex.database_backwards(self, app_label, schema_editor, from_state, to_state)
