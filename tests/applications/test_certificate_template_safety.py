"""A certificate drawn from a template that names files and addresses reads none of them, even
for a version stored before templates were cleaned on publishing."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from degs.applications import documents
from degs.catalogue.models import ServiceVersion
from tests.applications.conftest import issue_certificate
from tests.core.test_pdf import _contents, recording_server

pytestmark = pytest.mark.django_db


def test_a_stored_template_reads_no_file_and_calls_no_address(world, apps, tmp_path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("DATABASE_URL=postgres://degs:do-not-leak@db/degs")
    with recording_server() as (url, hits):
        template = (
            '<link rel="attachment" href="file:///proc/self/environ">'
            f'<a rel="attachment" href="{secret.as_uri()}">x</a>'
            f'<style>@import url("{url}/i.css"); p {{ background: url("{url}/b.png") }}</style>'
            f'<img src="{url}/a.png">'
            f"<p style=\"background-image: url('{url}/c.png')\">{{{{ applicant_name }}}}</p>"
        )
        # Written as a version published before the allow-list would have been.
        ServiceVersion.objects.filter(service=apps.service).update(
            certificate_template=template, certificate_template_hi=template
        )
        certificate = issue_certificate(world, apps)
        pdf = documents.certificate_pdf_bytes(certificate)
    assert hits == []
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.attachments == {}
    contents = _contents(pdf)
    assert b"do-not-leak" not in contents
    assert b"PATH=" not in contents
    assert "सुनीता देवी" in reader.pages[0].extract_text()
