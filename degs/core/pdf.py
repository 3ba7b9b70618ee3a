"""PDFs drawn from HTML by WeasyPrint, which shapes Devanagari with HarfBuzz. Templates load the
vendored Noto Sans Devanagari from ``FONTS`` (pass ``FONTS.as_uri()`` as ``fonts``), so a
server without Hindi fonts prints the same page.

Every PDF is drawn here and nowhere else, with a URL fetcher that reads only files under
``ALLOWED_ROOTS`` (the vendored fonts). Whatever else a page names is refused and logged: other
files (``file:///proc/self/environ``), any address (``http:``, ``https:``, ``ftp:``), and
``data:`` too, since no page needs it (the certificate's QR code is inline SVG). That holds for
every way HTML or CSS can fetch: ``<img>``, ``<link rel="stylesheet">`` and
``<link rel="attachment">``, ``@import``, ``url()`` in a stylesheet or a ``style`` attribute,
SVG ``<image>``, ``<object>``, ``<base href>``. A refused resource is simply left out of the
page; the certificate is still drawn.
"""

from __future__ import annotations

import logging
import mimetypes
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from django.conf import settings

FONTS = (Path(settings.BASE_DIR) / "degs" / "static" / "vendor" / "fonts").resolve()
# The only folders a PDF may read from. An image a page needs (a state emblem, say) is vendored
# into a folder added here, never fetched from an address.
ALLOWED_ROOTS: tuple[Path, ...] = (FONTS,)

logger = logging.getLogger(__name__)


class RefusedURL(ValueError):
    """A PDF named something outside the project's own fonts and images."""


def allowed_file(url: str, roots: tuple[Path, ...] = ALLOWED_ROOTS) -> Path:
    """The file ``url`` names when it is a ``file:`` URL of a file under one of ``roots`` once
    every symbolic link and ``..`` is resolved; RefusedURL otherwise."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        raise RefusedURL(url)
    path = Path(url2pathname(parts.path)).resolve()
    if not path.is_file() or not any(path.is_relative_to(root.resolve()) for root in roots):
        raise RefusedURL(url)
    return path


def url_fetcher() -> Any:
    """A WeasyPrint URL fetcher that serves ``allowed_file`` and refuses everything else (a new
    one for each PDF: WeasyPrint's fetcher keeps state while it runs)."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class ProjectFilesFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            try:
                path = allowed_file(url)
            except RefusedURL:
                logger.warning("A PDF named %.200r: refused (only the project's own files).", url)
                raise
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(
                path.as_uri(), path.read_bytes(), headers={"Content-Type": kind}
            )

    return ProjectFilesFetcher(allowed_protocols=("file",), allow_redirects=False)


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML  # heavy: loaded when a PDF is first drawn

    document = HTML(string=html, base_url=FONTS.as_uri() + "/", url_fetcher=url_fetcher())
    return bytes(document.write_pdf())
