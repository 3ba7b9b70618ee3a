from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from degs.core.forms import StyledFormMixin

# The directory's own kinds (its export's).
DIRECTORY_KINDS = [("areas", _("Areas")), ("offices", _("Offices"))]


class ExportForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(choices=DIRECTORY_KINDS)
    format = forms.ChoiceField(choices=[("csv", "CSV"), ("xlsx", "XLSX")], required=False)
    under = forms.IntegerField(required=False, min_value=1)


class DistrictSettingForm(StyledFormMixin, forms.Form):
    """A district's own settings, changed by its administration."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    inspection_distance_m = forms.IntegerField(
        label=_("Inspection distance limit (m)"),
        min_value=50,
        max_value=50_000,
        help_text=_(
            "An inspection recorded farther than this from the centre's coordinates is flagged, "
            "and approving a closure or suspension on it needs an explicit acknowledgement."
        ),
    )
