"""The steps lists' filter sets: the verifiers' queue ("to verify"), the reporters' queue ("to
do") and the API's step list read the same filters (``core.filters``): programme, area,
milestone, status and submitted since."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from degs.core.filters import IdFilter, ScopedFilterSet
from degs.directory.choices import AreaKind
from degs.directory.filters import UnderFilter
from degs.directory.models import Area
from degs.rollouts.choices import StepStatus
from degs.rollouts.models import Milestone, Programme, Step
from degs.rollouts.selectors import steps as selectors


class StepFilterSet(ScopedFilterSet):
    programme = IdFilter(label=_("Programme"), field_name="target__programme")
    area = UnderFilter(
        label=_("Block or area"), outside="none", lookup="target__area", empty_label=_("All")
    )
    milestone = IdFilter(label=_("Milestone"), field_name="milestone")
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=StepStatus.choices, empty_label=_("All")
    )
    submitted_since = django_filters.DateFilter(
        label=_("Submitted since"),
        method="filter_submitted_since",
        widget=django_filters.widgets.forms.DateInput(attrs={"type": "date"}),
    )

    scope = staticmethod(selectors.step_list)

    class Meta(ScopedFilterSet.Meta):
        model = Step

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        programmes = Programme.objects.visible_to(self.user).order_by("-starts_on", "name")
        self.set_choices("programme", [("", _("All")), *((p.pk, p.label) for p in programmes)])
        milestones = (
            Milestone.objects.filter(programme__in=programmes)
            .select_related("programme")
            .order_by("programme__name", "order")
        )
        self.set_choices(
            "milestone",
            [("", _("All")), *((m.pk, f"{m.programme.label}: {m.label}") for m in milestones)],
        )
        self.filters["area"].extra["queryset"] = Area.objects.visible_to(self.user).filter(
            kind__in=(AreaKind.DISTRICT, AreaKind.BLOCK)
        )

    def filter_submitted_since(self, qs: QuerySet, name: str, value: Any) -> QuerySet:
        return qs.filter(submitted_at__date__gte=value) if value else qs


class ToVerifyFilterSet(StepFilterSet):
    """Submitted steps waiting for the user's verification, oldest first."""

    scope = staticmethod(selectors.to_verify)


class ToDoFilterSet(StepFilterSet):
    """Steps not done or returned at targets in the user's areas, the most overdue first."""

    scope = staticmethod(selectors.to_do)
