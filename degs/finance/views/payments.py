"""Pages of the finance app's payments part: the payments (filtered by head, what they are
against, payee and dates; a payment's page is its journal entry's) and the payment form,
opened from a sanction, a procurement case or a ticket (``?procurement=<id>``) or blank."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext_lazy

from degs.core.generic import ServiceFormView
from degs.core.lists import ScopedListView
from degs.core.permissions import user_can
from degs.core.typing import AuthedRequest
from degs.finance.filters.payments import PaymentFilterSet
from degs.finance.forms.payments import PaymentForm
from degs.finance.selectors import payments as selectors
from degs.finance.selectors import receipts as receipt_selectors
from degs.finance.services import payments as services

SECTION = "finance"
AGAINST = ("sanction", "procurement", "ticket")


class PaymentListView(ScopedListView):
    filterset_class = PaymentFilterSet
    template_name = "finance/payment_list.html"
    section = SECTION

    def extra_context(self, request: HttpRequest, filterset: Any) -> dict[str, Any]:
        return {"can_pay": user_can(request.user, "finance.post")}


def _choices(user: Any) -> dict[str, Any]:
    return {
        "heads": receipt_selectors.head_choices(user=user),
        "expenses": selectors.expense_accounts(),
        "sanctions": receipt_selectors.sanction_list(user=user),
        "cases": selectors.payable_cases(user=user),
        "tickets": selectors.payable_tickets(user=user),
    }


class PaymentCreateView(ServiceFormView):
    form_class = PaymentForm
    template_name = "finance/payment_form.html"
    section = SECTION
    capability = "finance.post"
    success_message = gettext_lazy("The payment is posted.")

    def thing(self, request: AuthedRequest, choices: dict[str, Any]) -> tuple[str, Any]:
        """What the form was opened to pay (``?procurement=<id>`` and the like), in scope."""
        querysets = {
            "sanction": choices["sanctions"],
            "procurement": choices["cases"],
            "ticket": choices["tickets"],
        }
        for name in AGAINST:
            value = request.GET.get(name, "")
            if value.isdigit():
                return name, get_object_or_404(querysets[name], pk=int(value))
        return "", None

    def get_form(self, request: AuthedRequest, data: Any = None, files: Any = None) -> Any:
        choices = _choices(request.user)
        initial: dict[str, Any] = {}
        if data is None:
            kind, thing = self.thing(request, choices)
            self.paid = None
            if thing is not None:
                initial = {"against": kind, kind: thing.pk}
                self.paid = selectors.payments_for(thing)
                if kind == "sanction":
                    initial["head"] = thing.head_id
                else:
                    expense = "5100" if kind == "procurement" else "5200"
                    initial["expense"] = choices["expenses"].filter(code=expense).first()
                    initial["version"] = thing.version
                    initial["version_of"] = f"{kind}:{thing.pk}"
                    initial["payee"] = str(
                        getattr(thing, "supplier", None) or getattr(thing, "vendor", None) or ""
                    )
                    if self.paid.left:
                        initial["amount_paise"] = self.paid.left
        return PaymentForm(data, initial=initial, **choices)

    def perform(self, request: AuthedRequest, form: Any) -> Any:
        return services.payment_make(actor=request.user, **form.values())

    def get_success_url(self, result: Any) -> str:
        from django.urls import NoReverseMatch, reverse

        try:
            return reverse("finance:entry_detail", args=[result.pk])
        except NoReverseMatch:
            return reverse("finance:payment_list")

    def get_context_data(self, request: AuthedRequest, form: Any) -> dict[str, Any]:
        return {"form": form, "paid": getattr(self, "paid", None)}


urlpatterns = [
    path("payments/", PaymentListView.as_view(), name="payment_list"),
    path("payments/new/", PaymentCreateView.as_view(), name="payment_create"),
]
