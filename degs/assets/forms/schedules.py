"""The schedule form: for one asset (by its tag) or every asset of a category in an area;
every how many days, the next due date, how many days before to open the tickets."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from degs.assets.models import Asset, Category, Priority, Supplier
from degs.connectivity.forms import DATE
from degs.core.forms import StyledFormMixin
from degs.directory.models import Area


class ScheduleForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("What is done"), max_length=200)
    title_hi = forms.CharField(label=_("What is done (Hindi)"), max_length=200, required=False)
    tag = forms.CharField(label=_("For one asset: its tag"), required=False, max_length=40)
    category = forms.ModelChoiceField(
        label=_("Or for every asset of a category"),
        queryset=Category.objects.none(),
        required=False,
    )
    area = forms.ModelChoiceField(
        label=_("In the area"), queryset=Area.objects.none(), required=False
    )
    every_days = forms.IntegerField(label=_("Every (days)"), min_value=1, max_value=3660)
    next_due_on = forms.DateField(label=_("Next due on"), widget=DATE)
    lead_days = forms.IntegerField(
        label=_("Open the ticket days before"), min_value=0, max_value=3659, initial=7
    )
    priority = forms.ModelChoiceField(label=_("Priority"), queryset=Priority.objects.none())
    vendor = forms.ModelChoiceField(
        label=_("Vendor"), queryset=Supplier.objects.none(), required=False
    )
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        assets: Any = None,
        areas: Any = None,
        categories: Any = None,
        priorities: Any = None,
        vendors: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.assets = assets if assets is not None else Asset.objects.none()
        for name, rows in (
            ("area", areas),
            ("category", categories),
            ("priority", priorities),
            ("vendor", vendors),
        ):
            if rows is not None:
                self.fields[name].queryset = rows  # type: ignore[attr-defined]

    def clean_tag(self) -> Asset | None:
        tag = self.cleaned_data.get("tag", "").strip().upper()
        if not tag:
            return None
        asset = self.assets.filter(tag=tag).first()
        if asset is None:
            raise forms.ValidationError(_("No asset with this tag that you manage."))
        return asset
