"""Forms of the steps pages: submit a milestone with its evidence (made for a block office on
a phone on a slow link: the camera opens from the photo field, the time and the place come from
the phone, the files are held while a mistake is corrected) and the buttons of a step's page.
They gather input; the services decide what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from degs.connectivity.forms import DATE, DATETIME
from degs.core.forms import HeldFilesMixin, StyledFormMixin
from degs.core.models import HeldUpload
from degs.rollouts.choices import EvidenceKind

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]


class SubmitForm(StyledFormMixin, HeldFilesMixin, forms.Form):
    """The evidence of one milestone: only the field its milestone needs is shown."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    done_on = forms.DateField(label=_("Done on"), widget=DATE)
    photo = forms.FileField(
        label=_("Photo"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
    )
    document = forms.FileField(
        label=_("Document (PDF)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )
    url = forms.CharField(
        label=_("Link"),
        required=False,
        max_length=500,
        widget=forms.URLInput(attrs={"inputmode": "url", "placeholder": "https://"}),
    )
    taken_at = forms.DateTimeField(
        label=_("Photo taken at"),
        required=False,
        widget=DATETIME,
        input_formats=DATETIME_FORMATS,
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

    def __init__(self, *args: Any, evidence: str = EvidenceKind.PHOTO, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.evidence = evidence
        for name, kind in (
            ("photo", EvidenceKind.PHOTO),
            ("taken_at", EvidenceKind.PHOTO),
            ("document", EvidenceKind.DOCUMENT),
            ("url", EvidenceKind.LINK),
        ):
            if kind != evidence:
                del self.fields[name]
        mb = settings.DEGS_PHOTO_MAX_BYTES // (1024 * 1024)
        if "photo" in self.fields:
            self.fields["photo"].help_text = _(
                "JPEG or PNG up to %(mb)s MB; only the picture is kept, not the phone's data."
            ) % {"mb": mb}
            self.fields["taken_at"].help_text = _("Now, unless the photo was taken earlier.")
        if "document" in self.fields:
            self.fields["document"].help_text = _("A PDF up to %(mb)s MB.") % {
                "mb": settings.DEGS_ATTACHMENT_MAX_BYTES // (1024 * 1024)
            }
        if "url" in self.fields:
            self.fields["url"].help_text = _("An address starting with http:// or https://.")
        if not self.is_bound:
            self.initial.setdefault("done_on", timezone.localdate())
            if "taken_at" in self.fields:
                self.initial.setdefault("taken_at", timezone.localtime().strftime("%Y-%m-%dT%H:%M"))
        self.held: dict[str, HeldUpload] = {}


class StepActionForm(StyledFormMixin, forms.Form):
    """A button of a step's page: verify, return (what is missing) or undo a verification."""

    action = forms.ChoiceField(choices=[(a, a) for a in ("verify", "return", "reopen")])
    version = forms.IntegerField(min_value=1)
    remark = forms.CharField(required=False, max_length=2000)
