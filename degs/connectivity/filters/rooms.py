"""The video-conference rooms' one filter set: the page and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from degs.connectivity.models import VcRoom
from degs.connectivity.selectors import rooms as selectors
from degs.core.filters import ScopedFilterSet, TextFilter, YesNoFilter
from degs.directory.choices import OfficeKind
from degs.directory.filters import UnderFilter
from degs.directory.selectors import area_choices


class RoomFilterSet(ScopedFilterSet):
    q = TextFilter(
        label=_("Room or office"), fields=("name", "name_hi", "office__name", "office__name_hi")
    )
    area = UnderFilter(
        label=_("Where"), outside="none", lookup="office__area", empty_label=_("All")
    )
    office_kind = django_filters.ChoiceFilter(
        label=_("Kind of office"),
        field_name="office__kind",
        choices=OfficeKind.choices,
        empty_label=_("All"),
    )
    ready = YesNoFilter(label=_("Ready for VC"), method="filter_ready")

    scope = staticmethod(selectors.room_list)

    class Meta(ScopedFilterSet.Meta):
        model = VcRoom

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["area"].extra["queryset"] = area_choices(user=self.user)

    def filter_ready(self, qs: QuerySet, name: str, value: bool) -> QuerySet:
        ready = selectors.ready_rooms(VcRoom.objects.all()).values("pk")
        return qs.filter(pk__in=ready) if value else qs.exclude(pk__in=ready)
