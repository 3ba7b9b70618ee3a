"""The catalogue's lists: data elements, indicators and targets; one filter set each for the
page and the API."""

from __future__ import annotations

from typing import ClassVar

import django_filters
from django.utils.translation import gettext_lazy as _

from degs.core.filters import IdFilter, ScopedFilterSet, TextFilter
from degs.indicators.choices import PeriodType, Source
from degs.indicators.models import DataElement, Indicator, Target
from degs.indicators.selectors import catalogue as selectors
from degs.reviews.choices import Concern


class ElementFilterSet(ScopedFilterSet):
    q = TextFilter(label=_("Search"), fields=("name", "name_hi"), exact=("code",))
    domain = django_filters.ChoiceFilter(label=_("Domain"), choices=Concern.choices)
    source = django_filters.ChoiceFilter(label=_("Source"), choices=Source.choices)
    scope = staticmethod(selectors.element_list)

    class Meta(ScopedFilterSet.Meta):
        model = DataElement
        fields: ClassVar[list[str]] = []


class IndicatorFilterSet(ScopedFilterSet):
    q = TextFilter(label=_("Search"), fields=("name", "name_hi"), exact=("code",))
    domain = django_filters.ChoiceFilter(label=_("Domain"), choices=Concern.choices)
    scope = staticmethod(selectors.indicator_list)

    class Meta(ScopedFilterSet.Meta):
        model = Indicator
        fields: ClassVar[list[str]] = []


class TargetFilterSet(ScopedFilterSet):
    indicator = IdFilter(label=_("Indicator"), field_name="indicator_id")
    area = IdFilter(label=_("Area"), field_name="area_id")
    period_type = django_filters.ChoiceFilter(label=_("Period"), choices=PeriodType.choices)
    scope = staticmethod(selectors.target_list)

    class Meta(ScopedFilterSet.Meta):
        model = Target
        fields: ClassVar[list[str]] = []
