"""A certificate states what it certifies: the income certificate its amount and purpose, the
caste certificate the caste and category, the residence certificate the years of residence.
Each fact is printed on both pages of the PDF, signed into the QR code's payload and shown by
the verification page opened from it, in the reader's language; a certificate signed before
payloads carried the facts still verifies. The receipt fits one A5 page."""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from degs.applications import documents, services, signing
from degs.applications.models import Certificate
from tests.applications.conftest import documents as uploads
from tests.applications.conftest import form_values, issue, pdf, publish_demo_service

pytestmark = pytest.mark.django_db

# 12,34,567: the Indian grouping (lakh, thousand) of 1234567, as the Reserve Bank writes it.
INCOME, INCOME_TEXT = "1234567", "12,34,567"


def _issue(world: Any, apps: Any, service: Any, values: dict[str, Any]) -> Certificate:
    docs = uploads()
    if service.code == "caste_certificate":
        docs.append(services.Upload(code="khatiyan", file=pdf("khatiyan.pdf")))
    application, _created = services.application_submit(
        actor=world.operator_a1,
        centre=apps.centres.centre_a1,
        service=service,
        values=form_values(world, **values),
        uploads=docs,
    )
    application = issue(apps, application)
    return Certificate.objects.select_related("application").get(application=application)


@pytest.fixture
def income(world, apps) -> Certificate:  # type: ignore[no-untyped-def]
    return _issue(world, apps, apps.service, {"annual_income": INCOME, "purpose": "scheme"})


@pytest.fixture
def caste(world, apps) -> Certificate:  # type: ignore[no-untyped-def]
    service = publish_demo_service(world, "caste_certificate").service
    return _issue(world, apps, service, {"caste": "Santhal", "category": "st"})


@pytest.fixture
def residence(world, apps) -> Certificate:  # type: ignore[no-untyped-def]
    service = publish_demo_service(world, "residence_certificate").service
    return _issue(world, apps, service, {"years_resident": "27"})


def _pages(pdf_bytes: bytes) -> list[str]:
    """Each page's text, its spaces and line breaks (justified lines) as single spaces."""
    return [
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf_bytes)).pages
    ]


def _skeleton(text: str) -> str:
    """Letters, digits and ₹ only (no Devanagari vowel sign, virama or space): pypdf reads a
    shaped Devanagari word with its signs moved or doubled ("तकि" for "तक") but its letters
    in order, so the skeletons of the expected and the printed text compare."""
    return "".join(c for c in text if c.isalnum() or c == "₹")


def _decoded(payload: str) -> dict[str, Any]:
    """The payload's fields, its signature checked here with the published key and the
    ``cryptography`` library alone (not through the project's signing module)."""
    prefix, body, signature = payload.split(".")
    key = base64.b64decode(signing.public_key_text())

    def unb64(text: str) -> bytes:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))

    # raises InvalidSignature when the fields are not the ones signed
    Ed25519PublicKey.from_public_bytes(key).verify(
        unb64(signature), f"{prefix}.{body}".encode("ascii")
    )
    fields: dict[str, Any] = json.loads(unb64(body))
    return fields


def _verify_page(client: Any, certificate: Certificate, language: str) -> str:
    client.cookies["degs_language"] = language
    response = client.get(reverse("verify:verify"), {"p": certificate.payload})
    assert response.status_code == 200
    page = response.content.decode()
    start = page.index('id="verify-result"')
    return page[start : page.index('<form method="post"', start)]


# --- the certificate's pages -------------------------------------------------------------------


def test_the_income_certificate_prints_the_income_and_purpose_on_both_pages(income):
    hindi, english = _pages(documents.certificate_pdf_bytes(income))
    assert f"₹ {INCOME_TEXT}" in english and _skeleton(f"₹ {INCOME_TEXT}") in _skeleton(hindi)
    assert "Government scheme" in english and _skeleton("प्रयोजन: सरकारी योजना") in _skeleton(hindi)
    # The demo income certificate is valid for 365 days from its issue.
    valid = (income.issued_on + dt.timedelta(days=365)).strftime("%d-%m-%Y")
    assert f"valid until {valid}" in english
    assert _skeleton(f"{valid} तक मान्य") in _skeleton(hindi)


def test_the_caste_certificate_prints_the_caste_and_category(caste):
    hindi, english = _pages(documents.certificate_pdf_bytes(caste))
    assert "Santhal caste, of the category Scheduled Tribe" in english
    assert _skeleton("Santhal जाति के हैं, जो अनुसूचित जनजाति वर्ग") in _skeleton(hindi)


def test_the_residence_certificate_prints_the_years_and_the_village(world, residence):
    hindi, english = _pages(documents.certificate_pdf_bytes(residence))
    assert f"resident of {world.village_a1.name}" in english and "for 27 years" in english
    assert _skeleton(f"निवासी {world.village_a1.name_hi}") in _skeleton(hindi)
    assert _skeleton("वहाँ 27 वर्षों से") in _skeleton(hindi)


# --- the signed payload ------------------------------------------------------------------------


