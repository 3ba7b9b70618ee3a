"""The assets API's tickets part: tickets (list with the page's filters, one), the pending
technical cases, open one, and act on one (own, resolve, reopen, close, cancel). Scoped like the
pages: a ticket outside the caller's areas answers 404."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from ninja import Router

from degs.assets.filters.tickets import TicketFilterSet
from degs.assets.models import Supplier
from degs.assets.schemas.tickets import TicketActIn, TicketIn, TicketOut
from degs.assets.selectors import tickets as selectors
from degs.assets.services import tickets as services
from degs.connectivity.api.references import rows_or_422
from degs.core.api import act_on
from degs.core.filters import list_operation
from degs.core.permissions import require_section
from degs.core.typing import AuthedRequest

router = Router(tags=["assets"])

SECTION = "assets"
NOT_FOUND = _("Not one you may choose.")

list_operation(
    router,
    "/tickets/",
    TicketFilterSet,
    TicketOut,
    name="list_tickets",
    section=SECTION,
    doc="The tickets the caller sees, filtered as on the ticket list.",
)


@router.get("/tickets/technical-cases/", response=list[TicketOut], url_name="pending_cases")
def pending_cases(request: AuthedRequest) -> object:
    """The district technical committee's pending technical cases: open, oldest first (at most
    500)."""
    require_section(request.user, SECTION)
    return list(selectors.pending_cases(user=request.user)[:500])


@router.get("/tickets/{ticket_id}/", response=TicketOut, url_name="get_ticket")
def get_ticket(request: AuthedRequest, ticket_id: int) -> object:
    require_section(request.user, SECTION)
    return selectors.ticket_get(user=request.user, pk=ticket_id)


@router.post("/tickets/", response={201: TicketOut}, url_name="open_ticket")
def open_ticket(request: AuthedRequest, payload: TicketIn) -> object:
    """Open a ticket about one asset, link or office, on the priority's clocks."""
    require_section(request.user, SECTION)
    user = request.user
    values: dict[str, Any] = payload.model_dump()
    rows_or_422(
        values,
        {
            "asset": (selectors.openable_assets(user=user), NOT_FOUND),
            "link": (selectors.openable_links(user=user), NOT_FOUND),
            "office": (selectors.openable_offices(user=user), NOT_FOUND),
            "priority": (selectors.priorities(), NOT_FOUND),
        },
        required=("priority",),
    )
    ticket = services.ticket_open(actor=user, **values)
    return 201, selectors.ticket_get(user=user, pk=ticket.pk)


def _act(*, actor: Any, ticket: Any, **values: Any) -> Any:
    action = values.pop("action")
    if action == "resolve":
        return services.ticket_resolve(
            actor=actor,
            ticket=ticket,
            version=values["version"],
            resolution=values["remark"],
            vendor=values["vendor"],
            cost_paise=values["cost_paise"],
            back_in_use=values["back_in_use"],
        )
    return services.ticket_act(
        actor=actor,
        ticket=ticket,
        action=action,
        version=values["version"],
        remark=values["remark"],
    )


@router.post("/tickets/{ticket_id}/act/", response=TicketOut, url_name="act_on_ticket")
def act_on_ticket(request: AuthedRequest, ticket_id: int, payload: TicketActIn) -> object:
    """Take a step: ``own``, ``resolve`` (``remark`` says what was done; vendor, cost in paise,
    back in use), ``reopen`` and ``cancel`` (``remark`` says why), ``close``."""
    require_section(request.user, SECTION)
    values = payload.model_dump()
    rows_or_422(values, {"vendor": (Supplier.objects.filter(is_active=True), NOT_FOUND)})
    return act_on(
        request,
        ticket_id,
        read=selectors.ticket_get,
        service=_act,
        subject="ticket",
        payload=payload,
        vendor=values["vendor"],
    )
