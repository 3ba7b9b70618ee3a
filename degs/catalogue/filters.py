"""The service list's filter set (``core.filters``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from degs.catalogue import selectors
from degs.catalogue.models import Service
from degs.core.filters import ScopedFilterSet, TextFilter


class ServiceFilterSet(ScopedFilterSet):
    q = TextFilter(
        label=_("Name, code or department"),
        fields=("name", "name_hi", "code", "department", "department_hi"),
    )
    scope = staticmethod(selectors.service_list)

    class Meta(ScopedFilterSet.Meta):
        model = Service
