"""Pages of the finance app's ledger part: the journal (filtered; CSV and Excel), an entry's
page with its reversal, the journal entry form, the month close page, the trial balance and
the fund heads (docs/finance.md, "The ledger")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from degs.core.downloads import table_response
from degs.core.exceptions import PermissionDenied
from degs.core.filters import ScopedFilterSet
from degs.core.formatting import format_date, format_paise
from degs.core.forms import REFUSALS, service_on_form
from degs.core.generic import ScopedDetailView, ServiceFormView, TransitionView
from degs.core.lists import ScopedListView
from degs.core.permissions import require_section, user_can
from degs.core.typing import AuthedRequest
from degs.finance.filters.ledger import EntryFilterSet
from degs.finance.forms.ledger import (
    MAX_ROWS,
    ROWS,
    FundHeadForm,
    JournalForm,
    LegFormSet,
    MonthCloseForm,
    ReverseForm,
)
from degs.finance.models import Entry, FundHead
from degs.finance.selectors import ledger as selectors
from degs.finance.selectors.receipts import district_choices, head_choices
from degs.finance.services import ledger as services

SECTION = "finance"
FORMATS = ("csv", "xlsx")


def export_header() -> list[str]:
    return [
        gettext("No."),
        gettext("Date"),
        gettext("Society"),
        gettext("Kind"),
        gettext("Narration"),
        gettext("Received from / paid to"),
        gettext("Reference"),
        gettext("Debits (₹)"),
        gettext("Reverses no."),
    ]


def export_rows(entries: Iterable[Entry]) -> Iterable[list[Any]]:
    for e in entries:
        yield [
            e.number,
            format_date(e.date),
            e.district.label,
            e.get_kind_display(),
            e.narration,
            e.party,
            e.reference,
            format_paise(e.debit_total),  # type: ignore[attr-defined]
            e.reverses.number if e.reverses else "",
        ]


def _with_totals(qs: Any) -> Any:
    from django.db.models import Q, Sum

    return qs.annotate(debit_total=Sum("legs__amount_paise", filter=Q(legs__amount_paise__gt=0)))


class EntryListView(ScopedListView):
    """The journal: every posted entry of the societies the user sees, filtered."""

    filterset_class = EntryFilterSet
    template_name = "finance/entry_list.html"
    section = SECTION
    export_formats = FORMATS

    def export(self, filterset: ScopedFilterSet, fmt: str) -> HttpResponse:
        rows = export_rows(_with_totals(filterset.qs).iterator(chunk_size=2000))
        return table_response(
            export_header(), rows, fmt=fmt, title=gettext("Journal"), stem="degs-journal"
        )

    def rows(self, filterset: ScopedFilterSet) -> Any:
        return _with_totals(filterset.qs)

    def extra_context(self, request: HttpRequest, filterset: ScopedFilterSet) -> dict[str, Any]:
        return {
            "can_post": user_can(request.user, services.POST),
            "can_close": user_can(request.user, services.CLOSE),
        }


def _entry_context(request: AuthedRequest, entry: Entry) -> dict[str, Any]:
    legs = selectors.entry_legs(entry)
    for leg in legs:
        leg.debit = max(leg.amount_paise, 0)  # type: ignore[attr-defined]
        leg.credit = max(-leg.amount_paise, 0)  # type: ignore[attr-defined]
    reversal = Entry.objects.filter(reverses=entry).first()
    return {
        "entry": entry,
        "legs": legs,
        "debit": sum(leg.amount_paise for leg in legs if leg.amount_paise > 0),
        "reversal": reversal,
        "can_reverse": reversal is None
        and entry.kind != "reversal"
        and user_can(request.user, services.POST, entry.district),
        "transition_form": ReverseForm(),
    }


entry_detail = ScopedDetailView.as_view(
    read=selectors.entry_get,
    template_name="finance/entry_detail.html",
    page_context=_entry_context,
    section=SECTION,
)


class EntryReverseView(TransitionView):
    form_class = ReverseForm
    template_name = "finance/entry_detail.html"
    section = SECTION
    capability = services.POST
    read = staticmethod(selectors.entry_get)
    page_context = staticmethod(_entry_context)
    success_message = gettext_lazy("The entry is reversed.")

    def perform(self, request: AuthedRequest, obj: Any, form: Any) -> Any:
        return services.entry_reverse(
            actor=request.user,
            entry=obj,
            date=form.cleaned_data.get("date"),
            reason=form.cleaned_data["reason"],
        )


class EntryCreateView(ServiceFormView):
    """A journal entry of as many lines as needed: "Add a line" draws one more, keeping what
    was typed; refused, the form comes back with why and every line as typed."""

    template_name = "finance/entry_form.html"
    section = SECTION
    capability = services.POST
    success_message = gettext_lazy("The entry is posted.")

    def get_form(self, request: AuthedRequest, data: Any = None, files: Any = None) -> Any:
        districts = district_choices(user=request.user, capability=services.POST)
        return JournalForm(data, districts=districts)

    def legs(self, request: AuthedRequest, data: Any = None) -> Any:
        heads = head_choices(user=request.user)
        if data is None:
            return LegFormSet(initial=[{}] * ROWS, form_kwargs={"heads": heads})
        return LegFormSet(data, form_kwargs={"heads": heads})

    def get(self, request: AuthedRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.draw(request, self.get_form(request), self.legs(request))

    def draw(self, request: AuthedRequest, form: Any, legs: Any, status: int = 200) -> HttpResponse:
        return render(request, self.template_name, {"form": form, "legs": legs}, status=status)

    def post(self, request: AuthedRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.get_form(request, request.POST)
        if "more" in request.POST:
            data = request.POST.copy()
            total = (
                int(data.get("form-TOTAL_FORMS") or 0)
                if data.get("form-TOTAL_FORMS", "").isdigit()
                else ROWS
            )
            data["form-TOTAL_FORMS"] = str(min(total + 1, MAX_ROWS))
            districts = district_choices(user=request.user, capability=services.POST)
            unbound = JournalForm(initial=data.dict(), districts=districts)
            return self.draw(request, unbound, _keep(self.legs(request, data)))
        legs = self.legs(request, request.POST)
        if form.is_valid() and legs.is_valid():
            lines = [f.leg() for f in legs.forms]
            data = form.cleaned_data
            result = service_on_form(
                form,
                lambda: services.entry_post(
                    actor=request.user,
                    district=data["district"],
                    date=data["date"],
                    kind=data["kind"],
                    narration=data["narration"],
                    legs=[line for line in lines if line is not None],
                    party=data["party"],
                    reference=data["reference"],
                    source_key=form.submission_key(),
                ),
                REFUSALS,
            )
            if result is not False:
                messages.success(request, str(self.success_message))
                return redirect(result.get_absolute_url())
        return self.draw(request, form, legs)


def _keep(legs: Any) -> Any:
    """The lines as typed, drawn again without errors (adding a line is not a submission)."""
    initial = []
    for i in range(legs.total_form_count()):
        prefix = f"{legs.prefix}-{i}-"
        initial.append(
            {k: legs.data.get(prefix + k, "") for k in ("account", "head", "debit", "credit")}
        )
    return LegFormSet(initial=initial, form_kwargs=legs.form_kwargs)


def _districts(request: AuthedRequest, capability: str) -> list[Any]:
    return [
        d
        for d in selectors.book_districts(user=request.user)
        if user_can(request.user, capability, d)
    ]


@login_required
def month_close_page(request: AuthedRequest) -> HttpResponse:
    """The months closed of each society the user sees, and (finance.close) the form."""
    require_section(request.user, SECTION)
    closers = _districts(request, services.CLOSE)
    form = MonthCloseForm(request.POST or None, districts=closers)
    if request.method == "POST":
        if not closers:
            raise PermissionDenied
        if form.is_valid():
            result = service_on_form(
                form,
                lambda: services.month_close(
                    actor=request.user,
                    district=form.cleaned_data["district"],
                    month=form.cleaned_data["month"],
                ),
                REFUSALS,
            )
            if result is not False:
                messages.success(
                    request,
                    gettext("%(month)s is closed.") % {"month": result.month.strftime("%m-%Y")},
                )
                return redirect("finance:month_close")
    books = []
    today = timezone.localdate()
    for district in selectors.book_districts(user=request.user):
        books.append(
            {
                "district": district,
                "closed": list(selectors.closed_months(district)[:24]),
                "closable": selectors.closable_months(district, today),
            }
        )
    return render(
        request,
        "finance/month_close.html",
        {"form": form if closers else None, "books": books},
    )


@login_required
def trial_balance_page(request: AuthedRequest) -> HttpResponse:
    require_section(request.user, SECTION)
    districts = selectors.book_districts(user=request.user)
    chosen = request.GET.get("district", "")
    district = next(
        (d for d in districts if str(d.pk) == chosen), districts[0] if districts else None
    )
    on = None
    raw_on = request.GET.get("on", "")
    if raw_on:
        try:
            on = dt.date.fromisoformat(raw_on)
        except ValueError:
            on = None
    return render(
        request,
        "finance/trial_balance.html",
        {
            "districts": districts,
            "district": district,
            "on": on,
            "balance": selectors.trial_balance(district, on) if district else None,
            "heads": selectors.head_balances(district, on) if district else [],
        },
    )


@login_required
def head_list(request: AuthedRequest) -> HttpResponse:
    require_section(request.user, SECTION)
    rows = []
    for district in selectors.book_districts(user=request.user):
        rows += selectors.head_balances(district)
    return render(
        request,
        "finance/head_list.html",
        {"rows": rows, "can_keep": bool(_districts(request, services.CLOSE))},
    )


def _head_context(request: AuthedRequest, head: FundHead) -> dict[str, Any]:
    return {
        "head": head,
        "balance": selectors.head_balance(head),
        "accounts": selectors.trial_balance(head.district, head=head),
        "can_keep": user_can(request.user, services.CLOSE, head.district),
    }


head_detail = ScopedDetailView.as_view(
    read=selectors.head_get,
    template_name="finance/head_detail.html",
    page_context=_head_context,
    section=SECTION,
)


class HeadCreateView(ServiceFormView):
    template_name = "finance/head_form.html"
    section = SECTION
    capability = services.CLOSE
    success_message = gettext_lazy("The fund head is added.")

    def get_form(self, request: AuthedRequest, data: Any = None, files: Any = None) -> Any:
        return FundHeadForm(data, districts=_districts(request, services.CLOSE))

    def perform(self, request: AuthedRequest, form: Any) -> Any:
        d = form.cleaned_data
        return services.fund_head_add(
            actor=request.user,
            district=d["district"],
            code=d["code"],
            name=d["name"],
            name_hi=d["name_hi"],
        )


class HeadEditView(ServiceFormView):
    template_name = "finance/head_form.html"
    section = SECTION
    capability = services.CLOSE
    success_message = gettext_lazy("The fund head is saved.")

    def get_object(self, request: AuthedRequest) -> Any:
        head = selectors.head_get(user=request.user, pk=self.kwargs["pk"])
        if not user_can(request.user, services.CLOSE, head.district):
            raise Http404
        return head

    def get_form(self, request: AuthedRequest, data: Any = None, files: Any = None) -> Any:
        head = self.object
        initial = {"name": head.name, "name_hi": head.name_hi, "is_active": head.is_active}
        return FundHeadForm(data, initial=initial, editing=True)

    def perform(self, request: AuthedRequest, form: Any) -> Any:
        d = form.cleaned_data
        return services.fund_head_edit(
            actor=request.user,
            head=self.object,
            name=d["name"],
            name_hi=d["name_hi"],
            is_active=d["is_active"],
        )


urlpatterns: list[URLPattern] = [
    path("journal/", EntryListView.as_view(), name="entry_list"),
    path("journal/new/", EntryCreateView.as_view(), name="entry_create"),
    path("journal/<int:pk>/", entry_detail, name="entry_detail"),
    path("journal/<int:pk>/reverse/", EntryReverseView.as_view(), name="entry_reverse"),
    path("months/", month_close_page, name="month_close"),
    path("trial-balance/", trial_balance_page, name="trial_balance"),
    path("heads/", head_list, name="head_list"),
    path("heads/new/", HeadCreateView.as_view(), name="head_create"),
    path("heads/<int:pk>/", head_detail, name="head_detail"),
    path("heads/<int:pk>/edit/", HeadEditView.as_view(), name="head_edit"),
]
