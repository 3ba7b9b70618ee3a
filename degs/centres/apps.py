from django.utils.translation import gettext_lazy as _

from degs.core.registry import CapabilityDef, DegsAppConfig, MenuEntry


class CentresConfig(DegsAppConfig):
    name = "degs.centres"
    label = "centres"
    verbose_name = _("Service centres and inspections")
    import_kinds = (
        "degs.centres.importing.CENTRES",
        "degs.centres.importing.OPERATORS",
        "degs.centres.importing.OPERATOR_IDS",
    )

    capabilities = (
        CapabilityDef("CENTRES_VIEW", "centres.view", _("See the service centres of the area")),
        CapabilityDef(
            "CENTRES_MANAGE", "centres.manage", _("Manage service centres and operators")
        ),
        CapabilityDef("CENTRES_INSPECT", "centres.inspect", _("Inspect service centres")),
        CapabilityDef(
            "CENTRES_APPROVE", "centres.approve", _("Approve suspensions and closures of centres")
        ),
        CapabilityDef("CENTRE_OPERATE", "centres.operate", _("Operate a service centre")),
    )
    role_capabilities = {
        "csc_manager": frozenset({"centres.manage", "centres.inspect"}),
        "inspector": frozenset({"centres.inspect"}),
        "block_officer": frozenset({"centres.inspect"}),
        "kiosk_operator": frozenset({"centres.operate"}),
        "viewer": frozenset({"centres.view"}),
    }
    sections = {
        "centres": frozenset(
            {"centres.view", "centres.manage", "centres.inspect", "centres.operate"}
        ),
    }
    menu = (MenuEntry(_("Centres"), "centres:centre_list", section="centres", order=30),)
    urls = "degs.centres.urls"
    url_prefix = "centres/"
    api_router = "degs.centres.api.router"
    api_prefix = "/centres/"
    demo_loader = "degs.centres.demo.load"
    demo_after = ("reviews",)
    home_section = "degs.centres.selectors.home_context"
    scope_tests = "tests.centres.scope"
    # Programme figures counted from the centres (docs/indicators.md, "Counted figures").
    figure_sources = (
        "degs.centres.figures.ACTIVE",
        "degs.centres.figures.INSPECTIONS_DONE",
        "degs.centres.figures.INSPECTIONS_DUE",
    )
