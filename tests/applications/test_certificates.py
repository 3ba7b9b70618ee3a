"""Certificates: the signed payload, the public verification pages, the offline verifier, and
the certificate and receipt PDFs."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from degs.applications import documents, services, signing
from degs.applications.models import Application, Certificate
from degs.catalogue.demo_definitions import CERTIFICATES
from degs.catalogue.models import ServiceVersion
from tests.applications.conftest import file_one, issue_certificate

pytestmark = pytest.mark.django_db

NAME = "सुनीता देवी"  # the conftest's applicant
LAST4 = "1234"  # the last four digits of the conftest applicant's mobile, 9876501234


@pytest.fixture
def certificate(world, apps) -> Certificate:  # type: ignore[no-untyped-def]
    ServiceVersion.objects.filter(service=apps.service).update(
        certificate_template=CERTIFICATES["income_certificate"]["certificate"],
        certificate_template_hi=CERTIFICATES["income_certificate"]["certificate_hi"],
    )
    return issue_certificate(world, apps)


def _changed(payload: str, position: int) -> str:
    substitute = "B" if payload[position] == "A" else "A"
    return payload[:position] + substitute + payload[position + 1 :]


def _text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


# --- the payload -------------------------------------------------------------------------------


def test_the_payload_verifies_with_the_public_key_alone(certificate):
    fields = signing.verify_payload(certificate.payload, signing.public_key_text())
    assert fields == certificate.fields
    assert fields["n"] == NAME and fields["c"] == certificate.number
    url = documents.verification_url(certificate.payload)
    assert url.endswith(f"/verify/?p={certificate.payload}")
    assert signing.verify_payload(url, signing.public_key_text()) == fields


def test_every_single_character_change_of_the_payload_is_refused(certificate):
    payload = certificate.payload
    public = signing.public_key_bytes()
    accepted = []
    for position in range(len(payload)):
        try:
            signing.verify_payload(_changed(payload, position), public)
        except signing.BadPayload:
            continue
        accepted.append(position)
    assert accepted == []


# --- the public pages --------------------------------------------------------------------------


def test_the_verify_page_shows_a_valid_certificate_from_its_qr_code(client, certificate):
    # given an anonymous visitor who scanned the QR code
    response = client.get(reverse("verify:verify"), {"p": certificate.payload})
    # then the page says it is valid and shows the signed details
    page = response.content.decode()
    assert response.status_code == 200
    assert "Valid: issued" in page
    assert NAME in page and certificate.number in page
    assert certificate.application.number in page
    assert "रामेश्वर महतो" in page  # father's name
    assert certificate.issued_on.strftime("%d-%m-%Y") in page
    assert response["Cache-Control"] == "no-store"


def _by_number(client: Any, number: str, last4: str = LAST4) -> Any:
    return client.post(reverse("verify:verify"), {"number": number, "last4": last4})


def _result(response: Any) -> str:
    """The verification's answer on the page, without the form (which repeats what was typed)."""
    page = response.content.decode()
    start = page.index('id="verify-result"')
    return page[start : page.index('<form method="post"', start)]


def test_the_verify_page_confirms_a_number_with_the_holders_second_fact(client, certificate):
    # given the number printed on the certificate and the last four digits of the mobile given
    # in the application (the applicant's, from the conftest)
    response = _by_number(client, certificate.number.lower())
    # then the certificate is confirmed with its service and dates, and nothing about its holder
    result = _result(response)
    assert response.status_code == 200 and "Valid: issued" in result
    assert certificate.number in result and "Income certificate" in result
    assert certificate.issued_on.strftime("%d-%m-%Y") in result
    for private in (NAME, "रामेश्वर महतो", "District A", "Application number", "Issuing officer"):
        assert private not in response.content.decode()


def test_a_number_alone_looks_nothing_up(client, certificate, django_assert_num_queries):
    # an old link or a hand-typed address with the number only: the form, filled in, asks for
    # the digits; nothing is looked up
    with django_assert_num_queries(0):
        response = client.get(reverse("verify:verify"), {"number": certificate.number})
    page = response.content.decode()
    assert response.status_code == 200 and 'id="verify-result"' not in page
    assert f'value="{certificate.number}"' in page and NAME not in page
    # posted without the digits, the form says what is missing
    missing = client.post(reverse("verify:verify"), {"number": certificate.number})
    assert "Give the last four digits." in missing.content.decode()
    assert 'id="verify-result"' not in missing.content.decode()


