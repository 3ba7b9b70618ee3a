"""The uptime report's one filter set: the page, the SLA report's downloads and the API read
the same month, area and provider (``core.filters``)."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Annotated, Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Field

from degs.connectivity.selectors import uptime as selectors
from degs.core.filters import IdFilter, ScopedFilterSet
from degs.directory.filters import UnderFilter
from degs.directory.selectors import area_choices


class MonthField(forms.DateField):
    """A month, written 2026-06 (the page's month picker and the API's ``month``)."""

    api_type = Annotated[str, Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")]
    widget = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["input_formats"] = ["%Y-%m"]
        super().__init__(*args, **kwargs)


class MonthFilter(django_filters.Filter):
    """Chooses the report's month; it does not narrow the links."""

    field_class = MonthField

    def filter(self, qs: QuerySet, value: Any) -> QuerySet:
        return qs


def _provider_choices(user: Any) -> list[tuple[Any, Any]]:
    return [("", _("All")), *((p.pk, p.label) for p in selectors.report_providers(user=user))]


class UptimeFilterSet(ScopedFilterSet):
    month = MonthFilter(
        label=_("Month"), help_text=_("The month, as 2026-06; this month if left out.")
    )
    area = UnderFilter(label=_("Where"), outside="none", lookup="area", empty_label=_("All"))
    provider = IdFilter(label=_("Provider"), field_name="provider")
    # One link's month (a figure on the uptime page opens its outages): not shown on the form.
    link = IdFilter(label=_("Link"), field_name="pk", widget=forms.HiddenInput)

    scope = staticmethod(selectors.report_links)

    class Meta(ScopedFilterSet.Meta):
        model = selectors.Link

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["area"].extra["queryset"] = area_choices(user=self.user)
        # The picker shows the month the page reports when none is chosen.
        self.filters["month"].extra["initial"] = timezone.localdate().replace(day=1)
        self.set_choices("provider", partial(_provider_choices, self.user))

    @property
    def chosen_month(self) -> dt.date:
        """The chosen month's first day (this month when none or a wrong one is given)."""
        chosen = self.values.get("month")
        return (chosen or timezone.localdate()).replace(day=1)
