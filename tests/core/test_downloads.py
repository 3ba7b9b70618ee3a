# ruff: noqa: F811 - the fixtures imported below are used as arguments
"""Every answer carrying an uploaded or exported file is a download that cannot run anything
(``degs.core.downloads``): an uploaded PDF with JavaScript must not open inline beside the
officer's session. Expected headers are those the issue names; the disposition is read with the
standard library's MIME parser, not the project's code."""

from __future__ import annotations

import uuid
from email.message import Message

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.applications.conftest import apps, centres, file_one  # noqa: F401 - fixtures
from tests.reviews.conftest import reviews  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db

SANDBOX = "default-src 'none'; sandbox"
PDF_WITH_SCRIPT = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R/OpenAction 3 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"3 0 obj<</S/JavaScript/JS(app.alert('x'))>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def disposition(response) -> str:  # type: ignore[no-untyped-def]
    message = Message()
    message["Content-Disposition"] = response["Content-Disposition"]
    return message.get_content_disposition() or ""


def assert_sandboxed(response, expected: str = "attachment") -> None:  # type: ignore[no-untyped-def]
    assert response.status_code == 200
    assert disposition(response) == expected
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == SANDBOX


@pytest.fixture
def media(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_an_application_document_is_a_sandboxed_download(world, apps, media, client_as):
    application = file_one(world, apps)
    document = application.documents.first()
    document.file.open("wb")  # the kiosk uploaded a PDF that runs a script when opened
    document.file.write(PDF_WITH_SCRIPT)
    document.file.close()
    url = reverse("applications:document_file", args=[application.pk, document.pk])

    response = client_as(apps.co_a1).get(url)  # the officer it is with

    assert_sandboxed(response)
    assert b"".join(response.streaming_content) == PDF_WITH_SCRIPT


def test_a_compliance_attachment_is_a_sandboxed_download(world, reviews, media, client_as):
    from degs.reviews import services
    from degs.reviews.models import Attachment

    services.directive_report(
        actor=world.csc_manager_a,
        directive=reviews.directive(),
        percent=10,
        text="see the letter",
        files=[SimpleUploadedFile("पत्र.pdf", PDF_WITH_SCRIPT)],
    )
    attachment = Attachment.objects.get()

    response = client_as(world.csc_manager_a).get(
        reverse("reviews:attachment_download", args=[attachment.pk])
    )

    assert_sandboxed(response)
    assert "filename*=utf-8''%E0%A4%AA" in response["Content-Disposition"]


def test_an_inspection_photo_is_shown_inline_but_sandboxed(world, apps, media, client_as):
    from degs.centres import services
    from tests.centres.test_services import finding, jpeg_with_gps

    inspection, _created = services.inspection_record(
        actor=world.csc_manager_a,
        centre=apps.centres.centre_a1,
        client_token=uuid.uuid4(),
        finding=finding(),
        photos=[SimpleUploadedFile("kiosk.jpg", jpeg_with_gps(), content_type="image/jpeg")],
    )

    response = client_as(world.csc_manager_a).get(
        reverse("centres:photo", args=[inspection.photos.get().pk])
    )

    assert_sandboxed(response, expected="inline")  # re-encoded JPEG: no script can run
    assert response["Content-Type"] == "image/jpeg"


@pytest.mark.parametrize(
    ("url", "query"),
    [
        (lambda: reverse("centres:export", args=["centres", "csv"]), {}),
        (lambda: reverse("centres:export", args=["operators", "xlsx"]), {"template": "1"}),
        (lambda: reverse("directory:export"), {"kind": "areas", "format": "csv"}),
        (lambda: reverse("reviews:register"), {"format": "xlsx"}),
        (lambda: reverse("applications:ledger"), {"format": "xlsx"}),
    ],
    ids=["centres", "import-template", "areas", "directives", "ledger"],
)
def test_every_export_is_a_sandboxed_download(world, apps, client_as, url, query):
    assert_sandboxed(client_as(world.dc_a).get(url(), query))
