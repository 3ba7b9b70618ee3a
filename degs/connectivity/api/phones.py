"""The API of the connectivity app's phones part: IP phones (list, one, set up), the call
server's registrations, and the extension directory (anyone signed in)."""

from __future__ import annotations

from dataclasses import asdict

from django.utils.translation import gettext_lazy as _
from ninja import Router

from degs.connectivity.api.references import rows_or_422
from degs.connectivity.filters.phones import DirectoryFilterSet, PhoneFilterSet
from degs.connectivity.schemas.phones import (
    DirectoryEntryOut,
    PhoneIn,
    PhoneOut,
    RegistrationsIn,
    RegistrationsOut,
)
from degs.connectivity.selectors import phones as selectors
from degs.connectivity.services import phones as services
from degs.core.filters import list_operation
from degs.core.typing import AuthedRequest

router = Router(tags=["network"])

list_operation(
    router,
    "/phones/",
    PhoneFilterSet,
    PhoneOut,
    name="list_phones",
    section="connectivity",
    doc="IP phones of the caller's offices with their registration and when last seen.",
)

list_operation(
    router,
    "/phone-directory/",
    DirectoryFilterSet,
    DirectoryEntryOut,
    name="list_phone_directory",
    doc="The extension directory of every office, for anyone signed in.",
)


@router.post(
    "/phones/registrations/", response=RegistrationsOut, url_name="report_phone_registrations"
)
def report_phone_registrations(request: AuthedRequest, payload: RegistrationsIn) -> object:
    """The call server's report: for each extension, whether it is registered and when it
    saw so. Idempotent; an older report never overwrites a newer one; extensions not among the
    caller's phones are answered under ``unknown``."""
    reports = [r.model_dump() for r in payload.reports]
    return asdict(services.phone_registrations_apply(actor=request.user, reports=reports))


@router.get("/phones/{phone_id}/", response=PhoneOut, url_name="get_phone")
def get_phone(request: AuthedRequest, phone_id: int) -> object:
    return selectors.phone_get(user=request.user, pk=phone_id)


@router.post("/phones/", response={201: PhoneOut}, url_name="create_phone")
def create_phone(request: AuthedRequest, payload: PhoneIn) -> object:
    """Set up a phone in an office the caller manages (extensions are unique)."""
    lookups = {
        "office": (selectors.phone_offices(user=request.user), _("Unknown office.")),
        "post": (selectors.phone_posts(user=request.user), _("Unknown post.")),
    }
    values = rows_or_422(payload.model_dump(), lookups, required={"office"})
    phone = services.phone_create(actor=request.user, **values)
    return 201, selectors.phone_get(user=request.user, pk=phone.pk)
