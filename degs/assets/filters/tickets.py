"""The ticket list's one filter set: the page, its CSV and Excel exports and the API's query
parameters (``core.filters``)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from degs.assets.choices import TicketKind, TicketStatus
from degs.assets.models import Ticket
from degs.assets.selectors import tickets as selectors
from degs.connectivity.forms import DATE
from degs.core.filters import IdFilter, ScopedFilterSet, TextFilter, YesNoFilter
from degs.directory.filters import UnderFilter
from degs.directory.models import Area, Office


def _priority_choices() -> list[tuple[Any, Any]]:
    return [("", _("All")), *((p.pk, p.label) for p in selectors.priorities())]


def _vendor_choices() -> list[tuple[Any, Any]]:
    return [("", _("All")), *((s.pk, s.name) for s in selectors.vendors())]


class TicketFilterSet(ScopedFilterSet):
    q = TextFilter(
        label=_("What is wrong"),
        fields=("title", "description"),
        exact=("asset__tag", "link__circuit_id"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=TicketStatus.choices, empty_label=_("All")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=TicketKind.choices, empty_label=_("All")
    )
    priority = IdFilter(label=_("Priority"), field_name="priority", choices=_priority_choices)
    area = UnderFilter(
        label=_("Block or area"), outside="none", lookup="area", empty_label=_("All")
    )
    office = IdFilter(label=_("Office"), method="filter_office")
    tag = django_filters.CharFilter(
        label=_("Asset tag"), field_name="asset__tag", lookup_expr="iexact"
    )
    link = django_filters.CharFilter(
        label=_("Circuit ID"), field_name="link__circuit_id", lookup_expr="iexact"
    )
    vendor = IdFilter(label=_("Vendor"), field_name="vendor", choices=_vendor_choices)
    overdue = YesNoFilter(
        label=_("Overdue"),
        method="filter_overdue",
        help_text=_("Still open past its own-by or resolve-by time."),
    )
    opened_from = django_filters.DateFilter(
        label=_("Opened from"), field_name="opened_at", lookup_expr="date__gte", widget=DATE
    )
    opened_to = django_filters.DateFilter(
        label=_("Opened to"), field_name="opened_at", lookup_expr="date__lte", widget=DATE
    )

    scope = staticmethod(selectors.ticket_list)

    class Meta(ScopedFilterSet.Meta):
        model = Ticket

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["area"].extra["queryset"] = Area.objects.visible_to(self.user)

    def filter_office(self, qs: QuerySet, name: str, value: Any) -> QuerySet:
        """Tickets about the office, or about an asset or a link of it."""
        if not value:
            return qs
        office = Office.objects.visible_to(self.user).filter(pk=value).first()
        if office is None:
            return qs.none()
        return qs.filter(Q(office=office) | Q(asset__office=office) | Q(link__office=office))

    def filter_overdue(self, qs: QuerySet, name: str, value: bool) -> QuerySet:
        late = selectors.overdue_q(timezone.now())
        return qs.filter(late) if value else qs.exclude(late)
