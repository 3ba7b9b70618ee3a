"""Pages of the connectivity app's uptime part: the month's uptime per block, provider and
link, and the SLA report a DeGS sends a provider (a page, a PDF and a workbook, in the
reader's language)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import URLPattern, path, reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views import View

from degs.connectivity.filters.uptime import UptimeFilterSet
from degs.connectivity.models import Link
from degs.connectivity.selectors import uptime as selectors
from degs.core.downloads import file_response
from degs.core.formatting import format_date
from degs.core.generic import GateMixin
from degs.core.pdf import FONTS, html_to_pdf
from degs.core.tabular import XLSX_TYPE, Sheet, write_xlsx_sheets
from degs.core.typing import AuthedRequest

LINKS_PER_PAGE = 100


def outages_url(link: Link, month: dt.date) -> str:
    """The link's outages in a month: its provider's SLA report narrowed to the link."""
    query = urlencode({"month": f"{month:%Y-%m}", "link": str(link.pk)})
    return reverse("connectivity:sla_report", args=[link.provider_id]) + "?" + query


def _yes_no(value: bool | None) -> str:
    if value is None:
        return "—"
    return _("yes") if value else _("no")


class UptimeView(GateMixin, View):
    """The month's uptime of the links the user sees: per block, per provider, then each link,
    those below their SLA's target first."""

    section = "connectivity"
    http_method_names = ["get", "head"]

    def get(self, request: AuthedRequest) -> HttpResponse:
        self.gate(request)
        filterset = UptimeFilterSet(request.GET or None, user=request.user)
        month = filterset.chosen_month
        report = selectors.uptime_report(user=request.user, month=month, links=filterset.qs)
        page = Paginator(report.below_target_first, LINKS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        for line in page:
            line.outages_url = outages_url(line.link, month)  # type: ignore[attr-defined]
        return render(
            request,
            "connectivity/uptime.html",
            {
                "filterset": filterset,
                "form": filterset.form,
                "report": report,
                "month": month,
                "page": page,
                "month_query": f"month={month:%Y-%m}",
                "area_query": _area_query(filterset),
            },
        )


def _area_query(filterset: UptimeFilterSet) -> str:
    area = filterset.values.get("area")
    return f"&area={area}" if area else ""


# --- the SLA report ----------------------------------------------------------------------------


def sla_context(request: AuthedRequest, provider_pk: int) -> dict[str, Any]:
    """The SLA report of one provider for the filter set's month and area: the provider must
    have a link the user sees (404 otherwise), and only the links the user sees are in it."""
    provider = get_object_or_404(selectors.report_providers(user=request.user), pk=provider_pk)
    filterset = UptimeFilterSet(request.GET or None, user=request.user)
    month = filterset.chosen_month
    report = selectors.uptime_report(
        user=request.user, month=month, provider=provider, links=filterset.qs, outage_rows=True
    )
    outages = [(line, o) for line in report.links for o in line.outages]
    total = report.total
    return {
        "provider": provider,
        "filterset": filterset,
        "form": filterset.form,
        "report": report,
        "month": month,
        "query": filterset.query() or f"month={month:%Y-%m}",
        "month_query": f"month={month:%Y-%m}",
        "one_link": bool(filterset.values.get("link")),
        "outages": outages,
        "totals": {
            "links": total.links,
            "with_figure": total.with_figure,
            "meeting": total.meeting,
            "percent": total.percent,
            "down": selectors.hours(total.down_seconds),
            "outages": len(outages),
            "counted": sum(1 for _line, o in outages if o.counted_seconds),
            "responded_late": sum(1 for _line, o in outages if o.respond_within is False),
            "restored_late": sum(1 for _line, o in outages if o.restore_within is False),
        },
    }


class SlaReportView(GateMixin, View):
    """The SLA report as a page, with its PDF and workbook for download."""

    section = "connectivity"
    http_method_names = ["get", "head"]

    def get(self, request: AuthedRequest, pk: int) -> HttpResponse:
        self.gate(request)
        return render(request, "connectivity/sla_report.html", sla_context(request, pk))


def _language(request: AuthedRequest) -> str:
    """The language the file is written in: ``?lang=`` (hi or en), else the reader's."""
    chosen = request.GET.get("lang")
    if chosen in dict(settings.LANGUAGES):
        return chosen
    return translation.get_language() or settings.LANGUAGE_CODE


def _filename(context: dict[str, Any], extension: str) -> str:
    return f"sla-{context['provider'].code}-{context['month']:%Y-%m}.{extension}"


class SlaReportPdfView(GateMixin, View):
    section = "connectivity"
    http_method_names = ["get", "head"]

    def get(self, request: AuthedRequest, pk: int) -> HttpResponse:
        self.gate(request)
        with translation.override(_language(request)):
            context = sla_context(request, pk)
            html = render_to_string(
                "connectivity/sla_report_pdf.html",
                {**context, "fonts": FONTS.as_uri(), "printed": timezone.localdate()},
            )
        return file_response(
            html_to_pdf(html),
            filename=_filename(context, "pdf"),
            content_type="application/pdf",
        )


class SlaReportXlsxView(GateMixin, View):
    section = "connectivity"
    http_method_names = ["get", "head"]

    def get(self, request: AuthedRequest, pk: int) -> HttpResponse:
        self.gate(request)
        with translation.override(_language(request)):
            context = sla_context(request, pk)
            content = write_xlsx_sheets(_sheets(context))
        return file_response(content, filename=_filename(context, "xlsx"), content_type=XLSX_TYPE)


def _sheets(context: dict[str, Any]) -> list[Sheet]:
    """The workbook: the links with their uptime against the target, the outages, the totals
    (written by the one spreadsheet writer, which keeps a cell such as ``=1+1`` from running)."""
    report = context["report"]
    links = [
        [
            line.link.circuit_id,
            line.link.site_label,
            line.block.label if line.block else "",
            line.uptime.in_service_hours,
            line.uptime.down_hours,
            line.uptime.percent,
            line.target,
            _yes_no(line.meets_target),
        ]
        for line in report.links
    ]
    outages = [
        [
            line.link.circuit_id,
            o.outage.provider_reference,
            o.outage.get_cause_display(),
            format_date(o.outage.started_at),
            format_date(o.outage.responded_at),
            format_date(o.outage.respond_due_at),
            _yes_no(o.respond_within),
            format_date(o.outage.restored_at),
            format_date(o.outage.restore_due_at),
            _yes_no(o.restore_within),
            o.counted_hours,
            _("short drop, not counted") if o.short_drop else "",
        ]
        for line, o in context["outages"]
    ]
    totals = context["totals"]
    summary = [
        [_("Provider"), context["provider"].label],
        [_("Month"), f"{context['month']:%m-%Y}"],
        [_("Links"), totals["links"]],
        [_("Links with a figure"), totals["with_figure"]],
        [_("Links meeting the target"), totals["meeting"]],
        [_("Uptime (%)"), totals["percent"]],
        [_("Outages"), totals["outages"]],
        [_("Answered late"), totals["responded_late"]],
        [_("Restored late"), totals["restored_late"]],
    ]
    return [
        (
            _("Links"),
            [
                _("Circuit ID"),
                _("Site"),
                _("Block"),
                _("Hours in service"),
                _("Hours down"),
                _("Uptime (%)"),
                _("Target (%)"),
                _("Meets the target"),
            ],
            links,
        ),
        (
            _("Outages"),
            [
                _("Circuit ID"),
                _("Provider's docket number"),
                _("Cause"),
                _("Down since"),
                _("Acknowledged at"),
                _("Respond by"),
                _("Responded in time"),
                _("Restored at"),
                _("Restore by"),
                _("Restored in time"),
                _("Hours counted"),
                _("Note"),
            ],
            outages,
        ),
        (_("Totals"), [_("What"), _("Value")], summary),
    ]


urlpatterns: list[URLPattern] = [
    path("uptime/", UptimeView.as_view(), name="uptime"),
    path("uptime/sla/<int:pk>/", SlaReportView.as_view(), name="sla_report"),
    path("uptime/sla/<int:pk>/pdf/", SlaReportPdfView.as_view(), name="sla_report_pdf"),
    path("uptime/sla/<int:pk>/xlsx/", SlaReportXlsxView.as_view(), name="sla_report_xlsx"),
]
