"""Pages of the connectivity app's outages part: the outage list (and its CSV and Excel
export), an outage's page with its clocks and steps, and "report an outage"."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from degs.connectivity import workflow
from degs.connectivity.filters.outages import OutageFilterSet
from degs.connectivity.forms.outages import OutageForm, OutageStepForm, now_local
from degs.connectivity.models import Outage
from degs.connectivity.selectors import outages as selectors
from degs.connectivity.services import outages as services
from degs.core.downloads import table_response
from degs.core.filters import ScopedFilterSet
from degs.core.formatting import format_date
from degs.core.generic import ScopedDetailView, ServiceFormView, TransitionView
from degs.core.lists import ScopedListView
from degs.core.permissions import user_can
from degs.core.typing import AuthedRequest

SECTION = "connectivity"
FORMATS = ("csv", "xlsx")


def _moment(value: Any) -> str:
    if value is None:
        return ""
    return format_date(value)


def export_rows(outages: Iterable[Outage]) -> Iterable[list[Any]]:
    now = timezone.now()
    for o in outages:
        times = selectors.outage_times(o, now)
        yield [
            o.pk,
            o.link.circuit_id,
            o.link.provider.label,
            o.link.site_label,
            o.link.area.label,
            o.get_status_display(),
            o.get_cause_display(),
            o.get_detected_by_display(),
            _moment(o.started_at),
            _moment(o.responded_at),
            _moment(o.restored_at),
            times.down_for,
            _moment(o.respond_due_at),
            _moment(o.restore_due_at),
            o.get_resolution_display() if o.resolution else "",
            o.escalation_level,
            o.provider_reference,
        ]


def export_header() -> list[str]:
    return [
        gettext("No."),
        gettext("Circuit ID"),
        gettext("Provider"),
        gettext("Site"),
        gettext("Area"),
        gettext("Status"),
        gettext("Cause"),
        gettext("Noticed by"),
        gettext("Down since"),
        gettext("Acknowledged at"),
        gettext("Restored at"),
        gettext("Down for"),
        gettext("Respond by"),
        gettext("Restore by"),
        gettext("Resolution"),
        gettext("Escalated to level"),
        gettext("Provider's docket number"),
    ]


class OutageListView(ScopedListView):
    """Every outage the user sees, filtered; CSV and Excel with the same query."""

    filterset_class = OutageFilterSet
    template_name = "connectivity/outage_list.html"
    section = SECTION
    export_formats = FORMATS

    def export(self, filterset: ScopedFilterSet, fmt: str) -> HttpResponse:
        rows = export_rows(filterset.qs.iterator(chunk_size=2000))
        return table_response(
            export_header(), rows, fmt=fmt, title=gettext("Outages"), stem="degs-outages"
        )

    def rows(self, filterset: ScopedFilterSet) -> Any:
        return filterset.qs

    def extra_context(self, request: HttpRequest, filterset: ScopedFilterSet) -> dict[str, Any]:
        return {
            "can_report": user_can(request.user, workflow.REPORT),
            "now": timezone.now(),
        }


outage_list = OutageListView.as_view()


def _outage_context(request: AuthedRequest, outage: Outage) -> dict[str, Any]:
    now = timezone.now()
    actions = {t.action: t for t in workflow.OUTAGES.available(outage, request.user)}
    return {
        "outage": outage,
        "times": selectors.outage_times(outage, now),
        "actions": actions,
        "events": selectors.outage_events(outage=outage),
        "now_value": now_local(),
        "resolutions": OutageStepForm.base_fields["resolution"].choices,  # type: ignore[attr-defined]
    }


outage_detail = ScopedDetailView.as_view(
    read=selectors.outage_get,
    template_name="connectivity/outage_detail.html",
    page_context=_outage_context,
    section=SECTION,
)


class OutageStepView(TransitionView):
    """Acknowledge, restore or cancel from the outage's page; refused, the page again with
    why and what was typed."""

    form_class = OutageStepForm
    template_name = "connectivity/outage_detail.html"
    section = SECTION
    read = staticmethod(selectors.outage_get)
    page_context = staticmethod(_outage_context)
    success_url_name = "connectivity:outage_detail"

    def get_success_message(self, result: Outage) -> str:
        return {
            "acknowledge": gettext("The provider's acknowledgement is recorded."),
            "restore": gettext("The outage is closed: the link works again."),
            "cancel": gettext("The outage is cancelled."),
        }.get(self.form.cleaned_data["action"], "")

    def perform(self, request: AuthedRequest, obj: Outage, form: Any) -> Outage:
        data = form.cleaned_data
        common = {"actor": request.user, "outage": obj, "version": data["version"]}
        if data["action"] == "acknowledge":
            return services.outage_acknowledge(
                **common, provider_reference=data["provider_reference"], remark=data["remark"]
            )
        if data["action"] == "restore":
            return services.outage_restore(
                **common,
                resolution=data["resolution"],
                remark=data["remark"],
                restored_at=data["restored_at"],
            )
        return services.outage_cancel(**common, remark=data["remark"])


outage_step = OutageStepView.as_view()


class OutageCreateView(ServiceFormView):
    """Report an outage: the links the user may report on, since when (now unless told), the
    cause and what is wrong. From the link's page the link comes chosen (``?link=``)."""

    form_class = OutageForm
    template_name = "connectivity/outage_form.html"
    section = SECTION
    capability = workflow.REPORT
    success_message = gettext_lazy("The outage is recorded; the provider's clocks are running.")

    def get_initial(self, request: AuthedRequest) -> dict[str, Any]:
        initial: dict[str, Any] = {"started_at": now_local()}
        link = request.GET.get("link", "")
        if link.isdigit():
            initial["link"] = int(link)
        return initial

    def get_form_kwargs(self, request: AuthedRequest) -> dict[str, Any]:
        return {"links": selectors.reportable_links(user=request.user)}

    def perform(self, request: AuthedRequest, form: Any) -> Outage:
        data = form.cleaned_data
        return services.outage_open(
            actor=request.user,
            link=data["link"],
            detected_by=data["detected_by"],
            started_at=data["started_at"],
            cause=data["cause"],
            description=data["description"],
            provider_reference=data["provider_reference"],
        )


outage_create = OutageCreateView.as_view()


urlpatterns: list[URLPattern] = [
    path("outages/", outage_list, name="outage_list"),
    path("outages/new/", outage_create, name="outage_create"),
    path("outages/<int:pk>/", outage_detail, name="outage_detail"),
    path("outages/<int:pk>/step/", outage_step, name="outage_step"),
]
