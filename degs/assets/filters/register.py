"""The register's one filter set: the page, its CSV and Excel exports, the label sheet and the
API's query parameters (``core.filters``)."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from degs.assets.choices import AssetStatus, Funding
from degs.assets.models import Asset
from degs.assets.selectors import register as selectors
from degs.core.filters import IdFilter, ScopedFilterSet, TextFilter, YesNoFilter
from degs.core.years import financial_year_of
from degs.directory.filters import UnderFilter

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _category_choices() -> list[tuple[Any, Any]]:
    return [("", _("All")), *((c.pk, c.label) for c in selectors.category_list())]


def _model_choices() -> list[tuple[Any, Any]]:
    return [("", _("All")), *((m.pk, str(m)) for m in selectors.model_list())]


class AssetFilterSet(ScopedFilterSet):
    q = TextFilter(
        label=_("Tag, serial or order number"),
        fields=("tag", "serial", "order_number"),
    )
    category = IdFilter(
        label=_("Category"), field_name="model__category_id", choices=_category_choices
    )
    model = IdFilter(label=_("Make and model"), field_name="model_id", choices=_model_choices)
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=AssetStatus.choices, empty_label=_("All")
    )
    funding = django_filters.ChoiceFilter(
        label=_("Funded by"), choices=Funding.choices, empty_label=_("All")
    )
    office = IdFilter(label=_("Custodian office"), field_name="office_id")
    area = UnderFilter(label=_("Where"), outside="none", lookup="area", empty_label=_("All"))
    warranty_before = django_filters.DateFilter(
        label=_("Warranty ends before"), field_name="warranty_until", lookup_expr="lt", widget=DATE
    )
    amc_before = django_filters.DateFilter(
        label=_("AMC ends before"), field_name="amc_until", lookup_expr="lt", widget=DATE
    )
    unverified = YesNoFilter(
        label=_("Not verified this financial year"), method="filter_unverified"
    )

    scope = staticmethod(selectors.asset_list)

    class Meta(ScopedFilterSet.Meta):
        model = Asset

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["area"].extra["queryset"] = selectors.filter_areas(user=self.user)

    def filter_unverified(self, qs: QuerySet, name: str, value: bool) -> QuerySet:
        year = financial_year_of()
        seen = selectors.verified_in(year)
        return qs.filter(~seen) if value else qs.filter(seen)
