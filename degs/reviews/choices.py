"""Choices of the reviews app: committees, meetings, agenda tags, directives."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CommitteeKind(models.TextChoices):
    GOVERNING_BODY = "governing_body", _("DeGS governing body")
    EXECUTIVE = "executive", _("DeGS executive committee")
    TECHNICAL = "technical", _("District technical committee")
    IT_REVIEW = "it_review", _("IT review")
    AADHAAR = "aadhaar", _("Aadhaar monitoring committee")
    OTHER = "other", _("Other committee")


class MeetingMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    VIDEO = "video", _("Video conference")


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held")
    MINUTES_DRAFTED = "minutes_drafted", _("Minutes drafted")
    MINUTES_APPROVED = "minutes_approved", _("Minutes approved")


class Concern(models.TextChoices):
    """What an agenda item is about: the app that will show its live figures."""

    CENTRES = "centres", _("Service centres")
    SERVICES = "services", _("e-District services")
    CONNECTIVITY = "connectivity", _("Connectivity")
    ROLLOUTS = "rollouts", _("Rollouts (e-Office, VC, IP phones)")
    AADHAAR = "aadhaar", _("Aadhaar")
    INDICATORS = "indicators", _("Programme figures")
    FINANCE = "finance", _("Finance")
    OTHER = "other", _("Other")


class Priority(models.TextChoices):
    HIGH = "high", _("High")
    NORMAL = "normal", _("Normal")
    LOW = "low", _("Low")


class Recurrence(models.TextChoices):
    NONE = "", _("Once")
    DAILY = "daily", _("Every day")
    WEEKLY = "weekly", _("Every week")
    MONTHLY = "monthly", _("Every month")


class DirectiveStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    REPORTED = "reported", _("Reported complied")
    CLOSED = "closed", _("Verified and closed")
    DROPPED = "dropped", _("Dropped")
    REOPENED = "reopened", _("Reopened")


UNFINISHED = (
    DirectiveStatus.OPEN,
    DirectiveStatus.IN_PROGRESS,
    DirectiveStatus.REPORTED,
    DirectiveStatus.REOPENED,
)
# Waiting on the owner: these can be overdue. A reported directive waits on the verifier.
AWAITING_OWNER = (DirectiveStatus.OPEN, DirectiveStatus.IN_PROGRESS, DirectiveStatus.REOPENED)
FINISHED = (DirectiveStatus.CLOSED, DirectiveStatus.DROPPED)
