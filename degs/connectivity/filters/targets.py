"""The directive targets' one filter set: the list page and the API's query parameters."""

from __future__ import annotations

from typing import Any

import django_filters
from django.utils.translation import gettext_lazy as _

from degs.connectivity.choices import TargetWhat
from degs.connectivity.models import NetworkTarget
from degs.connectivity.selectors.targets import target_list
from degs.core.filters import ScopedFilterSet, TextFilter
from degs.directory.filters import UnderFilter
from degs.directory.selectors import area_choices


class TargetFilterSet(ScopedFilterSet):
    q = TextFilter(label=_("Name"), fields=("name", "name_hi"))
    area = UnderFilter(label=_("Where"), outside="none", lookup="area", empty_label=_("All"))
    what = django_filters.ChoiceFilter(
        label=_("What"), choices=TargetWhat.choices, empty_label=_("All")
    )

    scope = staticmethod(target_list)

    class Meta(ScopedFilterSet.Meta):
        model = NetworkTarget

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["area"].extra["queryset"] = area_choices(user=self.user)
