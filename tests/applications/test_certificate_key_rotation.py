"""Rotating the certificate key: a certificate signed with the old key no longer verifies, and
``resign_certificates`` signs it again with the new one (docs/operations.md)."""

from __future__ import annotations

import base64
import io
from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.test import override_settings

from degs.applications import selectors, signing
from degs.applications.models import Certificate
from tests.applications.conftest import issue_certificate

pytestmark = pytest.mark.django_db

OLD = base64.b64encode(bytes(range(32))).decode()
NEW = base64.b64encode(bytes(range(32, 64))).decode()


@pytest.fixture
def key() -> Iterator[object]:
    """Switches DEGS_CERTIFICATE_KEY (the private key is cached once read)."""
    overrides: list[override_settings] = []

    def use(value: str) -> None:
        override = override_settings(DEGS_CERTIFICATE_KEY=value)
        override.enable()
        overrides.append(override)
        signing.private_key.cache_clear()

    yield use
    for override in reversed(overrides):
        override.disable()
    signing.private_key.cache_clear()


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("resign_certificates", *args, stdout=out)
    return out.getvalue()


def test_after_rotation_the_certificates_are_signed_again_with_the_new_key(world, apps, key):
    key(OLD)
    certificate = issue_certificate(world, apps)
    old_payload, old_key_id = certificate.payload, certificate.key_id
    assert selectors.verification(payload=old_payload)["status"] == "issued"

    key(NEW)
    # Verification knows only the current key: the old QR code no longer verifies.
    assert selectors.verification(payload=old_payload)["status"] == "invalid"
    assert f"key {old_key_id}: 1 certificates" in _run("--dry-run")
    certificate.refresh_from_db()
    assert certificate.payload == old_payload  # a dry run changes nothing

    assert "1 certificates re-signed" in _run()
    certificate.refresh_from_db()
    assert certificate.key_id == signing.key_id() != old_key_id
    assert signing.verify_payload(certificate.payload, _new_public()) == certificate.fields
    answer = selectors.verification(payload=certificate.payload)
    assert answer["status"] == "issued" and answer["number"] == certificate.number
    # Run again, it finds nothing left to do.
    assert "0 certificates re-signed" in _run()
    assert Certificate.objects.exclude(key_id=signing.key_id()).count() == 0


def _new_public() -> bytes:
    """The public key of NEW, derived here with ``cryptography`` rather than by the code
    under test."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    private = Ed25519PrivateKey.from_private_bytes(base64.b64decode(NEW))
    return private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
