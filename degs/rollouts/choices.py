"""The rollouts app's fixed lists: kinds of programme, a programme's and a milestone's
statuses, the evidence a milestone needs and why a target leaves its set."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProgrammeKind(models.TextChoices):
    E_OFFICE = "e_office", _("e-Office")
    VC = "vc", _("Video conferencing")
    IP_PHONE = "ip_phone", _("IP phones")
    PROJECTOR = "projector", _("Projectors")
    DIGITAL_LIBRARY = "digital_library", _("Digital library")
    E_HOSPITAL = "e_hospital", _("e-Hospital")
    KIOSK_MACHINE = "kiosk_machine", _("Kiosk machines (e-Mitra Plus)")
    INTERNET = "internet", _("Internet connection")
    OTHER = "other", _("Other")


class ProgrammeStatus(models.TextChoices):
    """A programme's life (``workflow.PROGRAMMES``): drawn up, running, closed."""

    DRAFT = "draft", _("Being drawn up")
    RUNNING = "running", _("Running")
    CLOSED = "closed", _("Closed")


class EvidenceKind(models.TextChoices):
    """What a milestone needs as proof: a photo (with the time and the place it was taken), a
    document, or a link (an e-Office instance's address, a portal page)."""

    PHOTO = "photo", _("Photo with time and place")
    DOCUMENT = "document", _("Document")
    LINK = "link", _("Link")


class StepStatus(models.TextChoices):
    """A milestone at one target (``workflow.STEPS``): waiting, submitted with evidence,
    verified by a second person, or returned for better evidence."""

    PENDING = "pending", _("Not done")
    SUBMITTED = "submitted", _("Awaiting verification")
    VERIFIED = "verified", _("Verified")
    RETURNED = "returned", _("Returned")


class LeftBecause(models.TextChoices):
    """Why a target left its programme's set (from that day it is not counted)."""

    CLOSED = "closed", _("Office closed")
    MERGED = "merged", _("Merged with another office")
    NOT_NEEDED = "not_needed", _("No longer needed there")
    ADDED_BY_MISTAKE = "mistake", _("Added by mistake")
