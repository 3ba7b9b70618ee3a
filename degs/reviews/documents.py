"""Documents of the reviews app: minutes and action-taken report PDFs, the register as XLSX.

PDFs are drawn by WeasyPrint, which shapes Devanagari with HarfBuzz, using the vendored Noto Sans
Devanagari font so a server without Hindi fonts prints the same page.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from degs.core.downloads import file_response
from degs.core.formatting import format_date
from degs.core.pdf import FONTS, html_to_pdf
from degs.core.tabular import XLSX_TYPE, write_xlsx
from degs.reviews import selectors
from degs.reviews.models import Directive, Meeting


def meeting_pdf_bytes(meeting: Meeting, *, kind: str, language: str | None = None) -> bytes:
    """The minutes (``kind="minutes"``) or the action-taken report (``"atr"``) as PDF bytes."""
    with translation.override(language or translation.get_language() or "en"):
        page = selectors.meeting_page(meeting=meeting)
        district = meeting.committee.area
        html = render_to_string(
            "reviews/pdf/meeting.html",
            {
                "kind": kind,
                "meeting": meeting,
                "page": page,
                "district": district,
                "fonts": FONTS.as_uri(),
                "today": timezone.localdate(),
                "all_directives": [d for _item, ds in page.agenda for d in ds],
            },
        )
    return html_to_pdf(html)


def meeting_pdf(request: HttpRequest, meeting: Meeting, *, kind: str) -> HttpResponse:
    language = request.GET.get("lang")
    if language not in dict(settings.LANGUAGES):
        language = None
    pdf = meeting_pdf_bytes(meeting, kind=kind, language=language)
    name = f"{'minutes' if kind == 'minutes' else 'atr'}-{meeting.date:%Y-%m-%d}.pdf"
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


def register_xlsx(directives: QuerySet[Directive]) -> HttpResponse:
    """The filtered register as a spreadsheet, one directive a row (written by the one
    spreadsheet writer, which keeps text such as ``=HYPERLINK(…)`` from running)."""
    headers = [
        _("Meeting date"),
        _("Committee"),
        _("No."),
        _("Directive (Hindi)"),
        _("Directive (English)"),
        _("Lead post"),
        _("Supporting posts"),
        _("Deadline as said"),
        _("Due date"),
        _("Status"),
        _("Overdue"),
        _("Done (%)"),
        _("Reported complied on"),
        _("Last update"),
    ]
    today = timezone.localdate()
    rows = (
        [
            format_date(d.meeting.date),
            d.meeting.committee.label,
            d.number,
            d.text_hi,
            d.text,
            d.lead_post.long_label,
            "; ".join(p.long_label for p in d.supporting_posts.all()),
            d.deadline_phrase,
            format_date(d.due_date),
            d.get_status_display(),
            _("yes") if d.is_overdue(today) else "",
            d.percent_done,
            format_date(d.reported_on),
            getattr(d, "last_update_text", "") or "",
        ]
        for d in directives.iterator(chunk_size=500)
    )
    return file_response(
        write_xlsx(headers, rows, title=_("Directives")),
        filename=f"directives-{today:%Y-%m-%d}.xlsx",
        content_type=XLSX_TYPE,
    )
