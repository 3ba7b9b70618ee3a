from django.utils.translation import gettext_lazy as _

from degs.core.registry import CapabilityDef, DegsAppConfig, MenuEntry


class RolloutsConfig(DegsAppConfig):
    """Programmes rolled out across sets of offices, schools and panchayats: targets in and
    out of the set by date, weighted milestones with evidence, verification by a second
    person, progress per block and district (docs/rollouts.md)."""

    name = "degs.rollouts"
    label = "rollouts"
    verbose_name = _("Rollouts")

    capabilities = (
        CapabilityDef("ROLLOUTS_VIEW", "rollouts.view", _("See the rollouts of the area")),
        CapabilityDef(
            "ROLLOUTS_REPORT",
            "rollouts.report",
            _("Submit a rollout's milestones with their evidence"),
        ),
        CapabilityDef(
            "ROLLOUTS_VERIFY", "rollouts.verify", _("Verify or return submitted milestones")
        ),
        CapabilityDef(
            "ROLLOUTS_MANAGE",
            "rollouts.manage",
            _("Draw up rollouts: programmes, targets and milestones"),
        ),
    )
    role_capabilities = {
        "block_officer": frozenset({"rollouts.view", "rollouts.report"}),
        "department_officer": frozenset({"rollouts.view", "rollouts.report"}),
        "network_engineer": frozenset({"rollouts.view", "rollouts.report"}),
        "viewer": frozenset({"rollouts.view"}),
    }
    sections = {
        "rollouts": frozenset(
            {"rollouts.view", "rollouts.report", "rollouts.verify", "rollouts.manage"}
        ),
    }
    _group = _("Projects")
    menu = (
        MenuEntry(_("Rollouts"), "rollouts:programme_list", "rollouts", group=_group, order=50),
    )
    urls = "degs.rollouts.urls"
    url_prefix = "rollouts/"
    api_router = "degs.rollouts.api.router"
    api_prefix = "/rollouts/"
    demo_loader = "degs.rollouts.demo.load"
    demo_after = ("reviews", "directory", "accounts", "connectivity")
    home_section = "degs.rollouts.selectors.home.home_context"
    scope_tests = "tests.rollouts.scope"
    # Programme figures counted from the targets (docs/indicators.md, "Counted figures").
    figure_sources = (
        "degs.rollouts.selectors.figures.TARGETS",
        "degs.rollouts.selectors.figures.TARGETS_DONE",
        "degs.rollouts.selectors.figures.TARGETS_LATE",
    )
