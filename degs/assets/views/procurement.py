"""Pages of the assets app's procurement part: the case list (and its CSV and Excel export),
a case's page (the route and why, the quotes with the lowest marked, the sanction and the
order, the assets delivered, the history and the step forms), and a case recorded or changed
before its order."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from degs.assets import workflow
from degs.assets.choices import Funding, OrderKind, Route
from degs.assets.filters.procurement import CaseFilterSet
from degs.assets.forms.procurement import (
    CaseForm,
    CloseCancelForm,
    DeliverForm,
    OrderForm,
    QuoteForm,
    QuoteRemoveForm,
    SanctionForm,
)
from degs.assets.models import ProcurementCase
from degs.assets.selectors import procurement as selectors
from degs.assets.services import procurement as services
from degs.core.downloads import table_response
from degs.core.exceptions import PermissionDenied
from degs.core.filters import ScopedFilterSet
from degs.core.formatting import format_date, format_paise
from degs.core.generic import ScopedDetailView, ServiceFormView, TransitionView
from degs.core.lists import ScopedListView
from degs.core.permissions import user_can
from degs.core.typing import AuthedRequest

SECTION = "assets"
FORMATS = ("csv", "xlsx")


def export_header() -> list[str]:
    return [
        gettext("No."),
        gettext("District"),
        gettext("What is needed"),
        gettext("Category"),
        gettext("Quantity"),
        gettext("Estimated value (₹)"),
        gettext("Route"),
        gettext("Status"),
        gettext("Sanction order number"),
        gettext("Sanction order date"),
        gettext("Sanctioned amount (₹)"),
        gettext("Supplier"),
        gettext("Order number"),
        gettext("Order date"),
        gettext("Order value (₹)"),
        gettext("Delivered on"),
        gettext("Recorded on"),
    ]


def export_rows(cases: Iterable[ProcurementCase]) -> Iterable[list[Any]]:
    for c in cases:
        yield [
            c.pk,
            c.area.label,
            c.title,
            c.category.label if c.category else "",
            c.quantity,
            format_paise(c.estimated_paise),
            c.get_route_display(),
            c.get_status_display(),
            c.sanction_number,
            format_date(c.sanction_date),
            format_paise(c.sanctioned_paise),
            c.supplier.name if c.supplier else "",
            c.order_number,
            format_date(c.order_date),
            format_paise(c.order_paise),
            format_date(c.delivered_on),
            format_date(timezone.localtime(c.created_at).date()),
        ]


class CaseListView(ScopedListView):
    """Every case the user sees, filtered; CSV and Excel with the same query."""

    filterset_class = CaseFilterSet
    template_name = "assets/case_list.html"
    section = SECTION
    export_formats = FORMATS

    def export(self, filterset: ScopedFilterSet, fmt: str) -> HttpResponse:
        rows = export_rows(filterset.qs.iterator(chunk_size=2000))
        return table_response(
            export_header(), rows, fmt=fmt, title=gettext("Procurement"), stem="degs-procurement"
        )

    def extra_context(self, request: HttpRequest, filterset: ScopedFilterSet) -> dict[str, Any]:
        return {"can_create": selectors.case_areas(user=request.user).exists()}


case_list = CaseListView.as_view()


# --- a case's page ---------------------------------------------------------------------------


def _step_forms(request: AuthedRequest, case: ProcurementCase) -> dict[str, forms.BaseForm]:
    """The unbound forms of the steps the case's page offers, with what they start from."""
    today = timezone.localdate()
    version = {"version": case.version}
    lowest = selectors.case_quotes(case=case)[:1]
    store = selectors.district_store(case=case)
    return {
        "quote_form": QuoteForm(initial=version, auto_id="quote-%s"),
        "sanction_form": SanctionForm(
            initial={
                **version,
                "sanction_date": today,
                "sanctioned_paise": format_paise(case.estimated_paise),
            },
            auto_id="sanction-%s",
        ),
        "order_form": OrderForm(
            initial={
                **version,
                "order_date": today,
                "order_kind": OrderKind.GEM_ORDER,
                "order_paise": format_paise(lowest[0].amount_paise if lowest else None),
            },
            auto_id="order-%s",
        ),
        "deliver_form": DeliverForm(
            initial={
                **version,
                "delivered_on": today,
                "office": store.pk if store else None,
                "funding": Funding.DEGS_FUND,
            },
            models=selectors.delivery_models(case=case),
            offices=selectors.delivery_offices(user=request.user, case=case),
            auto_id="deliver-%s",
        ),
        "close_form": CloseCancelForm(initial=version, auto_id="close-%s"),
        "cancel_form": CloseCancelForm(initial=version, auto_id="cancel-%s"),
    }


