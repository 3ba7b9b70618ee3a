"""The sanctions' filter set: the page and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django.utils.translation import gettext_lazy as _

from degs.core.filters import ScopedFilterSet, TextFilter
from degs.finance.models import Sanction
from degs.finance.selectors import receipts as selectors


class SanctionFilterSet(ScopedFilterSet):
    q = TextFilter(
        label=_("Letter number, grantor or purpose"), fields=("number", "grantor", "purpose")
    )
    head = django_filters.ModelChoiceFilter(
        label=_("Fund head"), queryset=None, empty_label=_("All")
    )
    year = django_filters.NumberFilter(
        label=_("Year"), field_name="date", lookup_expr="year", min_value=1900, max_value=2100
    )

    scope = staticmethod(selectors.sanction_list)

    class Meta(ScopedFilterSet.Meta):
        model = Sanction

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["head"].queryset = selectors.head_choices(
            user=self.user, capability="finance.view"
        )
