"""The payment form: what is paid against (a sanction, a procurement case, a ticket or
nothing), to whom, from which head and account of expenditure, how much."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from degs.assets.models import ProcurementCase, Ticket
from degs.connectivity.forms import DATE
from degs.core.forms import FormTokenMixin, RupeesField, StyledFormMixin
from degs.finance.forms.receipts import HeadField
from degs.finance.models import Account, FundHead, Sanction

AGAINST = (
    ("", _("Nothing (office expenses and the like)")),
    ("sanction", _("A sanction")),
    ("procurement", _("A procurement case")),
    ("ticket", _("A ticket (repair)")),
)


class CaseField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} ({obj.get_status_display()}, {obj.order_number or '—'})"


class TicketField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"#{obj.pk} {obj.title} ({obj.get_status_display()})"


class SanctionField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.number} ({obj.grantor})"


class PaymentForm(FormTokenMixin, StyledFormMixin, forms.Form):
    against = forms.ChoiceField(label=_("Paid against"), choices=AGAINST, required=False)
    sanction = SanctionField(label=_("Sanction"), queryset=Sanction.objects.none(), required=False)
    procurement = CaseField(
        label=_("Procurement case"),
        queryset=ProcurementCase.objects.none(),
        required=False,
        help_text=_("Ordered or delivered cases; in all at most the order value is paid."),
    )
    ticket = TicketField(
        label=_("Ticket"),
        queryset=Ticket.objects.none(),
        required=False,
        help_text=_("Resolved or closed tickets with a cost; in all at most the cost is paid."),
    )
    payee = forms.CharField(label=_("Paid to"), max_length=200)
    reference = forms.CharField(
        label=_("Cheque, UTR or PFMS number"), max_length=80, required=False
    )
    head = HeadField(label=_("Fund head"), queryset=FundHead.objects.none())
    expense = forms.ModelChoiceField(
        label=_("Account of expenditure"), queryset=Account.objects.none()
    )
    date = forms.DateField(label=_("Paid on"), widget=DATE)
    amount_paise = RupeesField(label=_("Amount (₹)"))
    narration = forms.CharField(
        label=_("Narration"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    version_of = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)

    def __init__(
        self,
        *args: Any,
        heads: Any,
        expenses: Any,
        sanctions: Any,
        cases: Any,
        tickets: Any,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("initial", {}).setdefault("date", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.fields["head"].queryset = heads  # type: ignore[attr-defined]
        self.fields["expense"].queryset = expenses  # type: ignore[attr-defined]
        self.fields["sanction"].queryset = sanctions  # type: ignore[attr-defined]
        self.fields["procurement"].queryset = cases  # type: ignore[attr-defined]
        self.fields["ticket"].queryset = tickets  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        against = data.get("against") or ""
        for name in ("sanction", "procurement", "ticket"):
            if name == against:
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, _("Choose what the payment is against."))
            else:
                data[name] = None
        return data

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        thing = data.get("procurement") or data.get("ticket")
        kind = "procurement" if data.get("procurement") else "ticket"
        version = data.get("version")
        if thing is None or data.get("version_of") != f"{kind}:{thing.pk}":
            version = None  # the version the page carried is of another thing
        if thing is not None and version is None:
            version = thing.version  # chosen on the form: as it is now
        head = data["head"]
        return {
            "district": head.district,
            "head": head,
            "expense": data["expense"],
            "date": data["date"],
            "amount_paise": data["amount_paise"],
            "payee": data["payee"],
            "reference": data["reference"],
            "narration": data["narration"],
            "sanction": data.get("sanction"),
            "procurement": data.get("procurement"),
            "ticket": data.get("ticket"),
            "version": version if thing is not None else None,
            "source_key": self.submission_key(),
        }
