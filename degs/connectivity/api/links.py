"""The API of the connectivity app's links part: links (list with the page's filters, one,
create, change, status step) and providers. Scoped like the pages: a link outside the caller's
areas answers 404; writes go through the services as the caller."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from ninja import Router

from degs.connectivity.api.references import find_rows
from degs.connectivity.choices import LinkKind
from degs.connectivity.filters.links import LinkFilterSet
from degs.connectivity.models import Sla
from degs.connectivity.schemas.links import LinkIn, LinkOut, LinkPatch, LinkStepIn, ProviderOut
from degs.connectivity.selectors import links as selectors
from degs.connectivity.services import links as services
from degs.core.api import act_on
from degs.core.filters import list_operation
from degs.core.permissions import require_section
from degs.core.typing import AuthedRequest

router = Router(tags=["network"])

SECTION = "connectivity"


NOT_FOUND = _("Not found.")


def _references(request: AuthedRequest, values: dict[str, Any]) -> dict[str, Any]:
    """Ids sent for provider, office, panchayat and SLA turned into rows: what the link form
    offers (an office or panchayat outside the caller's areas is not found)."""
    lookups: dict[str, tuple[QuerySet[Any], Any]] = {
        "provider": (selectors.provider_list(), NOT_FOUND),
        "office": (selectors.office_choices(user=request.user), NOT_FOUND),
        "panchayat": (selectors.panchayat_choices(user=request.user), NOT_FOUND),
        "sla": (Sla.objects.all(), NOT_FOUND),
    }
    errors = find_rows(values, lookups)
    if "kind" in values and values["kind"] is not None and values["kind"] not in LinkKind.values:
        errors["kind"] = [_("Unknown kind of link.")]
    if errors:
        raise ValidationError(errors)
    return values


list_operation(
    router,
    "/links/",
    LinkFilterSet,
    LinkOut,
    name="list_links",
    section=SECTION,
    doc="The links the caller sees, filtered as on the link list.",
)


@router.get("/links/{link_id}/", response=LinkOut, url_name="get_link")
def get_link(request: AuthedRequest, link_id: int) -> object:
    require_section(request.user, SECTION)
    return selectors.link_get(user=request.user, pk=link_id)


@router.post("/links/", response={201: LinkOut}, url_name="create_link")
def create_link(request: AuthedRequest, payload: LinkIn) -> object:
    require_section(request.user, SECTION)
    values = _references(request, payload.model_dump())
    link = services.link_create(actor=request.user, **values)
    return 201, selectors.link_get(user=request.user, pk=link.pk)


@router.patch("/links/{link_id}/", response=LinkOut, url_name="update_link")
def update_link(request: AuthedRequest, link_id: int, payload: LinkPatch) -> object:
    require_section(request.user, SECTION)
    link = selectors.link_get(user=request.user, pk=link_id)
    values = payload.model_dump(exclude_unset=True)
    version = values.pop("version")
    for name in ("provider", "circuit_id", "kind", "committed_kbps"):
        if name in values and values[name] is None:
            values.pop(name)
    services.link_update(
        actor=request.user, link=link, version=version, **_references(request, values)
    )
    return selectors.link_get(user=request.user, pk=link_id)


@router.post("/links/{link_id}/status/", response=LinkOut, url_name="step_link")
def step_link(request: AuthedRequest, link_id: int, payload: LinkStepIn) -> object:
    require_section(request.user, SECTION)
    return act_on(
        request,
        link_id,
        read=selectors.link_get,
        service=services.link_transition,
        subject="link",
        payload=payload,
    )


@router.get("/providers/", response=list[ProviderOut], url_name="list_providers")
def list_providers(request: AuthedRequest) -> object:
    """Providers are state-wide: everyone in the section reads them all."""
    require_section(request.user, SECTION)
    return list(selectors.provider_list())