def case_context(request: AuthedRequest, case: ProcurementCase) -> dict[str, Any]:
    quotes = selectors.case_quotes(case=case)
    least = quotes[0].amount_paise if quotes else None
    actions = {t.action: t for t in workflow.CASES.available(case, request.user)}
    manages = user_can(request.user, workflow.MANAGE, case.area)
    before_order = case.status in services.BEFORE_ORDER
    order_event = selectors.order_event(case=case)
    return {
        "case": case,
        "rule": services.route_rule(case.route),
        "rule_source": services.RULE_SOURCE,
        "is_l1": case.route == Route.L1,
        "is_bid": case.route == Route.BID,
        "quotes": [(q, q.amount_paise == least) for q in quotes],
        "l1_problem": services.l1_problem(quotes) if case.route == Route.L1 else "",
        "actions": actions,
        "can_edit": manages and before_order,
        "can_quote": manages and before_order,
        "bid_number": (order_event.data or {}).get("bid_number", "") if order_event else "",
        "assets": selectors.case_assets(case=case),
        "events": selectors.case_events(case=case),
        **_step_forms(request, case),
    }


case_detail = ScopedDetailView.as_view(
    read=selectors.case_get,
    template_name="assets/case_detail.html",
    page_context=case_context,
    section=SECTION,
)


class CaseStepView(TransitionView):
    """One step posted from the case's page; refused, the page again with why and what was
    typed, by the form it came from."""

    template_name = "assets/case_detail.html"
    section = SECTION
    read = staticmethod(selectors.case_get)
    page_context = staticmethod(case_context)
    success_url_name = "assets:case_detail"
    subject = "case"


class QuoteView(CaseStepView):
    form_class = QuoteForm
    form_context_name = "quote_form"
    success_message = gettext_lazy("The quote is recorded.")
    service = staticmethod(services.quote_add)

    def get_form(self, request: AuthedRequest) -> forms.BaseForm:
        return QuoteForm(request.POST, auto_id="quote-%s")

    def service_kwargs(self, form: forms.BaseForm) -> dict[str, Any]:
        data = dict(form.cleaned_data)
        data.pop("remark", None)
        return data


class QuoteRemoveView(CaseStepView):
    """Take back a quote typed by mistake, before the order."""

    form_class = QuoteRemoveForm
    form_context_name = "quote_remove_form"
    success_message = gettext_lazy("The quote is removed.")
    service = staticmethod(services.quote_remove)

    def service_kwargs(self, form: forms.BaseForm) -> dict[str, Any]:
        data = dict(form.cleaned_data)
        data.pop("remark", None)
        return data


class SanctionView(CaseStepView):
    form_class = SanctionForm
    form_context_name = "sanction_form"
    success_message = gettext_lazy("The sanction is recorded.")
    service = staticmethod(services.case_sanction)

    def get_form(self, request: AuthedRequest) -> forms.BaseForm:
        return SanctionForm(request.POST, auto_id="sanction-%s")


class OrderView(CaseStepView):
    form_class = OrderForm
    form_context_name = "order_form"
    success_message = gettext_lazy("The order is recorded.")
    service = staticmethod(services.case_order)

    def get_form(self, request: AuthedRequest) -> forms.BaseForm:
        return OrderForm(request.POST, auto_id="order-%s")


class DeliverView(CaseStepView):
    form_class = DeliverForm
    form_context_name = "deliver_form"
    service = staticmethod(services.case_deliver)

    def get_form(self, request: AuthedRequest) -> forms.BaseForm:
        case = self.object
        return DeliverForm(
            request.POST,
            models=selectors.delivery_models(case=case),
            offices=selectors.delivery_offices(user=request.user, case=case),
            auto_id="deliver-%s",
        )

    def get_success_message(self, result: Any) -> str:
        return gettext("The delivery is recorded: %(n)s items are in the register.") % {
            "n": result.quantity
        }


