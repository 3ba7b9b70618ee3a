"""Pages of the connectivity app's rooms part: the video-conference rooms (list, page, set up,
change) and the test log, with "ready for VC" and why not."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import path
from django.utils.translation import gettext_lazy

from degs.connectivity.filters.rooms import RoomFilterSet
from degs.connectivity.forms.rooms import RoomForm, VcTestForm
from degs.connectivity.models import VcRoom
from degs.connectivity.selectors import rooms as selectors
from degs.connectivity.services import rooms as services
from degs.core.exceptions import PermissionDenied
from degs.core.filters import ScopedFilterSet
from degs.core.generic import ScopedDetailView, ServiceFormView, TransitionView
from degs.core.lists import ScopedListView
from degs.core.permissions import user_can
from degs.core.typing import AuthedRequest


class _WithReadiness:
    """The rooms of a query for the paginator: each room of the page drawn carries its
    ``readiness`` (read from the last-test columns the query already holds)."""

    def __init__(self, qs: Any) -> None:
        self.qs = qs

    def count(self) -> int:
        return int(self.qs.count())

    def __getitem__(self, key: Any) -> list[VcRoom]:
        rooms = list(self.qs[key])
        for room in rooms:
            room.readiness = selectors.readiness(room)
        return rooms


class RoomListView(ScopedListView):
    """The rooms of the user's offices, each with "ready for VC" or why not."""

    filterset_class = RoomFilterSet
    template_name = "connectivity/room_list.html"
    section = "connectivity"

    def rows(self, filterset: ScopedFilterSet) -> Any:
        return _WithReadiness(filterset.qs)

    def extra_context(self, request: HttpRequest, filterset: ScopedFilterSet) -> dict[str, Any]:
        return {"can_manage": user_can(request.user, "connectivity.manage")}


def _room_page(request: AuthedRequest, room: VcRoom, form: Any = None) -> dict[str, Any]:
    area = room.office.area
    can_report = user_can(request.user, "connectivity.report", area) and room.is_active
    return {
        "room": room,
        "readiness": selectors.readiness(room),
        "tests": selectors.room_tests(room=room)[:50],
        "can_manage": user_can(request.user, "connectivity.manage", area),
        "can_report": can_report,
        "test_form": form if form is not None else (VcTestForm() if can_report else None),
    }


class RoomDetailView(ScopedDetailView):
    template_name = "connectivity/room_detail.html"
    section = "connectivity"
    read = staticmethod(selectors.room_get)
    page_context = staticmethod(_room_page)


def _room_form(request: AuthedRequest, data: Any = None, **kwargs: Any) -> RoomForm:
    return RoomForm(
        data,
        offices=selectors.room_offices(user=request.user),
        links=selectors.rooms_links(user=request.user),
        **kwargs,
    )


class RoomCreateView(ServiceFormView):
    form_class = RoomForm
    template_name = "connectivity/room_form.html"
    capability = "connectivity.manage"
    success_message = gettext_lazy("The room is set up.")
    success_url_name = "connectivity:room_detail"

    def get_form(self, request: AuthedRequest, data: Any = None, files: Any = None) -> RoomForm:
        return _room_form(request, data, initial={"is_active": True})

    def perform(self, request: AuthedRequest, form: Any) -> VcRoom:
        return services.room_create(actor=request.user, **form.values())


class RoomEditView(ServiceFormView):
    form_class = RoomForm
    template_name = "connectivity/room_form.html"
    section = "connectivity"
    success_message = gettext_lazy("The room is saved.")
    success_url_name = "connectivity:room_detail"

    def get_object(self, request: AuthedRequest) -> VcRoom:
        return selectors.room_get(user=request.user, pk=self.kwargs["pk"])

    def gate_object(self, request: HttpRequest, obj: VcRoom) -> None:
        if not user_can(request.user, "connectivity.manage", obj.office.area):
            raise PermissionDenied

    def get_form(self, request: AuthedRequest, data: Any = None, files: Any = None) -> RoomForm:
        room = self.object
        initial = {key: getattr(room, key) for key in (*services.ROOM_FIELDS, "version")}
        return _room_form(request, data, initial=initial)

    def perform(self, request: AuthedRequest, form: Any) -> VcRoom:
        return services.room_update(
            actor=request.user,
            room=self.object,
            version=form.cleaned_data["version"] or 0,
            **form.values(),
        )

    def get_context_data(self, request: AuthedRequest, form: Any) -> dict[str, Any]:
        return {"form": form, "room": self.object}


class RoomTestView(TransitionView):
    """A test call recorded from the room's page."""

    form_class = VcTestForm
    template_name = "connectivity/room_detail.html"
    section = "connectivity"
    read = staticmethod(selectors.room_get)
    service = staticmethod(services.vc_test_record)
    subject = "room"
    form_context_name = "test_form"
    success_message = gettext_lazy("The test is recorded.")

    def gate_object(self, request: HttpRequest, obj: VcRoom) -> None:
        if not user_can(request.user, "connectivity.report", obj.office.area):
            raise PermissionDenied

    def get_context_data(self, request: AuthedRequest, obj: Any, form: Any) -> dict[str, Any]:
        return _room_page(request, obj, form)


urlpatterns = [
    path("rooms/", RoomListView.as_view(), name="room_list"),
    path("rooms/new/", RoomCreateView.as_view(), name="room_create"),
    path("rooms/<int:pk>/", RoomDetailView.as_view(), name="room_detail"),
    path("rooms/<int:pk>/edit/", RoomEditView.as_view(), name="room_edit"),
    path("rooms/<int:pk>/test/", RoomTestView.as_view(), name="room_test"),
]
