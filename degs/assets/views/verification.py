"""Pages of the verification part: this year's verification of an asset (condition found,
photo, the phone's position) and the list of equipment not verified this financial year, by
office; a verification's photo."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404
from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from degs.assets.filters.verification import UnverifiedFilterSet
from degs.assets.forms.verification import VerificationForm
from degs.assets.models import Asset, Verification
from degs.assets.selectors import register as selectors
from degs.assets.services import verification as services
from degs.core.downloads import stored_file_response
from degs.core.exceptions import PermissionDenied
from degs.core.filters import ScopedFilterSet
from degs.core.generic import ServiceFormView
from degs.core.lists import ScopedListView
from degs.core.permissions import require_section
from degs.core.typing import AuthedRequest
from degs.core.years import financial_year_label, financial_year_of

SECTION = "assets"


class VerificationCreateView(ServiceFormView):
    """This financial year's verification of one asset. A photo that passed is held for the
    form, so a form returned for a mistake does not ask for it again."""

    form_class = VerificationForm
    template_name = "assets/verification_form.html"
    section = SECTION
    invalid_status = 400
    success_message = gettext_lazy("The verification is recorded.")

    def get_object(self, request: AuthedRequest) -> Asset:
        return selectors.asset_get(user=request.user, pk=self.kwargs["pk"])

    def gate_object(self, request: HttpRequest, obj: Asset) -> None:
        if not services.may_verify(request.user, obj):
            raise PermissionDenied

    def hold_files(self, request: AuthedRequest, form: Any) -> list[str]:
        form.held, problems = services.photo_hold(
            actor=request.user,
            token=form.held_token(),
            photo=request.FILES.get("photo"),
            remove=form.removed_held(),
        )
        for message in problems:
            form.add_error("photo", message)
        return []

    def perform(self, request: AuthedRequest, form: Any) -> Verification:
        data = form.cleaned_data
        return services.verification_record(
            actor=request.user,
            asset=self.object,
            condition=data["condition"],
            verified_on=data["verified_on"],
            latitude=data.get("latitude"),
            longitude=data.get("longitude"),
            held=list(form.held.values()),
            remark=data.get("remark", ""),
        )

    def get_success_url(self, result: Verification) -> str:
        return self.object.get_absolute_url()

    def get_context_data(self, request: AuthedRequest, form: Any) -> dict[str, Any]:
        return {
            "form": form,
            "asset": self.object,
            "year": financial_year_label(financial_year_of()),
            "held": form.held if form.is_bound else {},
        }


class UnverifiedListView(ScopedListView):
    """Equipment not verified this financial year, by office: each office sees its own."""

    filterset_class = UnverifiedFilterSet
    template_name = "assets/verification_due.html"
    section = SECTION

    def extra_context(self, request: HttpRequest, filterset: ScopedFilterSet) -> dict[str, Any]:
        return {"year": financial_year_label(financial_year_of())}


@login_required
@require_GET
def verification_photo(request: AuthedRequest, pk: int) -> HttpResponseBase:
    """A verification's photo, to those who see its asset."""
    require_section(request.user, SECTION)
    row = get_object_or_404(Verification.objects.visible_to(request.user), pk=pk)
    if not row.photo:
        raise PermissionDenied
    kind = "image/png" if row.photo.name.endswith(".png") else "image/jpeg"
    return stored_file_response(
        row.photo, filename=row.photo.name.rsplit("/", 1)[-1], content_type=kind, inline=True
    )


urlpatterns: list[URLPattern] = [
    path(
        "equipment/<int:pk>/verify/",
        VerificationCreateView.as_view(),
        name="verification_create",
    ),
    path("equipment/not-verified/", UnverifiedListView.as_view(), name="verification_due"),
    path("verifications/<int:pk>/photo/", verification_photo, name="verification_photo"),
]
