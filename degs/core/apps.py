from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "degs.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from degs.core import checks  # noqa: F401 - registers the project's system checks
        from degs.core.admin import check_admin_text

        check_admin_text()  # django.contrib.admin is set up (and has read every admin.py) first
