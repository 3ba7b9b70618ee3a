"""The pages: filing at the kiosk, the officer's action and its conflict, reports, ledger and
the citizen's status check."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from degs.accounts.roles import Role
from degs.applications import services
from degs.applications.models import Application, LedgerEntry
from degs.centres.models import Operator
from degs.core.models import HeldUpload
from tests.applications.conftest import file_one, form_values, pdf, send_back
from tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db


def _post_form(client, apps, world, **changes):
    url = reverse(
        "applications:application_create", args=[apps.centres.centre_a1.pk, apps.service.pk]
    )
    data = {
        **form_values(world, **changes),
        "client_token": "6f1c2a52-4b8e-4f3e-9d1a-0a6b1f0c9e11",
        "save": "submit",
    }
    data["id_proof"] = pdf()
    data["self_declaration"] = pdf("declaration.pdf")
    return client.post(url, data)


def test_the_operator_files_once_even_when_the_form_is_sent_twice(world, apps, client_as):
    client = client_as(world.operator_a1)
    page = client.get(reverse("applications:application_list"))
    assert apps.service.name in page.content.decode()
    first = _post_form(client, apps, world)
    second = _post_form(client, apps, world)
    application = Application.objects.get()
    assert first.status_code == second.status_code == 302
    assert (
        first["Location"]
        == second["Location"]
        == reverse("applications:application_detail", args=[application.pk])
    )
    detail = client.get(first["Location"]).content.decode()
    assert application.number in detail
    receipt = client.get(reverse("applications:receipt", args=[application.pk]))
    assert receipt.status_code == 200 and receipt.content.startswith(b"%PDF")


def test_bad_input_keeps_the_form_and_saves_nothing_in_hindi(world, apps, client_as):
    client = client_as(world.operator_a1)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "hi"
    response = _post_form(client, apps, world, aadhaar="234123412345", mobile="12345")
    body = response.content.decode()
    assert response.status_code == 422
    with translation.override("hi"):  # each field's message, in Hindi
        assert str(_("Please correct the marked fields. Nothing was saved.")) in body
        assert "आधार" in str(_("This is not a valid Aadhaar number: please check the digits."))
        assert str(_("This is not a valid Aadhaar number: please check the digits.")) in body
    assert "सुनीता देवी" in body  # what was typed is still there
    assert 'aria-invalid="true"' in body
    assert Application.objects.count() == 0 and LedgerEntry.objects.count() == 0


def test_another_operator_cannot_file_at_the_centre(world, apps, client_as):
    response = _post_form(client_as(world.bdo_a1), apps, world)
    assert response.status_code in (403, 404)
    assert Application.objects.count() == 0


def test_the_officer_acts_and_a_second_officer_is_told_someone_acted_first(world, apps, client):
    application = file_one(world, apps)
    url = reverse("applications:application_act", args=[application.pk])
    seen = application.version
    client.force_login(apps.co_a1)
    inbox = client.get(reverse("applications:inbox")).content.decode()
    assert application.number in inbox
    ok = client.post(
        url,
        {
            "step_key": "verify:verified",
            "verify-verified-step": "verify:verified",
            "verify-verified-version": seen,
            "verify-verified-remark": "",
        },
    )
    assert ok.status_code == 302
    client.force_login(apps.co_a1_charge)
    late = client.post(
        url,
        {
            "step_key": "reject:rejected",
            "reject-rejected-step": "reject:rejected",
            "reject-rejected-version": seen,
            "reject-rejected-remark": "Not eligible",
        },
    )
    assert late.status_code == 409
    body = late.content.decode()
    assert "Someone acted first" in body and "Verified" in body
    application.refresh_from_db()
    assert application.state == "verified"


def test_another_districts_officer_gets_404(world, apps, client_as):
    application = file_one(world, apps)
    client = client_as(world.bdo_b1)
    for name in ("application_detail", "receipt"):
        assert client.get(reverse(f"applications:{name}", args=[application.pk])).status_code == 404
    assert (
        client.post(reverse("applications:application_act", args=[application.pk]), {}).status_code
        == 404
    )


def test_reports_and_ledger_pages(world, apps, client_as):
    file_one(world, apps)
    file_one(world, apps)
    client = client_as(world.dc_a)
    pending = client.get(reverse("applications:report_pending") + "?by=block")
    assert pending.status_code == 200 and world.block_a1.name in pending.content.decode()
    assert client.get(reverse("applications:report_disposal")).status_code == 200
    ledger = client.get(reverse("applications:ledger") + f"?district={world.district_a.pk}")
    assert ledger.status_code == 200 and "60.00" in ledger.content.decode()  # 2 x Rs 30
    statement = client_as(world.operator_a1).get(
        reverse("applications:centre_statement", args=[apps.centres.centre_a1.pk]) + "?format=xlsx"
    )
    sheet = load_workbook(__import__("io").BytesIO(statement.content)).active
    values = [row for row in sheet.iter_rows(values_only=True) if row and row[0]]
    totals = [row[1] for row in values if row[0] == "Total"]
    assert totals == [60.0, 60.0]


def test_public_status_needs_the_mobiles_last_four_and_is_limited(world, apps, client, settings):
    application = file_one(world, apps)
    url = reverse("status:check")
    wrong = client.post(url, {"number": application.number, "last4": "0000"})
    assert wrong.status_code == 404 and "सुनीता" not in wrong.content.decode()
    right = client.post(url, {"number": application.number, "last4": "1234"})
    assert right.status_code == 200 and application.number in right.content.decode()
    settings.DEGS_STATUS_LOOKUPS_PER_HOUR = 2
    assert client.post(url, {"number": application.number, "last4": "1234"}).status_code == 429


def test_public_status_tells_apart_applications_that_share_a_former_number(world, apps):
    """Each district's laptop numbered its applications from 1, so after several moves one
    printed number can be two moved applications' former number and a third's own."""
    from stdnum import verhoeff

    from degs.applications.selectors import public_status

    own = file_one(world, apps)
    # the receipt's number, made by an independent Verhoeff implementation
    printed = f"{timezone.localtime(own.submitted_at):%y}{own.pk:09d}"
    printed += verhoeff.calc_check_digit(printed)
    assert own.number == printed
    moved = []
    for mobile in ("9000000111", "9000000222"):
        other = file_one(world, apps)
        Application.objects.filter(pk=other.pk).update(former_number=printed, mobile=mobile)
        moved.append(other)
    assert public_status(number=printed, last4="1234") == own
    assert public_status(number=printed, last4="0111") == moved[0]
    assert public_status(number=printed, last4="0222") == moved[1]
    assert public_status(number=printed, last4="0333") is None


def _queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200, url
    return len(captured.captured_queries)


def test_pages_ask_the_same_number_of_queries_for_more_rows(world, apps, client):
    """The inbox, the lists, the reports and the statements, pages and API: no query per row."""
    from degs.applications import services

    first = file_one(world, apps)
    second = file_one(world, apps)
    services.application_act(
        actor=apps.co_a1,
        application=first,
        action="verify",
        target="verified",
        version=first.version,
    )
    pages = [
        (apps.co_a1, reverse("applications:inbox")),
        (apps.co_a1, "/api/applications/inbox/"),
        (world.dc_a, "/api/applications/"),
        (world.dc_a, reverse("applications:application_list")),
        (world.dc_a, reverse("applications:report_pending") + "?by=officer"),
        (world.dc_a, reverse("applications:report_disposal")),
        (world.dc_a, reverse("applications:ledger") + f"?district={world.district_a.pk}"),
        (
            world.operator_a1,
            reverse("applications:centre_statement", args=[apps.centres.centre_a1.pk]),
        ),
        (world.operator_a1, reverse("applications:application_list")),
        (apps.co_a1, reverse("applications:application_detail", args=[second.pk])),
    ]
    before = []
    for user, url in pages:
        client.force_login(user)
        before.append(_queries(client, url))
    for _n in range(6):
        file_one(world, apps)
    application = Application.objects.get(pk=second.pk)  # more events on its page
    send_back(apps, application, "Fix")
    application.refresh_from_db()
    services.application_resubmit(
        actor=world.operator_a1,
        application=application,
        values=form_values(world, aadhaar=""),
        version=application.version,
    )
    after = []
    for user, url in pages:
        client.force_login(user)
        after.append(_queries(client, url))
    assert after == before


# --- files kept through a correction ---------------------------------------------------------


def _token(body: str) -> str:
    match = re.search(r'name="upload_token" value="([^"]+)"', body)
    assert match, "the form carries its upload token"
    return match.group(1)


def _operator_b(world, apps):
    """A second operator, of centre A1b in the same panchayat."""
    other = UserFactory(username="operator_a1b")
    grant(other, Role.KIOSK_OPERATOR, world.gp_a1)
    Operator.objects.filter(pk=apps.centres.operator_a1b.pk).update(user=other)
    return other


@pytest.mark.parametrize("language", ["en", "hi"])
def test_a_mistyped_aadhaar_keeps_the_files_and_the_correction_files_them(
    world, apps, client_as, language
):
    client = client_as(world.operator_a1)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    url = reverse(
        "applications:application_create", args=[apps.centres.centre_a1.pk, apps.service.pk]
    )
    token = _token(client.get(url).content.decode())
    proof = b"%PDF-1.4\n% the citizen's ID proof\n%%EOF\n"
    declaration = b"%PDF-1.4\n% the self declaration, another file\n%%EOF\n"
    first = client.post(
        url,
        {
            **form_values(world, aadhaar="234123412345"),  # fails the Verhoeff check
            "client_token": "6f1c2a52-4b8e-4f3e-9d1a-0a6b1f0c9e11",
            "upload_token": token,
            "save": "submit",
            "id_proof": SimpleUploadedFile("id-proof.pdf", proof, "application/pdf"),
            "self_declaration": SimpleUploadedFile("decl.pdf", declaration, "application/pdf"),
        },
    )
    body = first.content.decode()
    assert first.status_code == 422 and Application.objects.count() == 0
    with translation.override(language):
        attached = str(_("Already attached: <strong>%(name)s</strong>, %(size)s")).split(":")[0]
    assert body.count(attached) == 2, attached
    with translation.override(language):
        assert body.count(str(_("Choose a file only to replace it."))) == 2
    assert "id-proof.pdf" in body and "decl.pdf" in body
    assert _token(body) == token

    # Only the number is corrected; no file is sent again.
    second = client.post(
        url,
        {
            **form_values(world),
            "client_token": "6f1c2a52-4b8e-4f3e-9d1a-0a6b1f0c9e11",
            "upload_token": token,
            "save": "submit",
        },
    )
    assert second.status_code == 302, second.content.decode()[:3000]
    application = Application.objects.get()
    stored = {d.code: d.file.read() for d in application.documents.all()}
    assert stored == {"id_proof": proof, "self_declaration": declaration}
    assert HeldUpload.objects.count() == 0


def _hold_both_files(world, apps, client_as):  # type: ignore[no-untyped-def]
    """Operator A1 sends the new application form with both files and an invalid Aadhaar:
    the form is refused and the files are held. Returns the client, the form's address and
    the upload token."""
    client = client_as(world.operator_a1)
    url = reverse(
        "applications:application_create", args=[apps.centres.centre_a1.pk, apps.service.pk]
    )
    token = _token(client.get(url).content.decode())
    client.post(
        url,
        {
            **form_values(world, aadhaar="234123412345"),
            "upload_token": token,
            "save": "submit",
            "id_proof": pdf(),
            "self_declaration": pdf("declaration.pdf"),
        },
    )
    return client, url, token


def test_a_held_file_can_be_removed_and_is_then_asked_for(world, apps, client_as):
    client, url, token = _hold_both_files(world, apps, client_as)
    response = client.post(
        url,
        {**form_values(world), "upload_token": token, "save": "submit", "remove_held": "id_proof"},
    )
    assert response.status_code == 422
    assert str(_("This document is required.")) in response.content.decode()
    assert set(HeldUpload.objects.values_list("code", flat=True)) == {"self_declaration"}


def test_another_users_token_claims_nothing(world, apps, client_as):
    _client, _url, token = _hold_both_files(world, apps, client_as)
    assert HeldUpload.objects.filter(owner=world.operator_a1).count() == 2

    other = client_as(_operator_b(world, apps))
    theirs = reverse(
        "applications:application_create", args=[apps.centres.centre_a1b.pk, apps.service.pk]
    )
    response = other.post(theirs, {**form_values(world), "upload_token": token, "save": "submit"})
    body = response.content.decode()
    assert response.status_code == 422
    assert str(_("This document is required.")) in body
    assert "proof.pdf" not in body
    assert Application.objects.count() == 0
    assert HeldUpload.objects.filter(owner=world.operator_a1, token=token).count() == 2


def test_a_refused_file_keeps_the_one_held_before(world, apps, client_as):
    client, url, token = _hold_both_files(world, apps, client_as)
    response = client.post(
        url,
        {
            **form_values(world),
            "upload_token": token,
            "save": "submit",
            "id_proof": SimpleUploadedFile("photo.png", b"not an image", "image/png"),
        },
    )
    body = response.content.decode()
    assert response.status_code == 422
    assert str(_("Only PDF, JPEG or PNG files are accepted.")) in body
    assert "proof.pdf" in body  # the earlier file is still attached
    assert Application.objects.count() == 0


def test_abandoned_held_files_are_swept(world, apps, client_as, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = client_as(world.operator_a1)
    url = reverse(
        "applications:application_create", args=[apps.centres.centre_a1.pk, apps.service.pk]
    )
    token = _token(client.get(url).content.decode())
    client.post(
        url,
        {
            **form_values(world, aadhaar="234123412345"),
            "upload_token": token,
            "save": "submit",
            "id_proof": pdf(),
        },
    )
    row = HeldUpload.objects.get()
    path = tmp_path / row.file.name
    assert path.exists()
    call_command("uploads_sweep", stdout=io.StringIO())
    assert HeldUpload.objects.count() == 1  # a form being corrected is left alone
    HeldUpload.objects.update(created_at=timezone.now() - dt.timedelta(days=2))
    call_command("uploads_sweep", stdout=io.StringIO())
    assert HeldUpload.objects.count() == 0 and not path.exists()


def test_a_returned_application_keeps_the_new_document_through_a_correction(world, apps, client_as):
    """Sent back to the kiosk, the operator adds the salary slip and mistypes the mobile: the
    slip stays attached, and the corrected form sends it with the application."""
    application = file_one(world, apps)
    send_back(apps, application, "Add the salary slip")
    application.refresh_from_db()
    client = client_as(world.operator_a1)
    url = reverse("applications:application_edit", args=[application.pk])
    token = _token(client.get(url).content.decode())
    slip = b"%PDF-1.4\n% salary slip\n%%EOF\n"
    values = {**form_values(world), "aadhaar": "", "version": application.version}
    first = client.post(
        url,
        {
            **values,
            "mobile": "98765",
            "upload_token": token,
            "save": "resubmit",
            "income_proof": SimpleUploadedFile("slip.pdf", slip, "application/pdf"),
        },
    )
    assert first.status_code == 422 and "slip.pdf" in first.content.decode()
    second = client.post(url, {**values, "upload_token": token, "save": "resubmit"})
    assert second.status_code == 302
    application.refresh_from_db()
    assert application.state == "submitted"
    assert application.documents.get(code="income_proof").file.read() == slip


def test_a_draft_refused_for_a_mistyped_number_keeps_its_files(world, apps, client_as):
    client = client_as(world.operator_a1)
    url = reverse(
        "applications:application_create", args=[apps.centres.centre_a1.pk, apps.service.pk]
    )
    token = _token(client.get(url).content.decode())
    first = client.post(
        url,
        {
            "applicant_name": "सुनीता देवी",
            "aadhaar": "234123412345",
            "upload_token": token,
            "save": "draft",
            "id_proof": pdf("voter-card.pdf"),
        },
    )
    assert first.status_code == 422 and "voter-card.pdf" in first.content.decode()
    second = client.post(
        url, {"applicant_name": "सुनीता देवी", "upload_token": token, "save": "draft"}
    )
    assert second.status_code == 302
    draft = Application.objects.get()
    assert list(draft.documents.values_list("code", flat=True)) == ["id_proof"]
    assert HeldUpload.objects.count() == 0


def test_a_called_for_document_refused_as_stale_stays_attached(world, apps, client_as):
    """The operator adds the land record the officer called for, but the page was opened
    before someone else changed the application: the page answers the conflict with the file
    still attached, and "Add" again adds it without choosing it again."""
    application = file_one(world, apps)
    services.application_act(
        actor=apps.co_a1,
        application=application,
        action="call_for_documents",
        target="documents_called",
        remark="Land record",
        version=application.version,
    )
    seen = application.version  # the operator's page was drawn before the officer acted
    client = client_as(world.operator_a1)
    page = client.get(reverse("applications:application_detail", args=[application.pk]))
    token = _token(page.content.decode())
    url = reverse("applications:application_documents", args=[application.pk])
    record = b"%PDF-1.4\n% land record\n%%EOF\n"
    stale = client.post(
        url,
        {
            "code": "income_proof",
            "version": seen,
            "upload_token": token,
            "file": SimpleUploadedFile("land-record.pdf", record, "application/pdf"),
        },
    )
    assert stale.status_code == 409
    assert "land-record.pdf" in stale.content.decode()
    current = Application.objects.get(pk=application.pk).version
    added = client.post(url, {"code": "income_proof", "version": current, "upload_token": token})
    assert added.status_code == 302
    assert application.documents.get(code="income_proof").file.read() == record
    assert HeldUpload.objects.count() == 0


def test_a_document_refused_is_explained_on_the_page_in_hindi(world, apps, client_as):
    """One error policy: the reason is on the documents form of the application's page, in
    the operator's language, and nothing is added (it was flashed after a redirect before)."""
    application = file_one(world, apps)
    services.application_act(
        actor=apps.co_a1,
        application=application,
        action="call_for_documents",
        target="documents_called",
        remark="Land record",
        version=application.version,
    )
    application.refresh_from_db()
    world.operator_a1.language = "hi"
    world.operator_a1.save()
    client = client_as(world.operator_a1)
    client.cookies["degs_language"] = "hi"
    url = reverse("applications:application_documents", args=[application.pk])
    before = application.documents.count()
    response = client.post(url, {"code": "income_proof", "version": application.version})
    assert response.status_code == 422
    body = response.content.decode()
    assert "फ़ाइल चुनें।" in body
    assert "Choose a file." not in body
    assert application.documents.count() == before
