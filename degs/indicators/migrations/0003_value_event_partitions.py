"""On PostgreSQL the values' history becomes a table partitioned by the financial year of the
value's period (degs/core/partitions.py, docs/partitions.md): in place while the table is small,
otherwise left plain until ``manage.py partitions_migrate`` copies it. The values themselves stay
a plain table: their history's foreign key points at them. SQLite keeps plain tables. The models
do not change."""

from django.db import migrations

from degs.core.partitions import partition_in_migration


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0002_element_code_help"),
    ]

    operations = [
        partition_in_migration("indicators_datavalueevent"),
    ]
