"""The move itself: check, write, prove (see the package's docstring)."""

from __future__ import annotations

import hashlib
import json
import posixpath
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from decimal import Decimal
from functools import partial
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit
from uuid import UUID

from django.apps import apps
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db import (
    DEFAULT_DB_ALIAS,
    DatabaseError,
    IntegrityError,
    connections,
    models,
    transaction,
)
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Q
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import timezone

from degs.core.memo import reference_changed
from degs.core.moving import rules
from degs.core.moving.ids import IdMap, IdsUnavailable, Sequences
from degs.core.moving.report import Clash, MoveReport, TableProof
from degs.core.moving.tables import Key, Table, all_tables, field_of, target_of
from degs.core.scoping import path_segment

BATCH = 1000  # rows read or written at once
LOOKUP = 500  # natural keys looked up in the state at once
Row = tuple[Any, ...]


class MoveRefused(Exception):
    """A clash or a problem: nothing was written."""

    def __init__(self, report: MoveReport) -> None:
        super().__init__("the move was refused")
        self.report = report


class ProofFailed(Exception):
    """The rows read back did not match the laptop's: everything was rolled back."""

    def __init__(self, report: MoveReport) -> None:
        super().__init__("the moved rows did not match the laptop's; nothing was kept")
        self.report = report


class _DryRun(Exception):
    pass


@contextmanager
def laptop_database(path: Path) -> Iterator[str]:
    """The laptop's SQLite file as a database alias of its own, opened read-only."""
    alias = f"degs_laptop_{uuid.uuid4().hex[:8]}"
    name = f"file:{quote(str(path.resolve()))}?mode=ro"
    configured = connections.configure_settings(
        {
            DEFAULT_DB_ALIAS: dict(connections.settings[DEFAULT_DB_ALIAS]),
            alias: {"ENGINE": "django.db.backends.sqlite3", "NAME": name},
        }
    )
    connections.settings[alias] = configured[alias]
    try:
        # Opened now, not at the first query: a file that is no database is refused here (and
        # Django's test cases refuse to open, on a query, a database they were not told of).
        connections[alias].connect()
        yield alias
    finally:
        if alias in connections.settings:
            connections[alias].close()
            del connections[alias]
            del connections.settings[alias]


def _canon(value: Any) -> Any:
    """A value as the same JSON on SQLite and PostgreSQL (decimals without trailing zeros,
    moments in UTC, bytes in hex, JSON documents with sorted keys)."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat() if value.tzinfo else value.isoformat()
    if isinstance(value, date | dtime):
        return value.isoformat()
    if isinstance(value, UUID | timedelta):
        return str(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return str(value)


def _digest(row: Sequence[Any]) -> int:
    text = json.dumps([_canon(v) for v in row], ensure_ascii=False, separators=(",", ":"))
    return int.from_bytes(hashlib.sha256(text.encode()).digest(), "big")


MOD = 1 << 256


def _chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass
class _File:
    label: str
    field: str
    name: str
    size: int


def _number_change(
    t: Table, spec: rules.NumberFromId, laptop_pk: Any, state_pk: Any, needs: dict[str, Any]
) -> tuple[Any, Any] | None:
    """The row's number made from its laptop id and from its state id, when they differ."""
    old = getattr(t.model(pk=laptop_pk, **needs), spec.attribute)
    new = getattr(t.model(pk=state_pk, **needs), spec.attribute)
    return (old, new) if old is not None and old != new else None


