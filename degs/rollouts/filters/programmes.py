"""The programme list's one filter set: the page, its CSV and Excel exports and the API's query
parameters (``core.filters``)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.utils.translation import gettext_lazy as _

from degs.core.filters import ScopedFilterSet, TextFilter
from degs.directory.filters import UnderFilter
from degs.rollouts.choices import ProgrammeKind, ProgrammeStatus
from degs.rollouts.models import Programme
from degs.rollouts.selectors import programmes as selectors


class ProgrammeFilterSet(ScopedFilterSet):
    q = TextFilter(
        label=_("Name or code"),
        fields=("name", "name_hi", "description", "description_hi"),
        exact=("code",),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=ProgrammeKind.choices, empty_label=_("All")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ProgrammeStatus.choices, empty_label=_("All")
    )
    area = UnderFilter(label=_("Where"), outside="none", lookup="area", empty_label=_("All"))

    scope = staticmethod(selectors.programme_list)

    class Meta(ScopedFilterSet.Meta):
        model = Programme

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["area"].extra["queryset"] = selectors.filter_areas(user=self.user)
