from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

from degs.core.registry import CapabilityDef, DegsAppConfig, MenuEntry


class CatalogueConfig(DegsAppConfig):
    name = "degs.catalogue"
    label = "catalogue"
    verbose_name = _("Citizen services catalogue")

    capabilities = (
        CapabilityDef("CATALOGUE_MANAGE", "catalogue.manage", _("Define citizen services")),
    )
    # The catalogue's pages open with the applications' section.
    menu = (MenuEntry(_("Services"), "catalogue:service_list", section="applications", order=50),)
    urls = "degs.catalogue.urls"
    url_prefix = "catalogue/"
    api_router = "degs.catalogue.api.router"
    api_prefix = "/catalogue/"
    demo_loader = "degs.catalogue.demo.load"
    demo_after = ("centres",)
    scope_tests = "tests.catalogue.scope"

    def ready(self) -> None:
        from degs.catalogue.models import Service, ServiceVersion
        from degs.core.memo import reference_changed

        # Filing reads services through each process's memo (degs.core.memo).
        for model in (Service, ServiceVersion):
            post_save.connect(reference_changed, sender=model, dispatch_uid=f"memo-{model}")
            post_delete.connect(reference_changed, sender=model, dispatch_uid=f"memo-del-{model}")
