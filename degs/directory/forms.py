from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from degs.core.forms import StyledFormMixin
from degs.directory.models import ImportBatch

# The directory's own kinds; the centres app imports its kinds through its own page.
DIRECTORY_KINDS = [
    (ImportBatch.Kind.AREAS, ImportBatch.Kind.AREAS.label),
    (ImportBatch.Kind.OFFICES, ImportBatch.Kind.OFFICES.label),
]


class ImportForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("The file holds"), choices=DIRECTORY_KINDS)
    file = forms.FileField(
        label=_("File (.csv or .xlsx)"),
        help_text=_("The first row names the columns. Download an export to see the columns."),
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > settings.DEGS_IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(mb)s MB.")
                % {"mb": settings.DEGS_IMPORT_MAX_BYTES // (1024 * 1024)}
            )
        if not upload.name.lower().endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        return upload


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
