"""Forms of the verification pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from degs.assets.choices import Condition
from degs.connectivity.forms import DATE
from degs.core.forms import HeldFilesMixin, StyledFormMixin
from degs.core.models import HeldUpload


class VerificationForm(StyledFormMixin, HeldFilesMixin, forms.Form):
    condition = forms.ChoiceField(
        label=_("Found"), choices=Condition.choices, widget=forms.RadioSelect
    )
    verified_on = forms.DateField(label=_("Verified on"), widget=DATE)
    photo = forms.FileField(
        label=_("Photo"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
    )
    latitude = forms.DecimalField(
        required=False, max_digits=9, decimal_places=6, widget=forms.HiddenInput
    )
    longitude = forms.DecimalField(
        required=False, max_digits=9, decimal_places=6, widget=forms.HiddenInput
    )
    accuracy_m = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    remark = forms.CharField(
        label=_("Remark"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        mb = settings.DEGS_PHOTO_MAX_BYTES // (1024 * 1024)
        self.fields["photo"].help_text = _(
            "JPEG or PNG up to %(mb)s MB; only the picture is kept, not the phone's data. "
            "Not needed when the equipment was not found."
        ) % {"mb": mb}
        if not self.is_bound:
            self.initial.setdefault("verified_on", timezone.localdate())
        self.held: dict[str, HeldUpload] = {}
