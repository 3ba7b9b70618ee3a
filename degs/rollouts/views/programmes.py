"""Pages of the rollouts app's programmes part: the programme list (and its CSV and Excel
export), a programme's page (its progress on a day, per block and district, the overdue
targets, milestones, targets and events, its workflow buttons), the programme form, the
milestone editor, targets added by filter or by list, a target's page and its leaving the set,
and the directive made to follow the programme."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext_lazy

from degs.core.downloads import table_response
from degs.core.exceptions import PermissionDenied
from degs.core.filters import ScopedFilterSet
from degs.core.generic import ScopedDetailView, ServiceFormView, TransitionView
from degs.core.lists import ScopedListView
from degs.core.pagination import paginate
from degs.core.permissions import user_can
from degs.core.typing import AuthedRequest
from degs.rollouts import workflow
from degs.rollouts.filters.programmes import ProgrammeFilterSet
from degs.rollouts.forms.programmes import (
    FollowForm,
    MilestoneForm,
    MilestoneMoveForm,
    ProgrammeForm,
    TargetFilterForm,
    TargetListForm,
    TargetRemoveForm,
    TransitionForm,
    programme_initial,
)
from degs.rollouts.models import Milestone, Programme, Target
from degs.rollouts.selectors import programmes as selectors
from degs.rollouts.selectors import progress as progress_selectors
from degs.rollouts.services import programmes as services

SECTION = "rollouts"
MANAGE = workflow.MANAGE

EVENT_LABELS = {
    "created": gettext_lazy("Drawn up"),
    "changed": gettext_lazy("Particulars changed"),
    "milestone_added": gettext_lazy("Milestone added"),
    "milestone_changed": gettext_lazy("Milestone changed"),
    "milestone_moved": gettext_lazy("Milestone moved"),
    "targets_added": gettext_lazy("Targets added"),
    "joined": gettext_lazy("Joined the set"),
    "left": gettext_lazy("Left the set"),
}


def event_label(event: Any, flow: Any = workflow.PROGRAMMES) -> str:
    step = flow.find(event.action)
    if step is not None:
        return str(step.title)
    return str(EVENT_LABELS.get(event.action, event.action))


# --- the list -------------------------------------------------------------------------------------

COLUMNS = (
    "code",
    "name",
    "name_hi",
    "kind",
    "area",
    "status",
    "starts_on",
    "due_on",
    "done",
    "in_set",
)


class ProgrammeListView(ScopedListView):
    """Every programme the user sees, with its progress today over what they see; CSV and
    Excel with the same query."""

    filterset_class = ProgrammeFilterSet
    template_name = "rollouts/programme_list.html"
    section = SECTION
    export_formats = ("csv", "xlsx")

    def export(self, filterset: ScopedFilterSet, fmt: str) -> HttpResponse:
        rows = self.rows(filterset)
        table = [
            (
                p.code,
                p.name,
                p.name_hi,
                p.get_kind_display(),
                p.area.label,
                p.get_status_display(),
                p.starts_on,
                p.due_on,
                p.done_now,
                p.in_set_now,
            )
            for p in rows
        ]
        return table_response(COLUMNS, table, fmt=fmt, title="programmes", stem="degs-programmes")

    def rows(self, filterset: ScopedFilterSet) -> Any:
        return progress_selectors.with_figures(filterset.qs, filterset.user)

    def extra_context(self, request: HttpRequest, filterset: ScopedFilterSet) -> dict[str, Any]:
        return {"can_manage": user_can(request.user, MANAGE)}


programme_list = ProgrammeListView.as_view()


# --- one programme ----------------------------------------------------------------------------------


def _day(request: HttpRequest) -> dt.date:
    today = timezone.localdate()
    day = parse_date(request.GET.get("on", "") or "") if request.GET.get("on") else None
    return min(day, today) if day else today


def _programme_page(request: AuthedRequest, programme: Programme) -> dict[str, Any]:
    from degs.reviews import selectors as reviews

    day = _day(request)
    targets = selectors.targets_of(user=request.user, programme=programme)
    can_manage = user_can(request.user, MANAGE, programme.area)
    editable = programme.status in services.EDITABLE and can_manage
    page = paginate(request, targets.order_by("area__path", "office__name", "pk"))
    progress = progress_selectors.programme_progress(programme, targets, day)
    return {
        "programme": programme,
        "day": day,
        "today": timezone.localdate(),
        "progress": progress,
        "progress_tables": [
            (gettext_lazy("Per block"), progress.blocks, gettext_lazy("Block or circle")),
            (gettext_lazy("Per district"), progress.districts, gettext_lazy("District")),
        ],
        "whole": selectors.sees_whole(request.user, programme),
        "milestones": list(selectors.milestones_of(programme)),
        "page": page,
        "actions": workflow.PROGRAMMES.available(programme, request.user),
        "can_manage": can_manage,
        "editable": editable,
        "events": [(e, event_label(e)) for e in selectors.programme_events(programme)[:50]],
        "linked": reviews.directives_about(user=request.user, target=programme),
        "follow_form": _follow_form(request, programme) if can_manage else None,
        "milestone_form": MilestoneForm(initial={"version": programme.version}),
    }


programme_detail = ScopedDetailView.as_view(
    read=selectors.programme_get,
    template_name="rollouts/programme_detail.html",
    page_context=_programme_page,
)


class _Manage:
    def gate_object(self, request: HttpRequest, obj: Any) -> None:
        area = obj.area if isinstance(obj, Programme) else obj.programme.area
        if not user_can(request.user, MANAGE, area):
            raise PermissionDenied


class ProgrammeTransitionView(_Manage, TransitionView):
    form_class = TransitionForm
    template_name = "rollouts/programme_detail.html"
    section = SECTION
    success_message = gettext_lazy("The programme's status is changed.")
    read = staticmethod(selectors.programme_get)
    service = staticmethod(services.programme_transition)
    subject = "programme"
    page_context = staticmethod(_programme_page)

    def gate_object(self, request: HttpRequest, obj: Any) -> None:
        """Refusals come from the workflow (who may act), on the page."""


class ProgrammeCreateView(ServiceFormView):
    form_class = ProgrammeForm
    template_name = "rollouts/programme_form.html"
    section = SECTION
    capability = MANAGE
    success_message = gettext_lazy("The programme is saved.")

    def get_form_kwargs(self, request: AuthedRequest) -> dict[str, Any]:
        return {"areas": selectors.programme_areas(user=request.user)}

    def perform(self, request: AuthedRequest, form: Any) -> Programme:
        return services.programme_create(actor=request.user, **form.values())


class ProgrammeEditView(_Manage, ServiceFormView):
    form_class = ProgrammeForm
    template_name = "rollouts/programme_form.html"
    section = SECTION
    success_message = gettext_lazy("The programme is saved.")

    def get_object(self, request: AuthedRequest) -> Programme:
        return selectors.programme_get(user=request.user, pk=self.kwargs["pk"])

    def get_initial(self, request: AuthedRequest) -> dict[str, Any]:
        return programme_initial(self.object)

    def get_form_kwargs(self, request: AuthedRequest) -> dict[str, Any]:
        return {"areas": selectors.programme_areas(user=request.user)}

    def perform(self, request: AuthedRequest, form: Any) -> Programme:
        return services.programme_update(
            actor=request.user,
            programme=self.object,
            version=form.cleaned_data.get("version"),
            **form.values(),
        )

    def get_context_data(self, request: AuthedRequest, form: Any) -> dict[str, Any]:
        return {"form": form, "programme": self.object}


# --- milestones -----------------------------------------------------------------------------------


class MilestoneAddView(_Manage, TransitionView):
    """A milestone added from the programme's page."""

    form_class = MilestoneForm
    template_name = "rollouts/programme_detail.html"
    section = SECTION
    success_message = gettext_lazy("The milestone is added.")
    read = staticmethod(selectors.programme_get)
    service = staticmethod(services.milestone_add)
    subject = "programme"
    page_context = staticmethod(_programme_page)
    form_context_name = "milestone_form"


