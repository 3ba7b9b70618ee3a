"""The centre register's one filter set: the centre list page, its CSV and Excel exports and
the API's query parameters (``core.filters``)."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from degs.centres import figures, selectors
from degs.centres.choices import CentreKind, CentreStatus, Decision, IdStatus, Premises
from degs.centres.models import Centre, Inspection, Operator, OperatorId
from degs.core.filters import IdFilter, ScopedFilterSet, TextFilter
from degs.directory.filters import UnderFilter


def _id_type_choices(user: Any) -> list[tuple[str, Any]]:
    codes = sorted({(t.code, t.label) for t in selectors.id_types_visible(user=user)})
    return [("", "—"), *codes]


class CentreFilterSet(ScopedFilterSet):
    q = TextFilter(label=_("Code or name"), fields=("code", "name", "name_hi"))
    area = UnderFilter(label=_("Where"), outside="none", lookup="area", empty_label=_("All"))
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=CentreKind.choices, empty_label=_("All")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=CentreStatus.choices, empty_label=_("All")
    )
    premises = django_filters.ChoiceFilter(
        label=_("Sits in"), choices=Premises.choices, empty_label=_("Anywhere")
    )
    without_id = django_filters.ChoiceFilter(
        label=_("Operator without"), method="filter_without_id", empty_label=None
    )
    not_inspected_days = django_filters.NumberFilter(
        label=_("Not inspected for (days)"),
        min_value=0,
        max_value=100_000,
        method="filter_not_inspected",
        help_text=_("Never inspected, or not within this many days."),
    )
    # The "centres active" figure's rows on a past day (figures.py).
    active_on = django_filters.DateFilter(label=_("Active on"), method="filter_active_on")

    scope = staticmethod(selectors.centre_list)

    class Meta(ScopedFilterSet.Meta):
        model = Centre

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["area"].extra["queryset"] = selectors.filter_areas(user=self.user)
        self.set_choices("without_id", partial(_id_type_choices, self.user))

    def filter_without_id(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        return qs.filter(operator__isnull=False).exclude(selectors.holds_issued_id(value))

    def filter_active_on(self, qs: QuerySet, name: str, value: Any) -> QuerySet:
        return figures.active_on(qs, value) if value else qs

    def filter_not_inspected(self, qs: QuerySet, name: str, value: Any) -> QuerySet:
        since = timezone.localdate() - dt.timedelta(days=int(value))
        return qs.filter(Q(last_inspected_on__isnull=True) | Q(last_inspected_on__lt=since))


class OperatorFilterSet(ScopedFilterSet):
    q = TextFilter(label=_("Name or mobile"), fields=("name", "name_hi"), exact=("mobile",))
    area = UnderFilter(label=_("Where"), outside="none", empty_label=_("All"))
    scope = staticmethod(selectors.operator_list)

    class Meta(ScopedFilterSet.Meta):
        model = Operator

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["area"].extra["queryset"] = selectors.filter_areas(user=self.user)


class InspectionFilterSet(ScopedFilterSet):
    """The inspections the API lists. A centre outside the user's areas is not found (404),
    as on its own page."""

    centre = IdFilter(label=_("Centre"), method="filter_centre")
    awaiting = django_filters.BooleanFilter(
        label=_("Awaiting the district"),
        widget=forms.CheckboxInput,
        method="filter_awaiting",
        help_text=_("Only recommendations awaiting the district."),
    )
    # The "inspections done" figure's rows (figures.py): under an area, visited between days.
    area = UnderFilter(
        label=_("Where"), outside="none", lookup="centre__area", empty_label=_("All")
    )
    visited_from = django_filters.DateFilter(
        label=_("Visited on or after"), field_name="visited_on", lookup_expr="gte"
    )
    visited_to = django_filters.DateFilter(
        label=_("Visited on or before"), field_name="visited_on", lookup_expr="lte"
    )

    class Meta(ScopedFilterSet.Meta):
        model = Inspection

    def scoped_queryset(self, user: Any) -> QuerySet[Inspection]:
        return selectors.inspection_list(user=user)

    def filter_centre(self, qs: QuerySet, name: str, value: int) -> QuerySet:
        return qs.filter(centre=selectors.centre_get(user=self.user, pk=value))

    def filter_awaiting(self, qs: QuerySet, name: str, value: bool) -> QuerySet:
        return qs.filter(decision=Decision.PENDING) if value else qs


class OperatorIdFilterSet(ScopedFilterSet):
    """Operators' IDs: the API's list and the export read the same filters."""

    status = django_filters.ChoiceFilter(label=_("Status"), choices=IdStatus.choices)
    id_type = django_filters.CharFilter(
        label=_("ID type"),
        max_length=40,
        method="filter_id_type",
        help_text="an ID type code",
    )
    pending_days = django_filters.NumberFilter(
        label=_("Pending for more than (days)"),
        min_value=0,
        max_value=100_000,
        method="filter_pending",
        help_text="only applications still pending after more than this many days",
    )

    class Meta(ScopedFilterSet.Meta):
        model = OperatorId

    def scoped_queryset(self, user: Any) -> QuerySet[OperatorId]:
        return (
            OperatorId.objects.visible_to(user)
            .select_related("operator__area", "id_type")
            .order_by("applied_on", "pk")
        )

    def filter_id_type(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        return qs.filter(id_type__code=value) if value else qs

    def filter_pending(self, qs: QuerySet, name: str, value: Any) -> QuerySet:
        return selectors.pending_for(qs, int(value))
