from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from degs.core.forms import StyledFormMixin
from degs.imports.registry import import_kind


class ImportForm(StyledFormMixin, forms.Form):
    """What the file holds (one of the page's kinds) and the file."""

    kind = forms.ChoiceField(label=_("The file holds"))
    file = forms.FileField(label=_("File (.csv or .xlsx)"))

    def __init__(
        self,
        *args: Any,
        kinds: Sequence[str] = (),
        help_text: Promise | str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = [(code, kind.label) for code in kinds if (kind := import_kind(code))]
        self.fields["kind"].choices = choices  # type: ignore[attr-defined]
        self.fields["file"].help_text = str(help_text)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > settings.DEGS_IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(mb)s MB.")
                % {"mb": settings.DEGS_IMPORT_MAX_BYTES // (1024 * 1024)}
            )
        if not upload.name.lower().endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        return upload
