"""The procurement case list's one filter set: the page, its CSV and Excel exports and the
API's query parameters (``core.filters``)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.utils.translation import gettext_lazy as _

from degs.assets.choices import CaseStatus, Route
from degs.assets.models import Category, ProcurementCase
from degs.assets.selectors import procurement as selectors
from degs.connectivity.forms import DATE
from degs.core.filters import IdFilter, ScopedFilterSet, TextFilter


def _category_choices() -> list[tuple[Any, Any]]:
    return [("", _("All")), *((c.pk, c.label) for c in Category.objects.order_by("name"))]


class CaseFilterSet(ScopedFilterSet):
    q = TextFilter(
        label=_("What, order or sanction number"),
        fields=("title", "need"),
        exact=("order_number", "sanction_number"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=CaseStatus.choices, empty_label=_("All")
    )
    route = django_filters.ChoiceFilter(
        label=_("Route"), choices=Route.choices, empty_label=_("All")
    )
    category = IdFilter(label=_("Category"), field_name="category", choices=_category_choices)
    created_from = django_filters.DateFilter(
        label=_("Recorded from"), field_name="created_at", lookup_expr="date__gte", widget=DATE
    )
    created_to = django_filters.DateFilter(
        label=_("Recorded to"), field_name="created_at", lookup_expr="date__lte", widget=DATE
    )

    scope = staticmethod(selectors.case_list)

    class Meta(ScopedFilterSet.Meta):
        model = ProcurementCase
