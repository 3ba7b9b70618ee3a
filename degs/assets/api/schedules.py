"""The assets API's schedules part: the schedules the caller sees, and making one (assets.manage
over its area)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from ninja import Router

from degs.assets.schemas.tickets import ScheduleIn, ScheduleOut
from degs.assets.selectors import schedules as selectors
from degs.assets.selectors import tickets as ticket_selectors
from degs.assets.services import schedules as services
from degs.connectivity.api.references import rows_or_422
from degs.core.permissions import require_section
from degs.core.typing import AuthedRequest

router = Router(tags=["assets"])

SECTION = "assets"
NOT_FOUND = _("Not one you may choose.")


@router.get("/schedules/", response=list[ScheduleOut], url_name="list_schedules")
def list_schedules(request: AuthedRequest) -> object:
    """The maintenance schedules of the caller's areas, next due first (at most 1,000)."""
    require_section(request.user, SECTION)
    return list(selectors.schedule_list(user=request.user)[:1000])


@router.post("/schedules/", response={201: ScheduleOut}, url_name="create_schedule")
def create_schedule(request: AuthedRequest, payload: ScheduleIn) -> object:
    require_section(request.user, SECTION)
    user = request.user
    values: dict[str, Any] = payload.model_dump()
    rows_or_422(
        values,
        {
            "asset": (selectors.manageable_assets(user=user), NOT_FOUND),
            "area": (selectors.manageable_areas(user=user), NOT_FOUND),
            "category": (selectors.categories(), NOT_FOUND),
            "priority": (ticket_selectors.priorities(), NOT_FOUND),
            "vendor": (ticket_selectors.vendors(), NOT_FOUND),
        },
        required=("priority",),
    )
    schedule = services.schedule_save(actor=user, **values)
    return 201, selectors.schedule_get(user=user, pk=schedule.pk)
