"""Forms of the applications pages. The application form is built from the service version's
definition; it only collects what was typed: every check is the service's (the same for the
page and the API), and its messages are put back on the matching fields."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from degs.catalogue.choices import FieldType
from degs.catalogue.definition import Definition
from degs.core.forms import HeldFilesMixin, StyledFormMixin, TypedTextMixin
from degs.core.mobile import LONGEST
from degs.core.models import HeldUpload, in_reader_language


class ApplicationForm(StyledFormMixin, HeldFilesMixin, forms.Form):
    """The service's form plus its documents. ``client_token`` makes a repeated submit file
    one application; ``upload_token`` names the files held for this form while it is
    corrected (``core.uploads``), so a correction does not ask for them again."""

    client_token = forms.UUIDField(widget=forms.HiddenInput, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args: Any,
        definition: Definition,
        areas: dict[str, dict[str, Any]],
        documents_held: set[str] | None = None,
        **kwargs: Any,
    ) -> None:
        self.definition = definition
        self.documents_held = documents_held or set()
        self.document_names: list[str] = []
        self.field_names: list[str] = []
        super().__init__(*args, **kwargs)
        if not self.is_bound and not self.initial.get("client_token"):
            self.initial["client_token"] = uuid.uuid4()
        self.held: dict[str, HeldUpload] = {}
        area_choices = [("", "—")] + [
            (key, in_reader_language(a["name"], a["name_hi"]))
            for key, a in sorted(areas.items(), key=lambda kv: kv[1]["name"])
        ]
        for spec in definition.fields:
            label = in_reader_language(spec.label, spec.label_hi)
            field: forms.Field
            if spec.type == FieldType.FILE:
                continue
            if spec.type == FieldType.CHOICE:
                field = forms.ChoiceField(
                    choices=[("", "—")]
                    + [(o.value, in_reader_language(o.label, o.label_hi)) for o in spec.options]
                )
            elif spec.type == FieldType.AREA:
                field = forms.ChoiceField(choices=area_choices)
            elif spec.type == FieldType.DATE:
                field = forms.CharField(
                    widget=forms.DateInput(
                        attrs={"type": "date", "max": timezone.localdate().isoformat()}
                    )
                )
            else:
                attrs: dict[str, Any] = {}
                if spec.type in (
                    FieldType.MOBILE,
                    FieldType.PINCODE,
                    FieldType.AADHAAR,
                    FieldType.NUMBER,
                ):
                    attrs["inputmode"] = "numeric"
                if spec.type == FieldType.MOBILE:
                    attrs["autocomplete"] = "off"
                    attrs["maxlength"] = LONGEST
                if spec.type == FieldType.AADHAAR:
                    attrs["autocomplete"] = "off"
                    attrs["maxlength"] = 14
                if spec.type == FieldType.TEXT and spec.max_length:
                    attrs["maxlength"] = spec.max_length
                field = forms.CharField(widget=forms.TextInput(attrs=attrs), strip=False)
            field.required = False  # the service decides; a draft may be incomplete
            field.label = label
            field.widget.is_required = spec.required
            if spec.type == FieldType.AADHAAR:
                field.help_text = _("Only the last four digits are kept.")
            self.fields[spec.code] = field
            self.fields[spec.code].degs_required = spec.required  # type: ignore[attr-defined]
            self.field_names.append(spec.code)
        uploads = [
            (d.code, in_reader_language(d.label, d.label_hi), d.required)
            for d in definition.documents
        ] + [
            (f.code, in_reader_language(f.label, f.label_hi), f.required)
            for f in definition.fields
            if f.type == FieldType.FILE
        ]
        for code, label, required in uploads:
            field = forms.FileField(
                required=False,
                label=label,
                widget=forms.ClearableFileInput(
                    attrs={"accept": "application/pdf,image/jpeg,image/png"}
                ),
                help_text=_("Already received: choose a file only to add another.")
                if code in self.documents_held
                else _("PDF, JPEG or PNG."),
            )
            field.degs_required = required and code not in self.documents_held  # type: ignore[attr-defined]
            field.degs_held = None  # type: ignore[attr-defined]
            self.fields[code] = field
            self.document_names.append(code)
        self.style_fields()

    def show_held(self, held: dict[str, HeldUpload]) -> None:
        """Draw the files held for this form beside their fields: they need not be chosen
        again."""
        self.held = held
        for code in self.document_names:
            field = self.fields[code]
            row = held.get(code)
            field.degs_held = row  # type: ignore[attr-defined]
            if row is not None:
                field.degs_required = False  # type: ignore[attr-defined]
                field.help_text = _("Choose a file only to replace it.")
            self._bound_fields_cache.pop(code, None)  # type: ignore[attr-defined]  # drawn again

    def typed_values(self) -> dict[str, Any]:
        """What was typed, field by field, as text (the service checks it)."""
        return {name: self.data.get(self.add_prefix(name), "") for name in self.field_names}

    def uploads(self) -> list[tuple[str, Any]]:
        return [
            (name, self.files[self.add_prefix(name)])
            for name in self.document_names
            if self.add_prefix(name) in self.files
        ]

    def typed_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.field_names]

    def document_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.document_names]


class DocumentForm(HeldFilesMixin, forms.Form):
    """A document added at the kiosk from the application's page (called for by the officer):
    its file is held (``upload_token``) when the addition is refused for a reason other than
    the file, such as someone acting on the application meanwhile."""


class ActForm(StyledFormMixin, forms.Form):
    step = forms.CharField(widget=forms.HiddenInput)  # "action:target"
    version = forms.IntegerField(widget=forms.HiddenInput)
    remark = forms.CharField(
        label=_("Remark"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RevokeForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason for revocation"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


def _last4(help_text: Any = "") -> forms.RegexField:
    """The second fact a public look-up by number asks: a number can be counted through, the
    mobile's last four digits cannot be read off it."""
    return forms.RegexField(
        label=_("Last four digits of the mobile given in the application"),
        help_text=help_text,
        regex=r"^[0-9]{4}$",
        error_messages={
            "invalid": _("Give the last four digits."),
            "required": _("Give the last four digits."),
        },
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "maxlength": 4, "autocomplete": "off"}
        ),
    )


class StatusForm(StyledFormMixin, forms.Form):
    number = forms.CharField(
        label=_("Application number"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    last4 = _last4()


class VerifyNumberForm(StyledFormMixin, forms.Form):
    """A certificate checked by the number printed on it, with the holder's second fact."""

    number = forms.CharField(
        label=_("Certificate number"),
        max_length=40,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "placeholder": "INC/…",
            }
        ),
    )
    last4 = _last4(_("Ask the certificate's holder: the mobile number they gave when applying."))


class MonthForm(TypedTextMixin, forms.Form):
    month = forms.DateField(
        label=_("Month"),
        input_formats=["%Y-%m"],
        required=False,
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    )
