"""Forms of the receipts part: a sanction, a grant received against it, interest."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from degs.connectivity.forms import DATE
from degs.core.forms import FormTokenMixin, RupeesField, StyledFormMixin
from degs.directory.models import Area
from degs.finance.models import FundHead


class HeadField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.label} ({obj.district.label})"


class SanctionForm(StyledFormMixin, forms.Form):
    district = forms.ModelChoiceField(label=_("District"), queryset=Area.objects.none())
    head = HeadField(label=_("Fund head"), queryset=FundHead.objects.none())
    number = forms.CharField(label=_("Sanction letter number"), max_length=100)
    date = forms.DateField(label=_("Sanction date"), widget=DATE)
    grantor = forms.CharField(
        label=_("Sanctioned by"),
        max_length=200,
        help_text=_("e.g. “Department of Information Technology, Jharkhand”"),
    )
    purpose = forms.CharField(
        label=_("Purpose"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    amount_paise = RupeesField(label=_("Amount (₹)"))
    recurring = forms.BooleanField(label=_("Recurring (given every year)"), required=False)
    seen = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)

    def __init__(self, *args: Any, districts: list[Area], heads: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["district"]
        field.queryset = Area.objects.filter(pk__in=[d.pk for d in districts])  # type: ignore[attr-defined]
        if len(districts) == 1:
            field.initial = districts[0].pk
        self.fields["head"].queryset = heads  # type: ignore[attr-defined]

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("seen", None)
        return data


class GrantReceiptForm(FormTokenMixin, StyledFormMixin, forms.Form):
    date = forms.DateField(label=_("Received on"), widget=DATE)
    amount_paise = RupeesField(label=_("Amount received (₹)"))
    reference = forms.CharField(
        label=_("UTR or PFMS number"),
        max_length=80,
        help_text=_("As on the bank's credit advice."),
    )
    narration = forms.CharField(
        label=_("Narration"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("date", timezone.localdate())
        super().__init__(*args, **kwargs)


class InterestForm(FormTokenMixin, StyledFormMixin, forms.Form):
    head = HeadField(label=_("Fund head"), queryset=FundHead.objects.none())
    date = forms.DateField(label=_("Credited on"), widget=DATE)
    amount_paise = RupeesField(label=_("Interest (₹)"))
    reference = forms.CharField(label=_("Bank's reference"), max_length=80, required=False)

    def __init__(self, *args: Any, heads: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("date", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.fields["head"].queryset = heads  # type: ignore[attr-defined]
