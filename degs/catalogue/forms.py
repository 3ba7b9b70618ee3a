"""Forms of the catalogue pages. They gather a new version of a service; the service
``service_publish`` checks it whole and decides."""

from __future__ import annotations

import json
import re
import unicodedata
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from degs.catalogue.certificate_html import Removed, clean_certificate_html
from degs.catalogue.definition import rupees
from degs.core.forms import StyledFormMixin, add_service_errors
from degs.directory.models import Area, Designation

MAX_RUPEES = 10**7  # Rs 1 crore: the definition allows at most 10**9 paise
RUPEES = re.compile(r"^\d+(\.\d*)?$")


def paise_from_rupees(text: str) -> int:
    """Rs as typed ("30", "30.5", "30.50", "1,200") to whole paise, exactly (no floats)."""
    value = text.strip().replace(",", "").replace(" ", "")
    if not RUPEES.match(value):
        raise ValidationError(_("Give the amount in rupees, such as 30 or 30.50."))
    if len(value.partition(".")[2]) > 2:
        raise ValidationError(_("Rupees take at most two decimals (paise)."))
    amount = Decimal(value)
    if amount > MAX_RUPEES:
        raise ValidationError(_("That is more than ₹1 crore."))
    return int(amount * 100)


def pretty_json(value: Any) -> str:
    """A definition piece as the admin edits it: indented, Devanagari kept readable."""
    return json.dumps(value, ensure_ascii=False, indent=2)


def _json_area(rows: int) -> forms.Textarea:
    return forms.Textarea(
        attrs={"rows": rows, "spellcheck": "false", "class": "font-monospace", "wrap": "off"}
    )


def _parse_json(text: str, kind: type, empty: Any) -> Any:
    text = unicodedata.normalize("NFC", text).strip()
    if not text:
        return empty
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValidationError(
            _(
                "Line %(line)s, column %(column)s: this is not valid JSON. Look there, or just "
                "before, for a missing comma, quote or bracket."
            )
            % {"line": error.lineno, "column": error.colno}
        ) from error
    if not isinstance(value, kind):
        if kind is list:
            raise ValidationError(_("Give a list in square brackets: [ … ]."))
        raise ValidationError(_("Give an object in braces: { … }."))
    return value


class AreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.label} ({obj.get_kind_display()})"


