from django.utils.translation import gettext_lazy as _

from degs.core.registry import CapabilityDef, DegsAppConfig, MenuEntry


class ApplicationsConfig(DegsAppConfig):
    name = "degs.applications"
    verbose_name = _("Applications and certificates")

    capabilities = (
        CapabilityDef(
            "APPLICATIONS_VIEW",
            "applications.view",
            _("See the citizens' applications of the area"),
        ),
        CapabilityDef(
            "APPLICATIONS_DECIDE", "applications.decide", _("Act on citizens' applications")
        ),
    )
    # An operator sees the applications of the centres they run, not of their area: the
    # applications' scoping (ApplicationQuerySet.visible_to) adds those.
    role_capabilities = {
        "csc_manager": frozenset({"applications.view"}),
        "inspector": frozenset({"applications.view"}),
        "block_officer": frozenset({"applications.view", "applications.decide"}),
        "department_officer": frozenset({"applications.view", "applications.decide"}),
        "viewer": frozenset({"applications.view"}),
    }
    sections = {
        "applications": frozenset(
            {"applications.view", "applications.decide", "centres.operate", "catalogue.manage"}
        ),
        # The pending and disposal reports.
        "reports": frozenset({"applications.decide", "catalogue.manage"}),
        # User charges: the district's statement, or a centre's own.
        "ledger": frozenset({"centres.manage", "catalogue.manage", "centres.operate"}),
    }
    menu = (
        MenuEntry(
            _("Applications"), "applications:application_list", section="applications", order=40
        ),
    )
    urls = "degs.applications.urls"
    url_prefix = "applications/"
    # Certificates are verified at /verify/, an application's status is checked at /status/.
    extra_urls = (
        ("verify/", "degs.applications.urls_public"),
        ("status/", "degs.applications.urls_status"),
    )
    api_router = "degs.applications.api.router"
    api_prefix = "/applications/"
    extra_api_routers = (("/certificates/", "degs.applications.api.public_router"),)
    demo_loader = "degs.applications.demo.load"
    demo_after = ("catalogue",)
    # The user-charge ledger keeps the centres' inspection fines too; centres comes before this
    # app and reaches the ledger only through these names (core.registry.provided).
    provides = {
        "fines.post": "degs.applications.services.fine_post",
        "fines.reverse": "degs.applications.services.fine_reverse",
    }
    home_section = "degs.applications.selectors.home_context"
    # Programme figures counted from the applications (docs/indicators.md, "Counted figures").
    figure_sources = (
        "degs.applications.figures.RECEIVED",
        "degs.applications.figures.DISPOSED",
        "degs.applications.figures.DISPOSED_IN_TIME",
        "degs.applications.figures.PENDING_BEYOND_LIMIT",
    )
    scope_tests = "tests.applications.scope"
