"""A verifier on a phone, in Hindi, checks a certificate by the number printed on it and the
holder's last four mobile digits: the form is posted by a real browser (which sends the page's
origin only if the page's referrer policy lets it), and the answer names no one. Whoever scans
the certificate's QR code sees what it certifies, in their language, on a phone or a desk."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from degs.applications import documents, services
from degs.applications.models import Certificate
from tests.applications.conftest import file_one


def test_a_certificate_checked_by_number_on_a_phone_in_hindi(  # type: ignore[no-untyped-def]
    phone, world, apps, screenshot_dir
) -> None:
    application = file_one(world, apps)
    for action, target in (("verify", "verified"), ("issue", "issued")):
        services.application_act(
            actor=None, application=application, action=action, target=target, version=None
        )
    certificate = Certificate.objects.get(application=application)
    phone.context.add_cookies([{"name": "degs_language", "value": "hi", "url": phone.base_url}])

    phone.goto(phone.base_url + "/verify/")
    phone.fill("#id_number", certificate.number)
    phone.fill("#id_last4", "1234")
    phone.click("#verify-number button[type=submit]")
    result = phone.locator("#verify-result")
    assert "मान्य: जारी" in result.inner_text()  # Valid: issued
    assert certificate.number in result.inner_text() and "आय प्रमाण पत्र" in result.inner_text()
    assert "सुनीता देवी" not in phone.content()  # the holder's name shows only from the QR
    phone.screenshot(path=str(screenshot_dir / "verify-by-number-hi-360.png"), full_page=True)

    phone.fill("#id_last4", "0000")
    phone.click("#verify-number button[type=submit]")
    assert "नहीं मिला" in phone.locator("#verify-result").inner_text()  # Not found


@pytest.mark.parametrize("language", ["en", "hi"])
@pytest.mark.parametrize("width", [360, 1280])
def test_the_qr_code_opens_a_page_showing_what_the_certificate_certifies(  # type: ignore[no-untyped-def]
    browser, live_server, world, apps, screenshot_dir, language, width
) -> None:
    # given an income certificate issued for ₹ 72,000 a year, for education
    application = file_one(world, apps)
    for action, target in (("verify", "verified"), ("issue", "issued")):
        application = services.application_act(
            actor=None, application=application, action=action, target=target, version=None
        )
    certificate = Certificate.objects.get(application=application)
    context = browser.new_context(viewport={"width": width, "height": 800})
    context.add_cookies([{"name": "degs_language", "value": language, "url": live_server.url}])
    page = context.new_page()
    # when a verifier opens the address its QR code holds
    address = urlsplit(documents.verification_url(certificate.payload))
    page.goto(f"{live_server.url}{address.path}?{address.query}")
    # then the page shows the income and the purpose, labelled in the reader's language
    result = page.locator("#verify-result")
    expected = {
        "en": [
            "Valid: issued",
            "Annual income of the family (₹)",
            "72,000",
            "Purpose",
            "Education",
        ],
        "hi": ["मान्य: जारी", "परिवार की वार्षिक आय (₹)", "72,000", "प्रयोजन", "शिक्षा"],
    }[language]
    text = result.inner_text()
    for shown in expected:
        assert shown in text, shown
    income = result.get_by_text("72,000", exact=True)
    assert income.is_visible()
    box = income.bounding_box()
    assert box is not None and box["x"] + box["width"] <= width  # not off the screen
    page.screenshot(
        path=str(screenshot_dir / f"verify-facts-{language}-{width}.png"), full_page=True
    )
    context.close()
