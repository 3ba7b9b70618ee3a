"""The values' filter set: the list page, its export and the API read the same filters."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from degs.core.filters import IdFilter, ScopedFilterSet, YesNoFilter
from degs.core.schemas import Text
from degs.directory.filters import UnderFilter
from degs.directory.selectors import area_choices
from degs.indicators.choices import Origin
from degs.indicators.models import DataElement, DataValue
from degs.indicators.periods import BadPeriod, Period
from degs.indicators.selectors import values as selectors


class PeriodField(forms.CharField):
    """A period's code (``2026-04``, ``2026-27-Q1``, ``2026-27``), cleaned to a Period."""

    api_type = Text

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 10)
        super().__init__(*args, **kwargs)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        attrs["placeholder"] = "2026-04"
        return attrs

    def clean(self, value: Any) -> Period | None:
        text = super().clean(value)
        if not text:
            return None
        try:
            return Period.parse(text)
        except BadPeriod:
            raise ValidationError(
                _("Give a month as 2026-04, a quarter as 2026-27-Q1 or a year as 2026-27."),
                code="period",
            ) from None


class PeriodFilter(django_filters.Filter):
    """The values of one period."""

    field_class = PeriodField

    def filter(self, qs: QuerySet, value: Any) -> QuerySet:
        if value is None:
            return qs
        return qs.filter(period_type=value.type, period_start=value.start)


def _element_choices() -> list[tuple[Any, Any]]:
    return [("", _("All")), *((e.pk, e.label) for e in DataElement.objects.order_by("code"))]


def late_q(qs: QuerySet[DataValue]) -> Q:
    """The rows of ``qs`` entered after their due day: one condition per period the rows fall
    in and due-days setting of their elements (a few dozen at most)."""
    by_days: dict[int, list[int]] = defaultdict(list)
    for pk, days in DataElement.objects.values_list("pk", "due_days"):
        by_days[days].append(pk)
    periods = qs.order_by().values_list("period_type", "period_start").distinct()
    condition = Q(pk__in=[])
    zone = timezone.get_current_timezone()
    for period_type, start in periods:
        period = Period(start, period_type)
        for days, element_ids in by_days.items():
            after = period.due_on(days) + dt.timedelta(days=1)
            condition |= Q(
                element_id__in=element_ids,
                period_type=period_type,
                period_start=start,
                entered_at__gte=dt.datetime.combine(after, dt.time(), tzinfo=zone),
            )
    return condition


class ValueFilterSet(ScopedFilterSet):
    element = IdFilter(label=_("Figure"), field_name="element_id")
    area = UnderFilter(label=_("Where"), outside="none", lookup="area", empty_label=_("All"))
    period = PeriodFilter(label=_("Period"))
    origin = django_filters.ChoiceFilter(
        label=_("Entered through"), choices=Origin.choices, empty_label=_("All")
    )
    demo = YesNoFilter(label=_("Demo figures"), field_name="is_demo")
    late = YesNoFilter(label=_("Late"), method="filter_late")

    scope = staticmethod(selectors.value_list)

    class Meta(ScopedFilterSet.Meta):
        model = DataValue

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_choices("element", _element_choices)
        self.filters["area"].extra["queryset"] = area_choices(user=self.user)

    def filter_late(self, qs: QuerySet, name: str, value: bool) -> QuerySet:
        condition = late_q(qs)
        return qs.filter(condition) if value else qs.exclude(condition)
