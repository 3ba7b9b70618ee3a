from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "degs.catalogue"
    label = "catalogue"
    verbose_name = _("Citizen services catalogue")

    def ready(self) -> None:
        from degs.catalogue.models import Service, ServiceVersion
        from degs.core.memo import reference_changed

        # Filing reads services through each process's memo (degs.core.memo).
        for model in (Service, ServiceVersion):
            post_save.connect(reference_changed, sender=model, dispatch_uid=f"memo-{model}")
            post_delete.connect(reference_changed, sender=model, dispatch_uid=f"memo-del-{model}")
