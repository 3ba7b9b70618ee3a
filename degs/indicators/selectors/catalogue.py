"""Reads of the catalogue: data elements, indicators (with their formulas in words), targets in
the user's areas, and where each is used. Elements and indicators are the state's lists, the
same for every district; targets are scoped (``Target.objects.visible_to``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from degs.core.figures import figure_source
from degs.core.permissions import capability_paths
from degs.directory.choices import AreaKind
from degs.directory.models import Area
from degs.indicators.choices import CATEGORIES_OF, Category, Disaggregation, Source
from degs.indicators.formula import _REFERENCE
from degs.indicators.models import DataElement, Indicator, Target

MANAGE = "indicators.manage"


def element_list(*, user: Any) -> QuerySet[DataElement]:
    """Every data element (the state's list), by domain and code."""
    return DataElement.objects.select_related("reported_by").order_by("domain", "code")


def element_get(*, user: Any, pk: int) -> DataElement:
    return get_object_or_404(DataElement.objects.select_related("reported_by"), pk=pk)


def indicator_list(*, user: Any) -> QuerySet[Indicator]:
    """Every indicator (the state's list), by domain and position."""
    return Indicator.objects.order_by("domain", "position", "code")


def indicator_get(*, user: Any, pk: int) -> Indicator:
    return get_object_or_404(Indicator, pk=pk)


def elements_by_code(codes: Iterable[str]) -> dict[str, DataElement]:
    """The elements named by ``codes``, in one query."""
    return {e.code: e for e in DataElement.objects.filter(code__in=set(codes))}


def _category_label(code: str) -> str:
    try:
        return str(Category(code).label)
    except ValueError:
        return code


def formula_words(text: str, elements: Mapping[str, DataElement]) -> str:
    """A formula with each ``#{code}`` written as the element's name in the reader's language
    (``#{code.female}``: "name (Women)"); an unknown code stays as typed."""

    def name(match: Any) -> str:
        element = elements.get(match[1])
        if element is None:
            return str(match[0])
        if match[2]:
            return f"{element.label} ({_category_label(match[2])})"
        return element.label

    words = _REFERENCE.sub(name, text or "")
    return words.replace("*", "\N{MULTIPLICATION SIGN}").replace("/", "÷")


def indicator_words(
    indicators: Iterable[Indicator], elements: Mapping[str, DataElement] | None = None
) -> dict[int, tuple[str, str]]:
    """Indicator pk -> (numerator, denominator) in words; elements read in one query."""
    indicators = list(indicators)
    if elements is None:
        codes: set[str] = set()
        for indicator in indicators:
            codes |= {m[1] for m in _REFERENCE.finditer(indicator.numerator or "")}
            codes |= {m[1] for m in _REFERENCE.finditer(indicator.denominator or "")}
        elements = elements_by_code(codes)
    return {
        i.pk: (formula_words(i.numerator, elements), formula_words(i.denominator, elements))
        for i in indicators
    }


def indicators_using(*, element: DataElement) -> list[Indicator]:
    """The indicators whose formulas read ``element``."""
    mark = "#{" + element.code
    found = Indicator.objects.filter(Q(numerator__contains=mark) | Q(denominator__contains=mark))
    return [
        i
        for i in found
        if element.code in {m[1] for m in _REFERENCE.finditer(f"{i.numerator} {i.denominator}")}
    ]


def element_facts(element: DataElement) -> dict[str, Any]:
    """What an element's page says about where its values come from."""
    source = figure_source(element.figure_source) if element.source == Source.COMPUTED else None
    return {
        "figure_source": source,
        "categories": [
            _category_label(c)
            for c in CATEGORIES_OF[Disaggregation(element.disaggregation)]
            if c != Category.TOTAL
        ],
    }


def target_list(*, user: Any) -> QuerySet[Target]:
    """The targets in the user's areas."""
    return Target.objects.visible_to(user).select_related("indicator", "area", "set_by")


def target_get(*, user: Any, pk: int) -> Target:
    return get_object_or_404(target_list(user=user), pk=pk)


def indicator_targets(*, user: Any, indicator: Indicator) -> QuerySet[Target]:
    return target_list(user=user).filter(indicator=indicator).order_by("area__path", "period_start")


def target_areas(*, user: Any) -> QuerySet[Area]:
    """The areas where the user may set targets: a state, district or block they manage
    figures in (a gram panchayat's target is not kept)."""
    areas = Area.objects.visible_to(user).filter(
        kind__in=[AreaKind.STATE, AreaKind.DISTRICT, AreaKind.BLOCK]
    )
    paths = capability_paths(user, MANAGE)
    if paths is not None:
        match = Q(pk__in=[])
        for path in paths:
            match |= Q(path__startswith=path)
        areas = areas.filter(match)
    return areas.order_by("path")


def entered_elements() -> QuerySet[DataElement]:
    """The elements people report (not computed), in use: what a press note's figure may be."""
    return DataElement.objects.filter(source=Source.ENTERED, is_active=True).order_by(
        "domain", "code"
    )
