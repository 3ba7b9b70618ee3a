"""The site's own address, the one source of every absolute link: the receipt's status address,
the certificate's QR code and verification address, the links in e-mailed notices.

It is ``settings.DEGS_SITE_URL``, the address people reach the site at, never the address a
request happened to arrive on (behind a proxy that is the proxy's, and a PDF made by a task has
no request). ``make demo`` sets it from the port it serves; production refuses to start without
it (``config/settings.py``).
"""

from __future__ import annotations

from django.conf import settings


def site_url() -> str:
    """The site's address without a trailing slash, e.g. ``https://degs.jamtara.nic.in``."""
    return str(settings.DEGS_SITE_URL).rstrip("/")


def absolute_url(path: str) -> str:
    """The absolute address of ``path``, a path on this site such as ``reverse()`` returns."""
    if not path.startswith("/"):
        raise ValueError(f"Not a path on this site: {path!r}")
    return site_url() + path
