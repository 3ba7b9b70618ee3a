"""The link list's one filter set: the page, its CSV and Excel exports and the API's query
parameters (``core.filters``)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from degs.connectivity.choices import LinkKind, LinkStatus
from degs.connectivity.models import Link, MaintenanceWindow
from degs.connectivity.selectors import figures
from degs.connectivity.selectors import links as selectors
from degs.core.filters import IdFilter, ScopedFilterSet, TextFilter
from degs.directory.choices import OfficeKind
from degs.directory.filters import UnderFilter


def _provider_choices() -> list[tuple[Any, Any]]:
    return [("", _("All")), *((p.pk, p.label) for p in selectors.provider_list())]


class LinkFilterSet(ScopedFilterSet):
    q = TextFilter(
        label=_("Circuit ID or office"),
        fields=("circuit_id", "office__name", "office__name_hi", "area__name", "area__name_hi"),
        exact=("office__code",),
    )
    provider = IdFilter(label=_("Provider"), choices=_provider_choices)
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=LinkKind.choices, empty_label=_("All")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=LinkStatus.choices, empty_label=_("All")
    )
    area = UnderFilter(label=_("Where"), outside="none", lookup="area", empty_label=_("All"))
    office_kind = django_filters.ChoiceFilter(
        label=_("Kind of office"),
        field_name="office__kind",
        choices=OfficeKind.choices,
        empty_label=_("All"),
    )
    # The programme figures' rows (selectors/figures.py): in service, and up, on a day.
    in_service_on = django_filters.DateFilter(label=_("In service on"), method="filter_in_service")
    up_on = django_filters.DateFilter(label=_("Up on"), method="filter_up")

    scope = staticmethod(selectors.link_list)

    class Meta(ScopedFilterSet.Meta):
        model = Link

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["area"].extra["queryset"] = selectors.filter_areas(user=self.user)

    def filter_in_service(self, qs: QuerySet, name: str, value: Any) -> QuerySet:
        return figures.in_service_on(qs, value) if value else qs

    def filter_up(self, qs: QuerySet, name: str, value: Any) -> QuerySet:
        return figures.up_on(qs, value) if value else qs


class MaintenanceFilterSet(ScopedFilterSet):
    provider = IdFilter(label=_("Provider"), choices=_provider_choices)
    area = UnderFilter(label=_("Where"), outside="none", lookup="area", empty_label=_("All"))

    scope = staticmethod(selectors.maintenance_list)

    class Meta(ScopedFilterSet.Meta):
        model = MaintenanceWindow

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["area"].extra["queryset"] = selectors.filter_areas(user=self.user)
