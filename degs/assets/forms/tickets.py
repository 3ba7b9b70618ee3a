"""Forms of the tickets pages: open a ticket (about an asset by its tag, a link or an office)
and the steps on a ticket's page. They gather input; the services decide what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from degs.assets.choices import TicketKind
from degs.assets.models import Asset, Priority, Supplier
from degs.connectivity.forms import LinkChoiceField, OfficeChoiceField
from degs.connectivity.models import Link
from degs.core.forms import RupeesField, StyledFormMixin
from degs.directory.models import Office


class TicketForm(StyledFormMixin, forms.Form):
    """What the ticket is about (one of: an asset's tag, a link, an office), what is wrong,
    its kind and priority."""

    tag = forms.CharField(
        label=_("Asset tag"),
        required=False,
        max_length=40,
        help_text=_("The tag written on the equipment."),
    )
    link = LinkChoiceField(
        label=_("Or a network link"), queryset=Link.objects.none(), required=False
    )
    office = OfficeChoiceField(
        label=_("Or an office"), queryset=Office.objects.none(), required=False
    )
    title = forms.CharField(label=_("What is wrong"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=TicketKind.choices, initial=TicketKind.FAULT)
    priority = forms.ModelChoiceField(label=_("Priority"), queryset=Priority.objects.none())
    description = forms.CharField(
        label=_("Details"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    send_for_repair = forms.BooleanField(
        label=_("Send the asset for repair"),
        required=False,
        help_text=_("The asset is marked “under repair” until the ticket is resolved."),
    )

    def __init__(
        self,
        *args: Any,
        assets: Any = None,
        links: Any = None,
        offices: Any = None,
        priorities: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.assets = assets if assets is not None else Asset.objects.none()
        if links is not None:
            self.fields["link"].queryset = links  # type: ignore[attr-defined]
        if offices is not None:
            self.fields["office"].queryset = offices  # type: ignore[attr-defined]
        if priorities is not None:
            self.fields["priority"].queryset = priorities  # type: ignore[attr-defined]

    def clean_tag(self) -> Asset | None:
        tag = self.cleaned_data.get("tag", "").strip().upper()
        if not tag:
            return None
        asset = self.assets.filter(tag=tag).first()
        if asset is None:
            raise forms.ValidationError(_("No asset with this tag that you may open a ticket on."))
        return asset

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen = [n for n in ("tag", "link", "office") if data.get(n)]
        if len(chosen) != 1 and not self.errors.get("tag"):
            self.add_error(
                "tag", _("Give one of these: an asset's tag, a network link or an office.")
            )
        if data.get("send_for_repair") and not data.get("tag"):
            self.add_error("send_for_repair", _("Only an asset can be sent for repair."))
        return data


class TicketStepForm(StyledFormMixin, forms.Form):
    """A step on a ticket's page: take it on, resolve (what was done, vendor, cost, back in
    use), reopen, close, cancel (why)."""

    action = forms.ChoiceField(
        choices=[(a, a) for a in ("own", "resolve", "reopen", "close", "cancel")]
    )
    version = forms.IntegerField(min_value=1)
    remark = forms.CharField(label=_("What was done"), required=False, max_length=4000)
    vendor = forms.ModelChoiceField(
        label=_("Vendor"), queryset=Supplier.objects.filter(is_active=True), required=False
    )
    cost = RupeesField(label=_("Cost (₹)"), required=False, zero=True)
    back_in_use = forms.BooleanField(label=_("The asset is back in use"), required=False)
