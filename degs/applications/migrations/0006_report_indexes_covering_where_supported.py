"""The two report indexes become ``core.indexes.CoveringIndex``: the same index, whose non-key
columns are added only where the database keeps them (PostgreSQL's ``INCLUDE``), so that SQLite no
longer warns on every ``migrate`` (models.W040).

Nothing changes in any database: on PostgreSQL the index built by 0003 already is the one
``CoveringIndex`` builds (the same SQL), and on SQLite 0003 built it without the columns. Only
the recorded state changes, so a large table's indexes are not rebuilt.
"""

from django.db import migrations, models

import degs.core.indexes


class Migration(migrations.Migration):
    dependencies = [("applications", "0005_application_first_table_number")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveIndex(model_name="application", name="application_open_due"),
                migrations.RemoveIndex(model_name="application", name="application_decided"),
                migrations.AddIndex(
                    model_name="application",
                    index=degs.core.indexes.CoveringIndex(
                        condition=models.Q(("is_open", True)),
                        covering=("block", "service", "assigned_post"),
                        fields=["district", "due_date"],
                        name="application_open_due",
                    ),
                ),
                migrations.AddIndex(
                    model_name="application",
                    index=degs.core.indexes.CoveringIndex(
                        condition=models.Q(("decided_on__isnull", False)),
                        covering=("block", "within_limit"),
                        fields=["district", "decided_on"],
                        name="application_decided",
                    ),
                ),
            ],
            database_operations=[],
        )
    ]
