"""Documents of the applications app: the certificate (Hindi and English pages, with the signed
QR code) and the acknowledgement receipt the kiosk prints, as PDF.

PDFs are drawn by WeasyPrint, which shapes Devanagari with HarfBuzz, using the vendored Noto Sans
Devanagari font so a server without Hindi fonts prints the same page (as in ``reviews``).

A certificate's text is the service version's template: HTML written by the administrator,
cleaned to an allow-list when published (``catalogue.certificate_html``) and again when drawn
(for versions published before the list), with ``{{ placeholder }}`` markers filled by plain
substitution of escaped values. The template is never run through Django's template engine, so
nothing in it, and nothing the citizen typed, can execute a tag, include a file or read a
setting; and ``core.pdf`` fetches nothing but the vendored fonts.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import Any
from urllib.parse import quote

import segno
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext

from degs.applications.disclosure import on_paper
from degs.applications.models import Application, Certificate
from degs.applications.selectors import Statement, certified_facts, field_text
from degs.applications.signing import CertifiedFact
from degs.catalogue.certificate_html import clean_certificate_html
from degs.core.formatting import format_date, format_iso_date, format_paise
from degs.core.models import in_language
from degs.core.pdf import FONTS, html_to_pdf
from degs.core.site import absolute_url
from degs.core.tabular import Sheet, write_xlsx_sheets

PLACEHOLDER = re.compile(r"\{\{\s*([a-z][a-z0-9_]*)\s*\}\}")

# The certificate's pages are each in one language whatever the reader's, so their few fixed
# words are written here in both rather than looked up in the reader's catalogue.
_VALID_UNTIL = {"en": " · valid until {day}", "hi": " · {day} तक मान्य"}

# Used when a service version has no template for a language.
DEFAULT_TEMPLATE = """<h1>{{ service_name }}</h1>
<p>Certificate No. {{ certificate_number }} (application {{ application_number }})</p>
<p>This certificate is issued to {{ applicant_name }}, {{ district }}.</p>
{{ certified_facts }}
<p>Issued on {{ issued_on }}{{ valid_until }} by {{ officer_name }}, {{ officer_post }}.</p>
<div class="qr">{{ qr_code }}</div>"""

DEFAULT_TEMPLATE_HI = """<h1>{{ service_name }}</h1>
<p>प्रमाण पत्र संख्या {{ certificate_number }} (आवेदन {{ application_number }})</p>
<p>यह प्रमाण पत्र {{ applicant_name }}, {{ district }} को जारी किया जाता है।</p>
{{ certified_facts }}
<p>{{ officer_name }}, {{ officer_post }} द्वारा {{ issued_on }} को जारी{{ valid_until }}।</p>
<div class="qr">{{ qr_code }}</div>"""


def verification_url(payload: str) -> str:
    """The address the certificate's QR code holds (the payload is base64url and dots)."""
    return absolute_url(f"{reverse('verify:verify')}?p={payload}")


def number_url(number: str) -> str:
    """The verification address for a certificate number typed by hand."""
    return absolute_url(f"{reverse('verify:verify')}?number={quote(number, safe='/')}")


@lru_cache(maxsize=32)
def qr_svg(text: str, size: str = "40mm") -> str:
    """The QR code of ``text`` as an inline SVG element, ``size`` wide (CSS may resize it)."""
    svg = str(segno.make(text, error="m").svg_inline(border=2, omitsize=True))
    return svg.replace("<svg ", f'<svg width="{size}" height="{size}" role="img" ', 1)


def _values(application: Application, certificate: Certificate, language: str) -> dict[str, str]:
    """Every placeholder's text for one language, HTML-escaped (the QR code is added after)."""
    definition = application.definition
    with translation.override(language):
        texts: dict[str, str] = {
            code: field_text(definition.field(code), on_paper(definition.field(code), value))
            for code, value in (application.data or {}).items()
        }
    texts.setdefault("applicant_name", application.applicant_name)
    service = application.service
    district = application.district
    post = certificate.officer_post
    with translation.override(language):
        # User.label and Post.label follow the active language.
        if certificate.issued_by is not None:
            officer_name = certificate.issued_by.label
        elif post is not None:
            officer_name = post.designation.label
        else:
            officer_name = ""
        officer_post = post.label if post is not None else ""
    texts.update(
        certificate_number=certificate.number,
        application_number=application.number or "",
        issued_on=format_iso_date(certificate.issued_on),
        valid_until=(
            _VALID_UNTIL.get(language, _VALID_UNTIL["en"]).format(
                day=format_iso_date(certificate.valid_until)
            )
            if certificate.valid_until
            else ""
        ),
        officer_name=officer_name,
        officer_post=officer_post,
        service_name=in_language(service.name, service.name_hi, language),
        district=in_language(district.name, district.name_hi, language),
    )
    return {code: str(escape(text)) for code, text in texts.items()}


