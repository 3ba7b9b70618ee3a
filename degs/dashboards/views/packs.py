"""Pages of the review pack: built from the meeting's page in one click, read as a page (in the
reader's language, fit for a phone) and as a PDF (``?lang=hi|en``, else the reader's
language), both drawn from the pack's snapshot alone."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_POST

from degs.core.db_router import reads_from_replica
from degs.core.downloads import file_response
from degs.core.forms import StyledFormMixin
from degs.core.generic import GateMixin, ScopedDetailView
from degs.core.pdf import FONTS, html_to_pdf
from degs.core.permissions import require_section
from degs.core.typing import AuthedRequest
from degs.dashboards.models import ReviewPack
from degs.dashboards.selectors.packs import (
    SPARK_HEIGHT,
    SPARK_WIDTH,
    pack_get,
    pack_list,
    pack_page,
)
from degs.dashboards.services.packs import pack_build as build
from degs.reviews.selectors import meeting_get

SECTION = "dashboards"


class PackBuildForm(StyledFormMixin, forms.Form):
    """The meeting page's button: ``seen`` is the newest pack the page showed (0: none), the
    submission's key, so a second click of the same page builds no second pack."""

    seen = forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)


@login_required
@require_POST
def pack_build(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    """Build the meeting's review pack and show it."""
    require_section(request.user, SECTION)
    meeting = meeting_get(user=request.user, pk=meeting_id)
    form = PackBuildForm(request.POST)
    seen = form.cleaned_data.get("seen") if form.is_valid() else None
    pack = build(actor=request.user, meeting=meeting, seen=seen)
    messages.success(request, _("The review pack is built."))
    return redirect("dashboards:pack_detail", pk=pack.pk)


def _page_context(request: AuthedRequest, pack: ReviewPack) -> dict[str, Any]:
    return {
        "pack": pack,
        "page": pack_page(pack),
        "others": list(pack_list(user=request.user, meeting=pack.meeting).exclude(pk=pack.pk)),
        "spark_width": SPARK_WIDTH,
        "spark_height": SPARK_HEIGHT,
    }


pack_detail = reads_from_replica(
    ScopedDetailView.as_view(
        section=SECTION,
        read=pack_get,
        template_name="dashboards/pack_detail.html",
        page_context=_page_context,
    )
)


def _language(request: AuthedRequest) -> str:
    """The language the file is written in: ``?lang=`` (hi or en), else the reader's."""
    chosen = request.GET.get("lang")
    if chosen in dict(settings.LANGUAGES):
        return str(chosen)
    return translation.get_language() or settings.LANGUAGE_CODE


class PackPdfView(GateMixin, View):
    """The pack as a PDF to print or send: WeasyPrint through ``core.pdf`` (Devanagari shaped),
    trends as inline SVG lines and small tables, no script."""

    section = SECTION
    http_method_names = ["get", "head"]

    def get(self, request: AuthedRequest, pk: int) -> HttpResponse:
        self.gate(request)
        pack = pack_get(user=request.user, pk=pk)
        language = _language(request)
        with translation.override(language):
            html = render_to_string(
                "dashboards/pack_pdf.html",
                {
                    "pack": pack,
                    "page": pack_page(pack),
                    "fonts": FONTS.as_uri(),
                    "printed": timezone.localdate(),
                    "spark_width": SPARK_WIDTH,
                    "spark_height": SPARK_HEIGHT,
                },
            )
        filename = (
            f"review-pack-{pack.meeting.date:%Y-%m-%d}-{pack.pk}-{language.split('-')[0]}.pdf"
        )
        return file_response(html_to_pdf(html), filename=filename, content_type="application/pdf")


pack_pdf = reads_from_replica(PackPdfView.as_view())
