from django.utils.translation import gettext_lazy as _

from degs.core.registry import DegsAppConfig, MenuEntry
from degs.indicators.apps import FIGURES_GROUP


class DashboardsConfig(DegsAppConfig):
    """The home page, the DC's dashboard (a block officer's for the block), the state's
    ranking of its districts and a meeting's review pack, all read from the maintained
    figures (docs/dashboards.md)."""

    name = "degs.dashboards"
    label = "dashboards"
    verbose_name = _("Dashboards")

    sections = {"dashboards": frozenset({"indicators.view"})}
    menu = (
        MenuEntry(_("Home"), "dashboards:home", order=0),
        MenuEntry(
            _("Dashboard"), "dashboards:dashboard", "dashboards", group=FIGURES_GROUP, order=2
        ),
        MenuEntry(
            _("Districts ranked"), "dashboards:state", "dashboards", group=FIGURES_GROUP, order=2
        ),
    )
    urls = "degs.dashboards.urls"
    url_prefix = ""
    api_router = "degs.dashboards.api.router"
    api_prefix = "/dashboard/"
    scope_tests = "tests.dashboards.scope"
