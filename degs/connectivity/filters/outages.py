"""The outage list's one filter set: the page, its CSV and Excel exports and the API's query
parameters (``core.filters``)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from degs.connectivity.choices import OUTAGE_OPEN, OutageCause, OutageStatus
from degs.connectivity.models import Outage
from degs.connectivity.selectors import figures
from degs.connectivity.selectors import links as link_selectors
from degs.connectivity.selectors import outages as selectors
from degs.core.filters import IdFilter, ScopedFilterSet, TextFilter, YesNoFilter
from degs.directory.filters import UnderFilter


def _provider_choices() -> list[tuple[Any, Any]]:
    return [("", _("All")), *((p.pk, p.label) for p in link_selectors.provider_list())]


class OutageFilterSet(ScopedFilterSet):
    q = TextFilter(
        label=_("Circuit ID or office"),
        fields=("link__circuit_id", "link__office__name", "link__office__name_hi"),
        exact=("provider_reference",),
    )
    is_open = YesNoFilter(
        label=_("Still open"),
        method="filter_open",
        choices=[("", _("All")), ("yes", _("Open")), ("no", _("Closed"))],
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=OutageStatus.choices, empty_label=_("All")
    )
    cause = django_filters.ChoiceFilter(
        label=_("Cause"), choices=OutageCause.choices, empty_label=_("All")
    )
    provider = IdFilter(label=_("Provider"), field_name="link__provider", choices=_provider_choices)
    area = UnderFilter(
        label=_("Block or area"), outside="none", lookup="link__area", empty_label=_("All")
    )
    overdue = YesNoFilter(
        label=_("Past a clock"),
        method="filter_overdue",
        help_text=_("Not acknowledged or not restored in time."),
    )
    # The "outages past their restore clock" figure's rows (selectors/figures.py).
    past_restore_on = django_filters.DateFilter(
        label=_("Open past the restore clock on"), method="filter_past_restore"
    )

    scope = staticmethod(selectors.outage_list)

    class Meta(ScopedFilterSet.Meta):
        model = Outage

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["area"].extra["queryset"] = link_selectors.filter_areas(user=self.user)

    def filter_open(self, qs: QuerySet, name: str, value: bool) -> QuerySet:
        if value:
            return qs.filter(status__in=OUTAGE_OPEN)
        return qs.exclude(status__in=OUTAGE_OPEN)

    def filter_past_restore(self, qs: QuerySet, name: str, value: Any) -> QuerySet:
        return figures.past_restore_on(qs, value) if value else qs

    def filter_overdue(self, qs: QuerySet, name: str, value: bool) -> QuerySet:
        late = selectors.overdue_q(timezone.now())
        return qs.filter(late) if value else qs.exclude(late)
