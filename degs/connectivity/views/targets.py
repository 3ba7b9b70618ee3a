"""Pages of the sets of links, rooms and phones a directive can be about: the list, a new set,
one set (its progress and members, the directives that follow it) and the form that makes a
directive follow it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy as _

from degs.connectivity.filters.targets import TargetFilterSet
from degs.connectivity.forms.targets import FollowForm, TargetForm
from degs.connectivity.models import NetworkTarget
from degs.connectivity.selectors import targets as selectors
from degs.connectivity.services import targets as services
from degs.core.filters import ScopedFilterSet
from degs.core.generic import ScopedDetailView, ServiceFormView, TransitionView
from degs.core.lists import ScopedListView
from degs.core.pagination import paginate
from degs.core.permissions import user_can
from degs.core.typing import AuthedRequest

SECTION = "connectivity"
MANAGE = "connectivity.manage"


class TargetListView(ScopedListView):
    """The sets the user sees, each with its progress read live."""

    filterset_class = TargetFilterSet
    template_name = "connectivity/target_list.html"
    section = SECTION

    def extra_context(self, request: HttpRequest, filterset: ScopedFilterSet) -> dict[str, Any]:
        return {"can_manage": user_can(request.user, MANAGE)}


class TargetCreateView(ServiceFormView):
    """A new set, by those who manage the network of an area."""

    form_class = TargetForm
    template_name = "connectivity/target_form.html"
    section = SECTION
    capability = MANAGE
    success_message = _("The set is saved.")
    success_url_name = "connectivity:target_detail"

    def get_form_kwargs(self, request: AuthedRequest) -> dict[str, Any]:
        return {"areas": selectors.target_areas(user=request.user)}

    def perform(self, request: AuthedRequest, form: Any) -> NetworkTarget:
        return services.target_create(actor=request.user, **form.cleaned_data)


def _follow_form(request: AuthedRequest, target: NetworkTarget, data: Any = None) -> FollowForm:
    from degs.reviews import selectors as reviews

    directives = reviews.open_directives_in_district(user=request.user, area=target.area)
    return FollowForm(data, directives=directives)


def _target_page(request: AuthedRequest, target: NetworkTarget) -> dict[str, Any]:
    from degs.reviews import selectors as reviews

    done, total = target.progress()
    page = paginate(request, selectors.member_rows(target))
    return {
        "target": target,
        "done": done,
        "total": total,
        "percent": round(100 * done / total) if total else None,
        "page": page,
        "members": selectors.member_states(target, page),
        "linked": reviews.directives_about(user=request.user, target=target),
        "follow_form": _follow_form(request, target),
    }


class TargetDetailView(ScopedDetailView):
    """One set: progress, members with their state and why not done, the directives that
    follow it and the form that makes another follow it."""

    section = SECTION
    template_name = "connectivity/target_detail.html"
    read = staticmethod(selectors.target_get)
    page_context = staticmethod(_target_page)


class TargetFollowView(TransitionView):
    """A directive made to follow the set (posted from the set's page); refused, the page is
    drawn again with the reason above the form."""

    section = SECTION
    template_name = "connectivity/target_detail.html"
    form_class = FollowForm
    read = staticmethod(selectors.target_get)
    service = staticmethod(services.target_follow)
    subject = "target"
    page_context = staticmethod(_target_page)
    form_context_name = "follow_form"
    success_message = _("The directive now follows this set.")

    def get_form(self, request: AuthedRequest) -> FollowForm:
        return _follow_form(request, self.object, request.POST)


urlpatterns: list[URLPattern] = [
    path("targets/", TargetListView.as_view(), name="target_list"),
    path("targets/new/", TargetCreateView.as_view(), name="target_create"),
    path("targets/<int:pk>/", TargetDetailView.as_view(), name="target_detail"),
    path("targets/<int:pk>/follow/", TargetFollowView.as_view(), name="target_follow"),
]
