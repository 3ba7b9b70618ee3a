# The Verhoeff table was corrected. Applications filed before keep the check digit the
# first table gave their number (printed on receipts and certificates); drafts, which have no
# number yet, and every application made from now on get the published table's.
#
# The column is added with the default true, so every existing row takes it without being
# rewritten (PostgreSQL 11 and later); the model's default, false, holds from then on.

from django.db import migrations, models


def drafts_take_the_published_table(apps, schema_editor):
    Application = apps.get_model("applications", "Application")
    Application.objects.filter(submitted_at__isnull=True).update(first_table_number=False)


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0004_fewer_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="application",
            name="first_table_number",
            field=models.BooleanField(default=True, editable=False),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="application",
            name="first_table_number",
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.RunPython(drafts_take_the_published_table, migrations.RunPython.noop),
    ]