def facts_table(facts: list[CertifiedFact], language: str) -> str:
    """The ``{{ certified_facts }}`` placeholder: each certified fact's label and text in one
    language, as a table (escaped; empty when the service certifies nothing)."""
    if not facts:
        return ""
    rows = "".join(
        f'<tr><th scope="row">{escape(fact.label_in(language))}</th>'
        f"<td>{escape(fact.text_in(language))}</td></tr>"
        for fact in facts
    )
    return f'<table class="facts"><tbody>{rows}</tbody></table>'


def render_certificate_html(
    template: str, application: Application, certificate: Certificate, language: str
) -> str:
    """The template with its placeholders filled: values escaped, unknown ones left empty, the
    QR code (of the verification address carrying the signed payload) as inline SVG."""
    values = _values(application, certificate, language)
    values["qr_code"] = qr_svg(verification_url(certificate.payload))
    values["certified_facts"] = facts_table(certified_facts(application), language)
    clean = clean_certificate_html(template).html
    return PLACEHOLDER.sub(lambda match: values.get(match.group(1), ""), clean)


def certificate_pdf_bytes(certificate: Certificate) -> bytes:
    """The certificate as an A4 PDF: the Hindi page, then the English page."""
    application = certificate.application
    version = application.service_version
    service = application.service
    district = application.district
    pages = []
    for language, template, fallback in (
        ("hi", version.certificate_template_hi, DEFAULT_TEMPLATE_HI),
        ("en", version.certificate_template, DEFAULT_TEMPLATE),
    ):
        pages.append(
            {
                "language": language,
                "department": in_language(service.department, service.department_hi, language),
                "district": in_language(district.name, district.name_hi, language),
                "body": render_certificate_html(
                    template or fallback, application, certificate, language
                ),
            }
        )
    html = render_to_string(
        "applications/pdf/certificate.html",
        {
            "certificate": certificate,
            "pages": pages,
            "fonts": FONTS.as_uri(),
            "verify_url": absolute_url(reverse("verify:verify")),
            "number_url": number_url(certificate.number),
            "revoked_on": (
                timezone.localdate(certificate.revoked_at) if certificate.revoked_at else None
            ),
        },
    )
    return html_to_pdf(html)


def receipt_pdf_bytes(application: Application) -> bytes:
    """The acknowledgement the kiosk prints when an application is filed, Hindi and English on
    one page (A5, which also prints well on A4)."""
    definition = application.definition
    service = application.service
    centre = application.centre
    documents = []
    for document in application.documents.all():
        spec = next((d for d in definition.documents if d.code == document.code), None)
        documents.append((spec.label_hi, spec.label) if spec else ("", document.code))
    html = render_to_string(
        "applications/pdf/receipt.html",
        {
            "application": application,
            "service": service,
            "centre": centre,
            "district": application.district,
            "submitted_at": format_date(application.submitted_at),
            "due_date": format_date(application.due_date),
            "time_limit_days": application.service_version.time_limit_days,
            "collected": format_paise(definition.citizen_paise),
            "fee": format_paise(definition.fee_paise),
            "reimbursed": format_paise(definition.reimbursed_paise),
            "has_reimbursement": definition.reimbursed_paise > 0,
            "shares": [(s.label_hi, s.label, format_paise(s.paise)) for s in definition.shares],
            "documents": documents,
            "status_url": absolute_url(reverse("status:check")),
            "printed_at": format_date(timezone.now()),
            "fonts": FONTS.as_uri(),
        },
    )
    return html_to_pdf(html)


def _rs(paise: int | None) -> Decimal:
    """Rupees as an exact decimal for a spreadsheet cell (no float rounding)."""
    return Decimal(paise or 0) / 100


def statement_xlsx(statement: Statement, centres: list[dict[str, Any]]) -> bytes:
    """A month's statement as a workbook: the debits and credits (equal to the paisa), and for
    a district each centre's line."""
    rows: list[list[Any]] = [
        [gettext("Collected at the centre"), _rs(statement.collected)],
        [gettext("Reimbursement due from the state"), _rs(statement.reimbursed)],
        *([[gettext("Fine due from the centre"), _rs(statement.fines)]] if statement.fines else []),
        [gettext("Total"), _rs(statement.debits)],
        [],
        [gettext("Owed to"), "₹"],
        *([line.label, _rs(line.paise)] for line in statement.shares),
        [gettext("Total"), _rs(statement.credits)],
    ]
    sheets: list[Sheet] = [
        (gettext("Statement"), [f"{statement.title} {statement.month:%Y-%m}", "₹"], rows)
    ]
    if centres:
        sheets.append(
            (
                gettext("Centres"),
                [
                    gettext("Centre"),
                    gettext("Applications"),
                    gettext("Collected (₹)"),
                    gettext("Reimbursed (₹)"),
                    gettext("Operator's share (₹)"),
                ],
                [
                    [
                        row["centre__code"],
                        row["applications"],
                        _rs(row["collected"]),
                        _rs(row["reimbursed"]),
                        -_rs(row["operator"]),
                    ]
                    for row in centres
                ],
            )
        )
    return write_xlsx_sheets(sheets)