def test_wrong_digits_and_a_number_nobody_has_answer_alike(client, certificate):
    """A number can be counted through: whether it exists must not show without the digits."""
    unissued = certificate.number[:-4] + str((int(certificate.number[-4:]) + 7) % 10000).zfill(4)
    answers = {
        _result(_by_number(client, number, last4))
        .replace(number, "NUMBER")
        .replace(number.upper(), "NUMBER")
        for number, last4 in (
            (certificate.number, "0000"),
            (certificate.number, "4321"),
            (unissued, LAST4),
            ("INC/NO-SUCH", LAST4),
        )
    }
    assert len(answers) == 1
    (answer,) = answers
    assert "Not found" in answer and "Valid: issued" not in answer and NAME not in answer
    assert "<dl" not in answer  # no details of any kind


def test_the_verify_page_shows_a_revoked_certificate_with_the_reason(client, apps, certificate):
    services.certificate_revoke(
        actor=None, certificate=certificate, reason="Issued on a forged document"
    )
    for response in (
        client.get(reverse("verify:verify"), {"p": certificate.payload}),
        _by_number(client, certificate.number),
    ):
        page = response.content.decode()
        assert "Revoked on" in page and "Issued on a forged document" in page
        assert "Valid: issued" not in page
    # with wrong digits a revoked certificate is not found either
    assert "Revoked on" not in _by_number(client, certificate.number, "0000").content.decode()


