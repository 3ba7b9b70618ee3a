"""Forms of the links pages. They gather input; the services decide what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from degs.connectivity.choices import LinkKind
from degs.connectivity.forms import (
    DATE,
    DATETIME,
    TIME,
    OfficeChoiceField,
    ServiceValuesMixin,
)
from degs.connectivity.models import Link, Provider, ProviderContact, Sla
from degs.core.forms import StyledFormMixin, TypedTextMixin
from degs.directory.models import Area, Office


class LabelChoiceField(forms.ModelChoiceField):
    """A row shown by its name in the reader's language."""

    def label_from_instance(self, obj: Any) -> str:
        return str(getattr(obj, "label", obj))


class SlaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.provider.label}: {obj.label}"


class LinkForm(ServiceValuesMixin, StyledFormMixin, forms.Form):
    provider = LabelChoiceField(label=_("Provider"), queryset=Provider.objects.none())
    circuit_id = forms.CharField(label=_("Circuit ID"), max_length=60)
    kind = forms.ChoiceField(label=_("Kind"), choices=LinkKind.choices)
    committed_kbps = forms.IntegerField(
        label=_("Committed speed (kbps)"), min_value=1, max_value=100_000_000
    )
    office = OfficeChoiceField(
        label=_("Office"),
        queryset=Office.objects.none(),
        required=False,
        help_text=_("The office the link serves; or choose a gram panchayat below."),
    )
    panchayat = LabelChoiceField(
        label=_("Gram panchayat building"),
        queryset=Area.objects.none(),
        required=False,
        help_text=_("For a panchayat bhawan that has no office in the directory."),
    )
    install_date = forms.DateField(label=_("Installed on"), required=False, widget=DATE)
    termination_date = forms.DateField(label=_("Terminated on"), required=False, widget=DATE)
    sla = SlaChoiceField(label=_("Service level"), queryset=Sla.objects.none(), required=False)
    contact_name = forms.CharField(
        label=_("Provider's contact for this link"), max_length=200, required=False
    )
    contact_phone = forms.CharField(label=_("Contact's phone"), max_length=20, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args: Any,
        providers: Any,
        offices: Any,
        panchayats: Any,
        slas: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["provider"].queryset = providers
        fields["office"].queryset = offices
        fields["panchayat"].queryset = panchayats
        fields["sla"].queryset = slas

    def values(self) -> dict[str, Any]:
        """What the service takes."""
        data = super().values()
        for key in ("contact_name", "contact_phone"):
            data[key] = data.get(key) or ""
        return data


def link_initial(link: Link) -> dict[str, Any]:
    fields = (
        "provider",
        "circuit_id",
        "kind",
        "committed_kbps",
        "office",
        "install_date",
        "termination_date",
        "sla",
        "contact_name",
        "contact_phone",
        "version",
    )
    initial = {f: getattr(link, f) for f in fields}
    initial["panchayat"] = None if link.office_id else link.area
    return initial


class LinkTransitionForm(TypedTextMixin, forms.Form):
    action = forms.CharField(max_length=30)
    version = forms.IntegerField(min_value=1)
    remark = forms.CharField(required=False, max_length=2000)


class ProviderForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Provider
        fields = ("code", "name", "name_hi", "network", "phone", "email", "is_active")


class SlaForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Sla
        fields = (
            "name",
            "name_hi",
            "target_uptime",
            "period",
            "clock",
            "day_starts",
            "day_ends",
            "respond_minutes",
            "restore_minutes",
            "escalate_every_minutes",
            "short_drop_minutes",
            "heartbeat_seconds",
            "missed_beats",
            "silence_minutes",
        )
        widgets = {"day_starts": TIME, "day_ends": TIME}


class ContactForm(StyledFormMixin, forms.ModelForm):
    area = LabelChoiceField(label=_("Answers for"), queryset=Area.objects.none())

    class Meta:
        model = ProviderContact
        fields = ("area", "level", "name", "designation", "phone", "email")

    def __init__(self, *args: Any, areas: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas  # type: ignore[attr-defined]


class MaintenanceForm(StyledFormMixin, forms.Form):
    link = forms.ModelChoiceField(
        label=_("Link"),
        queryset=Link.objects.none(),
        required=False,
        help_text=_("One link; or leave empty for every link of the provider in the area."),
    )
    provider = LabelChoiceField(
        label=_("Provider"), queryset=Provider.objects.none(), required=False
    )
    area = LabelChoiceField(label=_("Area"), queryset=Area.objects.none(), required=False)
    starts_at = forms.DateTimeField(label=_("Starts"), widget=DATETIME)
    ends_at = forms.DateTimeField(label=_("Ends"), widget=DATETIME)
    reason = forms.CharField(label=_("Work planned"), max_length=300)

    def __init__(self, *args: Any, links: Any, providers: Any, areas: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["link"].queryset = links
        fields["provider"].queryset = providers
        fields["area"].queryset = areas
