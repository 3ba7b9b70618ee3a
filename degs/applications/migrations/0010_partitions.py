"""On PostgreSQL the application events and documents become tables partitioned by financial
year and the ledger lines by month (degs/core/partitions.py, docs/partitions.md): in place while a
table is small, otherwise left plain until ``manage.py partitions_migrate`` copies it without
stopping the application. SQLite keeps plain tables. The models do not change."""

from django.db import migrations

from degs.core.partitions import partition_in_migration


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0009_events_shared_columns"),
    ]

    operations = [
        partition_in_migration(
            "applications_applicationevent",
            "applications_applicationdocument",
            "applications_ledgerentry",
        ),
    ]
