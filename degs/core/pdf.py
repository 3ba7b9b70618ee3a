"""PDFs drawn from HTML by WeasyPrint, which shapes Devanagari with HarfBuzz. Templates load the
vendored Noto Sans Devanagari from ``FONTS`` (pass ``FONTS.as_uri()`` as ``fonts``), so a
server without Hindi fonts prints the same page."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

FONTS = Path(settings.BASE_DIR) / "degs" / "static" / "vendor" / "fonts"


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML  # heavy: loaded when a PDF is first drawn

    return bytes(HTML(string=html, base_url=str(FONTS)).write_pdf())
