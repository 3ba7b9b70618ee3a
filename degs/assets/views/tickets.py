"""Pages of the assets app's tickets part: the ticket list (and its CSV and Excel export), the
engineer's queue, the district technical committee's pending technical cases, a ticket's page
with its two clocks and steps, and "open a ticket" (from an asset, a link, or blank)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from django.views import View

from degs.assets import workflow
from degs.assets.filters.tickets import TicketFilterSet
from degs.assets.forms.tickets import TicketForm, TicketStepForm
from degs.assets.models import Ticket
from degs.assets.selectors import tickets as selectors
from degs.assets.services import tickets as services
from degs.core.downloads import table_response
from degs.core.exceptions import PermissionDenied
from degs.core.filters import ScopedFilterSet
from degs.core.formatting import format_date, format_paise
from degs.core.generic import GateMixin, ScopedDetailView, ServiceFormView, TransitionView
from degs.core.lists import ScopedListView
from degs.core.pagination import paginate
from degs.core.permissions import user_can
from degs.core.typing import AuthedRequest

SECTION = "assets"
FORMATS = ("csv", "xlsx")


def _moment(value: Any) -> str:
    return format_date(value) if value is not None else ""


def about(ticket: Ticket) -> str:
    """What a ticket is about, in a few words: the asset's tag, the link's circuit, the office."""
    if ticket.asset is not None:
        return f"{ticket.asset.tag} ({ticket.asset.model})"
    if ticket.link is not None:
        return f"{ticket.link.circuit_id} ({ticket.link.provider.label})"
    return ticket.office.label if ticket.office is not None else ""


def export_header() -> list[str]:
    return [
        gettext("No."),
        gettext("Kind"),
        gettext("About"),
        gettext("Area"),
        gettext("What is wrong"),
        gettext("Priority"),
        gettext("Status"),
        gettext("Opened at"),
        gettext("To be owned by"),
        gettext("To be resolved by"),
        gettext("Handled by"),
        gettext("Resolved at"),
        gettext("What was done"),
        gettext("Vendor"),
        gettext("Cost (₹)"),
        gettext("Overdue"),
    ]


def export_rows(tickets: Iterable[Ticket]) -> Iterable[list[Any]]:
    now = timezone.now()
    late = gettext("yes")
    for t in tickets:
        overdue = t.is_open and (
            (t.status == "open" and t.own_due_at is not None and t.own_due_at < now)
            or (t.resolve_due_at is not None and t.resolve_due_at < now)
        )
        yield [
            t.pk,
            t.get_kind_display(),
            about(t),
            t.area.label,
            t.title,
            t.priority.label,
            t.get_status_display(),
            _moment(t.opened_at),
            _moment(t.own_due_at),
            _moment(t.resolve_due_at),
            (t.owner.full_name or t.owner.username) if t.owner else "",
            _moment(t.resolved_at),
            t.resolution,
            t.vendor.name if t.vendor else "",
            t.cost_paise / 100 if t.cost_paise is not None else "",
            late if overdue else "",
        ]


class TicketListView(ScopedListView):
    """Every ticket the user sees, filtered; CSV and Excel with the same query."""

    filterset_class = TicketFilterSet
    template_name = "assets/ticket_list.html"
    section = SECTION
    export_formats = FORMATS

    def export(self, filterset: ScopedFilterSet, fmt: str) -> HttpResponse:
        rows = export_rows(filterset.qs.iterator(chunk_size=2000))
        return table_response(
            export_header(), rows, fmt=fmt, title=gettext("Tickets"), stem="degs-tickets"
        )

    def rows(self, filterset: ScopedFilterSet) -> Any:
        return filterset.qs

    def extra_context(self, request: HttpRequest, filterset: ScopedFilterSet) -> dict[str, Any]:
        return {
            "can_open": _may_open(request.user),
            "now": timezone.now(),
            "heading": gettext("Tickets"),
        }


ticket_list = TicketListView.as_view()


def _may_open(user: Any) -> bool:
    return any(user_can(user, c) for c in (workflow.REPORT, workflow.SERVICE, workflow.MANAGE))


def _short_list(
    request: AuthedRequest, rows: Any, heading: str, lead: str, template: str
) -> HttpResponse:
    page = paginate(request, rows)
    return render(
        request,
        template,
        {
            "page": page,
            "now": timezone.now(),
            "heading": heading,
            "lead": lead,
            "can_open": _may_open(request.user),
        },
    )


class QueueView(GateMixin, View):
    """The engineer's queue: open tickets of the areas they service, overdue first."""

    section = SECTION
    capability = workflow.SERVICE

    def get(self, request: AuthedRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.gate(request)
        return _short_list(
            request,
            selectors.queue(user=request.user),
            gettext("My queue"),
            gettext("Open tickets of the areas you service, overdue first."),
            "assets/ticket_queue.html",
        )


class PendingCasesView(GateMixin, View):
    """The district technical committee's pending technical cases: open, oldest first."""

    section = SECTION

    def get(self, request: AuthedRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.gate(request)
        return _short_list(
            request,
            selectors.pending_cases(user=request.user),
            gettext("Pending technical cases"),
            gettext(
                "Technical cases still open, oldest first, for the district technical committee."
            ),
            "assets/ticket_queue.html",
        )


ticket_queue = QueueView.as_view()
ticket_pending = PendingCasesView.as_view()


def _ticket_context(request: AuthedRequest, ticket: Ticket) -> dict[str, Any]:
    now = timezone.now()
    actions = {t.action: t for t in workflow.TICKETS.available(ticket, request.user)}
    own, resolve = selectors.ticket_clocks(ticket, now=now)
    return {
        "ticket": ticket,
        "about": about(ticket),
        "own": own,
        "resolve": resolve,
        "actions": actions,
        "events": selectors.ticket_events(ticket=ticket),
        "vendors": selectors.vendors(),
        "under_repair": ticket.asset is not None and ticket.asset.status == "under_repair",
        "cost_shown": format_paise(ticket.cost_paise) if ticket.cost_paise is not None else "",
    }


ticket_detail = ScopedDetailView.as_view(
    read=selectors.ticket_get,
    template_name="assets/ticket_detail.html",
    page_context=_ticket_context,
    section=SECTION,
)


class TicketStepView(TransitionView):
    """Take on, resolve, reopen, close or cancel from the ticket's page; refused, the page again
    with why and what was typed."""

    form_class = TicketStepForm
    template_name = "assets/ticket_detail.html"
    section = SECTION
    read = staticmethod(selectors.ticket_get)
    page_context = staticmethod(_ticket_context)
    success_url_name = "assets:ticket_detail"

    def get_success_message(self, result: Ticket) -> str:
        return {
            "own": gettext("You have taken the ticket on."),
            "resolve": gettext("The ticket is resolved."),
            "reopen": gettext("The ticket is open again."),
            "close": gettext("The ticket is closed."),
            "cancel": gettext("The ticket is cancelled."),
        }.get(self.form.cleaned_data["action"], "")

    def perform(self, request: AuthedRequest, obj: Ticket, form: Any) -> Ticket:
        data = form.cleaned_data
        common = {"actor": request.user, "ticket": obj, "version": data["version"]}
        if data["action"] == "own":
            return services.ticket_own(**common)
        if data["action"] == "resolve":
            return services.ticket_resolve(
                **common,
                resolution=data["remark"],
                vendor=data["vendor"],
                cost_paise=data["cost"],
                back_in_use=data["back_in_use"],
            )
        return services.ticket_step(**common, action=data["action"], remark=data["remark"])


ticket_step = TicketStepView.as_view()


class TicketCreateView(ServiceFormView):
    """Open a ticket: from an asset's page (``?asset=``), a link's (``?link=``), or blank
    choosing the office."""

    form_class = TicketForm
    template_name = "assets/ticket_form.html"
    section = SECTION
    success_message = gettext_lazy("The ticket is open; its clocks are running.")

    def gate(self, request: HttpRequest) -> None:
        super().gate(request)
        if not _may_open(request.user):
            raise PermissionDenied

    def get_initial(self, request: AuthedRequest) -> dict[str, Any]:
        initial: dict[str, Any] = {}
        asset = request.GET.get("asset", "")
        if asset.isdigit():
            found = selectors.openable_assets(user=request.user).filter(pk=int(asset)).first()
            if found is not None:
                initial["tag"] = found.tag
        link = request.GET.get("link", "")
        if link.isdigit():
            initial["link"] = int(link)
        first = selectors.priorities().order_by("-rank").first()
        if first is not None:
            initial["priority"] = first.pk
        return initial

    def get_form_kwargs(self, request: AuthedRequest) -> dict[str, Any]:
        user = request.user
        return {
            "assets": selectors.openable_assets(user=user),
            "links": selectors.openable_links(user=user),
            "offices": selectors.openable_offices(user=user),
            "priorities": selectors.priorities(),
        }

    def perform(self, request: AuthedRequest, form: Any) -> Ticket:
        data = form.cleaned_data
        return services.ticket_open(
            actor=request.user,
            title=data["title"],
            priority=data["priority"],
            asset=data["tag"],
            link=data["link"],
            office=data["office"],
            kind=data["kind"],
            description=data["description"],
            send_for_repair=data["send_for_repair"],
        )


ticket_create = TicketCreateView.as_view()


urlpatterns: list[URLPattern] = [
    path("tickets/", ticket_list, name="ticket_list"),
    path("tickets/new/", ticket_create, name="ticket_create"),
    path("tickets/queue/", ticket_queue, name="ticket_queue"),
    path("tickets/technical-cases/", ticket_pending, name="ticket_pending"),
    path("tickets/<int:pk>/", ticket_detail, name="ticket_detail"),
    path("tickets/<int:pk>/step/", ticket_step, name="ticket_step"),
]
