"""Pages of the finance app's statements part: the fund statement of a society for a financial
year, a quarter or a month (page, CSV and workbook), and the utilisation certificate in Form
GFR 12-A for a head and a financial year (page and PDF, in the reader's language)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import URLPattern, path
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views import View

from degs.core.db_router import reads_from_replica
from degs.core.downloads import file_response, table_response
from degs.core.generic import GateMixin
from degs.core.money import rupees_decimal
from degs.core.pdf import FONTS, html_to_pdf
from degs.core.typing import AuthedRequest
from degs.core.years import financial_year_dates, financial_year_label
from degs.finance.forms.statements import CertificateForm, StatementForm, period_bounds
from degs.finance.selectors.ledger import head_get
from degs.finance.selectors.statements import (
    Certificate,
    FundStatement,
    fund_statement,
    sanction_entries,
    utilisation_certificate,
)

VIEW = "finance.view"
# How many receipts against sanctions the certificate's annexure lists.
ANNEX_ROWS = 50


def statement_context(request: AuthedRequest) -> dict[str, Any]:
    form = StatementForm(request.GET or None, user=request.user)
    book, year, part = form.chosen()
    start, end = period_bounds(year, part)
    statement = fund_statement(book.district, start, end) if book is not None else None
    query = urlencode({"district": book.district_id if book else "", "year": year, "part": part})
    return {
        "form": form,
        "book": book,
        "year": year,
        "year_label": financial_year_label(year),
        "part": part,
        "start": start,
        "end": end,
        "statement": statement,
        "rows": statement_rows(statement) if statement else [],
        "query": query,
    }


def statement_rows(statement: FundStatement) -> list[tuple[str, str, list[int]]]:
    """The statement as rows (style, label, one figure per head and the total), the same for
    the page and the exports."""
    columns = [*statement.heads, statement.total]
    rows: list[tuple[str, str, list[int]]] = [
        ("total", _("Opening balance"), [c.opening for c in columns])
    ]
    for index, account in enumerate(statement.income_accounts):
        rows.append(("line", account.label, [c.receipts[index].amount for c in columns]))
    rows.append(("subtotal", _("Receipts"), [c.receipts_total for c in columns]))
    for index, account in enumerate(statement.expense_accounts):
        rows.append(("line", account.label, [c.payments[index].amount for c in columns]))
    rows.append(("subtotal", _("Payments"), [c.payments_total for c in columns]))
    rows.append(("line", _("Transfers and other movements"), [c.other for c in columns]))
    rows.append(("total", _("Closing balance"), [c.closing for c in columns]))
    return rows


def _table(context: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    statement = context["statement"]
    if statement is None:
        raise Http404
    header = [
        _("Item (₹)"),
        *(h.head.label for h in statement.heads if h.head is not None),
        _("Total"),
    ]
    rows = [
        [label, *(rupees_decimal(v) for v in values)] for _style, label, values in context["rows"]
    ]
    return header, rows


def _filename(context: dict[str, Any], extension: str) -> str:
    return f"fund-statement-{context['start']:%Y-%m}-{context['end']:%Y-%m}.{extension}"


class StatementView(GateMixin, View):
    """The fund statement: each head's opening balance, receipts, payments and closing balance
    over the chosen period, and the society's total."""

    section = "finance"
    capability = VIEW
    http_method_names = ["get", "head"]

    def get(self, request: AuthedRequest) -> HttpResponse:
        self.gate(request)
        return render(request, "finance/statement.html", statement_context(request))


class StatementCsvView(GateMixin, View):
    section = "finance"
    capability = VIEW
    http_method_names = ["get", "head"]

    def get(self, request: AuthedRequest) -> HttpResponse:
        self.gate(request)
        context = statement_context(request)
        header, rows = _table(context)
        return table_response(
            header, rows, fmt="csv", title=_("Fund statement"), filename=_filename(context, "csv")
        )


class StatementXlsxView(GateMixin, View):
    section = "finance"
    capability = VIEW
    http_method_names = ["get", "head"]

    def get(self, request: AuthedRequest) -> HttpResponse:
        self.gate(request)
        context = statement_context(request)
        header, rows = _table(context)
        return table_response(
            header, rows, fmt="xlsx", title=_("Fund statement"), filename=_filename(context, "xlsx")
        )


# --- the utilisation certificate -----------------------------------------------------------


def certificate_context(request: AuthedRequest) -> dict[str, Any]:
    """The chosen head (of a society the user sees: 404 otherwise) and year, and the
    certificate's figures once both are chosen."""
    head_id = request.GET.get("head", "")
    if head_id:
        if not head_id.isdigit():
            raise Http404
        head_get(user=request.user, pk=int(head_id))
    form = CertificateForm(request.GET if head_id else None, user=request.user)
    certificate: Certificate | None = None
    entries: list[Any] = []
    journal = ""
    if form.is_bound and form.is_valid():
        head = form.cleaned_data["head"]
        year = form.cleaned_data["year"]
        certificate = utilisation_certificate(head, year)
        # The annexure lists the first receipts; the journal, filtered the same way, all of
        # them (a page costs the same whatever the number of receipts in the year).
        entries = list(sanction_entries(head, year)[: ANNEX_ROWS + 1])
        if len(entries) > ANNEX_ROWS:
            entries = entries[:ANNEX_ROWS]
            start, end = financial_year_dates(year)
            journal = urlencode(
                {"kind": "receipt", "head": head.pk, "date_from": start, "date_to": end}
            )
    return {
        "form": form,
        "certificate": certificate,
        "entries": entries,
        "journal_query": journal,
        "query": urlencode({"head": head_id, "year": request.GET.get("year", "")}),
    }


class CertificateView(GateMixin, View):
    """The utilisation certificate (Form GFR 12-A) of a head for a financial year."""

    section = "finance"
    capability = VIEW
    http_method_names = ["get", "head"]

    def get(self, request: AuthedRequest) -> HttpResponse:
        self.gate(request)
        return render(request, "finance/uc.html", certificate_context(request))


def _language(request: AuthedRequest) -> str:
    chosen = request.GET.get("lang")
    if chosen in dict(settings.LANGUAGES):
        return chosen
    return translation.get_language() or settings.LANGUAGE_CODE


class CertificatePdfView(GateMixin, View):
    section = "finance"
    capability = VIEW
    http_method_names = ["get", "head"]

    def get(self, request: AuthedRequest) -> HttpResponse:
        self.gate(request)
        with translation.override(_language(request)):
            context = certificate_context(request)
            certificate = context["certificate"]
            if certificate is None:
                raise Http404
            html = render_to_string(
                "finance/uc_pdf.html",
                {
                    **context,
                    "fonts": FONTS.as_uri(),
                    "printed": timezone.localdate(),
                    "hindi": translation.get_language() == "hi",
                },
            )
        filename = f"uc-{certificate.head.code}-{certificate.label}.pdf"
        return file_response(html_to_pdf(html), filename=filename, content_type="application/pdf")


urlpatterns: list[URLPattern] = [
    path("statement/", reads_from_replica(StatementView.as_view()), name="statement"),
    path("statement/csv/", reads_from_replica(StatementCsvView.as_view()), name="statement_csv"),
    path("statement/xlsx/", reads_from_replica(StatementXlsxView.as_view()), name="statement_xlsx"),
    path("uc/", reads_from_replica(CertificateView.as_view()), name="uc"),
    path("uc/pdf/", reads_from_replica(CertificatePdfView.as_view()), name="uc_pdf"),
]
