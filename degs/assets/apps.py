from django.utils.translation import gettext_lazy as _

from degs.core.registry import CapabilityDef, DegsAppConfig, MenuEntry


class AssetsConfig(DegsAppConfig):
    """The equipment register, physical verification, maintenance tickets and schedules, and
    procurement cases (docs/assets.md)."""

    name = "degs.assets"
    label = "assets"
    verbose_name = _("Equipment and maintenance")

    capabilities = (
        CapabilityDef("ASSETS_VIEW", "assets.view", _("See the equipment and tickets of the area")),
        CapabilityDef(
            "ASSETS_REPORT",
            "assets.report",
            _("Open tickets and verify the equipment of one's office"),
        ),
        CapabilityDef("ASSETS_SERVICE", "assets.service", _("Take on and resolve tickets")),
        CapabilityDef(
            "ASSETS_MANAGE",
            "assets.manage",
            _("Manage the equipment register, schedules and procurement"),
        ),
    )
    role_capabilities = {
        "block_officer": frozenset({"assets.view", "assets.report"}),
        "department_officer": frozenset({"assets.view", "assets.report"}),
        "network_engineer": frozenset({"assets.view", "assets.report", "assets.service"}),
        "viewer": frozenset({"assets.view"}),
    }
    sections = {
        "assets": frozenset({"assets.view", "assets.report", "assets.service", "assets.manage"}),
    }
    _group = _("Projects")
    menu = (
        MenuEntry(_("Equipment"), "assets:asset_list", "assets", group=_group, order=50),
        MenuEntry(_("Tickets"), "assets:ticket_list", "assets", group=_group, order=50),
        MenuEntry(
            _("Maintenance schedules"), "assets:schedule_list", "assets", group=_group, order=50
        ),
        MenuEntry(_("Procurement"), "assets:case_list", "assets", group=_group, order=50),
    )
    import_kinds = ("degs.assets.importing.REGISTER",)
    urls = "degs.assets.urls"
    url_prefix = "assets/"
    api_router = "degs.assets.api.router"
    api_prefix = "/assets/"
    demo_loader = "degs.assets.demo.load"
    demo_after = ("reviews", "directory", "accounts", "connectivity")
    home_section = "degs.assets.selectors.home.home_context"
    scope_tests = "tests.assets.scope"
