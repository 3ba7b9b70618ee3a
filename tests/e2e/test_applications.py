"""The certificate story in a real browser, in Hindi: the kiosk operator files an income
certificate application with a document and prints the receipt; the circle officer finds it in
the inbox and approves; the certificate PDF carries the name in Devanagari; the public page
verifies its QR payload; the offline verifier accepts it and refuses it with one character
changed; the month's statement of the centre balances."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from pypdf import PdfReader

from degs.applications import signing
from degs.applications.models import Application
from tests.applications.conftest import PDF
from tests.e2e.conftest import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _pdf_text(page, url: str) -> str:  # type: ignore[no-untyped-def]
    response = page.request.get(page.base_url + url)
    assert response.status == 200 and response.body().startswith(b"%PDF")
    return "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)


def test_file_approve_verify_and_balance_in_hindi(  # type: ignore[no-untyped-def]
    world,
    apps,
    phone,
    screenshot_dir,
    tmp_path,
    capsys,
) -> None:
    for user in (world.operator_a1, apps.co_a1):
        user.language = "hi"
        user.save()
    proof = tmp_path / "ration-card.pdf"
    proof.write_bytes(PDF)
    page = phone

    # the operator files at the kiosk
    sign_in(page, "operator_a1")
    page.goto(page.base_url + "/applications/")
    page.get_by_role("link", name="आय प्रमाण पत्र").click()
    page.locator("#id_applicant_name").fill("सुनीता देवी")
    page.locator("#id_father_name").fill("रामेश्वर महतो")
    page.locator("#id_date_of_birth").fill("1990-01-25")
    page.locator("#id_mobile").fill("9876501234")
    page.locator("#id_aadhaar").fill("2341 2341 2346")
    page.locator("#id_village").select_option(str(world.village_a1.pk))
    page.locator("#id_pincode").fill("815355")
    page.locator("#id_annual_income").fill("72000")
    page.locator("#id_purpose").select_option("education")
    page.locator("#id_id_proof").set_input_files(str(proof))
    page.locator("#id_self_declaration").set_input_files(str(proof))
    page.screenshot(path=str(screenshot_dir / "application-form-hi.png"), full_page=True)
    page.locator("button[value=submit]").click()
    page.wait_for_url("**/applications/*/")
    application = Application.objects.get()
    assert application.number in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= 361
    page.screenshot(path=str(screenshot_dir / "application-filed-hi.png"), full_page=True)
    receipt = _pdf_text(page, f"/applications/{application.pk}/receipt.pdf")
    assert application.number in receipt

    # the circle officer finds it in the inbox and approves
    sign_in(page, "co_a1")
    page.goto(page.base_url + "/applications/inbox/")
    page.get_by_role("link", name=application.number).click()
    page.locator("form.degs-act summary").first.click()
    page.locator("form.degs-act").first.locator("button[type=submit]").click()
    page.wait_for_url(f"**/applications/{application.pk}/")
    page.locator("form.degs-act summary").first.click()
    page.locator("form.degs-act").first.locator("button[type=submit]").click()
    page.wait_for_url(f"**/applications/{application.pk}/")
    page.screenshot(path=str(screenshot_dir / "application-issued-hi.png"), full_page=True)
    application.refresh_from_db()
    assert application.state == "issued"
    certificate = application.certificate
    text = _pdf_text(page, f"/applications/{application.pk}/certificate.pdf")
    assert certificate.number in text

    # anyone verifies the QR payload; the offline verifier needs only the public key
    page.context.clear_cookies()
    page.goto(page.base_url + "/verify/?p=" + certificate.payload)
    body = page.content()
    assert certificate.number in body and "सुनीता देवी" in body
    assert "alert-success" in page.locator("#verify-result").get_attribute("class")
    page.screenshot(path=str(screenshot_dir / "certificate-verified-hi.png"), full_page=True)
    call_command("verify_certificate", certificate.payload, key=signing.public_key_text())
    assert "VALID" in capsys.readouterr().out
    i = len(certificate.payload) // 2
    tampered = (
        certificate.payload[:i]
        + ("A" if certificate.payload[i] != "A" else "B")
        + certificate.payload[i + 1 :]
    )
    with pytest.raises(SystemExit) as refused:
        call_command("verify_certificate", tampered, key=signing.public_key_text())
    assert refused.value.code == 1

    # the month's statement of the centre adds up
    sign_in(page, "operator_a1")
    page.goto(page.base_url + f"/applications/ledger/centres/{apps.centres.centre_a1.pk}/")
    assert page.locator("[data-total=debits]").inner_text() == "30.00"
    assert page.locator("[data-total=credits]").inner_text() == "30.00"
    page.screenshot(path=str(screenshot_dir / "statement-hi.png"), full_page=True)


@pytest.mark.parametrize("language", ["hi", "en"])
def test_a_mistyped_aadhaar_number_does_not_lose_the_documents(  # type: ignore[no-untyped-def]
    world, apps, page, screenshot_dir, tmp_path, language
) -> None:
    """On a slow link, choosing the documents again is minutes of work: the form comes back
    with the mistake marked and the documents still attached, and the correction files them."""
    world.operator_a1.language = language
    world.operator_a1.save()
    proof = tmp_path / "ration-card.pdf"
    proof.write_bytes(b"%PDF-1.4\n% ration card\n%%EOF\n")
    declaration = tmp_path / "self-declaration.pdf"
    declaration.write_bytes(b"%PDF-1.4\n% self declaration\n%%EOF\n")
    sign_in(page, "operator_a1")
    page.goto(
        page.base_url
        + reverse(
            "applications:application_create",
            args=[apps.centres.centre_a1.pk, apps.service.pk],
        )
    )
    page.locator("#id_applicant_name").fill("सुनीता देवी")
    page.locator("#id_father_name").fill("रामेश्वर महतो")
    page.locator("#id_date_of_birth").fill("1990-01-25")
    page.locator("#id_mobile").fill("+91 98765 01234")
    page.locator("#id_aadhaar").fill("2341 2341 2345")  # one digit wrong: fails the check
    page.locator("#id_village").select_option(str(world.village_a1.pk))
    page.locator("#id_pincode").fill("815355")
    page.locator("#id_annual_income").fill("72000")
    page.locator("#id_purpose").select_option("education")
    page.locator("#id_id_proof").set_input_files(str(proof))
    page.locator("#id_self_declaration").set_input_files(str(declaration))
    page.locator("button[value=submit]").click()
    page.wait_for_selector("#id_aadhaar_error")

    with translation.override(language):
        attached = str(_("Already attached: <strong>%(name)s</strong>, %(size)s")).split(":")[0]
    held = page.locator(".degs-held")
    assert held.count() == 2
    assert attached in held.first.inner_text() and "ration-card.pdf" in held.first.inner_text()
    assert "self-declaration.pdf" in held.nth(1).inner_text()
    assert page.locator("#id_applicant_name").input_value() == "सुनीता देवी"
    page.screenshot(
        path=str(screenshot_dir / f"application-held-{language}-1280.png"), full_page=True
    )
    page.set_viewport_size({"width": 360, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth") <= 361
    page.screenshot(
        path=str(screenshot_dir / f"application-held-{language}-360.png"), full_page=True
    )
    page.set_viewport_size({"width": 1280, "height": 900})

    # only the number is corrected; no file is chosen again
    page.locator("#id_aadhaar").fill("2341 2341 2346")
    page.locator("button[value=submit]").click()
    page.wait_for_url("**/applications/*/")
    application = Application.objects.get()
    stored = {d.code: d.file.read() for d in application.documents.all()}
    assert stored == {
        "id_proof": proof.read_bytes(),
        "self_declaration": declaration.read_bytes(),
    }
    assert application.mobile == "9876501234"
