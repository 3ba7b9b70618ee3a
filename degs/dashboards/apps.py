from django.utils.translation import gettext_lazy as _

from degs.core.registry import DegsAppConfig, MenuEntry


class DashboardsConfig(DegsAppConfig):
    name = "degs.dashboards"
    label = "dashboards"
    verbose_name = _("Dashboards")

    menu = (MenuEntry(_("Home"), "dashboards:home", order=0),)
    urls = "degs.dashboards.urls"
    url_prefix = ""
    scope_tests = "tests.dashboards.scope"
