"""The ledger's forms: a journal entry of as many lines as needed (a line is an account, a fund
head and a debit or a credit), a reversal's reason, a month to close, a fund head."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from degs.connectivity.forms import DATE
from degs.core.forms import FormTokenMixin, RupeesField, StyledFormMixin
from degs.directory.models import Area
from degs.finance.choices import EntryKind
from degs.finance.models import Account, FundHead

ROWS = 4  # lines drawn on a fresh form
MAX_ROWS = 40
KINDS = [(k, label) for k, label in EntryKind.choices if k != EntryKind.REVERSAL]


class HeadChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.label} ({obj.district.label})"


class JournalForm(FormTokenMixin, StyledFormMixin, forms.Form):
    district = forms.ModelChoiceField(label=_("Society (district)"), queryset=Area.objects.none())
    date = forms.DateField(label=_("Date"), widget=DATE)
    kind = forms.ChoiceField(label=_("Kind"), choices=KINDS, initial=EntryKind.JOURNAL)
    narration = forms.CharField(label=_("Narration"), widget=forms.Textarea(attrs={"rows": 2}))
    party = forms.CharField(label=_("Received from / paid to"), max_length=200, required=False)
    reference = forms.CharField(
        label=_("Cheque, UTR or PFMS number"), max_length=80, required=False
    )

    def __init__(self, *args: Any, districts: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = Area.objects.filter(pk__in=[d.pk for d in districts])  # type: ignore[attr-defined]
        if len(districts) == 1:
            self.initial.setdefault("district", districts[0].pk)
        self.initial.setdefault("date", timezone.localdate())


class LegForm(StyledFormMixin, forms.Form):
    account = forms.ModelChoiceField(
        label=_("Account"), queryset=Account.objects.all(), required=False
    )
    head = HeadChoiceField(label=_("Fund head"), queryset=FundHead.objects.none(), required=False)
    debit = RupeesField(label=_("Debit (₹)"), required=False)
    credit = RupeesField(label=_("Credit (₹)"), required=False)

    def __init__(self, *args: Any, heads: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if heads is not None:
            self.fields["head"].queryset = heads  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        filled = [data.get(k) for k in ("account", "head", "debit", "credit")]
        if not any(filled):
            return data
        if data.get("debit") and data.get("credit"):
            raise ValidationError(_("A line is a debit or a credit, not both."))
        if not (data.get("debit") or data.get("credit")):
            raise ValidationError(_("Give the line's debit or credit."))
        if not data.get("account") or not data.get("head"):
            raise ValidationError(_("Choose the line's account and fund head."))
        return data

    def leg(self) -> tuple[Account, FundHead, int] | None:
        data = self.cleaned_data
        if not data.get("account"):
            return None
        amount = data.get("debit") or -(data.get("credit") or 0)
        return data["account"], data["head"], amount


LegFormSet = forms.formset_factory(LegForm, extra=0, max_num=MAX_ROWS, absolute_max=MAX_ROWS)


class ReverseForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why is it reversed?"), widget=forms.Textarea(attrs={"rows": 2}), max_length=500
    )
    date = forms.DateField(
        label=_("Date of the reversal"),
        widget=DATE,
        required=False,
        help_text=_("Today if left empty. A closed month takes no entry."),
    )


class MonthCloseForm(StyledFormMixin, forms.Form):
    district = forms.ModelChoiceField(label=_("Society (district)"), queryset=Area.objects.none())
    month = forms.DateField(
        label=_("Month to close"),
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        input_formats=["%Y-%m", "%Y-%m-%d"],
        help_text=_("Closing a month closes every month before it."),
    )

    def __init__(self, *args: Any, districts: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = Area.objects.filter(pk__in=[d.pk for d in districts])  # type: ignore[attr-defined]
        if len(districts) == 1:
            self.initial.setdefault("district", districts[0].pk)


class FundHeadForm(StyledFormMixin, forms.Form):
    district = forms.ModelChoiceField(
        label=_("Society (district)"), queryset=Area.objects.none(), required=False
    )
    code = forms.SlugField(
        label=_("Code"),
        max_length=30,
        required=False,
        help_text=_("Short: small Latin letters, digits and hyphens."),
    )
    name = forms.CharField(label=_("Name (English)"), max_length=200)
    name_hi = forms.CharField(label=_("Name (Hindi)"), max_length=200, required=False)
    is_active = forms.BooleanField(label=_("In use"), required=False, initial=True)

    def __init__(
        self, *args: Any, districts: Any = (), editing: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["district"]
            del self.fields["code"]
        else:
            del self.fields["is_active"]
            self.fields["district"].required = True
            self.fields["code"].required = True
            self.fields["district"].queryset = Area.objects.filter(pk__in=[d.pk for d in districts])  # type: ignore[attr-defined]
            if len(districts) == 1:
                self.initial.setdefault("district", districts[0].pk)


def month_of(value: dt.date) -> dt.date:
    return value.replace(day=1)
