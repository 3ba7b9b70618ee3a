from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "degs.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from degs.accounts.models import RoleGrant
        from degs.core.memo import reference_changed
        from degs.directory.models import PostHolding

        # Users' jurisdictions may be kept in each process's memo (degs.core.memo): a change to
        # a grant or a holding starts afresh.
        for model in (RoleGrant, PostHolding):
            post_save.connect(reference_changed, sender=model, dispatch_uid=f"memo-{model}")
            post_delete.connect(reference_changed, sender=model, dispatch_uid=f"memo-del-{model}")
