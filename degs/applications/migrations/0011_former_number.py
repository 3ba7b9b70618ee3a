"""The number an application had on a district's laptop before it moved into the state's
database (docs/laptop-to-state.md). The column is added without rewriting the table (a constant
default on PostgreSQL 11+) and its index, of the moved rows only, is built without stopping
writes (``CREATE INDEX CONCURRENTLY``; hence not atomic)."""

from django.db import migrations, models

from degs.core.indexes import AddIndexWithoutBlocking


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("applications", "0010_partitions"),
    ]

    operations = [
        migrations.AddField(
            model_name="application",
            name="former_number",
            field=models.CharField(
                blank=True,
                default="",
                editable=False,
                max_length=12,
                verbose_name="number before the move",
            ),
        ),
        AddIndexWithoutBlocking(
            model_name="application",
            index=models.Index(
                condition=models.Q(("former_number", ""), _negated=True),
                fields=["former_number"],
                name="application_former_number",
            ),
        ),
    ]
