"""A verifier on a phone, in Hindi, checks a certificate by the number printed on it and the
holder's last four mobile digits: the form is posted by a real browser (which sends the page's
origin only if the page's referrer policy lets it), and the answer names no one."""

from __future__ import annotations

from degs.applications import services
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
