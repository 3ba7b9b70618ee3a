"""The service list's filter set (``core.filters``)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from degs.catalogue import selectors
from degs.catalogue.models import Service
from degs.core.filters import ScopedFilterSet


class ServiceFilterSet(ScopedFilterSet):
    q = django_filters.CharFilter(
        label=_("Name, code or department"), max_length=100, method="filter_text"
    )

    class Meta(ScopedFilterSet.Meta):
        model = Service

    def scoped_queryset(self, user: Any) -> QuerySet[Service]:
        return selectors.service_list(user=user)

    def filter_text(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        if not value:
            return qs
        return qs.filter(
            Q(name__icontains=value)
            | Q(name_hi__icontains=value)
            | Q(code__icontains=value)
            | Q(department__icontains=value)
            | Q(department_hi__icontains=value)
        )
