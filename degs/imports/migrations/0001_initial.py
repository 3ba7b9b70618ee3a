"""The import batches move from the directory app to the import framework.

The table is kept (state moved, then the table renamed), so no batch is lost; the content type
moves with it, so the admin's log and permissions stay attached.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import degs.imports.models


def move_content_type(apps, schema_editor, old="directory", new="imports"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label=new, model="importbatch").exists():
        ContentType.objects.filter(app_label=old, model="importbatch").update(app_label=new)


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, old="imports", new="directory")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("directory", "0003_district_setting_inspection_distance"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ImportBatch",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                        (
                            "kind",
                            models.CharField(
                                max_length=20,
                                validators=[degs.imports.models.validate_kind],
                                verbose_name="kind",
                            ),
                        ),
                        ("filename", models.CharField(max_length=255, verbose_name="file name")),
                        ("content", models.BinaryField(verbose_name="content")),
                        ("sha256", models.CharField(max_length=64)),
                        ("status", models.CharField(max_length=20, verbose_name="status")),
                        ("rows", models.PositiveIntegerField(default=0, verbose_name="rows")),
                        ("created", models.PositiveIntegerField(default=0, verbose_name="created")),
                        ("updated", models.PositiveIntegerField(default=0, verbose_name="updated")),
                        (
                            "imported_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="imported"),
                        ),
                        (
                            "uploaded_by",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="uploaded by",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "import",
                        "verbose_name_plural": "imports",
                        "ordering": ["-created_at"],
                        "db_table": "directory_importbatch",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name="importbatch", table=None),
        migrations.RunPython(move_content_type, move_content_type_back, elidable=True),
        migrations.AlterField(
            model_name="importbatch",
            name="status",
            field=models.CharField(
                choices=[
                    ("checked", "Checked"),
                    ("rejected", "Has errors"),
                    ("queued", "Waiting to be imported"),
                    ("running", "Being imported"),
                    ("imported", "Imported"),
                    ("failed", "Not imported"),
                ],
                max_length=20,
                verbose_name="status",
            ),
        ),
        migrations.AddField(
            model_name="importbatch",
            name="done",
            field=models.PositiveIntegerField(default=0, verbose_name="rows done"),
        ),
        migrations.AddField(
            model_name="importbatch",
            name="failure",
            field=models.TextField(blank=True, verbose_name="why it was not imported"),
        ),
    ]
