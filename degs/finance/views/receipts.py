"""Pages of the finance app's receipts part: sanctions (list, page, add, change), a grant
received against a sanction, the society's share of user charges per month (computed and
received, with a button to receive a month), interest credited by the bank."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views import View

from degs.core.exceptions import PermissionDenied
from degs.core.forms import TypedTextMixin
from degs.core.generic import GateMixin, ScopedDetailView, ServiceFormView
from degs.core.lists import ScopedListView
from degs.core.permissions import user_can
from degs.core.typing import AuthedRequest
from degs.directory.models import Area
from degs.finance.filters.receipts import SanctionFilterSet
from degs.finance.forms.receipts import GrantReceiptForm, InterestForm, SanctionForm
from degs.finance.models import Sanction
from degs.finance.selectors import payments as payment_selectors
from degs.finance.selectors import receipts as selectors
from degs.finance.services import receipts as services

SECTION = "finance"


class SanctionListView(ScopedListView):
    filterset_class = SanctionFilterSet
    template_name = "finance/sanction_list.html"
    section = SECTION

    def extra_context(self, request: HttpRequest, filterset: Any) -> dict[str, Any]:
        return {"can_add": user_can(request.user, "finance.close")}


def _sanction_page(request: AuthedRequest, sanction: Sanction, form: Any = None) -> dict[str, Any]:
    received = selectors.sanction_received(sanction)
    can_post = user_can(request.user, "finance.post", sanction.district)
    return {
        "sanction": sanction,
        "received": received,
        "left": sanction.amount_paise - received,
        "receipts": selectors.sanction_receipts(sanction),
        "paid": payment_selectors.payments_for(sanction),
        "can_edit": user_can(request.user, "finance.close", sanction.district),
        "can_post": can_post,
    }


class SanctionDetailView(ScopedDetailView):
    template_name = "finance/sanction_detail.html"
    section = SECTION
    read = staticmethod(selectors.sanction_get)
    page_context = staticmethod(_sanction_page)


def _sanction_form(request: AuthedRequest, data: Any = None, **kwargs: Any) -> SanctionForm:
    return SanctionForm(
        data,
        districts=selectors.district_choices(user=request.user, capability="finance.close"),
        heads=selectors.head_choices(user=request.user, capability="finance.close"),
        **kwargs,
    )


class SanctionCreateView(ServiceFormView):
    form_class = SanctionForm
    template_name = "finance/sanction_form.html"
    section = SECTION
    capability = "finance.close"
    success_message = gettext_lazy("The sanction is recorded.")
    success_url_name = "finance:sanction_detail"

    def get_form(self, request: AuthedRequest, data: Any = None, files: Any = None) -> Any:
        return _sanction_form(request, data)

    def perform(self, request: AuthedRequest, form: Any) -> Sanction:
        return services.sanction_create(actor=request.user, **form.values())


class SanctionEditView(ServiceFormView):
    form_class = SanctionForm
    template_name = "finance/sanction_form.html"
    section = SECTION
    success_message = gettext_lazy("The sanction is saved.")
    success_url_name = "finance:sanction_detail"

    def get_object(self, request: AuthedRequest) -> Sanction:
        return selectors.sanction_get(user=request.user, pk=self.kwargs["pk"])

    def gate_object(self, request: HttpRequest, obj: Sanction) -> None:
        if not user_can(request.user, "finance.close", obj.district):
            raise PermissionDenied

    def get_form(self, request: AuthedRequest, data: Any = None, files: Any = None) -> Any:
        s = self.object
        initial = {name: getattr(s, name) for name in services.SANCTION_FIELDS}
        initial.update(district=s.district_id, seen=s.updated_at.isoformat())
        form = _sanction_form(request, data, initial=initial)
        form.fields["district"].disabled = True
        return form

    def perform(self, request: AuthedRequest, form: Any) -> Sanction:
        values = form.values()
        values.pop("district", None)
        return services.sanction_update(
            actor=request.user, sanction=self.object, seen=form.cleaned_data["seen"], **values
        )

    def get_context_data(self, request: AuthedRequest, form: Any) -> dict[str, Any]:
        return {"form": form, "sanction": self.object}


class GrantReceiveView(ServiceFormView):
    """Money received against a sanction."""

    form_class = GrantReceiptForm
    template_name = "finance/grant_form.html"
    section = SECTION
    success_message = gettext_lazy("The receipt is posted.")
    success_url_name = "finance:sanction_detail"

    def get_object(self, request: AuthedRequest) -> Sanction:
        return selectors.sanction_get(user=request.user, pk=self.kwargs["pk"])

    def gate_object(self, request: HttpRequest, obj: Sanction) -> None:
        if not user_can(request.user, "finance.post", obj.district):
            raise PermissionDenied

    def perform(self, request: AuthedRequest, form: Any) -> Sanction:
        data = form.cleaned_data
        services.grant_receive(
            actor=request.user,
            sanction=self.object,
            date=data["date"],
            amount_paise=data["amount_paise"],
            reference=data["reference"],
            narration=data["narration"],
            source_key=form.submission_key(),
        )
        return self.object

    def get_context_data(self, request: AuthedRequest, form: Any) -> dict[str, Any]:
        received = selectors.sanction_received(self.object)
        return {
            "form": form,
            "sanction": self.object,
            "left": self.object.amount_paise - received,
        }


class InterestView(ServiceFormView):
    form_class = InterestForm
    template_name = "finance/interest_form.html"
    section = SECTION
    capability = "finance.post"
    success_message = gettext_lazy("The interest is posted.")

    def get_form(self, request: AuthedRequest, data: Any = None, files: Any = None) -> Any:
        return InterestForm(data, heads=selectors.head_choices(user=request.user))

    def perform(self, request: AuthedRequest, form: Any) -> Any:
        data = form.cleaned_data
        return services.interest_receive(
            actor=request.user,
            head=data["head"],
            date=data["date"],
            amount_paise=data["amount_paise"],
            reference=data["reference"],
            source_key=form.submission_key(),
        )

    def get_success_url(self, result: Any) -> str:
        return reverse("finance:user_charges")


class UserChargesView(GateMixin, View):
    """Per district and month: the society's share of user charges the applications ledger
    computed and whether it has been received; a button receives a month that is over."""

    section = SECTION
    http_method_names: ClassVar[list[str]] = ["get", "post"]  # type: ignore[misc]

    def get(self, request: AuthedRequest, error: str = "", status: int = 200) -> HttpResponse:
        self.gate(request)
        rows = selectors.user_charges_months(user=request.user)
        for row in rows:
            row.can_receive = (
                row.entry is None
                and row.due > 0
                and selectors.month_end(row.month) < timezone.localdate()
                and user_can(request.user, "finance.post", row.district)
            )
        context = {
            "rows": rows,
            "error": error,
            "can_interest": user_can(request.user, "finance.post"),
        }
        return render(request, "finance/user_charges.html", context, status=status)

    def post(self, request: AuthedRequest) -> HttpResponse:
        self.gate(request)
        form = _ReceiveMonthForm(request.POST)
        if not form.is_valid():
            return self.get(
                request, error=str(gettext_lazy("Choose a month to receive.")), status=400
            )
        district = Area.objects.filter(
            pk=form.cleaned_data["district"], fund_book__isnull=False
        ).first()
        if district is None or not user_can(request.user, "finance.view", district):
            raise Http404
        try:
            entry = services.user_charges_receive(
                actor=request.user, district=district, month=form.cleaned_data["month"]
            )
        except ValidationError as refusal:
            return self.get(request, error=" ".join(refusal.messages), status=400)
        messages.success(
            request,
            gettext_lazy("The share of %(month)s is received (entry no. %(number)s).")
            % {"month": f"{entry.date:%m-%Y}", "number": entry.number},
        )
        return redirect("finance:user_charges")


class _ReceiveMonthForm(TypedTextMixin, forms.Form):
    district = forms.IntegerField(min_value=1)
    month = forms.DateField(input_formats=["%Y-%m"])


urlpatterns = [
    path("sanctions/", SanctionListView.as_view(), name="sanction_list"),
    path("sanctions/new/", SanctionCreateView.as_view(), name="sanction_create"),
    path("sanctions/<int:pk>/", SanctionDetailView.as_view(), name="sanction_detail"),
    path("sanctions/<int:pk>/edit/", SanctionEditView.as_view(), name="sanction_edit"),
    path("sanctions/<int:pk>/receive/", GrantReceiveView.as_view(), name="grant_receive"),
    path("user-charges/", UserChargesView.as_view(), name="user_charges"),
    path("receipts/interest/", InterestView.as_view(), name="interest_receive"),
]
