from django.utils.translation import gettext_lazy as _

from degs.core.registry import CapabilityDef, DegsAppConfig, MenuEntry

# The menu group the indicators and dashboards apps share.
FIGURES_GROUP = _("Figures")


class IndicatorsConfig(DegsAppConfig):
    """Programme figures as data: data elements entered per area and period, imported, read
    from press notes or computed from the project's rows; indicators as formulas over them
    with targets; the maintained figures dashboards read (docs/indicators.md)."""

    name = "degs.indicators"
    label = "indicators"
    verbose_name = _("Programme figures")

    capabilities = (
        CapabilityDef(
            "INDICATORS_VIEW", "indicators.view", _("See programme figures and dashboards")
        ),
        CapabilityDef(
            "INDICATORS_ENTER", "indicators.enter", _("Enter and import programme figures")
        ),
        CapabilityDef(
            "INDICATORS_MANAGE",
            "indicators.manage",
            _("Keep data elements, indicators and targets"),
        ),
    )
    role_capabilities = {
        "csc_manager": frozenset({"indicators.view", "indicators.enter"}),
        "inspector": frozenset({"indicators.view"}),
        "block_officer": frozenset({"indicators.view", "indicators.enter"}),
        "department_officer": frozenset({"indicators.view", "indicators.enter"}),
        "network_engineer": frozenset({"indicators.view"}),
        "viewer": frozenset({"indicators.view"}),
    }
    sections = {
        "indicators": frozenset({"indicators.view", "indicators.enter", "indicators.manage"}),
        # The entry page: only those who report figures see it in their menu.
        "figure_entry": frozenset({"indicators.enter"}),
    }
    menu = (
        MenuEntry(
            _("Indicators"), "indicators:indicator_list", "indicators", group=FIGURES_GROUP, order=3
        ),
        # part "values"
        MenuEntry(
            _("Enter figures"), "indicators:entry", "figure_entry", group=FIGURES_GROUP, order=3
        ),
        MenuEntry(_("Values"), "indicators:value_list", "indicators", group=FIGURES_GROUP, order=3),
    )
    home_section = "degs.indicators.selectors.home.home_context"
    import_kinds = ("degs.indicators.importing.VALUES",)
    provides = {
        "indicators.press_note_figures": "degs.indicators.services.catalogue.press_note_figures",
        "indicators.press_note_elements": "degs.indicators.services.catalogue.press_note_elements",
    }
    urls = "degs.indicators.urls"
    url_prefix = "figures/"
    api_router = "degs.indicators.api.router"
    api_prefix = "/figures/"
    demo_loader = "degs.indicators.demo.load"
    demo_after = (
        "directory",
        "accounts",
        "reviews",
        "centres",
        "applications",
        "connectivity",
        "rollouts",
    )
    scope_tests = "tests.indicators.scope"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from degs.core.memo import reference_changed
        from degs.indicators.models import DataElement, Indicator

        # Dashboards read indicators and elements through each process's memo (degs.core.memo).
        for model in (DataElement, Indicator):
            post_save.connect(reference_changed, sender=model, dispatch_uid=f"memo-{model}")
            post_delete.connect(reference_changed, sender=model, dispatch_uid=f"memo-del-{model}")
