from django.utils.translation import gettext_lazy as _

from degs.core.registry import CapabilityDef, DegsAppConfig, MenuEntry

# Every officer reports compliance on the directives given to their posts.
_OFFICERS = ("csc_manager", "inspector", "block_officer", "department_officer", "network_engineer")


class ReviewsConfig(DegsAppConfig):
    name = "degs.reviews"
    label = "reviews"
    verbose_name = _("Review meetings and directives")

    capabilities = (
        CapabilityDef(
            "REVIEWS_VIEW", "reviews.view", _("See the committees and directives of the area")
        ),
        CapabilityDef(
            "REVIEWS_MANAGE", "reviews.manage", _("Record meetings and issue directives")
        ),
        CapabilityDef("REVIEWS_REPORT", "reviews.report", _("Report compliance on directives")),
    )
    role_capabilities = {
        **{role: frozenset({"reviews.report"}) for role in _OFFICERS},
        "viewer": frozenset({"reviews.view"}),
    }
    sections = {"reviews": frozenset({"reviews.view", "reviews.report", "reviews.manage"})}
    menu = (
        MenuEntry(
            _("Directive register"), "reviews:register", "reviews", group=_("Directives"), order=20
        ),
        MenuEntry(_("My directives"), "reviews:mine", "reviews", group=_("Directives"), order=20),
        # Who cannot open the register sees their own directives alone.
        MenuEntry(_("My directives"), "reviews:mine", order=20, unless_section="reviews"),
    )
    urls = "degs.reviews.urls"
    url_prefix = "reviews/"
    api_router = "degs.reviews.api.router"
    api_prefix = "/reviews/"
    demo_loader = "degs.reviews.demo.load"
    demo_after = ("accounts",)
    home_section = "degs.reviews.selectors.home_context"
    scope_tests = "tests.reviews.scope"
    # Programme figures counted from the directives (docs/indicators.md, "Counted figures").
    figure_sources = ("degs.reviews.figures.DIRECTIVES_OVERDUE",)
