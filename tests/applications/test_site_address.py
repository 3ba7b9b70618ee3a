"""Every absolute link a citizen or an officer is handed (the certificate's QR code and
verification address, the receipt's status address, an e-mailed notice's link) is made from the
configured site address, whatever port the site is served on."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
import segno
from django.core import mail
from pypdf import PdfReader

from degs.accounts.services import notice_send
from degs.applications import documents
from tests.applications.conftest import issue_certificate

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8080"  # what `make demo PORT=8080` sets


@pytest.fixture(autouse=True)
def _site(settings: Any) -> None:
    settings.DEGS_SITE_URL = SITE


def _dark_modules(svg: str) -> set[tuple[int, int]]:
    """The dark modules (row, column) an SVG QR code draws: one path of absolute (M) and
    relative (m) moves and horizontal runs (h), one unit per module, on the row's middle line."""
    path = re.search(r'<path[^>]* d="([^"]+)"', svg)
    assert path is not None, svg[:200]
    x = y = 0.0
    dark: set[tuple[int, int]] = set()
    for command, first, second in re.findall(
        r"([MmHh])\s*(-?[\d.]+)(?:[ ,](-?[\d.]+))?", path.group(1)
    ):
        if command == "M":
            x, y = float(first), float(second)
        elif command == "m":
            x, y = x + float(first), y + float(second)
        elif command == "h":
            run = float(first)
            dark.update((int(y), int(x) + i) for i in range(int(run)))
            x += run
        else:  # "H"
            end = float(first)
            dark.update((int(y), i) for i in range(int(x), int(end)))
            x = end
    return dark


def _qr_text(svg: str, candidates: list[str]) -> str | None:
    """Which of the candidate texts the SVG QR code holds: each is encoded afresh (any error
    level) and its modules compared with the drawn ones."""
    drawn = _dark_modules(svg)
    top = min(row for row, _ in drawn)
    left = min(column for _, column in drawn)
    drawn = {(row - top, column - left) for row, column in drawn}  # the quiet zone taken off
    for text in candidates:
        for level in "lmqh":
            matrix = segno.make(text, error=level, boost_error=False).matrix
            modules = {
                (r, c) for r, line in enumerate(matrix) for c, dark in enumerate(line) if dark
            }
            if modules == drawn:
                return text
    return None


def test_the_certificate_qr_code_holds_the_configured_address(world, apps):
    certificate = issue_certificate(world, apps)
    application = certificate.application
    html = documents.render_certificate_html("{{ qr_code }}", application, certificate, "en")
    expected = f"{SITE}/verify/?p={certificate.payload}"
    wrong = f"http://127.0.0.1:8000/verify/?p={certificate.payload}"
    assert _qr_text(html, [wrong, expected]) == expected


def _pdf_text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_certificate_and_the_receipt_print_the_configured_address(world, apps):
    certificate = issue_certificate(world, apps)
    certificate_text = _pdf_text(documents.certificate_pdf_bytes(certificate))
    assert f"{SITE}/verify/" in certificate_text
    assert "127.0.0.1:8000" not in certificate_text
    receipt_text = _pdf_text(documents.receipt_pdf_bytes(certificate.application))
    assert f"{SITE}/status/" in receipt_text
    assert "127.0.0.1:8000" not in receipt_text


def test_an_emailed_notice_links_to_the_configured_address(
    world, apps, django_capture_on_commit_callbacks
):
    user = apps.co_a1
    user.email = "co@example.org"
    user.save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True):  # e-mailed when the write commits
        assert notice_send(user=user, key="site-address", text="A notice", url="/reviews/")
    (message,) = mail.outbox
    assert message.body.endswith(f"\n\n{SITE}/reviews/")


def test_a_path_is_made_absolute_with_the_configured_address():
    from degs.core.site import absolute_url

    assert absolute_url("/status/") == f"{SITE}/status/"
    with pytest.raises(ValueError):
        absolute_url("https://elsewhere.example/")