def test_the_verify_page_refuses_an_altered_qr_code(client, certificate):
    altered = _changed(certificate.payload, len(certificate.payload) // 2)
    page = client.get(reverse("verify:verify"), {"p": altered}).content.decode()
    assert "This QR code was not issued by this system or has been altered" in page
    assert NAME not in page


def test_the_verify_page_says_when_no_certificate_matches(client, certificate):
    page = _by_number(client, "INC/NO-SUCH").content.decode()
    assert "No certificate matches this number and these digits" in page
    assert "Valid: issued" not in page


def test_the_verify_page_accepts_the_whole_qr_address_pasted(client, certificate):
    url = documents.verification_url(certificate.payload)
    page = client.get(reverse("verify:verify"), {"p": url}).content.decode()
    assert "Valid: issued" in page


def test_verification_is_limited_per_address_across_page_and_api(client, certificate, settings):
    # given three verifications an hour per address, used by the page and the API together
    settings.DEGS_VERIFY_LOOKUPS_PER_HOUR = 3
    api = "/api/certificates/verify/"
    assert client.get(reverse("verify:verify"), {"p": certificate.payload}).status_code == 200
    assert client.get(api, {"number": certificate.number, "last4": LAST4}).status_code == 200
    assert _by_number(client, certificate.number).status_code == 200
    # then the fourth, by whichever door, is refused and looks nothing up
    refused = client.get(api, {"payload": certificate.payload})
    assert refused.status_code == 429 and "Too many look-ups" in refused.json()["detail"]
    page = _by_number(client, certificate.number)
    assert page.status_code == 429 and "Valid: issued" not in page.content.decode()
    assert "Too many look-ups from this connection" in page.content.decode()
    qr = client.get(reverse("verify:verify"), {"p": certificate.payload})
    assert qr.status_code == 429 and NAME not in qr.content.decode()
    # while another address still verifies
    other = client.get(reverse("verify:verify"), {"p": certificate.payload}, REMOTE_ADDR="10.9.8.7")
    assert other.status_code == 200 and "Valid: issued" in other.content.decode()


def test_the_limit_message_is_in_hindi(client, certificate, settings):
    settings.DEGS_VERIFY_LOOKUPS_PER_HOUR = 0
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "hi"
    page = _by_number(client, certificate.number)
    assert page.status_code == 429
    assert "Too many" not in page.content.decode() and 'lang="hi"' in page.content.decode()


@pytest.mark.parametrize("name", ["verify:verify", "verify:key"])
def test_the_public_pages_need_no_sign_in(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 200


def test_the_key_page_publishes_the_key_and_the_offline_command(client, db):
    page = client.get(reverse("verify:key")).content.decode()
    assert signing.public_key_text() in page and signing.key_id() in page
    assert "manage.py verify_certificate --key" in page
    text = client.get(reverse("verify:key"), {"format": "txt"})
    assert text.content.decode().strip() == signing.public_key_text()


def test_the_verify_page_costs_few_queries(client, certificate, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        client.get(reverse("verify:verify"), {"p": certificate.payload})


# --- the offline verifier ----------------------------------------------------------------------


def test_the_command_accepts_a_good_payload_with_only_the_key(
    certificate, django_assert_num_queries
):
    payload, key = certificate.payload, signing.public_key_text()
    out = io.StringIO()
    with django_assert_num_queries(0):
        call_command("verify_certificate", payload, key=key, stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "VALID"
    assert f"Name: {NAME}" in lines
    assert f"Certificate number: {certificate.number}" in lines


def test_the_command_reads_the_qr_address_from_stdin_and_the_key_from_a_file(certificate, tmp_path):
    key_file = tmp_path / "degs.pub"
    key_file.write_text(signing.public_key_text() + "\n")
    out = io.StringIO()
    call_command(
        "verify_certificate",
        "-",
        key_file=str(key_file),
        stdin=io.StringIO(documents.verification_url(certificate.payload) + "\n"),
        stdout=out,
    )
    assert out.getvalue().startswith("VALID\n")


@pytest.mark.parametrize("wrong", ["changed", "other key"])
def test_the_command_refuses_a_changed_payload_or_another_key(certificate, wrong):
    payload, key = certificate.payload, signing.public_key_text()
    if wrong == "changed":
        payload = _changed(payload, 20)
    else:
        key = "A" * 43 + "="
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("verify_certificate", payload, key=key, stdout=out, stderr=err)
    assert exit_.value.code == 1
    assert err.getvalue().startswith("INVALID: ")
    assert "VALID" not in out.getvalue()


# --- documents ---------------------------------------------------------------------------------


def test_the_certificate_pdf_has_the_hindi_then_the_english_page(certificate):
    pdf = documents.certificate_pdf_bytes(certificate)
    assert pdf.startswith(b"%PDF")
    hindi, english = _text(pdf)
    assert NAME in hindi and "प्रमाण पत्र संख्या" in hindi
    assert "This is to certify that" in english
    assert certificate.number in english
    assert "/verify/" in english
    assert "REVOKED" not in hindi + english


def test_a_revoked_certificate_pdf_is_marked(apps, certificate):
    services.certificate_revoke(actor=None, certificate=certificate, reason="Forged")
    certificate.refresh_from_db()
    pages = _text(documents.certificate_pdf_bytes(certificate))
    assert all("REVOKED" in page for page in pages)


def test_the_receipt_pdf_carries_the_number_and_how_to_check(world, apps):
    application = file_one(world, apps)
    pdf = documents.receipt_pdf_bytes(application)
    assert pdf.startswith(b"%PDF")
    (text,) = _text(pdf)
    assert application.number in text
    assert application.mobile_masked in text and "9876501234" not in text
    assert "/status/" in text
    assert "10.00" in text  # what the citizen paid of the Rs 30 fee


def _render(certificate: Certificate, template: str, language: str = "en") -> str:
    application = Application.objects.get(pk=certificate.application_id)
    return documents.render_certificate_html(template, application, certificate, language)


def test_render_escapes_values_and_never_runs_template_tags(certificate):
    application = certificate.application
    application.data["father_name"] = "<script>alert(1)</script>"
    Application.objects.filter(pk=application.pk).update(data=application.data)
    html = _render(
        certificate,
        "<p>{{ father_name }}</p>{% now 'Y' %}{{ unknown_one }}|{{ qr_code }}",
    )
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "{% now 'Y' %}" in html
    assert "|<svg" in html and "unknown_one" not in html


def test_render_fills_areas_dates_and_validity_in_the_pages_language(world, certificate):
    template = "{{ village }}|{{ issued_on }}|{{ valid_until }}|{{ date_of_birth }}"
    day = certificate.issued_on.strftime("%d-%m-%Y")
    until = certificate.valid_until.strftime("%d-%m-%Y")
    assert _render(certificate, template, "en") == (
        f"{world.village_a1.name}|{day}| · valid until {until}|25-01-1990"
    )
    hindi = _render(certificate, template, "hi")
    assert hindi.endswith(f"|{day}| · {until} तक मान्य|25-01-1990")