class MilestoneEditView(_Manage, ServiceFormView):
    form_class = MilestoneForm
    template_name = "rollouts/milestone_form.html"
    section = SECTION
    success_message = gettext_lazy("The milestone is saved.")

    def get_object(self, request: AuthedRequest) -> Milestone:
        programme = selectors.programme_get(user=request.user, pk=self.kwargs["pk"])
        self.programme = programme
        row = programme.milestones.filter(pk=self.kwargs["milestone"]).first()
        if row is None:
            from django.http import Http404

            raise Http404
        return row

    def gate_object(self, request: HttpRequest, obj: Any) -> None:
        super().gate_object(request, self.programme)

    def get_initial(self, request: AuthedRequest) -> dict[str, Any]:
        m = self.object
        return {
            "name": m.name,
            "name_hi": m.name_hi,
            "weight": m.weight,
            "evidence": m.evidence,
            "planned_on": m.planned_on,
            "version": self.programme.version,
        }

    def perform(self, request: AuthedRequest, form: Any) -> Programme:
        data = dict(form.cleaned_data)
        services.milestone_update(
            actor=request.user, milestone=self.object, version=data.pop("version"), **data
        )
        return self.programme

    def get_context_data(self, request: AuthedRequest, form: Any) -> dict[str, Any]:
        return {"form": form, "programme": self.programme, "milestone": self.object}


class MilestoneMoveView(_Manage, TransitionView):
    form_class = MilestoneMoveForm
    template_name = "rollouts/programme_detail.html"
    section = SECTION
    read = staticmethod(selectors.programme_get)
    page_context = staticmethod(_programme_page)

    def perform(self, request: AuthedRequest, obj: Programme, form: forms.BaseForm) -> Any:
        milestone = obj.milestones.filter(pk=form.cleaned_data["milestone"]).first()
        if milestone is None:
            from django.http import Http404

            raise Http404
        return services.milestone_move(
            actor=request.user,
            milestone=milestone,
            up=form.cleaned_data["up"],
            version=form.cleaned_data["version"],
        )


# --- targets --------------------------------------------------------------------------------------


