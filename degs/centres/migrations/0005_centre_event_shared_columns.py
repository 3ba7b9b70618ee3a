"""The centre events take the shared event columns (degs.core.models.WorkflowEvent).

``reason`` becomes ``remark``, ``reason_hi`` ``remark_hi`` and ``created_at`` ``at`` (renamed
in place: every row, its pk and its time kept, so each centre's history reads in the same
order); the statuses may be 40 characters long, as in every event table."""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("centres", "0004_event_reason_in_hindi_fine_in_rupee_sign"),
    ]

    operations = [
        migrations.RenameField("centreevent", "reason", "remark"),
        migrations.RenameField("centreevent", "reason_hi", "remark_hi"),
        migrations.RenameField("centreevent", "created_at", "at"),
        migrations.AlterModelOptions(
            name="centreevent",
            options={
                "ordering": ["-at", "-pk"],
                "verbose_name": "centre event",
                "verbose_name_plural": "centre events",
            },
        ),
        migrations.AlterField(
            model_name="centreevent",
            name="from_status",
            field=models.CharField(blank=True, max_length=40, verbose_name="from"),
        ),
        migrations.AlterField(
            model_name="centreevent",
            name="to_status",
            field=models.CharField(blank=True, max_length=40, verbose_name="to"),
        ),
        migrations.AlterField(
            model_name="centreevent",
            name="remark",
            field=models.TextField(blank=True, verbose_name="remark"),
        ),
        migrations.AlterField(
            model_name="centreevent",
            name="remark_hi",
            field=models.TextField(blank=True, verbose_name="remark (Hindi)"),
        ),
        migrations.AlterField(
            model_name="centreevent",
            name="data",
            field=models.JSONField(blank=True, default=dict, verbose_name="details"),
        ),
        migrations.AlterField(
            model_name="centreevent",
            name="at",
            field=models.DateTimeField(
                db_index=True, default=django.utils.timezone.now, verbose_name="at"
            ),
        ),
    ]
