from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from degs.core.forms import StyledFormMixin
from degs.directory.choices import AreaKind, OfficeKind
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


class AreaFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(label=_("Name or LGD code"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *AreaKind.choices]
    )


class OfficeFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *OfficeKind.choices]
    )


class PostFilterForm(StyledFormMixin, forms.Form):
    designation = forms.ChoiceField(label=_("Designation"), required=False)
    vacant = forms.ChoiceField(
        label=_("Holder"),
        required=False,
        choices=[("", _("All posts")), ("yes", _("Vacant posts")), ("no", _("Filled posts"))],
    )

    def __init__(
        self, *args: object, designations: list[tuple[str, str]], **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["designation"].choices = [("", _("All designations")), *designations]  # type: ignore[attr-defined]


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
