"""Forms of the procurement pages: a case (what, why, how many, the estimate in rupees), a
quote, and the steps on a case's page (sanction, order, delivery, close or cancel). Money is
typed in rupees with paise ("1,27,500.50") and handed to the services in paise. The forms
gather input; the services decide what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from degs.assets.choices import Funding, OrderKind
from degs.assets.models import Category, EquipmentModel, Supplier
from degs.assets.services.procurement import MOST_QUANTITY, parse_serials
from degs.connectivity.forms import DATE, OfficeChoiceField
from degs.core.forms import RupeesField, StyledFormMixin
from degs.directory.models import Area, Office

RUPEES_HELP = _("In rupees, with paise after the point if any: 1,27,500.50")


class AreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.label)


class SupplierChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.gstin})" if obj.gstin else str(obj.name)


class CaseForm(StyledFormMixin, forms.Form):
    """A new case, or a case changed before its order (``area`` is then not asked)."""

    area = AreaChoiceField(label=_("District"), queryset=Area.objects.none())
    title = forms.CharField(label=_("What is needed"), max_length=200)
    need = forms.CharField(
        label=_("Why it is needed"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=Category.objects.all(), required=False
    )
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=MOST_QUANTITY)
    estimated_paise = RupeesField(label=_("Estimated value (₹)"), help_text=RUPEES_HELP)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args: Any, areas: Any = None, editing: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["area"]
        elif areas is not None:
            self.fields["area"].queryset = areas  # type: ignore[attr-defined]
            only = list(areas[:2])
            if len(only) == 1:
                self.fields["area"].initial = only[0].pk


class StepForm(StyledFormMixin, forms.Form):
    """What every step posts: the version the user saw and an optional remark."""

    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    remark = forms.CharField(label=_("Remark"), required=False, max_length=2000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.order_fields([name for name in self.fields if name != "remark"])  # the remark last


class QuoteForm(StepForm):
    seller = forms.CharField(label=_("Seller on GeM"), max_length=200)
    make = forms.CharField(label=_("Manufacturer"), max_length=100)
    amount_paise = RupeesField(label=_("Price (₹)"), help_text=RUPEES_HELP)


class QuoteRemoveForm(StepForm):
    quote_id = forms.IntegerField(min_value=1, max_value=2**63 - 1, widget=forms.HiddenInput)


class SanctionForm(StepForm):
    sanction_number = forms.CharField(label=_("Sanction order number"), max_length=80)
    sanction_date = forms.DateField(label=_("Sanction order date"), widget=DATE)
    sanctioned_paise = RupeesField(label=_("Sanctioned amount (₹)"), help_text=RUPEES_HELP)


class OrderForm(StepForm):
    supplier = SupplierChoiceField(
        label=_("Supplier"), queryset=Supplier.objects.filter(is_active=True)
    )
    order_kind = forms.ChoiceField(
        label=_("Order kind"),
        choices=[
            (OrderKind.GEM_ORDER, OrderKind.GEM_ORDER.label),
            (OrderKind.SUPPLY_ORDER, OrderKind.SUPPLY_ORDER.label),
        ],
    )
    order_number = forms.CharField(label=_("GeM order or supply order number"), max_length=80)
    order_date = forms.DateField(label=_("Order date"), widget=DATE)
    order_paise = RupeesField(label=_("Order value (₹)"), help_text=RUPEES_HELP)
    bid_number = forms.CharField(
        label=_("GeM bid or reverse auction number"), required=False, max_length=80
    )


class DeliverForm(StepForm):
    delivered_on = forms.DateField(label=_("Delivered on"), widget=DATE)
    model = forms.ModelChoiceField(
        label=_("Make and model"), queryset=EquipmentModel.objects.none()
    )
    office = OfficeChoiceField(label=_("Custodian office"), queryset=Office.objects.none())
    funding = forms.ChoiceField(label=_("Funded by"), choices=Funding.choices)
    serials = forms.CharField(
        label=_("Serial numbers"),
        required=False,
        max_length=200_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One a line, one for each item; or leave empty."),
    )
    warranty_until = forms.DateField(label=_("Warranty until"), widget=DATE, required=False)

    def __init__(self, *args: Any, models: Any = None, offices: Any = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if models is not None:
            self.fields["model"].queryset = models  # type: ignore[attr-defined]
        if offices is not None:
            self.fields["office"].queryset = offices  # type: ignore[attr-defined]

    def clean_serials(self) -> list[str]:
        return parse_serials(self.cleaned_data.get("serials", ""))


class CloseCancelForm(StepForm):
    action = forms.ChoiceField(
        choices=[("close", "close"), ("cancel", "cancel")], widget=forms.HiddenInput
    )
