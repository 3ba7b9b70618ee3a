"""The payments' one filter set: the page, its exports and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from degs.connectivity.forms import DATE
from degs.core.filters import ScopedFilterSet, TextFilter
from degs.finance.models import Entry, Leg
from degs.finance.selectors import payments as selectors
from degs.finance.selectors import receipts as receipt_selectors

AGAINST_KINDS = (
    ("sanction", _("A sanction")),
    ("procurement", _("A procurement case")),
    ("ticket", _("A ticket (repair)")),
    ("none", _("Nothing (office expenses and the like)")),
)


class PaymentFilterSet(ScopedFilterSet):
    payee = TextFilter(label=_("Paid to"), fields=("party", "reference", "narration"))
    head = django_filters.ModelChoiceFilter(
        label=_("Fund head"), queryset=None, empty_label=_("All"), method="filter_head"
    )
    against = django_filters.ChoiceFilter(
        label=_("Paid against"),
        choices=AGAINST_KINDS,
        empty_label=_("All"),
        method="filter_against",
    )
    paid_from = django_filters.DateFilter(
        label=_("Paid from"), field_name="date", lookup_expr="gte", widget=DATE
    )
    paid_to = django_filters.DateFilter(
        label=_("Paid up to"), field_name="date", lookup_expr="lte", widget=DATE
    )

    scope = staticmethod(selectors.payment_list)

    class Meta(ScopedFilterSet.Meta):
        model = Entry

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["head"].queryset = receipt_selectors.head_choices(
            user=self.user, capability="finance.view"
        )

    def filter_head(self, qs: QuerySet, name: str, value: Any) -> QuerySet:
        return qs.filter(pk__in=Leg.objects.filter(head=value).values("entry_id")) if value else qs

    def filter_against(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        if value == "none":
            return qs.filter(sanction=None, procurement=None, ticket=None)
        return qs.exclude(**{value: None}) if value else qs
