"""Each table of the installed apps as the move reads it: its columns, what each reference points
at, its natural keys, and the order the tables are taken in (a table after those it refers to)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.db.models import Q

from degs.core.moving import rules


def field_of(model: type[models.Model], name: str) -> models.Field[Any, Any]:
    """A column of ``model`` by name or attname."""
    found = model._meta.get_field(name)
    if not isinstance(found, models.Field):
        raise TypeError(f"{model._meta.label}.{name} is not a column")
    return found


def target_of(field: models.Field[Any, Any]) -> str:
    """The label of the table a reference points at."""
    related = field.related_model
    if related is None or isinstance(related, str):
        raise TypeError(f"{field} is not a resolved reference")
    return related._meta.label


@dataclass(frozen=True)
class Key:
    """A natural key: a unique field, a unique constraint (with its condition) or a
    unique_together, other than the surrogate id."""

    fields: tuple[models.Field[Any, Any], ...]
    condition: Q | None = None

    @property
    def names(self) -> str:
        return ", ".join(f.name for f in self.fields)


@dataclass
class Table:
    """One table: its model and what the move does with each of its columns."""

    model: type[models.Model]
    label: str
    fields: list[models.Field[Any, Any]]
    attnames: list[str]
    pk_index: int
    pk_of: str | None  # the table whose id the primary key is, when it is a reference (1-to-1)
    refs: list[tuple[int, str]] = field(default_factory=list)  # (column, table referred to)
    self_ref: int | None = None  # a reference to the same table (a tree), column index
    keys: list[Key] = field(default_factory=list)
    history_of: str | None = None  # a django-simple-history table: the table it keeps
    history_id: int | None = None  # ... and the column holding that table's id
    generic: list[tuple[int, int]] = field(default_factory=list)  # (content type, object id)
    files: list[int] = field(default_factory=list)  # columns of uploaded files' names
    json: list[tuple[int, tuple[rules.JsonId, ...]]] = field(default_factory=list)
    json_generic: list[tuple[int, str, str]] = field(default_factory=list)
    shared: rules.Shared | None = None
    skip: rules.Skip | None = None
    built_by_database: tuple[str, ...] = ()
    belongs_to: int | None = None  # column: a row belonging to a matched row is not moved
    belongs_to_table: str = ""

    @property
    def pk(self) -> models.Field[Any, Any]:
        return self.fields[self.pk_index]

    @property
    def db_table(self) -> str:
        return self.model._meta.db_table

    def index(self, name: str) -> int:
        """The column index of a field given by name or attname."""
        return self.attnames.index(field_of(self.model, name).attname)

    @property
    def moves_rows(self) -> bool:
        return self.skip is None and not self.built_by_database


def _keys(model: type[models.Model]) -> list[Key]:
    meta = model._meta
    keys: list[Key] = []
    for f in meta.concrete_fields:
        if f.unique and not f.primary_key:
            keys.append(Key((f,)))
    for names in meta.unique_together:
        keys.append(Key(tuple(field_of(model, n) for n in names)))
    for constraint in meta.constraints:
        if isinstance(constraint, models.UniqueConstraint):
            if constraint.expressions or not constraint.fields:
                raise NotImplementedError(
                    f"{meta.label}: a unique constraint over expressions ({constraint.name})"
                )
            keys.append(
                Key(
                    tuple(field_of(model, n) for n in constraint.fields),
                    constraint.condition,
                )
            )
    rewritten = {rules.PATHS[meta.label][0]} if meta.label in rules.PATHS else set()
    return [k for k in keys if not rewritten & {f.name for f in k.fields}]


def plan(model: type[models.Model]) -> Table:
    """What the move does with each column of ``model``'s table."""
    meta = model._meta
    label = meta.label
    fields = list(meta.concrete_fields)
    attnames = [f.attname for f in fields]
    pk = field_of(model, meta.pk.name)
    table = Table(
        model=model,
        label=label,
        fields=fields,
        attnames=attnames,
        pk_index=attnames.index(pk.attname),
        pk_of=target_of(pk) if pk.is_relation else None,
        shared=rules.SHARED.get(label),
        skip=rules.SKIPPED.get(label),
        built_by_database=rules.BUILT_BY_DATABASE.get(label, ()),
    )
    for i, f in enumerate(fields):
        if f.is_relation and f.concrete and not f.primary_key:
            target = target_of(f)
            table.refs.append((i, target))
            if f.related_model is model:
                table.self_ref = i
        if isinstance(f, models.FileField):
            table.files.append(i)
    instance_type = getattr(model, "instance_type", None)
    if instance_type is not None:  # django-simple-history: "id" is the kept row's id
        table.history_of = instance_type._meta.label
        table.history_id = attnames.index(instance_type._meta.pk.attname)
    for private in meta.private_fields:
        if isinstance(private, GenericForeignKey):
            table.generic.append((table.index(private.ct_field), table.index(private.fk_field)))
    if label in rules.GENERIC_IDS:
        ct_field, id_field = rules.GENERIC_IDS[label]
        table.generic.append((table.index(ct_field), table.index(id_field)))
    for column, specs in rules.JSON_IDS.get(label, {}).items():
        table.json.append((table.index(column), specs))
    for column, (type_key, id_key) in rules.JSON_GENERIC_IDS.get(label, {}).items():
        table.json_generic.append((table.index(column), type_key, id_key))
    if label in rules.BELONGS_TO:
        table.belongs_to = table.index(rules.BELONGS_TO[label])
        table.belongs_to_table = target_of(field_of(model, rules.BELONGS_TO[label]))
    elif table.history_of in rules.SHARED:
        table.belongs_to = table.history_id
        table.belongs_to_table = table.history_of or ""
    table.keys = _keys(model)
    return table


def all_tables() -> list[Table]:
    """Every table of every installed app (many-to-many tables too), those it refers to first."""
    models_ = [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.managed and not m._meta.proxy
    ]
    return ordered([plan(m) for m in models_])


def ordered(tables: list[Table]) -> list[Table]:
    """Tables after the tables they refer to (Kahn's sort, in the apps' order where free). A
    cycle is broken at its nullable references, then at any: the move writes every id before
    any row, and the databases check references at commit."""
    by_label = {t.label: t for t in tables}
    position = {t.label: n for n, t in enumerate(tables)}
    needs: dict[str, set[str]] = {t.label: set() for t in tables}
    nullable: dict[str, set[str]] = defaultdict(set)
    for t in tables:
        for i, target in t.refs:
            if target != t.label and target in by_label:
                needs[t.label].add(target)
                if t.fields[i].null:
                    nullable[t.label].add(target)
        if t.history_of and t.history_of in by_label:  # matched rows first, then their history
            needs[t.label].add(t.history_of)
    done: list[Table] = []
    placed: set[str] = set()
    while len(done) < len(tables):
        ready = sorted(
            (label for label in needs if label not in placed and needs[label] <= placed),
            key=position.__getitem__,
        )
        if not ready:
            left = sorted(
                (label for label in needs if label not in placed), key=position.__getitem__
            )
            soft = next((label for label in left if needs[label] & nullable[label]), None)
            if soft is not None:
                needs[soft] -= nullable[soft]
            else:
                needs[left[0]] = set()
            continue
        for label in ready:
            done.append(by_label[label])
            placed.add(label)
    return done
