from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CentresConfig(AppConfig):
    name = "degs.centres"
    label = "centres"
    verbose_name = _("Service centres and inspections")
    import_kinds = (
        "degs.centres.importing.CENTRES",
        "degs.centres.importing.OPERATORS",
        "degs.centres.importing.OPERATOR_IDS",
    )
