"""What an operator types into a service's form, checked field by field against the version's
definition. Used by the HTML form and the API alike; nothing here touches the database except
through the ``find_area`` it is given.

Every problem is a message in the user's language keyed by the field's code, so the form can
show it beside the field and keep the rest of what was typed.

Names: text is NFC-normalised, which also makes the two spellings of a nukta letter (क़ as one
code point, or क followed by the nukta sign) the same text. Zero-width joiners and non-joiners
are kept where they shape Devanagari (between two Devanagari letters) and dropped anywhere else;
NUL and other control characters are refused (``core.text.CONTROL_CHARACTERS``).

Values are text: a list, object or true/false sent through the API is refused with a message on
its field, never stored as its Python spelling ("['a']"); a number field also takes a JSON whole
number.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from degs.catalogue.choices import FieldType
from degs.catalogue.definition import Definition, FormField
from degs.core.aadhaar import aadhaar_parts
from degs.core.mobile import normalise_mobile
from degs.core.text import REFUSED_MESSAGE, ControlCharacters, ascii_digits, clean_name
from degs.directory.models import pincode_validator


@dataclass
class Cleaned:
    values: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)
    aadhaar_last4: str = ""
    aadhaar_hash: str = ""

    def add(self, code: str, message: str) -> None:
        self.errors.setdefault(code, []).append(message)


def _digits(value: object) -> str:
    return ascii_digits(str(value or "")).replace(" ", "").strip()


def _parse_date(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    text = _digits(value)
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()  # noqa: DTZ007 - a calendar date
        except ValueError:
            continue
    return None


def _one(
    spec: FormField,
    raw: object,
    result: Cleaned,
    *,
    today: dt.date,
    find_area: Callable[[str], dict[str, Any] | None],
) -> None:
    code = spec.code
    if spec.type == FieldType.FILE:
        return  # files are documents: see check_document
    if raw is None:
        raw = ""
    elif spec.type == FieldType.NUMBER and type(raw) is int:  # a JSON number, not true/false
        raw = str(raw)
    if not isinstance(raw, str):  # a JSON list, object, true/false: never kept as "['a']"
        result.add(code, _("Give text here (in quotes), not a list, object, number or true/false."))
        return
    try:
        text = clean_name(raw)
    except ControlCharacters:
        result.add(code, str(REFUSED_MESSAGE))
        return
    if not text:
        if spec.required:
            result.add(code, _("This field is required."))
        return
    if spec.type == FieldType.TEXT:
        limit = spec.max_length or 200
        if len(text) > limit:
            result.add(code, _("At most %(n)s characters.") % {"n": limit})
            return
        result.values[code] = text
    elif spec.type == FieldType.NUMBER:
        digits = _digits(text).replace(",", "")
        if not re.fullmatch(r"-?[0-9]{1,15}", digits):
            result.add(code, _("Give a whole number."))
            return
        number = int(digits)
        if spec.minimum is not None and number < spec.minimum:
            result.add(code, _("At least %(n)s.") % {"n": spec.minimum})
            return
        if spec.maximum is not None and number > spec.maximum:
            result.add(code, _("At most %(n)s.") % {"n": spec.maximum})
            return
        result.values[code] = number
    elif spec.type == FieldType.DATE:
        day = _parse_date(text)
        if day is None:
            result.add(code, _("Give a date as day-month-year, e.g. 25-01-1990."))
            return
        if day > today:
            result.add(code, _("This date is in the future."))
            return
        if day.year < 1900:
            result.add(code, _("This date is too far in the past."))
            return
        result.values[code] = day.isoformat()
    elif spec.type == FieldType.CHOICE:
        if text not in {o.value for o in spec.options}:
            result.add(code, _("Choose one of the options."))
            return
        result.values[code] = text
    elif spec.type == FieldType.AREA:
        area = find_area(text)
        if area is None:
            result.add(code, _("Choose a village, panchayat or ward served by this centre."))
            return
        result.values[code] = area
    elif spec.type == FieldType.MOBILE:
        try:
            result.values[code] = normalise_mobile(text)
        except ValidationError as error:
            result.add(code, " ".join(str(m) for m in error.messages))
    elif spec.type == FieldType.PINCODE:
        digits = _digits(text)
        if _validator_error(pincode_validator, digits, code, result):
            return
        result.values[code] = digits
    elif spec.type == FieldType.AADHAAR:
        try:
            last4, digest = aadhaar_parts(text)
        except ValidationError as error:
            result.add(code, " ".join(str(m) for m in error.messages))
            return
        result.aadhaar_last4, result.aadhaar_hash = last4, digest
        result.values[code] = f"XXXX XXXX {last4}"


def _validator_error(
    validator: Callable[[str], None], value: str, code: str, result: Cleaned
) -> bool:
    """Run one of the project's field validators; its message goes on the field."""
    try:
        validator(value)
    except ValidationError as error:
        result.add(code, " ".join(str(m) for m in error.messages))
        return True
    return False


