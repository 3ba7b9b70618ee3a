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
