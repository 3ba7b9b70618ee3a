from django.utils.translation import gettext_lazy as _

from degs.core.registry import DegsAppConfig


class CoreConfig(DegsAppConfig):
    name = "degs.core"
    label = "core"
    verbose_name = _("Core")

    urls = "degs.core.urls"  # the health check
    url_prefix = ""
    scope_tests = "tests.core.scope"

    def ready(self) -> None:
        from degs.core import checks  # noqa: F401 - registers the project's system checks
        from degs.core.admin import check_admin_text

        check_admin_text()  # django.contrib.admin is set up (and has read every admin.py) first
