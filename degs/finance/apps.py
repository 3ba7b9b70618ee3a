from django.utils.translation import gettext_lazy as _

from degs.core.registry import CapabilityDef, DegsAppConfig, MenuEntry, RoleDef


class FinanceConfig(DegsAppConfig):
    """The DeGS fund: a double-entry ledger per society, receipts and payments, month close,
    the fund statement and the GFR 12-A utilisation certificate (docs/finance.md)."""

    name = "degs.finance"
    label = "finance"
    verbose_name = _("DeGS fund")

    roles = (RoleDef("ACCOUNTANT", "accountant", _("Accountant of the society")),)
    capabilities = (
        CapabilityDef("FINANCE_VIEW", "finance.view", _("See the society's fund")),
        CapabilityDef("FINANCE_POST", "finance.post", _("Record receipts, payments and reversals")),
        CapabilityDef(
            "FINANCE_CLOSE",
            "finance.close",
            _("Close months, keep fund heads and sanctions, sign utilisation certificates"),
        ),
    )
    role_capabilities = {
        "accountant": frozenset({"finance.view", "finance.post", "assets.view"}),
        "viewer": frozenset({"finance.view"}),
    }
    sections = {
        "finance": frozenset({"finance.view", "finance.post", "finance.close"}),
    }
    _group = _("Fund")
    menu = (
        MenuEntry(_("Overview"), "finance:overview", "finance", group=_group, order=54),
        MenuEntry(_("Fund statement"), "finance:statement", "finance", group=_group, order=55),
        MenuEntry(_("Journal"), "finance:entry_list", "finance", group=_group, order=55),
        MenuEntry(_("Sanctions"), "finance:sanction_list", "finance", group=_group, order=55),
    )
    urls = "degs.finance.urls"
    url_prefix = "fund/"
    api_router = "degs.finance.api.router"
    api_prefix = "/fund/"
    demo_loader = "degs.finance.demo.load"
    demo_after = ("reviews", "directory", "accounts", "applications", "assets")
    home_section = "degs.finance.selectors.home.home_context"
    scope_tests = "tests.finance.scope"