class CloseCancelView(CaseStepView):
    form_class = CloseCancelForm
    form_context_name = "step_form"
    service = staticmethod(services.case_step)

    def get_form(self, request: AuthedRequest) -> forms.BaseForm:
        action = "close" if request.POST.get("action") == "close" else "cancel"
        return CloseCancelForm(request.POST, auto_id=action + "-%s")

    def get_context_data(
        self, request: AuthedRequest, obj: Any, form: forms.BaseForm
    ) -> dict[str, Any]:
        context = super().get_context_data(request, obj, form)
        action = "close" if form.data.get("action") == "close" else "cancel"
        context[f"{action}_form"] = context.pop("step_form")
        return context

    def get_success_message(self, result: Any) -> str:
        if self.form.cleaned_data["action"] == "close":
            return gettext("The case is closed.")
        return gettext("The case is cancelled.")


# --- recording and changing a case ----------------------------------------------------------


class CaseCreateView(ServiceFormView):
    """Record a need: the district (where the user manages equipment), what, why, how many,
    the estimate in rupees."""

    form_class = CaseForm
    template_name = "assets/case_form.html"
    section = SECTION
    capability = workflow.MANAGE
    success_message = gettext_lazy("The case is recorded.")

    def get_form_kwargs(self, request: AuthedRequest) -> dict[str, Any]:
        return {"areas": selectors.case_areas(user=request.user)}

    def get_context_data(self, request: AuthedRequest, form: forms.BaseForm) -> dict[str, Any]:
        return {**super().get_context_data(request, form), "routes": _routes()}

    def perform(self, request: AuthedRequest, form: forms.BaseForm) -> ProcurementCase:
        data = dict(form.cleaned_data)
        data.pop("version", None)
        return services.case_create(actor=request.user, **data)


def _routes() -> list[tuple[str, str]]:
    return [(str(label), services.route_rule(value)) for value, label in Route.choices]


class CaseEditView(ServiceFormView):
    """Change a case before its order; the route follows the new estimate."""

    form_class = CaseForm
    template_name = "assets/case_form.html"
    section = SECTION
    success_message = gettext_lazy("The case is changed.")

    def get_object(self, request: AuthedRequest) -> ProcurementCase:
        return selectors.case_get(user=request.user, pk=self.kwargs["pk"])

    def gate_object(self, request: HttpRequest, obj: Any) -> None:
        if not user_can(request.user, workflow.MANAGE, obj.area):
            raise PermissionDenied

    def get_form_kwargs(self, request: AuthedRequest) -> dict[str, Any]:
        return {"editing": True}

    def get_initial(self, request: AuthedRequest) -> dict[str, Any]:
        case = self.object
        return {
            "title": case.title,
            "need": case.need,
            "category": case.category_id,
            "quantity": case.quantity,
            "estimated_paise": format_paise(case.estimated_paise),
            "version": case.version,
        }

    def get_context_data(self, request: AuthedRequest, form: forms.BaseForm) -> dict[str, Any]:
        return {**super().get_context_data(request, form), "routes": _routes()}

    def perform(self, request: AuthedRequest, form: forms.BaseForm) -> ProcurementCase:
        data = dict(form.cleaned_data)
        return services.case_edit(actor=request.user, case=self.object, **data)


urlpatterns: list[URLPattern] = [
    path("procurement/", case_list, name="case_list"),
    path("procurement/new/", CaseCreateView.as_view(), name="case_create"),
    path("procurement/<int:pk>/", case_detail, name="case_detail"),
    path("procurement/<int:pk>/edit/", CaseEditView.as_view(), name="case_edit"),
    path("procurement/<int:pk>/quote/", QuoteView.as_view(), name="case_quote"),
    path("procurement/<int:pk>/quote/remove/", QuoteRemoveView.as_view(), name="case_quote_remove"),
    path("procurement/<int:pk>/sanction/", SanctionView.as_view(), name="case_sanction"),
    path("procurement/<int:pk>/order/", OrderView.as_view(), name="case_order"),
    path("procurement/<int:pk>/deliver/", DeliverView.as_view(), name="case_deliver"),
    path("procurement/<int:pk>/step/", CloseCancelView.as_view(), name="case_step"),
]