def test_the_qr_payload_carries_the_certified_facts(income, caste):
    qr = documents.verification_url(income.payload)
    fields = _decoded(signing.extract_payload(qr))
    facts = {entry[0]: entry for entry in fields["f"]}
    assert facts["annual_income"][3] == INCOME_TEXT
    assert facts["purpose"][3:] == ["Government scheme", "सरकारी योजना"]
    assert (
        fields["n"] == "सुनीता देवी"
        and fields["v"] == (income.issued_on + dt.timedelta(days=365)).isoformat()
    )
    assert "aadhaar" not in facts and "mobile" not in facts and "date_of_birth" not in facts
    caste_facts = {entry[0]: entry for entry in _decoded(caste.payload)["f"]}
    assert caste_facts["caste"][3] == "Santhal"
    assert caste_facts["category"][3:] == ["Scheduled Tribe", "अनुसूचित जनजाति"]


@pytest.mark.parametrize(
    ("language", "shown"),
    [
        ("en", ["Annual income of the family (₹)", INCOME_TEXT, "Purpose", "Government scheme"]),
        ("hi", ["परिवार की वार्षिक आय (₹)", INCOME_TEXT, "प्रयोजन", "सरकारी योजना"]),
    ],
)
def test_the_verify_page_from_the_qr_shows_the_facts_in_the_readers_language(
    client, income, language, shown
):
    result = _verify_page(client, income, language)
    for text in shown:
        assert text in result, text
    other = "सरकारी योजना" if language == "en" else "Government scheme"
    assert other not in result


def test_the_verify_page_shows_caste_and_category(client, caste):
    assert "Scheduled Tribe" in _verify_page(client, caste, "en")
    hindi = _verify_page(client, caste, "hi")
    assert "अनुसूचित जनजाति" in hindi and "वर्ग" in hindi and "Santhal" in hindi


def test_a_number_with_the_second_fact_still_reveals_no_fact(client, income):
    response = client.post(reverse("verify:verify"), {"number": income.number, "last4": "1234"})
    page = response.content.decode()
    assert "Valid: issued" in page
    assert INCOME_TEXT not in page and "Government scheme" not in page


def test_a_certificate_signed_before_payloads_carried_facts_still_verifies(client, income):
    # given a certificate signed with the fields of before (no "f")
    old = {key: value for key, value in income.fields.items() if key != "f"}
    payload = signing.sign_payload(old)
    Certificate.objects.filter(pk=income.pk).update(fields=old, payload=payload)
    income.refresh_from_db()
    # then the page and the offline check accept it and show what it carries
    result = _verify_page(client, income, "en")
    assert "Valid: issued" in result and "सुनीता देवी" in result
    assert INCOME_TEXT not in result
    out = io.StringIO()
    call_command("verify_certificate", payload, key=signing.public_key_text(), stdout=out)
    assert out.getvalue().startswith("VALID\n") and "सुनीता देवी" in out.getvalue()


def test_the_offline_check_prints_the_facts_with_their_labels(income):
    out = io.StringIO()
    call_command("verify_certificate", income.payload, key=signing.public_key_text(), stdout=out)
    lines = out.getvalue().splitlines()
    assert f"Annual income of the family (₹) / परिवार की वार्षिक आय (₹): {INCOME_TEXT}" in lines
    assert "Purpose / प्रयोजन: Government scheme / सरकारी योजना" in lines


# --- the receipt -------------------------------------------------------------------------------


def test_the_receipt_fits_one_a5_page_with_a_long_name_and_every_document(world, apps):
    centre = apps.centres.centre_a1
    centre.name = "Pragya Kendra Jamtara Sadar Block Office Campus near Gandhi Maidan"
    centre.name_hi = "प्रज्ञा केंद्र जामताड़ा सदर प्रखंड कार्यालय परिसर, गांधी मैदान के पास"
    centre.save()
    name = ("श्रीमती सुनीता कुमारी देवी उर्फ़ सुनीता महतो, पत्नी स्वर्गीय रामेश्वर प्रसाद महतो " * 2)[:100]
    application, _created = services.application_submit(
        actor=world.operator_a1,
        centre=centre,
        service=apps.service,
        values=form_values(world, applicant_name=name),
        uploads=[*uploads(), services.Upload(code="income_proof", file=pdf("salary.pdf"))],
    )
    assert application.documents.count() == 3
    reader = PdfReader(io.BytesIO(documents.receipt_pdf_bytes(application)))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox  # A5: 148 x 210 mm, in points of 1/72 inch
    assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (148, 210)


def test_the_api_answers_the_facts_for_the_qr_payload_only(client, income):
    by_qr = client.get("/api/certificates/verify/", {"payload": income.payload}).json()
    facts = {entry[0]: entry[3] for entry in by_qr["fields"]["f"]}
    assert facts["annual_income"] == INCOME_TEXT and facts["purpose"] == "Government scheme"
    by_number = client.get(
        "/api/certificates/verify/", {"number": income.number, "last4": "1234"}
    ).json()
    assert by_number["status"] == "issued" and "f" not in by_number["fields"]
