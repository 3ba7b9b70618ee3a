"""Pages of the connectivity app's phones part: the IP phones of the user's offices (list,
set up, change), the offices without a working phone, and the extension directory that
everyone signed in may search."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext_lazy
from django.views import View

from degs.connectivity.filters.phones import DirectoryFilterSet, PhoneFilterSet
from degs.connectivity.forms.phones import PhoneForm
from degs.connectivity.models import IpPhone
from degs.connectivity.selectors import phones as selectors
from degs.connectivity.services import phones as services
from degs.core.exceptions import PermissionDenied
from degs.core.filters import ScopedFilterSet
from degs.core.generic import GateMixin, ServiceFormView
from degs.core.lists import ScopedListView
from degs.core.pagination import paginate
from degs.core.permissions import user_can
from degs.core.typing import AuthedRequest


class PhoneListView(ScopedListView):
    """The phones of the user's offices with their registration and when last seen."""

    filterset_class = PhoneFilterSet
    template_name = "connectivity/phone_list.html"
    section = "connectivity"

    def extra_context(self, request: HttpRequest, filterset: ScopedFilterSet) -> dict[str, Any]:
        return {"can_manage": user_can(request.user, "connectivity.manage")}


def _phone_form(request: AuthedRequest, data: Any = None, **kwargs: Any) -> PhoneForm:
    return PhoneForm(
        data,
        offices=selectors.phone_offices(user=request.user),
        posts=selectors.phone_posts(user=request.user),
        **kwargs,
    )


class PhoneCreateView(ServiceFormView):
    form_class = PhoneForm
    template_name = "connectivity/phone_form.html"
    capability = "connectivity.manage"
    success_message = gettext_lazy("The phone is set up.")

    def get_form(self, request: AuthedRequest, data: Any = None, files: Any = None) -> PhoneForm:
        return _phone_form(request, data, initial={"is_active": True})

    def perform(self, request: AuthedRequest, form: Any) -> IpPhone:
        return services.phone_create(actor=request.user, **form.values())

    def get_success_url(self, result: Any) -> str:
        return reverse("connectivity:phone_list") + f"?q={result.extension}"


class PhoneEditView(ServiceFormView):
    form_class = PhoneForm
    template_name = "connectivity/phone_form.html"
    section = "connectivity"
    success_message = gettext_lazy("The phone is saved.")

    def get_object(self, request: AuthedRequest) -> IpPhone:
        return selectors.phone_get(user=request.user, pk=self.kwargs["pk"])

    def gate_object(self, request: HttpRequest, obj: IpPhone) -> None:
        if not user_can(request.user, "connectivity.manage", obj.office.area):
            raise PermissionDenied

    def get_form(self, request: AuthedRequest, data: Any = None, files: Any = None) -> PhoneForm:
        phone = self.object
        initial = {key: getattr(phone, key) for key in (*services.PHONE_FIELDS, "version")}
        return _phone_form(request, data, initial=initial)

    def perform(self, request: AuthedRequest, form: Any) -> IpPhone:
        return services.phone_update(
            actor=request.user,
            phone=self.object,
            version=form.cleaned_data["version"] or 0,
            **form.values(),
        )

    def get_success_url(self, result: Any) -> str:
        return reverse("connectivity:phone_list") + f"?q={result.extension}"

    def get_context_data(self, request: AuthedRequest, form: Any) -> dict[str, Any]:
        return {"form": form, "phone": self.object}


class OfficesWithoutPhoneView(GateMixin, View):
    """The offices of the user's areas with no working IP phone."""

    section = "connectivity"
    http_method_names = ["get", "head"]

    def get(self, request: AuthedRequest) -> HttpResponse:
        self.gate(request)
        rows = selectors.offices_without_working_phone(user=request.user)
        return render(
            request,
            "connectivity/phone_offline.html",
            {"page": paginate(request, rows), "hours": settings.DEGS_PHONE_SEEN_HOURS},
        )


class DirectoryView(LoginRequiredMixin, View):
    """The extension directory: every office's phones, for anyone signed in, in any area."""

    http_method_names = ["get", "head"]

    def get(self, request: AuthedRequest) -> HttpResponse:
        filterset = DirectoryFilterSet(request.GET or None, user=request.user)
        return render(
            request,
            "connectivity/phone_directory.html",
            {"filter": filterset, "form": filterset.form, "page": paginate(request, filterset.qs)},
        )


urlpatterns = [
    path("phones/", PhoneListView.as_view(), name="phone_list"),
    path("phones/new/", PhoneCreateView.as_view(), name="phone_create"),
    path("phones/<int:pk>/edit/", PhoneEditView.as_view(), name="phone_edit"),
    path("phones/offices-without/", OfficesWithoutPhoneView.as_view(), name="phone_offline"),
    path("phone-directory/", DirectoryView.as_view(), name="phone_directory"),
]
