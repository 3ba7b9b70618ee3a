from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "degs.directory"
    label = "directory"
    verbose_name = _("Directory")
    import_kinds = (
        "degs.directory.importing.AREAS",
        "degs.directory.importing.OFFICES",
    )

    def ready(self) -> None:
        from degs.core.memo import reference_changed
        from degs.directory.models import Area, Designation, Holiday, Post

        # Calendars and posts are kept in each process's memo (degs.core.memo): a change to
        # them starts afresh.
        for model in (Area, Designation, Holiday, Post):
            post_save.connect(reference_changed, sender=model, dispatch_uid=f"memo-{model}")
            post_delete.connect(reference_changed, sender=model, dispatch_uid=f"memo-del-{model}")
