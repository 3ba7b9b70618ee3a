from django.utils.translation import gettext_lazy as _

from degs.core.registry import DegsAppConfig


class ImportsConfig(DegsAppConfig):
    """The import framework: the one flow every app's spreadsheet imports go through."""

    name = "degs.imports"
    label = "imports"
    verbose_name = _("Imports")
