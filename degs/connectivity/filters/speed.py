"""The speed-test list's one filter set: the page, its export and the API."""

from __future__ import annotations

from functools import partial
from typing import Any

import django_filters
from django.db.models import F, QuerySet
from django.utils.translation import gettext_lazy as _

from degs.connectivity.forms import DATE
from degs.connectivity.selectors import speed as selectors
from degs.core.filters import IdFilter, ScopedFilterSet, YesNoFilter
from degs.directory.filters import UnderFilter
from degs.directory.selectors import area_choices


def _link_choices(user: Any) -> list[tuple[Any, Any]]:
    """The links the select offers (read only when the form is drawn, not for the API)."""
    links = selectors.testable_links(user=user).select_related(None).only("pk", "circuit_id")
    return [("", _("All")), *((link.pk, link.circuit_id) for link in links)]


class SpeedTestFilterSet(ScopedFilterSet):
    link = IdFilter(label=_("Link"), field_name="link_id")
    area = UnderFilter(label=_("Where"), outside="none", lookup="link__area", empty_label=_("All"))
    below = YesNoFilter(
        label=_("Below the committed speed"),
        method="filter_below",
        help_text=_("Download below the link's committed speed."),
    )
    tested_from = django_filters.DateFilter(
        label=_("Tested from"), field_name="at", lookup_expr="date__gte", widget=DATE
    )
    tested_to = django_filters.DateFilter(
        label=_("Tested to"), field_name="at", lookup_expr="date__lte", widget=DATE
    )

    scope = staticmethod(selectors.speed_test_list)

    class Meta(ScopedFilterSet.Meta):
        model = selectors.SpeedTest

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["area"].extra["queryset"] = area_choices(user=self.user)
        self.set_choices("link", partial(_link_choices, self.user))

    def filter_below(self, qs: QuerySet, name: str, value: bool) -> QuerySet:
        if value:
            return qs.filter(down_kbps__lt=F("link__committed_kbps"))
        return qs.filter(down_kbps__gte=F("link__committed_kbps"))
