"""Pages of the assets app's schedules part: the schedule list, a schedule's page (the assets
it covers, the tickets it opened), and making or changing a schedule."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy

from degs.assets import workflow
from degs.assets.forms.schedules import ScheduleForm
from degs.assets.models import Schedule
from degs.assets.selectors import schedules as selectors
from degs.assets.selectors import tickets as ticket_selectors
from degs.assets.services import schedules as services
from degs.core.filters import ScopedFilterSet
from degs.core.generic import ScopedDetailView, ServiceFormView
from degs.core.lists import ScopedListView
from degs.core.permissions import user_can
from degs.core.typing import AuthedRequest

SECTION = "assets"


class ScheduleFilterSet(ScopedFilterSet):
    scope = staticmethod(selectors.schedule_list)

    class Meta(ScopedFilterSet.Meta):
        model = Schedule


class ScheduleListView(ScopedListView):
    filterset_class = ScheduleFilterSet
    template_name = "assets/schedule_list.html"
    section = SECTION

    def extra_context(self, request: HttpRequest, filterset: ScopedFilterSet) -> dict[str, Any]:
        return {"can_manage": user_can(request.user, workflow.MANAGE)}


schedule_list = ScheduleListView.as_view()


def _schedule_context(request: AuthedRequest, schedule: Schedule) -> dict[str, Any]:
    return {
        "schedule": schedule,
        "assets": selectors.schedule_assets(schedule)[:200],
        "tickets": selectors.schedule_tickets(schedule)[:100],
        "can_manage": user_can(request.user, workflow.MANAGE, schedule.area),
    }


schedule_detail = ScopedDetailView.as_view(
    read=selectors.schedule_get,
    template_name="assets/schedule_detail.html",
    page_context=_schedule_context,
    section=SECTION,
)


class ScheduleFormView(ServiceFormView):
    """Make a schedule, or change one (``pk``)."""

    form_class = ScheduleForm
    template_name = "assets/schedule_form.html"
    section = SECTION
    capability = workflow.MANAGE
    success_message = gettext_lazy("The schedule is saved.")

    def get_object(self, request: AuthedRequest) -> Schedule | None:
        pk = self.kwargs.get("pk")
        return selectors.schedule_get(user=request.user, pk=pk) if pk else None

    def get_initial(self, request: AuthedRequest) -> dict[str, Any]:
        s = self.object
        if s is None:
            initial: dict[str, Any] = {"lead_days": 7, "is_active": True}
            asset = request.GET.get("asset", "")
            if asset.isdigit():
                found = selectors.manageable_assets(user=request.user).filter(pk=int(asset)).first()
                if found is not None:
                    initial["tag"] = found.tag
            return initial
        return {
            "title": s.title,
            "title_hi": s.title_hi,
            "tag": s.asset.tag if s.asset else "",
            "category": s.category_id,
            "area": s.area_id if s.category_id else None,
            "every_days": s.every_days,
            "next_due_on": s.next_due_on,
            "lead_days": s.lead_days,
            "priority": s.priority_id,
            "vendor": s.vendor_id,
            "is_active": s.is_active,
            "version": s.version,
        }

    def get_form_kwargs(self, request: AuthedRequest) -> dict[str, Any]:
        return {
            "assets": selectors.manageable_assets(user=request.user),
            "areas": selectors.manageable_areas(user=request.user),
            "categories": selectors.categories(),
            "priorities": ticket_selectors.priorities(),
            "vendors": ticket_selectors.vendors(),
        }

    def perform(self, request: AuthedRequest, form: Any) -> Schedule:
        data = form.cleaned_data
        return services.schedule_save(
            actor=request.user,
            title=data["title"],
            title_hi=data["title_hi"],
            asset=data["tag"],
            category=data["category"] if not data["tag"] else None,
            area=data["area"],
            every_days=data["every_days"],
            next_due_on=data["next_due_on"],
            lead_days=data["lead_days"],
            priority=data["priority"],
            vendor=data["vendor"],
            is_active=data["is_active"],
            schedule=self.object,
            version=data.get("version"),
        )


schedule_form = ScheduleFormView.as_view()


urlpatterns: list[URLPattern] = [
    path("schedules/", schedule_list, name="schedule_list"),
    path("schedules/new/", schedule_form, name="schedule_create"),
    path("schedules/<int:pk>/", schedule_detail, name="schedule_detail"),
    path("schedules/<int:pk>/edit/", schedule_form, name="schedule_edit"),
]
