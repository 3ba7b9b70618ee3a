"""The form of an IP phone."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from degs.connectivity.forms import OfficeChoiceField, ServiceValuesMixin
from degs.connectivity.models import extension_validator
from degs.core.forms import StyledFormMixin
from degs.directory.models import Office, Post


class PhonePostField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        office = obj.office.label if obj.office_id else ""
        return f"{obj.designation.label}, {office}"


class PhoneForm(ServiceValuesMixin, StyledFormMixin, forms.Form):
    office = OfficeChoiceField(label=_("Office"), queryset=Office.objects.none())
    post = PhonePostField(
        label=_("Post"),
        queryset=Post.objects.none(),
        required=False,
        help_text=_("Leave empty for the office's desk."),
    )
    extension = forms.CharField(
        label=_("Extension"),
        max_length=8,
        validators=[extension_validator],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    place = forms.CharField(
        label=_("Desk or room (English)"),
        max_length=100,
        required=False,
        help_text=_("e.g. “Reception”"),
    )
    place_hi = forms.CharField(label=_("Desk or room (Hindi)"), max_length=100, required=False)
    model_name = forms.CharField(label=_("Model"), max_length=100, required=False)
    mac_address = forms.CharField(label=_("MAC address"), max_length=17, required=False)
    is_active = forms.BooleanField(label=_("In use"), required=False, initial=True)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, offices: Any, posts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices  # type: ignore[attr-defined]
        self.fields["post"].queryset = posts  # type: ignore[attr-defined]