class _TargetsAddView(_Manage, ServiceFormView):
    template_name = "rollouts/targets_add.html"
    section = SECTION
    by = ""

    def get_object(self, request: AuthedRequest) -> Programme:
        return selectors.programme_get(user=request.user, pk=self.kwargs["pk"])

    def get_initial(self, request: AuthedRequest) -> dict[str, Any]:
        return {"version": self.object.version, "joined_on": timezone.localdate()}

    def get_success_message(self, form: Any, result: Any) -> str:
        return str(
            gettext_lazy("Targets added: %(count)s.") % {"count": len(result)}
            if result
            else gettext_lazy("Every one of them is already in the set; nothing changed.")
        )

    def get_success_url(self, result: Any) -> str:
        return str(self.object.get_absolute_url())

    def get_context_data(self, request: AuthedRequest, form: Any) -> dict[str, Any]:
        return {"form": form, "programme": self.object, "by": self.by}


class TargetsByFilterView(_TargetsAddView):
    form_class = TargetFilterForm
    by = "filter"

    def get_form_kwargs(self, request: AuthedRequest) -> dict[str, Any]:
        return {"areas": selectors.target_filter_areas(self.object)}

    def perform(self, request: AuthedRequest, form: Any) -> list[Target]:
        return services.targets_add_by_filter(
            actor=request.user, programme=self.object, **form.cleaned_data
        )


class TargetsByListView(_TargetsAddView):
    form_class = TargetListForm
    by = "list"

    def get_form_kwargs(self, request: AuthedRequest) -> dict[str, Any]:
        return {"offices": selectors.office_choices(self.object)}

    def perform(self, request: AuthedRequest, form: Any) -> list[Target]:
        return services.targets_add(actor=request.user, programme=self.object, **form.cleaned_data)


def _target_page(request: AuthedRequest, target: Target) -> dict[str, Any]:
    from degs.rollouts.workflow import STEPS

    can_manage = user_can(request.user, MANAGE, target.programme.area)
    return {
        "target": target,
        "programme": target.programme,
        "steps": selectors.target_steps(target),
        "events": [(e, event_label(e, STEPS)) for e in selectors.target_events(target)[:100]],
        "can_manage": can_manage,
        "remove_form": TargetRemoveForm(
            initial={"version": target.version, "left_on": timezone.localdate()}
        )
        if can_manage and target.left_on is None
        else None,
    }


target_detail = ScopedDetailView.as_view(
    read=selectors.target_get,
    template_name="rollouts/target_detail.html",
    page_context=_target_page,
)


class TargetRemoveView(_Manage, TransitionView):
    form_class = TargetRemoveForm
    template_name = "rollouts/target_detail.html"
    section = SECTION
    success_message = gettext_lazy("The target is out of the set from that day.")
    read = staticmethod(selectors.target_get)
    service = staticmethod(services.target_remove)
    subject = "target"
    page_context = staticmethod(_target_page)
    form_context_name = "remove_form"


# --- the directive that follows ----------------------------------------------------------------------


def _follow_form(request: AuthedRequest, programme: Programme, data: Any = None) -> FollowForm:
    from degs.reviews import selectors as reviews

    directives = reviews.open_directives_in_district(user=request.user, area=programme.area)
    return FollowForm(data, directives=directives)


class ProgrammeFollowView(TransitionView):
    section = SECTION
    template_name = "rollouts/programme_detail.html"
    form_class = FollowForm
    read = staticmethod(selectors.programme_get)
    service = staticmethod(services.programme_follow)
    subject = "programme"
    page_context = staticmethod(_programme_page)
    form_context_name = "follow_form"
    success_message = gettext_lazy("The directive now follows this programme.")

    def get_form(self, request: AuthedRequest) -> FollowForm:
        return _follow_form(request, self.object, request.POST)


urlpatterns: list[URLPattern] = [
    path("", programme_list, name="programme_list"),
    path("new/", ProgrammeCreateView.as_view(), name="programme_create"),
    path("<int:pk>/", programme_detail, name="programme_detail"),
    path("<int:pk>/edit/", ProgrammeEditView.as_view(), name="programme_edit"),
    path("<int:pk>/status/", ProgrammeTransitionView.as_view(), name="programme_transition"),
    path("<int:pk>/milestones/", MilestoneAddView.as_view(), name="milestone_add"),
    path(
        "<int:pk>/milestones/<int:milestone>/",
        MilestoneEditView.as_view(),
        name="milestone_edit",
    ),
    path("<int:pk>/milestones/move/", MilestoneMoveView.as_view(), name="milestone_move"),
    path("<int:pk>/targets/by-filter/", TargetsByFilterView.as_view(), name="targets_by_filter"),
    path("<int:pk>/targets/by-list/", TargetsByListView.as_view(), name="targets_by_list"),
    path("<int:pk>/follow/", ProgrammeFollowView.as_view(), name="programme_follow"),
    path("targets/<int:pk>/", target_detail, name="target_detail"),
    path("targets/<int:pk>/leave/", TargetRemoveView.as_view(), name="target_remove"),
]
