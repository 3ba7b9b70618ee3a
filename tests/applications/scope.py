"""The applications app's entries for the jurisdiction tests (tests/scope_registry.py collects
them through the app's ``scope_tests``)."""

from __future__ import annotations

from typing import Any

from degs.directory.models import Area
from tests.centres.scope import _centre
from tests.factories import make_designation
from tests.scope_entries import Maker, ScopedURL


def _application(block: Area, tag: str) -> Any:
    """A filed application at a centre of the block, the applicant named by the tag."""
    from degs.applications.models import Application
    from degs.catalogue.demo_definitions import SERVICES
    from degs.catalogue.models import Service, ServiceVersion

    state = Area.objects.get(path=block.path[:9])
    district = Area.objects.get(path=block.path[:18])
    service, _ = Service.objects.get_or_create(
        area=state, code="income_certificate", defaults={"name": "Income certificate"}
    )
    if service.current is None:
        service.current = ServiceVersion.objects.create(
            service=service,
            number=1,
            law="Right to Service Act",
            time_limit_days=15,
            designated_post=make_designation("co"),
            definition=SERVICES[0]["definition"],
        )
        service.save()
    centre = _centre(block, tag)
    return Application.objects.create(
        service=service,
        service_version=service.current,
        centre=centre,
        area=centre.area,
        district=district,
        block=block,
        applicant_name=f"Applicant {tag}",
        mobile="9876543210",
        state="submitted",
        is_open=True,
    )


def _certificate(block: Area, tag: str) -> Any:
    import datetime as dt

    from degs.applications.models import Certificate

    application = _application(block, tag)
    return Certificate.objects.create(
        application=application,
        number=f"C{tag}"[:40],
        issued_on=dt.date(2026, 11, 1),
        payload="x",
        key_id="k",
    )


def _document(block: Area, tag: str) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from degs.applications.models import ApplicationDocument

    return ApplicationDocument.objects.create(
        application=_application(block, tag),
        code="id_proof",
        file=SimpleUploadedFile(f"{tag}.pdf", b"%PDF-1.4 " + tag.encode()),
        content_type="application/pdf",
        size=9,
        sha256="0" * 64,
    )


MAKERS: dict[str, Maker] = {
    "application": Maker(_application),
    "application_certificate": Maker(lambda block, tag: _certificate(block, tag).application),
}


SCOPED_URLS: list[ScopedURL] = [
    ScopedURL("applications:application_list", "application", "list", query="q={tag}"),
    ScopedURL("applications:application_detail", "application", "detail"),
    ScopedURL("applications:receipt", "application", "detail"),
    # The certificate's PDF prints the form whole: for the centre and the acting officers.
    ScopedURL("applications:certificate_pdf", "application_certificate", "detail", own_status=403),
    ScopedURL("api:list_applications", "application", "list", query="q={tag}&limit=100"),
    ScopedURL("api:get_application", "application", "detail", kwarg="application_id"),
]


NOT_AREA_BOUND: dict[str, str] = {
    "applications:application_create": "centre through visible_to and the operator's own (tested)",
    "applications:application_edit": "application through visible_to; operator only (tested)",
    "applications:application_act": "POST; application through visible_to or the held post (tested)",
    "applications:application_documents": "POST; application through visible_to (tested)",
    "applications:document_file": "application through visible_to; document of that one "
    "only; the file only for those who act on it (tests/applications/test_disclosure.py)",
    "applications:certificate_revoke": "POST; application through visible_to (tested)",
    "applications:inbox": "applications with the user's own posts (tested)",
    "applications:report_pending": "counts through visible_to (tested in applications/test_views)",
    "applications:report_disposal": "counts through visible_to (tested in applications/test_views)",
    "applications:ledger": "districts through visible_to (tested in applications/test_views)",
    "applications:centre_statement": "centre through visible_to (tested in applications/test_views)",
    "status:check": "public: number and the mobile's last four digits, rate limited",
    "verify:verify": "public certificate verification: only the certificate's own fields",
    "verify:key": "public: the signing public key",
    "api:file_application": "POST; centre and service through visible_to (tested)",
    "api:inbox": "applications with the caller's own posts",
    "api:act": "POST; application through visible_to or the held post (tested)",
    "api:verify": "public certificate verification",
    "api:public_key": "public: the signing public key",
}


PUBLIC_URLS: set[str] = {
    "status:check",
    "verify:verify",
    "verify:key",
    "api:verify",
    "api:public_key",
}
