"""Forms of the outages pages: report an outage (quick on a phone: the link, since when, the
cause, what is wrong) and the steps on an outage's page. They gather input; the services decide
what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from degs.connectivity.choices import DetectedBy, OutageCause, Resolution
from degs.connectivity.forms import DATETIME, LinkChoiceField
from degs.connectivity.models import Link
from degs.core.forms import StyledFormMixin

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]


def now_local() -> str:
    return timezone.localtime().strftime("%Y-%m-%dT%H:%M")


class OutageForm(StyledFormMixin, forms.Form):
    link = LinkChoiceField(label=_("Link"), queryset=Link.objects.none())
    started_at = forms.DateTimeField(
        label=_("Down since"), widget=DATETIME, input_formats=DATETIME_FORMATS
    )
    cause = forms.ChoiceField(label=_("Cause"), choices=OutageCause.choices)
    description = forms.CharField(
        label=_("What is wrong"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    detected_by = forms.ChoiceField(
        label=_("Noticed by"),
        choices=[
            (DetectedBy.ENGINEER, DetectedBy.ENGINEER.label),
            (DetectedBy.OFFICE, DetectedBy.OFFICE.label),
        ],
        initial=DetectedBy.ENGINEER,
    )
    provider_reference = forms.CharField(
        label=_("Provider's docket number"), required=False, max_length=60
    )

    def __init__(self, *args: Any, links: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if links is not None:
            self.fields["link"].queryset = links  # type: ignore[attr-defined]


class OutageStepForm(StyledFormMixin, forms.Form):
    """A step on an outage's page: acknowledge (docket number), restore (how, when, what was
    done) or cancel (why)."""

    action = forms.ChoiceField(choices=[(a, a) for a in ("acknowledge", "restore", "cancel")])
    version = forms.IntegerField(min_value=1)
    remark = forms.CharField(label=_("What was done"), required=False, max_length=2000)
    provider_reference = forms.CharField(
        label=_("Provider's docket number"), required=False, max_length=60
    )
    resolution = forms.ChoiceField(
        label=_("How it was restored"),
        required=False,
        choices=[
            ("", "—"),
            *((v, label) for v, label in Resolution.choices if v != Resolution.RECOVERED),
        ],
    )
    restored_at = forms.DateTimeField(
        label=_("Restored at"), required=False, widget=DATETIME, input_formats=DATETIME_FORMATS
    )
