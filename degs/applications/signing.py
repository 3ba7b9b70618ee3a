"""Signed certificate payloads (Ed25519), and their check with nothing but the public key.

A payload is ``DEGS1.<fields>.<signature>``: the certificate's fields as compact JSON, then the
Ed25519 signature of ``DEGS1.<fields>``, both base64url without padding. It fits in a QR code
beside the verification address, and ``verify_payload`` (used by the public page and by the
offline ``verify_certificate`` command) needs only the public key: one changed character in
either part and it is refused.

The private key comes from ``DEGS_CERTIFICATE_KEY`` (32 random bytes, base64). Outside
production a key is derived from the secret key so that development and tests need no set-up.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from degs.core.models import in_language

PREFIX = "DEGS1"


class BadPayload(ValueError):
    """The payload is malformed, or its signature does not match its fields."""


@dataclass(frozen=True)
class CertifiedFact:
    """One fact a certificate states, with its label and text in English and in Hindi."""

    code: str
    label: str
    label_hi: str
    text: str
    text_hi: str

    def signed(self) -> list[str]:
        """As the signed payload carries it (``f`` of the fields): code, labels, texts; a Hindi
        one empty when it is the English one (a name, a number), to keep the QR code small."""
        return [
            self.code,
            self.label,
            "" if self.label_hi == self.label else self.label_hi,
            self.text,
            "" if self.text_hi == self.text else self.text_hi,
        ]

    def label_in(self, language: str) -> str:
        return in_language(self.label, self.label_hi, language)

    def text_in(self, language: str) -> str:
        return in_language(self.text, self.text_hi, language)


def signed_facts(fields: dict[str, Any]) -> list[CertifiedFact]:
    """The certified facts a payload's fields carry under ``f``. A payload signed before
    certificates carried them has none, and still verifies: the fields are an open object, so
    ``DEGS1`` stays its format; an entry not of the expected shape is left out, not misread."""
    entries = fields.get("f")
    facts = []
    for entry in entries if isinstance(entries, list) else []:
        if (
            isinstance(entry, list)
            and len(entry) == 5
            and all(isinstance(part, str) for part in entry)
        ):
            code, label, label_hi, text, text_hi = entry
            facts.append(CertifiedFact(code, label, label_hi or label, text, text_hi or text))
    return facts


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    if not text or any(
        c not in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_" for c in text
    ):
        raise BadPayload("not base64url")
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except ValueError as error:
        raise BadPayload("not base64url") from error


@cache
def private_key() -> Ed25519PrivateKey:
    from django.conf import settings

    configured = settings.DEGS_CERTIFICATE_KEY
    if configured:
        seed = base64.b64decode(configured)
        if len(seed) != 32:
            raise ValueError("DEGS_CERTIFICATE_KEY must be 32 bytes, base64-encoded.")
    else:
        seed = hashlib.sha256(b"degs-certificate-key:" + settings.SECRET_KEY.encode()).digest()
    return Ed25519PrivateKey.from_private_bytes(seed)


def public_key_bytes(key: Ed25519PrivateKey | None = None) -> bytes:
    return (key or private_key()).public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def public_key_text() -> str:
    """The published public key: 32 bytes, base64 (what the offline verifier is given)."""
    return base64.b64encode(public_key_bytes()).decode("ascii")


def key_id(public: bytes | None = None) -> str:
    return hashlib.sha256(public or public_key_bytes()).hexdigest()[:16]


def sign_payload(fields: dict[str, Any], key: Ed25519PrivateKey | None = None) -> str:
    body = _b64(
        json.dumps(fields, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()
    )
    signed = f"{PREFIX}.{body}"
    signature = (key or private_key()).sign(signed.encode("ascii"))
    return f"{signed}.{_b64(signature)}"


def extract_payload(text: str) -> str:
    """The payload from what a QR code holds: the payload itself or the verification address
    carrying it as ``?p=``."""
    text = text.strip()
    if "p=" in text and "?" in text:
        from urllib.parse import parse_qs, urlsplit

        values = parse_qs(urlsplit(text).query).get("p")
        if values:
            return values[0].strip()
    return text


def verify_payload(payload: str, public: bytes | str) -> dict[str, Any]:
    """The fields of a payload signed by the key ``public`` (raw bytes or base64); BadPayload
    when it is malformed or its signature does not match."""
    if isinstance(public, str):
        try:
            public = base64.b64decode(public.strip(), validate=True)
        except ValueError as error:
            raise BadPayload("the public key is not base64") from error
    parts = extract_payload(payload).split(".")
    if len(parts) != 3 or parts[0] != PREFIX:
        raise BadPayload("not a DeGS certificate payload")
    signature = _unb64(parts[2])
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(
            signature, f"{parts[0]}.{parts[1]}".encode("ascii")
        )
    except (InvalidSignature, ValueError) as error:
        raise BadPayload("the signature does not match") from error
    # Base64 decoding ignores some trailing bits: insist the text is the canonical encoding of
    # the bytes, so that no character of a valid payload can change without being refused.
    body = _unb64(parts[1])
    if _b64(body) != parts[1] or _b64(signature) != parts[2]:
        raise BadPayload("not the canonical encoding")
    try:
        fields = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BadPayload("the fields are not JSON") from error
    if not isinstance(fields, dict):
        raise BadPayload("the fields are not an object")
    return fields
