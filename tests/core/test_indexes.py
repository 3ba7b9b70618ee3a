"""Covering indexes: PostgreSQL keeps the non-key columns, SQLite builds the index without them
and says nothing about it."""

from __future__ import annotations

import pytest
from django.core import checks
from django.db import connection, models

from degs.applications.models import Application
from degs.core.indexes import CoveringIndex

pytestmark = pytest.mark.django_db


def test_the_system_check_against_the_database_warns_of_nothing() -> None:
    # `migrate` and `check --database default` run these same checks against the database.
    messages = checks.run_checks(databases=["default"], include_deployment_checks=False)
    assert [m for m in messages if m.level >= checks.WARNING] == []


def _covering(model: type[models.Model]) -> list[CoveringIndex]:
    return [index for index in model._meta.indexes if isinstance(index, CoveringIndex)]


def test_a_covering_index_is_the_sql_django_builds_for_an_index_with_include() -> None:
    # Django's own Index(include=...) is the reference: INCLUDE on PostgreSQL, dropped on SQLite.
    editor = connection.schema_editor(collect_sql=True)
    indexes = _covering(Application)
    assert {index.name for index in indexes} == {"application_open_due", "application_decided"}
    for index in indexes:
        reference = models.Index(
            fields=index.fields,
            condition=index.condition,
            include=list(index.covering),
            name=index.name,
        )
        assert str(index.create_sql(Application, editor)) == str(
            reference.create_sql(Application, editor)
        )


def test_postgresql_keeps_the_non_key_columns_in_the_migrated_indexes() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s",
            [Application._meta.db_table],
        )
        definitions = dict(cursor.fetchall())
    assert definitions["application_open_due"].endswith(
        "INCLUDE (block_id, service_id, assigned_post_id) WHERE is_open"
    )
    assert definitions["application_decided"].endswith(
        "INCLUDE (block_id, within_limit) WHERE (decided_on IS NOT NULL)"
    )


def test_a_covering_index_survives_a_migration_round_trip() -> None:
    index = CoveringIndex(fields=["district"], covering=["block"], name="x_cover")
    path, args, kwargs = index.deconstruct()
    assert path == "degs.core.indexes.CoveringIndex"
    assert CoveringIndex(*args, **kwargs) == index
    assert kwargs["covering"] == ("block",) and "include" not in kwargs
