"""Forms of the register pages. They gather input; the services decide what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from degs.assets.choices import Funding, OrderKind
from degs.assets.models import Asset, Category, EquipmentModel, ProcurementCase, Supplier
from degs.connectivity.forms import DATE, OfficeChoiceField
from degs.core.forms import RupeesField, StyledFormMixin, TypedTextMixin
from degs.core.money import rupees_text
from degs.directory.models import Office, Post

CHOOSE = [("", "—")]


class LabelChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(getattr(obj, "label", obj))


class PostChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.label} ({obj.office.label})" if obj.office_id else str(obj.label)


class AssetForm(StyledFormMixin, forms.Form):
    """An asset's particulars; its office only when it is added (then it moves on its page)."""

    model = forms.ModelChoiceField(
        label=_("Make and model"), queryset=EquipmentModel.objects.none()
    )
    serial = forms.CharField(label=_("Serial number"), max_length=80, required=False)
    office = OfficeChoiceField(label=_("Custodian office"), queryset=Office.objects.none())
    post = PostChoiceField(label=_("Custodian post"), queryset=Post.objects.none(), required=False)
    tag = forms.CharField(
        label=_("Tag"),
        max_length=40,
        required=False,
        help_text=_("Leave it empty for the next free tag of the district and category."),
    )
    funding = forms.ChoiceField(label=_("Funded by"), choices=Funding.choices)
    supplier = LabelChoiceField(
        label=_("Supplier"), queryset=Supplier.objects.none(), required=False
    )
    order_kind = forms.ChoiceField(
        label=_("Order kind"), choices=CHOOSE + list(OrderKind.choices), required=False
    )
    order_number = forms.CharField(
        label=_("GeM order or invoice number"), max_length=80, required=False
    )
    procurement = forms.ModelChoiceField(
        label=_("Procurement case"), queryset=ProcurementCase.objects.none(), required=False
    )
    purchased_on = forms.DateField(label=_("Purchased on"), required=False, widget=DATE)
    warranty_until = forms.DateField(label=_("Warranty until"), required=False, widget=DATE)
    amc_until = forms.DateField(label=_("AMC until"), required=False, widget=DATE)
    cost_rupees = RupeesField(
        label=_("Cost (₹)"),
        required=False,
        zero=True,
        help_text=_("In rupees, with paise after the point: 42500.50"),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args: Any,
        offices: Any,
        posts: Any,
        cases: Any,
        editing: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["model"].queryset = EquipmentModel.objects.select_related("category")
        fields["supplier"].queryset = Supplier.objects.filter(is_active=True)
        fields["office"].queryset = offices
        fields["post"].queryset = posts
        fields["procurement"].queryset = cases
        if editing:
            del fields["office"]
            del fields["post"]

    def values(self) -> dict[str, Any]:
        """What the service takes."""
        data = dict(self.cleaned_data)
        data.pop("version", None)
        data["cost_paise"] = data.pop("cost_rupees", None)
        for key in ("serial", "order_kind", "order_number", "tag"):
            data[key] = data.get(key) or ""
        return data


def asset_initial(asset: Asset) -> dict[str, Any]:
    fields = (
        "model",
        "serial",
        "tag",
        "funding",
        "supplier",
        "order_kind",
        "order_number",
        "procurement",
        "purchased_on",
        "warranty_until",
        "amc_until",
        "version",
    )
    initial = {f: getattr(asset, f) for f in fields}
    if asset.cost_paise is not None:
        initial["cost_rupees"] = rupees_text(asset.cost_paise)
    return initial


class MoveForm(TypedTextMixin, forms.Form):
    office = OfficeChoiceField(label=_("To the office"), queryset=Office.objects.none())
    post = PostChoiceField(label=_("Custodian post"), queryset=Post.objects.none(), required=False)
    version = forms.IntegerField(min_value=1)
    remark = forms.CharField(label=_("Remark"), required=False, max_length=2000)

    def __init__(self, *args: Any, offices: Any = None, posts: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        if offices is not None:
            fields["office"].queryset = offices
        if posts is not None:
            fields["post"].queryset = posts


class AssetStepForm(TypedTextMixin, forms.Form):
    action = forms.CharField(max_length=30)
    version = forms.IntegerField(min_value=1)
    remark = forms.CharField(required=False, max_length=2000)


class CategoryForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Category
        fields = ("code", "name", "name_hi")


class EquipmentModelForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = EquipmentModel
        fields = ("category", "make", "name")


class SupplierForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Supplier
        fields = ("name", "gstin", "phone", "email", "address", "is_active")

    def values(self) -> dict[str, Any]:
        return {k: ("" if v is None else v) for k, v in self.cleaned_data.items()}
