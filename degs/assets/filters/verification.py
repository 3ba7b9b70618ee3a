"""The "not verified this year" list's filter set (``core.filters``)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from degs.assets.choices import AssetStatus
from degs.assets.filters.register import _category_choices
from degs.assets.models import Asset
from degs.assets.selectors import register as selectors
from degs.core.filters import IdFilter, ScopedFilterSet
from degs.core.years import financial_year_of
from degs.directory.filters import UnderFilter


def unverified_list(*, user: Any) -> QuerySet[Asset]:
    """The user's assets not verified this financial year (disposed ones are not verified),
    by office."""
    year = financial_year_of()
    return (
        selectors.asset_list(user=user)
        .exclude(status=AssetStatus.DISPOSED)
        .filter(~selectors.verified_in(year))
        .order_by("area__path", "office__name", "tag")
    )


class UnverifiedFilterSet(ScopedFilterSet):
    category = IdFilter(
        label=_("Category"), field_name="model__category_id", choices=_category_choices
    )
    office = IdFilter(label=_("Custodian office"), field_name="office_id")
    area = UnderFilter(label=_("Where"), outside="none", lookup="area", empty_label=_("All"))

    scope = staticmethod(unverified_list)

    class Meta(ScopedFilterSet.Meta):
        model = Asset

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["area"].extra["queryset"] = selectors.filter_areas(user=self.user)
