from django.utils.translation import gettext_lazy as _

from degs.core.registry import CapabilityDef, DegsAppConfig, MenuEntry


class ConnectivityConfig(DegsAppConfig):
    """Network links, outages, probes' heartbeats and speed tests, video-conference rooms and
    IP phones (docs/connectivity.md)."""

    name = "degs.connectivity"
    label = "connectivity"
    verbose_name = _("Network links and video conferencing")

    capabilities = (
        CapabilityDef(
            "CONNECTIVITY_VIEW", "connectivity.view", _("See the network links of the area")
        ),
        CapabilityDef(
            "CONNECTIVITY_REPORT",
            "connectivity.report",
            _("Report outages, speed tests and video-conference tests"),
        ),
        CapabilityDef(
            "CONNECTIVITY_MANAGE",
            "connectivity.manage",
            _("Manage network links, providers, rooms and phones"),
        ),
    )
    role_capabilities = {
        "network_engineer": frozenset({"connectivity.view", "connectivity.report"}),
        "block_officer": frozenset({"connectivity.view", "connectivity.report"}),
        "department_officer": frozenset({"connectivity.view", "connectivity.report"}),
        "viewer": frozenset({"connectivity.view"}),
    }
    sections = {
        "connectivity": frozenset(
            {"connectivity.view", "connectivity.report", "connectivity.manage"}
        ),
    }
    _group = _("Network")
    menu = (
        MenuEntry(_("Links"), "connectivity:link_list", "connectivity", group=_group, order=40),
        MenuEntry(_("Outages"), "connectivity:outage_list", "connectivity", group=_group, order=40),
        MenuEntry(_("Uptime"), "connectivity:uptime", "connectivity", group=_group, order=40),
        MenuEntry(
            _("Speed tests"), "connectivity:speed_list", "connectivity", group=_group, order=40
        ),
        MenuEntry(
            _("Video-conference rooms"),
            "connectivity:room_list",
            "connectivity",
            group=_group,
            order=40,
        ),
        MenuEntry(
            _("IP phones"), "connectivity:phone_list", "connectivity", group=_group, order=40
        ),
        # The extension directory: for everyone signed in, beside the areas and offices.
        MenuEntry(_("Phone directory"), "connectivity:phone_directory", group=_("Directory")),
    )
    urls = "degs.connectivity.urls"
    url_prefix = "network/"
    api_router = "degs.connectivity.api.router"
    api_prefix = "/network/"
    demo_loader = "degs.connectivity.demo.load"
    demo_after = ("reviews", "directory", "accounts")
    home_section = "degs.connectivity.selectors.home.home_context"
    scope_tests = "tests.connectivity.scope"
    # Programme figures counted from the links and outages (docs/indicators.md, "Counted
    # figures").
    figure_sources = (
        "degs.connectivity.selectors.figures.LINKS_ACTIVE",
        "degs.connectivity.selectors.figures.LINKS_UP",
        "degs.connectivity.selectors.figures.OUTAGES_PAST_CLOCK",
    )
    import_kinds = ("degs.connectivity.importing.LINKS",)
