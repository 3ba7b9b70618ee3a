from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

from degs.core.registry import CapabilityDef, DegsAppConfig, MenuEntry

# Every officer sees and exports the directory.
_OFFICERS = ("csc_manager", "inspector", "block_officer", "department_officer", "network_engineer")


class DirectoryConfig(DegsAppConfig):
    name = "degs.directory"
    label = "directory"
    verbose_name = _("Directory")
    import_kinds = (
        "degs.directory.importing.AREAS",
        "degs.directory.importing.OFFICES",
    )

    capabilities = (
        CapabilityDef("DIRECTORY_VIEW", "directory.view", _("See the directory")),
        CapabilityDef("DIRECTORY_MANAGE", "directory.manage", _("Change and import the directory")),
        CapabilityDef("DIRECTORY_EXPORT", "directory.export", _("Export the directory")),
    )
    role_capabilities = {
        **{role: frozenset({"directory.view", "directory.export"}) for role in _OFFICERS},
        "kiosk_operator": frozenset({"directory.view"}),
        "viewer": frozenset({"directory.view", "directory.export"}),
    }
    menu = tuple(
        MenuEntry(label, url_name, group=_("Directory"), order=10)
        for label, url_name in (
            (_("Areas"), "directory:area_tree"),
            (_("Offices"), "directory:office_list"),
            (_("Posts"), "directory:post_list"),
            (_("Holidays"), "directory:holiday_list"),
        )
    )
    urls = "degs.directory.urls"
    url_prefix = "directory/"
    api_router = "degs.directory.api.router"
    api_prefix = "/directory/"
    demo_loader = "degs.directory.demo.load"
    home_section = "degs.directory.selectors.home_context"
    scope_tests = "tests.directory.scope"

    def ready(self) -> None:
        from degs.core.memo import reference_changed
        from degs.directory.models import Area, Designation, Holiday, Post

        # Calendars and posts are kept in each process's memo (degs.core.memo): a change to
        # them starts afresh.
        for model in (Area, Designation, Holiday, Post):
            post_save.connect(reference_changed, sender=model, dispatch_uid=f"memo-{model}")
            post_delete.connect(reference_changed, sender=model, dispatch_uid=f"memo-del-{model}")
