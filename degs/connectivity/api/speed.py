"""The API of the connectivity app's speed part: speed tests (list, one, record by hand) and the
links below their committed speed. Scoped like the pages."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from ninja import Router
from ninja.pagination import paginate

from degs.connectivity.api.references import rows_or_422
from degs.connectivity.filters.speed import SpeedTestFilterSet
from degs.connectivity.schemas.speed import BelowCommittedOut, SpeedTestIn, SpeedTestOut
from degs.connectivity.selectors import speed as selectors
from degs.connectivity.services import speed as services
from degs.core.api import Pagination
from degs.core.filters import list_operation
from degs.core.permissions import require_section
from degs.core.typing import AuthedRequest

router = Router(tags=["network"])

list_operation(
    router,
    "/speed-tests/",
    SpeedTestFilterSet,
    SpeedTestOut,
    name="list_speed_tests",
    section="connectivity",
    doc="Speed tests of the caller's links, newest first.",
)


@router.get(
    "/speed-tests/below-committed/",
    response=list[BelowCommittedOut],
    url_name="list_links_below_committed",
)
@paginate(Pagination)
def list_links_below_committed(request: AuthedRequest) -> object:
    """Each in-service link whose latest speed test of the last 30 days is below its
    committed speed, with the shortfall in kbps."""
    require_section(request.user, "connectivity")
    return selectors.links_below_committed(user=request.user, days=30)


@router.get("/speed-tests/{test_id}/", response=SpeedTestOut, url_name="get_speed_test")
def get_speed_test(request: AuthedRequest, test_id: int) -> object:
    return selectors.speed_test_get(user=request.user, pk=test_id)


@router.post("/speed-tests/", response={201: SpeedTestOut}, url_name="create_speed_test")
def create_speed_test(request: AuthedRequest, payload: SpeedTestIn) -> object:
    """Record a speed test measured by hand (speeds in kbps)."""
    lookups = {"link": (selectors.testable_links(user=request.user), _("Unknown link."))}
    values = rows_or_422(payload.model_dump(), lookups, required={"link"})
    test = services.speed_test_record(actor=request.user, **values)
    return 201, selectors.speed_test_get(user=request.user, pk=test.pk)
