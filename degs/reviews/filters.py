"""The directive register's one filter set: the register page's form, its Excel export and
the API's query parameters (``core.filters``)."""

from __future__ import annotations

from functools import partial
from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from degs.core.filters import IdFilter, ScopedFilterSet
from degs.directory.filters import UnderFilter
from degs.directory.selectors import area_choices
from degs.reviews import figures, selectors
from degs.reviews.choices import UNFINISHED, DirectiveStatus, MeetingStatus
from degs.reviews.forms import DATE, post_label
from degs.reviews.models import Directive, Meeting


def _committee_choices(user: Any) -> list[tuple[Any, Any]]:
    return [
        ("", _("All committees")),
        *((c.pk, str(c)) for c in selectors.committee_list(user=user)),
    ]


def _post_choices(user: Any) -> list[tuple[Any, Any]]:
    posts = selectors.post_filter_choices(user=user)
    return [("", _("All posts")), *((p.pk, post_label(p)) for p in posts)]


class DirectiveFilterSet(ScopedFilterSet):
    committee = IdFilter(label=_("Committee"), field_name="meeting__committee_id")
    post = IdFilter(label=_("Post"), method="filter_post")
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[("unfinished", _("Not yet closed")), *DirectiveStatus.choices],
        empty_label=_("Any status"),
        method="filter_status",
    )
    overdue = django_filters.BooleanFilter(
        label=_("Overdue only"), widget=forms.CheckboxInput, method="filter_overdue"
    )
    due_from = django_filters.DateFilter(
        label=_("Due from"), field_name="due_date", lookup_expr="gte", widget=DATE
    )
    due_to = django_filters.DateFilter(
        label=_("Due to"), field_name="due_date", lookup_expr="lte", widget=DATE
    )
    meeting_from = django_filters.DateFilter(
        label=_("Meetings from"), field_name="meeting__date", lookup_expr="gte", widget=DATE
    )
    meeting_to = django_filters.DateFilter(
        label=_("Meetings to"), field_name="meeting__date", lookup_expr="lte", widget=DATE
    )
    q = django_filters.CharFilter(label=_("Words"), max_length=100, method="filter_text")
    # The "directives overdue" figure's rows (reviews/figures.py): by the lead post's area, and
    # overdue on a past day.
    area = UnderFilter(
        label=_("Lead post in"), outside="none", lookup="lead_post__area", empty_label=_("All")
    )
    overdue_on = django_filters.DateFilter(
        label=_("Overdue on"), method="filter_overdue_on", widget=DATE
    )

    class Meta(ScopedFilterSet.Meta):
        model = Directive

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_choices("committee", partial(_committee_choices, self.user))
        self.set_choices("post", partial(_post_choices, self.user))
        self.filters["area"].extra["queryset"] = area_choices(user=self.user)

    def scoped_queryset(self, user: Any) -> QuerySet[Directive]:
        return selectors.directive_list(user=user)

    def filter_post(self, qs: QuerySet, name: str, value: int) -> QuerySet:
        return qs.assigned_to([value])  # type: ignore[attr-defined]

    def filter_status(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        if value == "unfinished":
            return qs.filter(status__in=UNFINISHED)
        return qs.filter(status=value)

    def filter_overdue(self, qs: QuerySet, name: str, value: bool) -> QuerySet:
        return qs.overdue() if value else qs  # type: ignore[attr-defined]

    def filter_text(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        return qs.filter(Q(text__icontains=value) | Q(text_hi__icontains=value))

    def filter_overdue_on(self, qs: QuerySet, name: str, value: Any) -> QuerySet:
        return figures.overdue_on(qs, value) if value else qs


class MeetingFilterSet(ScopedFilterSet):
    """The meetings the API lists. A committee outside the user's areas is not found (404),
    as on its own page."""

    committee = IdFilter(label=_("Committee"), method="filter_committee")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=MeetingStatus.choices)

    class Meta(ScopedFilterSet.Meta):
        model = Meeting

    def scoped_queryset(self, user: Any) -> QuerySet[Meeting]:
        return selectors.meeting_list(user=user)

    def filter_committee(self, qs: QuerySet, name: str, value: int) -> QuerySet:
        return qs.filter(committee=selectors.committee_get(user=self.user, pk=value))
