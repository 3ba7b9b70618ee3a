"""Forms of the video-conference rooms and their tests."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from degs.connectivity.forms import DATETIME, OfficeChoiceField, ServiceValuesMixin
from degs.connectivity.models import Link
from degs.core.forms import StyledFormMixin
from degs.directory.models import Office


class RoomLinkField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.circuit_id} ({obj.provider.label}, {obj.get_status_display()})"


class RoomForm(ServiceValuesMixin, StyledFormMixin, forms.Form):
    office = OfficeChoiceField(label=_("Office"), queryset=Office.objects.none())
    name = forms.CharField(label=_("Name (English)"), max_length=200)
    name_hi = forms.CharField(label=_("Name (Hindi)"), max_length=200, required=False)
    link = RoomLinkField(
        label=_("Link"),
        queryset=Link.objects.none(),
        required=False,
        help_text=_("One of the office's links."),
    )
    equipment = forms.CharField(
        label=_("Equipment"),
        max_length=300,
        required=False,
        help_text=_("e.g. “Camera, speakerphone, 55-inch screen”"),
    )
    is_active = forms.BooleanField(label=_("In use"), required=False, initial=True)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, offices: Any, links: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices  # type: ignore[attr-defined]
        self.fields["link"].queryset = links  # type: ignore[attr-defined]


class VcTestForm(StyledFormMixin, forms.Form):
    at = forms.DateTimeField(label=_("Tested at"), widget=DATETIME)
    audio_ok = forms.BooleanField(label=_("Audio works"), required=False)
    video_ok = forms.BooleanField(label=_("Video works"), required=False)
    sharing_ok = forms.BooleanField(label=_("Content sharing works"), required=False)
    joined_from = forms.CharField(
        label=_("Who joined from where"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("e.g. “DC office, Jamtara; BDO, Nala”"),
    )
    remark = forms.CharField(
        label=_("Remark"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("at", timezone.localtime().replace(second=0, microsecond=0))
        super().__init__(*args, **kwargs)
