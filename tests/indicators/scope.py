"""The indicators app's entries for the jurisdiction tests (tests/scope_registry.py collects
them through the app's ``scope_tests``). Each part keeps its makers and URLs in its own section
below; MAKERS, SCOPED_URLS, NOT_AREA_BOUND and PUBLIC_URLS at the end join them."""

from __future__ import annotations

from typing import Any

from tests.scope_entries import Maker, ScopedURL

# --- part "values" ------------------------------------------------------------


def _value(block: Any, tag: str) -> Any:
    """A value entered for a new panchayat of the block, the panchayat named by the tag."""
    from decimal import Decimal

    from degs.directory.choices import AreaKind
    from degs.indicators.choices import Disaggregation, Origin, Source
    from degs.indicators.models import DataElement, DataValue
    from degs.indicators.periods import Period
    from degs.indicators.services.values import ValueRow, values_write
    from tests.factories import make_area

    element, _made = DataElement.objects.get_or_create(
        code="scope_trained",
        defaults={
            "name": "Scope trained",
            "domain": "indicators",
            "source": Source.ENTERED,
            "entry_level": AreaKind.GRAM_PANCHAYAT,
            "disaggregation": Disaggregation.NONE,
        },
    )
    panchayat = make_area(AreaKind.GRAM_PANCHAYAT, f"Panchayat {tag}", block)
    period = Period.current().previous()
    values_write(
        actor=None,
        rows=[ValueRow(element, panchayat, period, "", Decimal(7))],
        origin=Origin.IMPORT,
    )
    return DataValue.objects.get(element=element, area=panchayat)


_VALUE_WRITE = "{what}; the area read through Area.visible_to and the service's require_capability (404 outside: tests/indicators/test_entry_pages.py)"
VALUES_MAKERS: dict[str, Maker] = {"value": Maker(_value)}
VALUES_URLS: list[ScopedURL] = [
    ScopedURL("indicators:value_list", "value", "list"),
    ScopedURL("indicators:value_detail", "value", "detail"),
    ScopedURL("api:list_values", "value", "list", query="limit=100"),
    ScopedURL("api:get_value", "value", "detail", kwarg="value_id"),
]
VALUES_NOT_AREA_BOUND: dict[str, str] = {
    "indicators:entry": _VALUE_WRITE.format(
        what="the entry form: areas offered are those where the user enters figures"
    ),
    "api:set_value": _VALUE_WRITE.format(what="PUT of one value"),
    "api:remove_value": _VALUE_WRITE.format(what="POST; the value read through visible_to"),
}

# --- part "figures" -----------------------------------------------------------

FIGURES_MAKERS: dict[str, Maker] = {}
FIGURES_URLS: list[ScopedURL] = []
FIGURES_NOT_AREA_BOUND: dict[str, str] = {
    "api:figures_list": "area-bound by its area parameter through Area.visible_to (404 outside);"
    " tested in tests/indicators/test_figures_api.py, test_scoped_to_the_callers_areas",
    "api:figures_csv": "the same rows as api:figures_list as CSV; tested in"
    " tests/indicators/test_figures_api.py, test_scoped_to_the_callers_areas",
}

# --- part "catalogue" ---------------------------------------------------------


def _catalogue_target(block: Any, tag: str) -> Any:
    """A target at the block for an indicator named by the tag."""
    from degs.indicators.models import Indicator
    from degs.indicators.services.catalogue import target_set

    indicator = Indicator.objects.create(
        code=f"scope_{tag}".lower()[:50], name=tag, domain="indicators", numerator="1"
    )
    return target_set(
        actor=None, indicator=indicator, area=block, period="2026-04", value=5, version=None
    )


_STATE_LIST = (
    "the state's list, the same for every district (not area-bound); changed only by "
    "indicators.manage at a state (tests/indicators/test_catalogue.py)"
)
_IMPORT = (
    "the import flow's pages (degs.imports: a batch is its importer's own); each row's area "
    "read through Area.visible_to and indicators.enter (tests/indicators/test_import_values.py)"
)
CATALOGUE_MAKERS: dict[str, Maker] = {"indicator_target": Maker(_catalogue_target)}
CATALOGUE_URLS: list[ScopedURL] = [
    ScopedURL("indicators:target_detail", "indicator_target", "detail"),
    ScopedURL("api:list_indicator_targets", "indicator_target", "list", query="limit=100"),
]
CATALOGUE_NOT_AREA_BOUND: dict[str, str] = {
    "indicators:indicator_list": _STATE_LIST,
    "indicators:indicator_detail": _STATE_LIST + "; its targets through Target.visible_to",
    "indicators:indicator_create": _STATE_LIST,
    "indicators:indicator_edit": _STATE_LIST,
    "indicators:element_list": _STATE_LIST,
    "indicators:element_detail": _STATE_LIST,
    "indicators:element_create": _STATE_LIST,
    "indicators:element_edit": _STATE_LIST,
    "indicators:target_set": "areas offered are those where the user holds indicators.manage "
    "(selectors.catalogue.target_areas); the service's require_capability (404 outside: "
    "tests/indicators/test_catalogue.py)",
    "indicators:target_follow": "POST; the target through target_get (visible_to), the "
    "directive among the open ones of its district the user sees",
    "indicators:import_values": _IMPORT,
    "indicators:import_values_apply": _IMPORT,
    "indicators:import_values_progress": _IMPORT,
    "indicators:import_values_template": "an empty template file",
    "api:list_data_elements": _STATE_LIST,
    "api:get_data_element": _STATE_LIST,
    "api:list_indicators": _STATE_LIST,
    "api:get_indicator": _STATE_LIST,
    "api:set_indicator_target": "POST; the area among target_areas, else 422 "
    "(tests/indicators/test_catalogue.py)",
}

# --- joined -------------------------------------------------------------------

MAKERS: dict[str, Maker] = {**VALUES_MAKERS, **FIGURES_MAKERS, **CATALOGUE_MAKERS}
SCOPED_URLS: list[ScopedURL] = [*VALUES_URLS, *FIGURES_URLS, *CATALOGUE_URLS]
NOT_AREA_BOUND: dict[str, str] = {
    **VALUES_NOT_AREA_BOUND,
    **FIGURES_NOT_AREA_BOUND,
    **CATALOGUE_NOT_AREA_BOUND,
}
PUBLIC_URLS: set[str] = set()
