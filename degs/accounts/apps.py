from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

from degs.core.registry import CapabilityDef, DegsAppConfig, MenuEntry, RoleDef


class AccountsConfig(DegsAppConfig):
    name = "degs.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    # The project's roles: named bundles of the capabilities the apps declare. Code checks
    # capabilities, never role names (degs.core.permissions).
    roles = (
        RoleDef("STATE_ADMIN", "state_admin", _("State administrator"), everything=True),
        RoleDef("DISTRICT_ADMIN", "district_admin", _("District administrator"), everything=True),
        RoleDef("CSC_MANAGER", "csc_manager", _("CSC manager")),
        RoleDef("INSPECTOR", "inspector", _("Inspector (District Service Provider)")),
        RoleDef("BLOCK_OFFICER", "block_officer", _("Block / tehsil officer")),
        RoleDef("DEPARTMENT_OFFICER", "department_officer", _("Department officer")),
        RoleDef("KIOSK_OPERATOR", "kiosk_operator", _("Kiosk operator")),
        RoleDef("NETWORK_ENGINEER", "network_engineer", _("Network engineer")),
        RoleDef("VIEWER", "viewer", _("Read-only viewer")),
    )
    capabilities = (
        CapabilityDef("ACCOUNTS_MANAGE", "accounts.manage", _("Manage users and their roles")),
    )
    sections = {"accounts": frozenset({"accounts.manage"})}
    # In the Directory drop-down, beside the posts they hold (the top menu fits 1280 px).
    menu = (
        MenuEntry(
            _("Users"), "accounts:user_list", section="accounts", group=_("Directory"), order=60
        ),
    )
    urls = "degs.accounts.urls"
    url_prefix = "accounts/"
    api_router = "degs.accounts.api.router"
    api_prefix = "/accounts/"
    demo_loader = "degs.accounts.demo.load"
    demo_after = ("directory",)
    scope_tests = "tests.accounts.scope"

    def ready(self) -> None:
        from degs.accounts.models import RoleGrant
        from degs.core.memo import reference_changed
        from degs.directory.models import PostHolding

        # Users' jurisdictions may be kept in each process's memo (degs.core.memo): a change to
        # a grant or a holding starts afresh.
        for model in (RoleGrant, PostHolding):
            post_save.connect(reference_changed, sender=model, dispatch_uid=f"memo-{model}")
            post_delete.connect(reference_changed, sender=model, dispatch_uid=f"memo-del-{model}")
