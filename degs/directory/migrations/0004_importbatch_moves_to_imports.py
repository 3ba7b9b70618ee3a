"""ImportBatch now belongs to degs.imports (its migration 0001 keeps the table and its rows)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0003_district_setting_inspection_distance"),
        ("imports", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ImportBatch")],
            database_operations=[],
        ),
    ]