class ServiceForm(StyledFormMixin, forms.Form):
    """A version of a service, as one page: the definition's lists are edited as JSON."""

    area = AreaChoiceField(label=_("Offered in"), queryset=Area.objects.none())
    code = forms.SlugField(
        label=_("Code"),
        max_length=60,
        help_text=_("Lower-case letters, digits, - and _; it cannot change later."),
    )
    name = forms.CharField(label=_("Name (English)"), max_length=200)
    name_hi = forms.CharField(label=_("Name (Hindi)"), max_length=200, required=False)
    department = forms.CharField(label=_("Department (English)"), max_length=200)
    department_hi = forms.CharField(label=_("Department (Hindi)"), max_length=200, required=False)
    law = forms.CharField(label=_("Law (English)"), max_length=300)
    law_hi = forms.CharField(label=_("Law (Hindi)"), max_length=300, required=False)
    time_limit_days = forms.IntegerField(
        label=_("Time limit (working days)"), min_value=1, max_value=365
    )
    designated = forms.ChoiceField(label=_("Designated officer (post type)"))
    appellate = forms.ChoiceField(label=_("Appellate officer (post type)"), required=False)
    validity_days = forms.IntegerField(
        label=_("Certificate valid for (days)"),
        min_value=1,
        max_value=36500,
        required=False,
        help_text=_("Leave empty when the certificate does not expire."),
    )
    fee = forms.CharField(
        label=_("Fee (₹)"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        help_text=_("Rupees, with at most two decimals: 30, 30.5 or 30.50."),
    )
    citizen_fee = forms.CharField(
        label=_("Paid by the citizen at the kiosk (₹)"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        help_text=_(
            "Leave empty when the citizen pays the whole fee; the state reimburses the rest."
        ),
    )
    fields_json = forms.CharField(
        label=_("Form fields (JSON)"),
        required=False,
        strip=False,
        widget=_json_area(16),
        help_text=_(
            "A list of fields: `code`, `label`, `label_hi`, `type`, `required`, and for some "
            'types `max_length`, `minimum`, `maximum` or `options` (`[{"value", "label", '
            '"label_hi"}]`); `privacy`: `open`, `masked` or `hidden`, what those who do not act '
            "on an application see of the field (by default from its type); `certified`: "
            "`true` when the certificate states the field (its templates must print it and its "
            "QR code carries it)."
        ),
    )
    documents_json = forms.CharField(
        label=_("Documents (JSON)"),
        required=False,
        strip=False,
        widget=_json_area(8),
        help_text=_("A list of documents: `code`, `label`, `label_hi`, `required`."),
    )
    workflow_json = forms.CharField(
        label=_("Workflow (JSON)"),
        strip=False,
        widget=_json_area(20),
        help_text=_(
            "An object with `states` (`code`, `label`, `label_hi`; `submitted`, `issued` and "
            "`rejected` are needed) and `steps` (`action`, `source`, `target`, `designation`, "
            "`level`, `days`, and `auto_after_days` if the system takes the step when it is "
            "that late)."
        ),
    )
    certificate_template = forms.CharField(
        label=_("Certificate (English)"),
        required=False,
        strip=False,
        widget=_json_area(8),
        help_text=_(
            "HTML with placeholders such as `{{ applicant_name }}` or `{{ issued_on }}`: "
            "headings, paragraphs, lists and tables, styled with `class` or `style`. Anything "
            "else (images, links, style sheets, scripts) is removed when the service is "
            "published. Each certified field's placeholder must be there, or "
            "`{{ certified_facts }}`, a table of them all."
        ),
    )
    certificate_template_hi = forms.CharField(
        label=_("Certificate (Hindi)"), required=False, strip=False, widget=_json_area(8)
    )
    is_demo = forms.BooleanField(
        label=_("Demo values: the time limit and fee are not yet confirmed"), required=False
    )
    note = forms.CharField(label=_("What changed"), max_length=300, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args: Any,
        areas: QuerySet[Area],
        designations: QuerySet[Designation],
        editing: bool = False,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.editing = editing
        self.removed: dict[str, Removed] = {}
        self.fields["area"].queryset = areas  # type: ignore[attr-defined]
        posts = [(d.code, f"{d.short_label} — {d.label}") for d in designations]
        # The workflow's steps name post types by code: the page lists them beside it.
        self.designation_codes = [(d.code, d.label) for d in designations]
        self.fields["designated"].choices = [("", "—"), *posts]  # type: ignore[attr-defined]
        self.fields["appellate"].choices = [("", _("None")), *posts]  # type: ignore[attr-defined]
        self.fields["is_demo"].widget.attrs["class"] = "form-check-input"
        if editing:
            self.fields["area"].disabled = True
            self.fields["code"].disabled = True
            self.fields["note"].required = True

    def clean_fee(self) -> int:
        return paise_from_rupees(self.cleaned_data["fee"])

    def clean_citizen_fee(self) -> int | None:
        value = self.cleaned_data["citizen_fee"].strip()
        return paise_from_rupees(value) if value else None

    def clean_fields_json(self) -> list[Any]:
        value: list[Any] = _parse_json(self.cleaned_data["fields_json"], list, [])
        return value

    def clean_documents_json(self) -> list[Any]:
        value: list[Any] = _parse_json(self.cleaned_data["documents_json"], list, [])
        return value

    def clean_workflow_json(self) -> dict[str, Any]:
        value: dict[str, Any] = _parse_json(self.cleaned_data["workflow_json"], dict, {})
        return value

    def _clean_template(self, name: str) -> str:
        """The template cleaned to the allow-list; what was removed is kept in ``removed`` for
        the page to tell the administrator."""
        text = unicodedata.normalize("NFC", self.cleaned_data[name])
        cleaned = clean_certificate_html(text.replace("\r\n", "\n").strip())
        if cleaned.removed:
            self.removed[name] = cleaned.removed
        return cleaned.html

    def clean_certificate_template(self) -> str:
        return self._clean_template("certificate_template")

    def clean_certificate_template_hi(self) -> str:
        return self._clean_template("certificate_template_hi")


class ShareForm(StyledFormMixin, forms.Form):
    """One row of the fee's split; an empty row is left out."""

    party = forms.CharField(label=_("Party code"), max_length=40, required=False)
    label = forms.CharField(label=_("Label (English)"), max_length=200, required=False)
    label_hi = forms.CharField(label=_("Label (Hindi)"), max_length=200, required=False)
    rupees = forms.CharField(
        label="₹",
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )

    def clean_rupees(self) -> int | None:
        text = self.cleaned_data["rupees"]
        return paise_from_rupees(text) if text.strip() else None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.is_blank():
            return data
        for name in ("party", "label", "rupees"):
            if name not in self.errors and data.get(name) in ("", None):
                self.add_error(name, _("This is required."))
        return data

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not any(
            data.get(name) not in ("", None) for name in ("party", "label", "label_hi", "rupees")
        ) and not self.errors.get("rupees")

    def share(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "party": data["party"].strip(),
            "label": unicodedata.normalize("NFC", data["label"]),
            "label_hi": unicodedata.normalize("NFC", data["label_hi"]),
            "paise": data["rupees"],
        }


ShareFormSet = forms.formset_factory(ShareForm, extra=3, max_num=30, validate_max=True)


def share_initial(shares: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The current split as the rows of the form, amounts in rupees."""
    return [
        {
            "party": s.get("party", ""),
            "label": s.get("label", ""),
            "label_hi": s.get("label_hi", ""),
            "rupees": rupees(s["paise"]) if isinstance(s.get("paise"), int) else "",
        }
        for s in shares
        if isinstance(s, dict)
    ]


def typed_values(data: Any, *, editing: bool) -> dict[str, Any]:
    """What the user typed into the service's form, to draw it again unchecked."""
    fixed = {"area", "code"} if editing else set()
    values = {
        name: data[name] for name in ServiceForm.base_fields if name in data and name not in fixed
    }
    values["is_demo"] = "is_demo" in data
    return values


def typed_shares(data: Any) -> list[dict[str, str]]:
    """The rows of the split as typed, empty ones too, so the form adds its empty rows after."""
    total = str(data.get("shares-TOTAL_FORMS", ""))
    count = min(int(total), ShareFormSet.max_num - ShareFormSet.extra) if total.isdigit() else 0
    return [
        {key: str(data.get(f"shares-{i}-{key}", "")) for key in ShareForm.base_fields}
        for i in range(count)
    ]


def filled_shares(formset: Any) -> tuple[list[dict[str, Any]], list[int]]:
    """The non-empty rows as the definition's shares, and each one's row in the form."""
    shares, rows = [], []
    for index, form in enumerate(formset.forms):
        if not form.is_blank():
            shares.append(form.share())
            rows.append(index)
    return shares, rows


# Where an error of ``service_publish`` is shown: (key prefix, form field), first match wins.
_PLACES = [
    ("definition.definition.citizen_paise", "citizen_fee"),
    ("definition.definition.", "fee"),
    ("definition.fields", "fields_json"),
    ("definition.documents", "documents_json"),
    ("definition.workflow", "workflow_json"),
    ("definition.states", "workflow_json"),
    ("definition.steps", "workflow_json"),
    ("designations", "workflow_json"),
    ("designated_post", "designated"),
    ("appellate_post", "appellate"),
]
_SHARE_ROW = re.compile(r"^definition\.shares\[(\d+)\](?:\.(\w+))?$")
_SHARE_FIELD = {"party": "party", "label": "label", "label_hi": "label_hi", "paise": "rupees"}


def add_publish_errors(
    form: ServiceForm, formset: Any, error: ValidationError, share_rows: list[int]
) -> None:
    """Show each of the service's errors next to the input it is about; the JSON ones say
    where inside the JSON ("workflow.steps[2].target: …")."""
    if not hasattr(error, "error_dict"):
        add_service_errors(form, error)
        return
    placed: dict[str, list[Any]] = {}
    for key, messages in error.message_dict.items():
        row = _SHARE_ROW.match(key)
        if row and int(row.group(1)) < len(share_rows):
            share_form = formset.forms[share_rows[int(row.group(1))]]
            share_form.add_error(_SHARE_FIELD.get(row.group(2) or "", "party"), messages)
            continue
        if key.startswith("definition.shares"):
            formset.non_form_errors().extend(messages)
            continue
        field = next((f for prefix, f in _PLACES if key.startswith(prefix)), key)
        if field in ("fields_json", "documents_json", "workflow_json"):
            where = key.removeprefix("definition.")
            messages = [m if where == "designations" else f"{where}: {m}" for m in messages]
        placed.setdefault(field, []).extend(messages)
    add_service_errors(form, ValidationError(placed))