def clean_values(
    definition: Definition,
    raw: Mapping[str, Any],
    *,
    today: dt.date,
    find_area: Callable[[str], dict[str, Any] | None],
    keep_aadhaar: tuple[str, str] | None = None,
) -> Cleaned:
    """Check every field of the form. ``find_area`` gives what is kept of an area chosen by
    its id (as text), or None when it may not be chosen; ``keep_aadhaar`` is the (last four, hash) already held, used when the field is left
    as it was shown (masked)."""
    result = Cleaned()
    for spec in definition.fields:
        value = raw.get(spec.code)
        if (
            spec.type == FieldType.AADHAAR
            and keep_aadhaar
            and keep_aadhaar[0]
            and str(value or "").strip() in ("", f"XXXX XXXX {keep_aadhaar[0]}")
        ):
            result.aadhaar_last4, result.aadhaar_hash = keep_aadhaar
            result.values[spec.code] = f"XXXX XXXX {keep_aadhaar[0]}"
            continue
        _one(spec, value, result, today=today, find_area=find_area)
    return result


@dataclass(frozen=True)
class CheckedFile:
    content: bytes
    content_type: str
    sha256: str


def _sniff(head: bytes) -> str:
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    return ""


def check_document(upload: UploadedFile) -> CheckedFile:
    """The upload's bytes if it is a PDF, JPEG or PNG (by content, whatever its name says) and
    not too large; ValidationError otherwise."""
    limit = settings.DEGS_DOCUMENT_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            _("The file is larger than %(mb)s MB.") % {"mb": round(limit / 1024 / 1024, 1)}
        )
    upload.seek(0)  # checked once when held for a correction, and again when filed
    content = upload.read(limit + 1)
    if len(content) > limit:
        raise ValidationError(
            _("The file is larger than %(mb)s MB.") % {"mb": round(limit / 1024 / 1024, 1)}
        )
    if not content:
        raise ValidationError(_("The file is empty."))
    kind = _sniff(content[:16])
    if not kind:
        raise ValidationError(_("Only PDF, JPEG or PNG files are accepted."))
    claimed = (upload.content_type or "").split(";")[0].strip().lower()
    name = (upload.name or "").lower()
    expected_by_name = {
        ".pdf": "application/pdf",
        ".jpg": "image/jpeg",
        ".jpeg": "image/jpeg",
        ".png": "image/png",
    }
    by_name = next((v for k, v in expected_by_name.items() if name.endswith(k)), "")
    if (by_name and by_name != kind) or (
        claimed in ("application/pdf", "image/jpeg", "image/png") and claimed != kind
    ):
        raise ValidationError(
            _("The file's content is not what its name or type says (it is a %(kind)s).")
            % {"kind": kind.split("/")[1].upper()}
        )
    if kind != "application/pdf":
        from PIL import Image, UnidentifiedImageError

        try:
            import io

            with Image.open(io.BytesIO(content)) as image:
                image.verify()
        except (UnidentifiedImageError, OSError, SyntaxError) as error:
            raise ValidationError(_("The image is damaged and cannot be read.")) from error
    return CheckedFile(
        content=content, content_type=kind, sha256=hashlib.sha256(content).hexdigest()
    )
