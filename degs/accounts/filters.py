"""The user list's filter set (``core.filters``)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from degs.accounts import selectors
from degs.accounts.models import User
from degs.core.filters import ScopedFilterSet


class UserFilterSet(ScopedFilterSet):
    q = django_filters.CharFilter(
        label=_("Name or user name"), max_length=100, method="filter_text"
    )

    class Meta(ScopedFilterSet.Meta):
        model = User

    def scoped_queryset(self, user: Any) -> QuerySet[User]:
        return selectors.user_list(user=user)

    def filter_text(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        return qs.filter(
            Q(username__icontains=value)
            | Q(full_name__icontains=value)
            | Q(full_name_hi__icontains=value)
        )
