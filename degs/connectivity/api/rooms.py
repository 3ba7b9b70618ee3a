"""The API of the connectivity app's rooms part: video-conference rooms (list, one, set up) and
their tests. Each room says whether it is ready for VC and, if not, why."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from ninja import Router

from degs.connectivity.api.references import rows_or_422
from degs.connectivity.filters.rooms import RoomFilterSet
from degs.connectivity.schemas.rooms import RoomIn, RoomOut, VcTestIn, VcTestOut
from degs.connectivity.selectors import rooms as selectors
from degs.connectivity.services import rooms as services
from degs.core.filters import list_operation
from degs.core.typing import AuthedRequest

router = Router(tags=["network"])

list_operation(
    router,
    "/rooms/",
    RoomFilterSet,
    RoomOut,
    name="list_rooms",
    section="connectivity",
    doc="Video-conference rooms of the caller's offices, each with whether it is ready for VC.",
)


@router.get("/rooms/{room_id}/", response=RoomOut, url_name="get_room")
def get_room(request: AuthedRequest, room_id: int) -> object:
    return selectors.room_get(user=request.user, pk=room_id)


@router.post("/rooms/", response={201: RoomOut}, url_name="create_room")
def create_room(request: AuthedRequest, payload: RoomIn) -> object:
    """Set up a room in an office the caller manages; its link is one of the office's."""
    lookups = {
        "office": (selectors.room_offices(user=request.user), _("Unknown office.")),
        "link": (selectors.rooms_links(user=request.user), _("Unknown link.")),
    }
    values = rows_or_422(payload.model_dump(), lookups, required={"office"})
    room = services.room_create(actor=request.user, **values)
    return 201, selectors.room_get(user=request.user, pk=room.pk)


@router.post("/rooms/{room_id}/tests/", response={201: VcTestOut}, url_name="create_room_test")
def create_room_test(request: AuthedRequest, room_id: int, payload: VcTestIn) -> object:
    """Record a test call from the room."""
    room = selectors.room_get(user=request.user, pk=room_id)
    test = services.vc_test_record(actor=request.user, room=room, **payload.model_dump())
    return 201, test
