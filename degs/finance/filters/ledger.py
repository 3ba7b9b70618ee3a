"""The journal's one filter set: the page, its CSV and Excel exports and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from degs.connectivity.forms import DATE
from degs.core.filters import ScopedFilterSet, TextFilter, YesNoFilter
from degs.finance.choices import EntryKind
from degs.finance.models import Account, Entry, Leg
from degs.finance.selectors import ledger as selectors


class EntryFilterSet(ScopedFilterSet):
    q = TextFilter(
        label=_("Narration, party or reference"), fields=("narration", "party", "reference")
    )
    date_from = django_filters.DateFilter(
        label=_("Dated from"), field_name="date", lookup_expr="gte", widget=DATE
    )
    date_to = django_filters.DateFilter(
        label=_("Dated up to"), field_name="date", lookup_expr="lte", widget=DATE
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=EntryKind.choices, empty_label=_("All")
    )
    head = django_filters.ModelChoiceFilter(
        label=_("Fund head"), queryset=None, empty_label=_("All"), method="filter_head"
    )
    account = django_filters.ModelChoiceFilter(
        label=_("Account"),
        queryset=Account.objects.all(),
        empty_label=_("All"),
        method="filter_account",
    )
    reversed = YesNoFilter(label=_("Reversed"), method="filter_reversed")

    scope = staticmethod(selectors.entry_list)

    class Meta(ScopedFilterSet.Meta):
        model = Entry

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["head"].queryset = selectors.head_list(user=self.user)

    def filter_head(self, qs: QuerySet, name: str, value: Any) -> QuerySet:
        return qs.filter(pk__in=Leg.objects.filter(head=value).values("entry_id")) if value else qs

    def filter_account(self, qs: QuerySet, name: str, value: Any) -> QuerySet:
        if not value:
            return qs
        return qs.filter(pk__in=Leg.objects.filter(account=value).values("entry_id"))

    def filter_reversed(self, qs: QuerySet, name: str, value: bool) -> QuerySet:
        return qs.filter(reversed_by__isnull=not value)
