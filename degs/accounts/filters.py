"""The user list's filter set (``core.filters``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from degs.accounts import selectors
from degs.accounts.models import User
from degs.core.filters import ScopedFilterSet, TextFilter


class UserFilterSet(ScopedFilterSet):
    q = TextFilter(label=_("Name or user name"), fields=("username", "full_name", "full_name_hi"))
    scope = staticmethod(selectors.user_list)

    class Meta(ScopedFilterSet.Meta):
        model = User
