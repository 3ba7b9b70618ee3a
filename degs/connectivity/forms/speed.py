"""The form of a speed test recorded by hand. Speeds may be typed in kbps or Mbps (1 Mbps =
1,000 kbps, as providers count); they are stored in kbps."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from degs.connectivity.forms import DATETIME, LinkChoiceField
from degs.connectivity.models import Link
from degs.core.forms import StyledFormMixin

UNITS = [("mbps", _("Mbps")), ("kbps", _("kbps"))]
PER_UNIT = {"mbps": 1000, "kbps": 1}


class SpeedTestForm(StyledFormMixin, forms.Form):
    link = LinkChoiceField(label=_("Link"), queryset=Link.objects.none())
    unit = forms.ChoiceField(
        label=_("Speeds in"), choices=UNITS, initial="mbps", widget=forms.RadioSelect
    )
    down = forms.DecimalField(
        label=_("Download"), min_value=Decimal("0.001"), max_value=10_000_000, decimal_places=3
    )
    up = forms.DecimalField(
        label=_("Upload"),
        min_value=Decimal("0.001"),
        max_value=10_000_000,
        decimal_places=3,
        required=False,
    )
    latency_ms = forms.IntegerField(
        label=_("Latency (ms)"), min_value=0, max_value=60_000, required=False
    )
    place = forms.CharField(
        label=_("Where"),
        max_length=200,
        required=False,
        help_text=_("e.g. “Computer room, block office”"),
    )
    at = forms.DateTimeField(label=_("Tested at"), widget=DATETIME)

    def __init__(self, *args: Any, links: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("at", timezone.localtime().replace(second=0, microsecond=0))
        super().__init__(*args, **kwargs)
        self.fields["link"].queryset = links  # type: ignore[attr-defined]

    def kbps(self, name: str) -> int | None:
        """A typed speed in kbps (rounded to a whole kbps)."""
        value = self.cleaned_data.get(name)
        if value is None:
            return None
        return int((value * PER_UNIT[self.cleaned_data["unit"]]).to_integral_value())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("unit") and data.get("down") is not None and self.kbps("down") == 0:
            self.add_error("down", _("The speed is too small to record."))
        return data
