"""Pages of the connectivity app's speed part: the speed tests (list, export, record by hand)
and the links below their committed speed."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from degs.connectivity.filters.speed import SpeedTestFilterSet
from degs.connectivity.forms.speed import SpeedTestForm
from degs.connectivity.selectors import speed as selectors
from degs.connectivity.services import speed as services
from degs.core.downloads import table_response
from degs.core.filters import ScopedFilterSet
from degs.core.generic import GateMixin, ServiceFormView
from degs.core.lists import ScopedListView
from degs.core.pagination import paginate
from degs.core.permissions import user_can
from degs.core.typing import AuthedRequest

EXPORT_LIMIT = 50_000


def _export_rows(qs: Any) -> Any:
    for t in qs[:EXPORT_LIMIT].iterator(chunk_size=2000):
        yield [
            t.link.circuit_id,
            t.link.site_label,
            t.link.provider.label,
            timezone.localtime(t.at).strftime("%d-%m-%Y %H:%M"),
            t.down_kbps,
            t.up_kbps,
            t.link.committed_kbps,
            t.latency_ms,
            t.place,
            t.get_source_display(),
            t.recorded_by.label if t.recorded_by else "",
        ]


class SpeedListView(ScopedListView):
    """The speed tests of the user's links, filtered; the same filters feed the export."""

    filterset_class = SpeedTestFilterSet
    template_name = "connectivity/speed_list.html"
    section = "connectivity"
    export_formats = ("csv", "xlsx")

    def export(self, filterset: ScopedFilterSet, fmt: str) -> HttpResponse:
        header = [
            _("Circuit ID"),
            _("Site"),
            _("Provider"),
            _("Tested at"),
            _("Download (kbps)"),
            _("Upload (kbps)"),
            _("Committed speed (kbps)"),
            _("Latency (ms)"),
            _("Where"),
            _("Source"),
            _("Recorded by"),
        ]
        rows = _export_rows(filterset.qs)
        return table_response(
            header, rows, fmt=fmt, title=_("Speed tests"), filename=f"speed-tests.{fmt}"
        )

    def extra_context(self, request: HttpRequest, filterset: ScopedFilterSet) -> dict[str, Any]:
        return {"can_report": user_can(request.user, "connectivity.report")}


class SpeedCreateView(ServiceFormView):
    """A speed test typed in by hand (in kbps or Mbps)."""

    form_class = SpeedTestForm
    template_name = "connectivity/speed_form.html"
    capability = "connectivity.report"
    success_message = gettext_lazy("The speed test is recorded.")

    def get_form(self, request: AuthedRequest, data: Any = None, files: Any = None) -> Any:
        initial = {}
        if request.GET.get("link", "").isdigit():
            initial["link"] = int(request.GET["link"])
        return SpeedTestForm(
            data, links=selectors.testable_links(user=request.user), initial=initial
        )

    def perform(self, request: AuthedRequest, form: Any) -> Any:
        data = form.cleaned_data
        return services.speed_test_record(
            actor=request.user,
            link=data["link"],
            down_kbps=form.kbps("down"),
            up_kbps=form.kbps("up"),
            latency_ms=data.get("latency_ms"),
            place=data.get("place") or "",
            at=data["at"],
        )

    def get_success_url(self, result: Any) -> str:
        return reverse("connectivity:speed_list") + f"?link={result.link_id}"


class SpeedBelowView(GateMixin, View):
    """The DC's list: offices whose latest speed test of the last 30 days is below the
    committed speed, with the shortfall."""

    section = "connectivity"
    http_method_names = ["get", "head"]

    def get(self, request: AuthedRequest) -> HttpResponse:
        self.gate(request)
        rows = selectors.links_below_committed(user=request.user, days=30)
        return render(
            request, "connectivity/speed_below.html", {"page": paginate(request, rows), "days": 30}
        )


urlpatterns = [
    path("speed/", SpeedListView.as_view(), name="speed_list"),
    path("speed/new/", SpeedCreateView.as_view(), name="speed_create"),
    path("speed/below-committed/", SpeedBelowView.as_view(), name="speed_below"),
]
