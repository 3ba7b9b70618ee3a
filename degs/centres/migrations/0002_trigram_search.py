"""On PostgreSQL, trigram indexes for searching centres by code or name.

The list's search is ``icontains`` (``UPPER(col) LIKE UPPER('%text%')``); without these indexes
PostgreSQL reads every centre of the state to find a few. pg_trgm is a trusted extension
(PostgreSQL 13 and later), so the database owner may create it. Nothing happens on SQLite.
"""

from django.db import migrations

COLUMNS = ("code", "name", "name_hi")


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in COLUMNS:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS centre_{column}_trgm ON centres_centre '
            f'USING gin (UPPER("{column}") gin_trgm_ops)'
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS centre_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [("centres", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