class Move:
    """One move of a laptop's database (``source``, an alias) into ``using``."""

    def __init__(
        self,
        *,
        source: str,
        using: str,
        media: Path | None,
        dry_run: bool,
        report: MoveReport,
        say: Callable[[str], None],
    ) -> None:
        self.src = source
        self.dst = using
        self.connection = connections[using]
        self.media = media
        self.dry_run = dry_run
        self.report = report
        self.say = say
        self.tables: list[Table] = []
        self.by_label: dict[str, Table] = {}
        self.proofs: dict[str, TableProof] = {}
        self.new: dict[str, list[int]] = {}  # laptop ids to copy, sorted
        self.matched: dict[str, dict[int, int]] = defaultdict(dict)  # laptop id -> state's row
        self.left: dict[str, set[int]] = defaultdict(set)
        self.waves: dict[str, list[list[int]]] = {}  # a tree's rows, parents first
        self.content_types: dict[int, str] = {}  # the laptop's content type id -> model label
        self.files: list[_File] = []
        self.written_files: list[tuple[Storage, str]] = []
        self.paths: dict[int, tuple[str, int]] = {}
        self.to_post: dict[str, list[int]] = defaultdict(list)
        self.form_areas: dict[int, list[str]] | None = None
        self._intents: list[tuple[Storage, str]] = []
        self.map: IdMap

    # --- running ------------------------------------------------------------------------------

    def run(self) -> MoveReport:
        started = time.monotonic()
        try:
            self._run()
        finally:
            self.report.seconds = time.monotonic() - started
            self.report.tables = [
                self.proofs[t.label]
                for t in self.tables
                if t.skip is None and t.label in self.proofs
            ]
        return self.report

    def _run(self) -> None:
        self.check_schema()
        if self.report.refused:
            self.report.outcome = "refused"
            raise MoveRefused(self.report)
        self.tables = all_tables()
        self.by_label = {t.label: t for t in self.tables}
        # One read transaction: every pass sees the same laptop.
        with transaction.atomic(using=self.src):
            self.say("Checking the laptop's rows against the state's…")
            self.scan()
            if self.report.refused:
                self.report.outcome = "refused"
                raise MoveRefused(self.report)
            try:
                with transaction.atomic(using=self.dst):
                    self.say("Writing…")
                    self.write()
                    self.say("Proving…")
                    self.prove()
                    if not self.report.proven:
                        self.report.outcome = "rolled back"
                        raise ProofFailed(self.report)
                    self.after_move()
                    if self.dry_run:
                        raise _DryRun
                    intents = list(self._intents)
                    transaction.on_commit(lambda: self._drop(intents), using=self.dst)
            except _DryRun:
                self.report.outcome = "dry run"
                return
            except (IntegrityError, IdsUnavailable) as error:
                # A row the state's own users wrote meanwhile (a name taken since the check), or
                # a rule of the database: all rolled back, said like a clash.
                self.undo_files()
                self.report.outcome = "rolled back"
                self.report.problems.append(f"the state's database refused a row: {error}")
                raise MoveRefused(self.report) from error
            except BaseException:
                self.undo_files()
                if not self.report.outcome:
                    self.report.outcome = "rolled back"
                raise
        self.report.outcome = "moved"

    # --- the laptop's schema ------------------------------------------------------------------

    def check_schema(self) -> None:
        """The laptop must be at the state's release: the same migrations applied."""
        try:
            laptop = set(MigrationRecorder(connections[self.src]).applied_migrations())
        except DatabaseError as error:
            self.report.problems.append(f"the file is not a SQLite database ({error})")
            return
        state = set(MigrationRecorder(self.connection).applied_migrations())
        if not laptop:
            self.report.problems.append("the file is not a DeGS Suite database")
            return
        ahead = sorted(laptop - state)
        behind = sorted(state - laptop)
        if ahead:
            self.report.problems.append(
                "the laptop has migrations the state lacks (upgrade the state first): "
                + ", ".join(f"{a}.{n}" for a, n in ahead[:10])
            )
        if behind:
            self.report.problems.append(
                "the laptop lacks migrations the state has: migrate it with this release first "
                "(DEGS_SQLITE_PATH=<file> manage.py migrate): "
                + ", ".join(f"{a}.{n}" for a, n in behind[:10])
            )

    # --- reading ------------------------------------------------------------------------------

    def _read(
        self,
        t: Table,
        columns: Sequence[str],
        *,
        where: Q | None = None,
        using: str | None = None,
    ) -> Iterator[list[Row]]:
        """The rows of ``t`` (the pk first, then ``columns``), in id order, a batch at a time."""
        rows = t.model._base_manager.using(using or self.src).all()
        if where is not None:
            rows = rows.filter(where)
        pk = t.pk
        last: Any = None
        while True:
            page = rows if last is None else rows.filter(pk__gt=last)
            batch = list(page.order_by("pk").values_list(pk.attname, *columns)[:BATCH])
            if not batch:
                return
            yield batch
            last = batch[-1][0]

    def _read_ids(
        self, t: Table, ids: Sequence[int], columns: Sequence[str], *, using: str
    ) -> Iterator[list[Row]]:
        """The rows of ``t`` with these ids (in this order), a batch at a time."""
        pk = t.pk
        for chunk in _chunks(ids, BATCH):
            found = {
                row[0]: row
                for row in t.model._base_manager.using(using)
                .filter(pk__in=chunk)
                .values_list(pk.attname, *columns)
            }
            yield [found[i] for i in chunk if i in found]

    def _count(self, t: Table, using: str) -> int:
        return t.model._base_manager.using(using).count()

    # --- pass 1: what matches, what is new, what clashes --------------------------------------

    def scan(self) -> None:
        source_tables = set(connections[self.src].introspection.table_names())
        for t in self.tables:
            proof = self.proofs[t.label] = TableProof(t.label)
            if t.db_table not in source_tables:
                if t.skip is None:
                    self.report.problems.append(f"the laptop has no table {t.db_table}")
                continue
            proof.laptop = self._count(t, self.src)
            if t.skip is not None:
                self._skip(t, t.skip, proof.laptop)
                continue
            if t.built_by_database:
                proof.note = "(built by the database)"
                continue
            if t.label == "contenttypes.ContentType":
                self._content_types(t)
            if t.shared is not None:
                self._match(t, t.shared)
            else:
                self._all_new(t)
            proof.matched = len(self.matched[t.label])
            proof.left = len(self.left[t.label])
            if t.files and self.new[t.label]:
                self._check_files(t)
        self.report.clashes.sort(key=lambda c: (c.label, c.fields, c.value))

    def _skip(self, t: Table, skip: rules.Skip, count: int) -> None:
        self.report.skipped.append((t.label, count, skip.reason))
        if skip.refuse_when is not None:
            waiting = t.model._base_manager.using(self.src).filter(skip.refuse_when).count()
            if waiting:
                self.report.problems.append(f"{t.label}: {waiting} rows: {skip.refusal}")

    def _content_types(self, t: Table) -> None:
        for pk, app_label, model in t.model._base_manager.using(self.src).values_list(
            "pk", "app_label", "model"
        ):
            try:
                self.content_types[pk] = apps.get_model(app_label, model)._meta.label
            except LookupError:
                continue  # a model no longer installed: its rows name nothing to re-point

    def _all_new(self, t: Table) -> None:
        """A table whose every row is copied (but those belonging to a matched row)."""
        new: list[int] = []
        left = self.left[t.label]
        if t.belongs_to is not None:
            owners = self.matched[t.belongs_to_table]
            column = t.attnames[t.belongs_to]
            for batch in self._read(t, [column]):
                for pk, owner in batch:
                    (left.add(pk) if owner in owners else new.append(pk))
        else:
            for batch in self._read(t, []):
                new.extend(row[0] for row in batch)
        self.new[t.label] = new
        if t.self_ref is not None:
            self.waves[t.label] = self._tree(t, t.self_ref, None)
        new_set = set(new) if left else None
        for key in t.keys:
            self._check_key(t, key, new_set)

    def _state_ref(self, field: models.Field[Any, Any], value: Any) -> Any:
        """A key's reference as the state's id, or None when it points at a new row (a key
        through a new row cannot be in the state yet)."""
        if value is None:
            return None
        return self.matched[target_of(field)].get(value)

    def _key_values(self, key: Key, row: Row, offset: int = 1) -> tuple[Any, ...] | None:
        values = []
        for n, f in enumerate(key.fields):
            value = row[offset + n]
            if value is None:
                return None  # NULLs never clash
            if f.is_relation:
                value = self._state_ref(f, value)
                if value is None:
                    return None
            values.append(value)
        return tuple(values)

    def _lookup(self, t: Table, key: Key, wanted: Iterable[tuple[Any, ...]]) -> dict[Any, int]:
        """Which of these key values the state already holds: value -> the state's row."""
        found: dict[Any, int] = {}
        attnames = [f.attname for f in key.fields]
        unique = list(dict.fromkeys(wanted))
        for chunk in _chunks(unique, LOOKUP):
            rows = t.model._base_manager.using(self.dst).all()
            if key.condition is not None:
                rows = rows.filter(key.condition)
            for n, attname in enumerate(attnames):
                rows = rows.filter(**{f"{attname}__in": {v[n] for v in chunk}})
            for pk, *values in rows.values_list("pk", *attnames):
                found[tuple(values)] = pk
        return found

    def _check_key(self, t: Table, key: Key, new: set[int] | None) -> None:
        for f in key.fields:
            if f.is_relation and target_of(f) not in rules.SHARED:
                return  # through a row that is new in the state: cannot clash
        for batch in self._read(t, [f.attname for f in key.fields], where=key.condition):
            rows = [
                (row[0], values)
                for row in batch
                if (new is None or row[0] in new)
                and (values := self._key_values(key, row)) is not None
            ]
            found = self._lookup(t, key, (v for _pk, v in rows))
            for pk, values in rows:
                if values in found:
                    self.report.clashes.append(
                        Clash(
                            t.label,
                            key.names,
                            ", ".join(repr(v) for v in values),
                            f"the state's row {found[values]}, the laptop's row {pk}",
                        )
                    )

    def _tree(self, t: Table, column: int, rows: dict[int, Row] | None) -> list[list[int]]:
        """The rows of a table that refers to itself (in ``column``), parents before children,
        in waves."""
        parent_of: dict[int, Any]
        if rows is None:
            parent_of = {}
            for batch in self._read(t, [t.attnames[column]]):
                parent_of.update((pk, parent) for pk, parent in batch)
        else:
            parent_of = {pk: row[column] for pk, row in rows.items()}
        depth: dict[int, int] = {}
        for start in parent_of:
            chain = []
            pk: int | None = start
            while pk is not None and pk not in depth:
                if pk in chain:
                    raise ValueError(f"{t.label}: row {pk} is its own ancestor")
                chain.append(pk)
                parent = parent_of.get(pk)
                pk = parent if parent in parent_of else None
            base = depth[pk] + 1 if pk is not None else 0
            for n, row_pk in enumerate(reversed(chain)):
                depth[row_pk] = base + n
        waves: dict[int, list[int]] = defaultdict(list)
        for pk in sorted(depth):
            waves[depth[pk]].append(pk)
        return [waves[d] for d in sorted(waves)]

    def _match(self, t: Table, shared: rules.Shared) -> None:
        """A shared table: each row is the state's row with its natural key and the same
        ``same`` fields, a clash where the key is there and the fields differ, else new."""
        rows: dict[int, Row] = {}
        for batch in self._read(t, t.attnames):
            rows.update((row[0], row[1:]) for row in batch)
        meeting: list[set[int] | None] = [
            None
            if key.condition is None
            else {pk for batch in self._read(t, [], where=key.condition) for (pk,) in batch}
            for key in t.keys
        ]
        waves = self._tree(t, t.self_ref, rows) if t.self_ref is not None else [sorted(rows)]
        self.waves[t.label] = waves
        same = [(name, t.index(name)) for name in shared.same]
        new: list[int] = []
        matched = self.matched[t.label]
        for wave in waves:
            hits: dict[int, set[int]] = defaultdict(set)
            for key, meets in zip(t.keys, meeting, strict=True):
                index = [t.attnames.index(f.attname) for f in key.fields]
                wanted = {}
                for pk in wave:
                    if meets is not None and pk not in meets:
                        continue
                    values = self._key_values(key, tuple(rows[pk][i] for i in index), 0)
                    if values is not None:
                        wanted[pk] = values
                found = self._lookup(t, key, wanted.values())
                for pk, values in wanted.items():
                    if values in found:
                        hits[pk].add(found[values])
            theirs = self._same_values(t, [h for pks in hits.values() for h in pks], same)
            for pk in wave:
                targets = hits.get(pk, set())
                if not targets:
                    new.append(pk)
                    continue
                if len(targets) > 1:
                    self.report.clashes.append(
                        Clash(t.label, "natural keys", f"laptop row {pk}", "matches two rows")
                    )
                    continue
                (state_pk,) = targets
                differing = self._differing(t, rows[pk], theirs[state_pk], same)
                if differing:
                    for name, ours, their in differing:
                        self.report.clashes.append(
                            Clash(
                                t.label,
                                name,
                                repr(ours),
                                f"the state's row {state_pk} has {their!r}; the laptop's row {pk}",
                            )
                        )
                    continue
                matched[pk] = state_pk
        self.new[t.label] = sorted(new)

    def _same_values(
        self, t: Table, state_pks: list[int], same: list[tuple[str, int]]
    ) -> dict[int, Row]:
        found: dict[int, Row] = {}
        attnames = [t.attnames[i] for _name, i in same]
        for chunk in _chunks(sorted(set(state_pks)), LOOKUP):
            for pk, *values in (
                t.model._base_manager.using(self.dst)
                .filter(pk__in=chunk)
                .values_list("pk", *attnames)
            ):
                found[pk] = tuple(values)
        return found

    def _differing(
        self, t: Table, ours: Row, theirs: Row, same: list[tuple[str, int]]
    ) -> list[tuple[str, Any, Any]]:
        differing = []
        for (name, i), their in zip(same, theirs, strict=True):
            mine = ours[i]
            f = t.fields[i]
            if f.is_relation and mine is not None:
                mine = self._state_ref(f, mine)
                if mine is None:
                    mine = "a row new to the state"
            if _canon(mine) != _canon(their):
                differing.append((name, mine, their))
        return differing

    def _check_files(self, t: Table) -> None:
        new = set(self.new[t.label])
        for i in t.files:
            field = t.fields[i]
            storage = _storage(field)
            for batch in self._read(t, [field.attname], where=~Q(**{field.attname: ""})):
                for pk, name in batch:
                    if pk not in new or not name:
                        continue
                    source = self._source_file(name)
                    if source is None:
                        where = self.media or "not given: --media names the folder"
                        self.report.problems.append(
                            f"{t.label} row {pk}: its file {name} is not in the laptop's "
                            f"uploads ({where})"
                        )
                        continue
                    if storage.exists(name):
                        self.report.clashes.append(
                            Clash(t.label, field.name, name, "the state already has this file")
                        )
                        continue
                    self.files.append(_File(t.label, field.name, name, source.stat().st_size))

    def _source_file(self, name: str) -> Path | None:
        if self.media is None:
            return None
        path = (self.media / name).resolve()
        if not path.is_relative_to(self.media.resolve()) or not path.is_file():
            return None
        return path

    # --- pass 2: writing ----------------------------------------------------------------------

    def write(self) -> None:
        sequences = Sequences(self.connection)
        self.map = IdMap(sequences, {t.label: t.model for t in self.tables})
        self.map.moved = {t.label for t in self.tables if t.skip is None}
        for label, pairs in self.matched.items():
            self.map.add(label, list(pairs), list(pairs.values()))
        for t in self.tables:
            if t.moves_rows and t.pk_of is None:
                new = self.new.get(t.label, [])
                self.map.add(t.label, new, sequences.fresh(t.model, len(new)))
        for t in self.tables:
            if t.moves_rows and t.pk_of is not None:
                new = self.new.get(t.label, [])
                self.map.add(t.label, new, [self.map.get(t.pk_of, pk, ghost=False) for pk in new])
        self._paths()
        for t in self.tables:
            if t.moves_rows and self.new.get(t.label):
                self._insert(t)
        self._post()
        sequences.finish()
        self.connection.check_constraints(
            table_names=[t.db_table for t in self.tables if t.skip is None]
        )
        for t in self.tables:
            if t.built_by_database:
                self._built(t)
        self._numbers()
        if not self.dry_run:
            # Rows written behind the models' signals: every process reads reference data
            # (calendars, services, jurisdictions) afresh, as after a service's bulk update.
            reference_changed()
            self._copy_files()

    def _paths(self) -> None:
        for label, (_path, _depth, _parent) in rules.PATHS.items():
            t = self.by_label.get(label)
            if t is None or t.self_ref is None:
                continue
            path_i, depth_i = t.index(_path), t.index(_depth)
            parents: dict[int, Any] = {}
            for batch in self._read(t, [t.attnames[t.self_ref]]):
                parents.update(batch)
            matched = self.matched[label]
            theirs: dict[int, tuple[str, int]] = {}
            for chunk in _chunks(sorted(set(matched.values())), BATCH):
                for pk, path, depth in (
                    t.model._base_manager.using(self.dst)
                    .filter(pk__in=chunk)
                    .values_list("pk", t.attnames[path_i], t.attnames[depth_i])
                ):
                    theirs[pk] = (path, depth)
            for laptop_pk, state_pk in matched.items():
                self.paths[laptop_pk] = theirs[state_pk]
            for wave in self.waves[label]:
                for pk in wave:
                    if pk in matched:
                        continue
                    parent = parents.get(pk)
                    above, depth = self.paths[parent] if parent is not None else ("", -1)
                    new_id = self.map.get(label, pk, ghost=False)
                    self.paths[pk] = (above + path_segment(new_id), depth + 1)

    def _order(self, t: Table) -> list[int]:
        """The laptop ids to copy, in the order they are written (parents first in a tree)."""
        if t.self_ref is None:
            return self.new[t.label]
        new = set(self.new[t.label])
        return [pk for wave in self.waves[t.label] for pk in wave if pk in new]

    def _insert(self, t: Table) -> None:
        manager = t.model._base_manager.using(self.dst)
        size = max(1, min(BATCH, self.connection.ops.bulk_batch_size(t.fields, [None] * BATCH)))
        for batch in self._read_ids(t, self._order(t), t.attnames, using=self.src):
            objects = [
                SimpleNamespace(
                    **dict(zip(t.attnames, self.transform(t, row[1:], insert=True), strict=True))
                )
                for row in batch
            ]
            for chunk in _chunks(objects, size):
                manager._insert(chunk, fields=t.fields, raw=True, using=self.dst)  # type: ignore[attr-defined]
        self.proofs[t.label].moved = len(self.new[t.label])

    def _post(self) -> None:
        for label, ids in self.to_post.items():
            t = self.by_label[label]
            column = rules.POSTED_LATER[label].column
            for chunk in _chunks(sorted(ids), BATCH):
                t.model._base_manager.using(self.dst).filter(pk__in=chunk).update(**{column: True})

    def _built(self, t: Table) -> None:
        """A table the database wrote as entries were posted: its rows found by natural key."""
        fields = [field_of(t.model, name) for name in t.built_by_database]
        key = Key(tuple(fields))
        laptop: dict[tuple[Any, ...], int] = {}
        for batch in self._read(t, [f.attname for f in fields]):
            for pk, *values in batch:
                mapped = tuple(
                    self.map.get(target_of(f), v, ghost=False) if f.is_relation else v
                    for f, v in zip(fields, values, strict=True)
                )
                laptop[mapped] = pk
        found = self._lookup(t, key, laptop)
        pairs = [(laptop[k], state_pk) for k, state_pk in found.items()]
        self.map.add(t.label, [a for a, _ in pairs], [b for _, b in pairs])
        self.new[t.label] = sorted(a for a, _ in pairs)
        proof = self.proofs[t.label]
        proof.moved = self._built_count(t, fields)
        if proof.moved != proof.laptop or len(pairs) != proof.laptop:
            proof.error = (
                f"(the database built {proof.moved} rows, {len(pairs)} of the laptop's "
                f"{proof.laptop} found)"
            )

    def _built_count(self, t: Table, fields: list[models.Field[Any, Any]]) -> int:
        """How many rows the database built for the moved rows: those of the key's reference
        to a table whose rows are all new (a moved fund head, a moved sanction), whatever the
        state's own users post elsewhere meanwhile."""
        ours = next(f for f in fields if f.is_relation and target_of(f) not in rules.SHARED)
        target = target_of(ours)
        ids = sorted(self.map.get(target, pk, ghost=False) for pk in self.new.get(target, []))
        manager = t.model._base_manager.using(self.dst)
        return sum(
            manager.filter(**{f"{ours.attname}__in": chunk}).count()
            for chunk in _chunks(ids, BATCH)
        )

    def _numbers(self) -> None:
        for label, spec in rules.NUMBERS_FROM_IDS.items():
            t = self.by_label.get(label)
            if t is None or not self.new.get(label):
                continue
            for batch in self._read(t, list(spec.needs)):
                for pk, *values in batch:
                    extra = dict(zip(spec.needs, values, strict=True))
                    changed = _number_change(
                        t, spec, pk, self.map.get(label, pk, ghost=False), extra
                    )
                    if changed:
                        self.report.numbers.append((label, str(changed[0]), str(changed[1])))

    # --- one row, re-pointed --------------------------------------------------------------------

    def transform(self, t: Table, row: Row, *, insert: bool) -> list[Any]:
        """The laptop's row as the state holds it: every id the state's."""
        get = self.map.get
        ghost = insert  # ids with no row are given one while writing; the proof finds them
        out = list(row)
        laptop_pk = row[t.pk_index]
        out[t.pk_index] = get(t.pk_of or t.label, laptop_pk, ghost=False)
        for i, target in t.refs:
            out[i] = get(target, row[i], ghost=ghost)
        if t.history_id is not None and t.history_of is not None:
            out[t.history_id] = get(t.history_of, row[t.history_id], ghost=ghost)
        for ct_i, id_i in t.generic:
            out[id_i] = self._generic(row[ct_i], row[id_i], ghost)
        for i, specs in t.json:
            for spec in specs:
                out[i] = _walk(
                    out[i], spec.path.split("."), partial(self._json_id, spec.model, ghost)
                )
        for i, type_key, id_key in t.json_generic:
            value = out[i]
            if isinstance(value, dict) and isinstance(value.get(type_key), list):
                label = self._model_label(value[type_key])
                if label and isinstance(value.get(id_key), int):
                    value[id_key] = get(label, value[id_key], ghost=ghost)
        if t.label == rules.FORM_AREAS["model"]:
            self._form_areas(t, row, out, ghost)
        if t.label in rules.NOTICE_KEYS:
            keys = rules.NOTICE_KEYS[t.label]
            i = t.index(keys.column)
            out[i] = self._key(keys, out[i], ghost)
        if t.label in rules.LINK_COLUMNS:
            i = t.index(rules.LINK_COLUMNS[t.label])
            out[i] = self._link(out[i], ghost)
        if t.label in rules.PATHS:
            path, depth, _parent = rules.PATHS[t.label]
            out[t.index(path)], out[t.index(depth)] = self.paths[laptop_pk]
        if t.label in rules.NUMBERS_FROM_IDS:
            self._former_number(t, row, out)
        if insert and t.label in rules.POSTED_LATER:
            i = t.index(rules.POSTED_LATER[t.label].column)
            if out[i]:
                self.to_post[t.label].append(out[t.pk_index])
                out[i] = False
        return out

    def _former_number(self, t: Table, row: Row, out: list[Any]) -> None:
        """The laptop's number kept on the row whose new id changed it (a row that already
        keeps one, moved before, keeps that)."""
        spec = rules.NUMBERS_FROM_IDS[t.label]
        if not spec.former or out[t.index(spec.former)]:
            return
        extra = {name: row[t.index(name)] for name in spec.needs}
        changed = _number_change(t, spec, row[t.pk_index], out[t.pk_index], extra)
        if changed:
            out[t.index(spec.former)] = changed[0]

    def _json_id(self, label: str, ghost: bool, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            return self.map.get(label, value, ghost=ghost)
        return value

    def _model_label(self, natural: list[Any]) -> str | None:
        try:
            return apps.get_model(str(natural[0]), str(natural[1]))._meta.label
        except (LookupError, IndexError, ValueError):
            return None

    def _generic(self, content_type: Any, value: Any, ghost: bool) -> Any:
        label = self.content_types.get(content_type)
        if label is None or value is None:
            return value
        if isinstance(value, str):
            if not (value.isascii() and value.isdigit()):
                return value
            return str(self.map.get(label, int(value), ghost=ghost))
        return self.map.get(label, value, ghost=ghost)

    def _form_areas(self, t: Table, row: Row, out: list[Any], ghost: bool) -> None:
        spec = rules.FORM_AREAS
        if self.form_areas is None:
            versions = self.by_label[target_of(field_of(t.model, spec["version"]))]
            self.form_areas = {}
            for batch in self._read(versions, [spec["definition"]]):
                for pk, definition in batch:
                    fields = definition.get("fields", []) if isinstance(definition, dict) else []
                    self.form_areas[pk] = [
                        f["code"] for f in fields if isinstance(f, dict) and f.get("type") == "area"
                    ]
        data = out[t.index(spec["column"])]
        if not isinstance(data, dict):
            return
        for code in self.form_areas.get(row[t.index(spec["version"])], ()):
            value = data.get(code)
            if isinstance(value, dict) and isinstance(value.get("id"), int):
                value["id"] = self.map.get(spec["area"], value["id"], ghost=ghost)

    def _key(self, spec: rules.KeyIds, key: Any, ghost: bool) -> Any:
        if not isinstance(key, str):
            return key
        for pattern, label in spec.patterns:
            found = pattern.match(key)
            if found:
                before, number, after = found.groups()
                return f"{before}{self.map.get(label, int(number), ghost=ghost)}{after}"
        return key

    def _link(self, url: Any, ghost: bool) -> Any:
        if not isinstance(url, str) or not url:
            return url
        parts = urlsplit(url)
        try:
            match = resolve(parts.path)
        except Resolver404:
            return url
        label = rules.URL_IDS.get(match.view_name)
        pk = match.kwargs.get("pk")
        if label is None or not isinstance(pk, int):
            return url
        try:
            path = reverse(
                match.view_name,
                kwargs={**match.kwargs, "pk": self.map.get(label, pk, ghost=ghost)},
            )
        except NoReverseMatch:
            return url
        return urlunsplit(parts._replace(path=path))

    # --- files --------------------------------------------------------------------------------

    def _copy_files(self) -> None:
        """Copy each file under its own name, journaled as every upload is
        (``core.uploads``): a move killed before its commit leaves files the sweep removes."""
        self._intents = []
        for item in self.files:
            storage = _storage(field_of(self.by_label[item.label].model, item.field))
            intent = storage.save(
                posixpath.join("pending", f"{uuid.uuid4().hex}.json"),
                ContentFile(
                    json.dumps(
                        {"model": item.label, "field": item.field, "name": item.name}
                    ).encode()
                ),
            )
            self._intents.append((storage, intent))
            source = self._source_file(item.name)
            if source is None:
                raise FileNotFoundError(item.name)
            with source.open("rb") as handle:
                saved = storage.save(item.name, File(handle, name=item.name))
            self.written_files.append((storage, saved))
            if saved != item.name:
                raise FileExistsError(f"{item.name} appeared in the state's storage meanwhile")
            self.report.files += 1
            self.report.file_bytes += item.size

    def undo_files(self) -> None:
        for storage, name in [*self.written_files, *getattr(self, "_intents", [])]:
            storage.delete(name)
        self.written_files = []
        self.report.files = self.report.file_bytes = 0

    @staticmethod
    def _drop(intents: list[tuple[Storage, str]]) -> None:
        for storage, intent in intents:
            storage.delete(intent)

    # --- pass 3: the proof ----------------------------------------------------------------------

    def prove(self) -> None:
        for t in self.tables:
            if t.skip is not None:
                continue
            proof = self.proofs[t.label]
            ids = self.new.get(t.label, [])
            if not ids:
                continue
            wanted = set(ids)
            laptop_sum = count = 0
            try:
                for batch in self._read(t, t.attnames):
                    for row in batch:
                        if row[0] in wanted:
                            mapped = self.transform(t, row[1:], insert=False)
                            laptop_sum = (laptop_sum + _digest(mapped)) % MOD
                            count += 1
            except KeyError as error:
                proof.error = f"(the laptop names {error}, which was not moved)"
            state_ids = sorted(self.map.get(t.label, pk, ghost=False) for pk in ids)
            state_sum = read = 0
            for batch in self._read_ids(t, state_ids, t.attnames, using=self.dst):
                for row in batch:
                    state_sum = (state_sum + _digest(row[1:])) % MOD
                    read += 1
            proof.laptop_sum = f"{laptop_sum:064x}"
            proof.state_sum = f"{state_sum:064x}"
            proof.read_back = read
            if count != len(ids):
                proof.error = proof.error or f"(the laptop now has {count} of {len(ids)} rows)"
        self.report.tables = [self.proofs[t.label] for t in self.tables if t.skip is None]

    # --- after ------------------------------------------------------------------------------------

    def after_move(self) -> None:
        """What to run once the move is kept (``rules.AFTER_MOVE``)."""
        for rule in rules.AFTER_MOVE:
            t = self.by_label.get(rule.model)
            if t is None or not self.new.get(t.label):
                continue
            if not rule.column:
                self.report.after.append(rule.text)
                continue
            field = field_of(t.model, rule.column)
            target = target_of(field)
            moved = set(self.new[t.label])
            ids: set[int] = set()
            for batch in self._read(t, [field.attname]):
                ids.update(self.map.get(target, v, ghost=False) for pk, v in batch if pk in moved)
            self.report.after.append(
                rule.text.format(options=" ".join(rule.option.format(i) for i in sorted(ids)))
            )


def _storage(field: models.Field[Any, Any]) -> Storage:
    if not isinstance(field, models.FileField):
        raise TypeError(f"{field} holds no file")
    return field.storage


def _walk(value: Any, steps: list[str], change: Callable[[Any], Any]) -> Any:
    """``value`` with ``change`` applied where ``steps`` lead (see ``rules.JsonId``)."""
    if not steps:
        return change(value)
    step, rest = steps[0], steps[1:]
    if step.endswith("[]"):
        name = step[:-2]
        items = (
            value.get(name) if name and isinstance(value, dict) else (value if not name else None)
        )
        if isinstance(items, list):
            for n, item in enumerate(items):
                items[n] = _walk(item, rest, change)
        return value
    if isinstance(value, dict) and step in value:
        value[step] = _walk(value[step], rest, change)
    return value


def move_district(
    *,
    sqlite_path: Path,
    media: Path | None = None,
    dry_run: bool = False,
    using: str = DEFAULT_DB_ALIAS,
    say: Callable[[str], None] = lambda _line: None,
) -> MoveReport:
    """Move everything in the laptop's SQLite database (and its uploaded files, under
    ``media``) into the ``using`` database, in one transaction, or refuse and change nothing.

    Raises ``MoveRefused`` (clashes, a laptop at another release, files missing) and
    ``ProofFailed`` (the rows read back differ; all rolled back), both carrying the report."""
    connection = connections[using]
    report = MoveReport(
        source=str(sqlite_path),
        target=f"{connection.vendor} {connection.settings_dict.get('NAME')}",
        dry_run=dry_run,
        started_at=timezone.now(),
    )
    try:
        Sequences(connection)
    except IdsUnavailable as error:
        report.problems.append(str(error))
        report.outcome = "refused"
        raise MoveRefused(report) from None
    if not sqlite_path.is_file():
        report.problems.append(f"no such file: {sqlite_path}")
        report.outcome = "refused"
        raise MoveRefused(report)
    with laptop_database(sqlite_path) as alias:
        move = Move(source=alias, using=using, media=media, dry_run=dry_run, report=report, say=say)
        return move.run()


__all__ = ["MoveRefused", "ProofFailed", "move_district"]
