"""Public pages of the applications app, open without signing in: certificate verification by
QR code or by number with the holder's second fact, and the public key for checking a
certificate offline."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from degs.applications import selectors, signing
from degs.applications.forms import VerifyNumberForm
from degs.core.formatting import format_iso_date
from degs.core.models import in_reader_language
from degs.core.ratelimit import RateLimited, rate_limit

# What a QR code can hold is far shorter; anything longer is not a payload.
MAX_PAYLOAD = 4000
MAX_NUMBER = 40


def _rows(fields: dict[str, Any]) -> list[tuple[str, str]]:
    """The signed fields as the page shows them, in the reader's language (none when no
    certificate was found)."""
    if not fields:
        return []
    officer = ", ".join(
        in_reader_language(str(fields.get(en) or ""), str(fields.get(hi) or ""))
        for en, hi in (("o", "oh"), ("oa", "oah"))
        if fields.get(en) or fields.get(hi)
    )
    rows = [
        (_("Service"), in_reader_language(str(fields.get("sn", "")), str(fields.get("sh", "")))),
        (_("Certificate number"), str(fields.get("c", ""))),
        (_("Application number"), str(fields.get("a", ""))),
        (_("Name"), str(fields.get("n", ""))),
        (_("Father's or husband's name"), str(fields.get("r", ""))),
        # What the service certifies (income, caste and category, purpose, …), as signed.
        *(
            (in_reader_language(f.label, f.label_hi), in_reader_language(f.text, f.text_hi))
            for f in signing.signed_facts(fields)
        ),
        (_("District"), in_reader_language(str(fields.get("d", "")), str(fields.get("dh", "")))),
        (_("Issued on"), format_iso_date(fields.get("i"))),
        (_("Valid until"), format_iso_date(fields.get("v")) or _("No end date")),
        (_("Issuing officer"), officer),
    ]
    return [(label, value) for label, value in rows if value]


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """Check a certificate. The QR code's address carries ``?p=<payload>`` and shows what the
    certificate shows; a number typed by hand is posted with the last four digits of the
    holder's mobile and confirms only the service and dates. Both count against one limit per
    address and hour, shared with the API."""
    payload = (request.GET.get("p") or "").strip()[:MAX_PAYLOAD]
    form = VerifyNumberForm(
        request.POST if request.method == "POST" else None,
        initial={"number": (request.GET.get("number") or "").strip()[:MAX_NUMBER]},
    )
    by_number = request.method == "POST" and form.is_valid()
    answer = None
    status = 200
    if payload or by_number:
        try:
            rate_limit(request, scope="verify", per_hour=settings.DEGS_VERIFY_LOOKUPS_PER_HOUR)
        except RateLimited as refused:
            answer = {"status": "limited", "message": refused.message}
            status = refused.status
        else:
            if by_number:
                answer = selectors.verification(
                    number=form.cleaned_data["number"], last4=form.cleaned_data["last4"]
                )
            else:
                answer = selectors.verification(payload=payload)
            answer["by_number"] = by_number
            fields = answer.get("fields") or {}
            answer["rows"] = _rows(fields)
            ends = str(fields.get("v") or "")
            if ends and ends < timezone.localdate().isoformat():
                answer["validity_ended"] = format_iso_date(ends)
    context = {"payload": payload, "form": form, "answer": answer}
    response = render(request, "applications/public/verify.html", context, status=status)
    # A revocation must show at once: no shared cache may keep an answer.
    response["Cache-Control"] = "no-store"
    # The QR's payload in this address goes to no other site. Not "no-referrer": a browser then
    # posts the number form with "Origin: null", which the CSRF check refuses.
    response["Referrer-Policy"] = "same-origin"
    return response


@require_GET
def key(request: HttpRequest) -> HttpResponse:
    """The public key certificates are signed with, and how to check one offline with it."""
    context = {"public_key": signing.public_key_text(), "key_id": signing.key_id()}
    if request.GET.get("format") == "txt":
        return HttpResponse(f"{context['public_key']}\n", content_type="text/plain; charset=utf-8")
    return render(request, "applications/public/key.html", context)
