"""On PostgreSQL raw heartbeats become a table partitioned by month (degs/core/partitions.py,
docs/partitions.md): in place while the table is small, otherwise left plain until ``manage.py
partitions_migrate`` copies it without stopping the probes. SQLite keeps a plain table. The model
does not change."""

from django.db import migrations

from degs.core.partitions import partition_in_migration


class Migration(migrations.Migration):
    dependencies = [
        ("connectivity", "0003_target_phones_label"),
    ]

    operations = [
        partition_in_migration("connectivity_heartbeat"),
    ]
