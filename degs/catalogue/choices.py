"""Choices of the catalogue: form field types, office levels, workflow actions."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class FieldType(models.TextChoices):
    TEXT = "text", _("Text")
    NUMBER = "number", _("Number")
    DATE = "date", _("Date")
    CHOICE = "choice", _("Choice")
    AREA = "area", _("Area (village, panchayat, ward)")
    MOBILE = "mobile", _("Mobile number")
    PINCODE = "pincode", _("PIN code")
    AADHAAR = "aadhaar", _("Aadhaar number")
    FILE = "file", _("File")


class Privacy(models.TextChoices):
    """How much of a form field a reader who does not act on the application sees (see
    docs/accounts.md: who sees what). Those who act on it always see every field whole."""

    OPEN = "open", _("Shown to everyone who sees the application")
    MASKED = "masked", _("Masked for those who do not act on the application")
    HIDDEN = "hidden", _("Hidden from those who do not act on the application")


# The privacy of a field whose definition does not say: what a value of each type usually is.
# A date is most often a date of birth (the year is kept), free text a name or an address, a
# number an income, a choice a caste category; the village and the PIN code only say where.
DEFAULT_PRIVACY: dict[str, str] = {
    FieldType.TEXT: Privacy.HIDDEN,
    FieldType.NUMBER: Privacy.HIDDEN,
    FieldType.DATE: Privacy.MASKED,
    FieldType.CHOICE: Privacy.HIDDEN,
    FieldType.AREA: Privacy.OPEN,
    FieldType.MOBILE: Privacy.MASKED,
    FieldType.PINCODE: Privacy.OPEN,
    FieldType.AADHAAR: Privacy.MASKED,
    FieldType.FILE: Privacy.HIDDEN,
}


class Level(models.TextChoices):
    BLOCK = "block", _("Block")
    TEHSIL = "tehsil", _("Tehsil / circle")
    SUBDIVISION = "subdivision", _("Subdivision")
    DISTRICT = "district", _("District")


class ActionKind(models.TextChoices):
    FORWARD = "forward", _("Forward")
    RETURN = "return", _("Return to the kiosk for correction")
    CALL_FOR_DOCUMENTS = "call_for_documents", _("Call for documents")
    VERIFY = "verify", _("Verify")
    APPROVE = "approve", _("Approve")
    REJECT = "reject", _("Reject")
    ISSUE = "issue", _("Issue")


# Where every application must be able to end.
ISSUED = "issued"
REJECTED = "rejected"
FINAL_STATES = (ISSUED, REJECTED)
# Where a filed application starts, and where one sent back to the kiosk waits.
SUBMITTED = "submitted"
AT_KIOSK = "at_kiosk"
