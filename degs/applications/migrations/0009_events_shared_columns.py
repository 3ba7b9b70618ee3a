"""The event table takes the columns every app's event table has (``core.models.WorkflowEvent``):
``from_state``/``to_state`` are renamed (their rows kept as they are) and ``data`` is added. No
row is added, removed or reordered: ids and times stay."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0008_event_remark_in_hindi"),
    ]

    operations = [
        migrations.RenameField(
            model_name="applicationevent", old_name="from_state", new_name="from_status"
        ),
        migrations.RenameField(
            model_name="applicationevent", old_name="to_state", new_name="to_status"
        ),
        migrations.AddField(
            model_name="applicationevent",
            name="data",
            field=models.JSONField(blank=True, default=dict, verbose_name="details"),
        ),
    ]
