"""Choices of the centres app: kinds of centre, statuses, ID statuses, inspection findings."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

from degs.directory.choices import AreaKind


class CentreKind(models.TextChoices):
    CSC = "csc", _("Common Service Centre (CSC)")
    PRAGYA_KENDRA = "pragya_kendra", _("Pragya Kendra")
    JAN_SEVA_KENDRA = "jan_seva_kendra", _("Jan Seva Kendra")
    E_MITRA = "e_mitra", _("e-Mitra")
    E_MITRA_PLUS = "e_mitra_plus", _("e-Mitra Plus")
    AADHAAR = "aadhaar", _("Aadhaar enrolment centre")
    SEWA_KENDRA = "sewa_kendra", _("Sewa Kendra")
    PDS_DEALER = "pds_dealer", _("Ration (PDS) dealer being registered as a CSC")


class CentreStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    CLOSED = "closed", _("Closed")


class Premises(models.TextChoices):
    OWN = "own", _("Own or rented premises")
    PANCHAYAT_BHAWAN = "panchayat_bhawan", _("Panchayat bhawan")
    BLOCK_OFFICE = "block_office", _("Block office")
    OTHER_OFFICE = "other_office", _("Other government office")


class Equipment(models.TextChoices):
    PC = "pc", _("Computer")
    PRINTER = "printer", _("Printer")
    SCANNER = "scanner", _("Scanner")
    BIOMETRIC = "biometric", _("Biometric device")
    WEBCAM = "webcam", _("Webcam")
    INTERNET = "internet", _("Internet connection")
    POWER_BACKUP = "power_backup", _("Power backup")


class IdStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    UNDER_PROCESS = "under_process", _("Under process")
    ISSUED = "issued", _("Issued")
    REJECTED = "rejected", _("Rejected")


ID_PENDING = (IdStatus.APPLIED, IdStatus.UNDER_PROCESS)


class Period(models.TextChoices):
    WEEK = "week", _("Week")
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")


class Answer(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    NOT_SEEN = "na", _("Could not check")


class InspectionResult(models.TextChoices):
    FUNCTIONAL = "functional", _("Functional")
    PARTLY = "partly", _("Partly functional")
    NON_FUNCTIONAL = "non_functional", _("Non-functional")


class Recommendation(models.TextChoices):
    NONE = "none", _("No action")
    WARNING = "warning", _("Warning")
    FINE = "fine", _("Fine")
    SUSPENSION = "suspension", _("Suspension")
    CLOSURE = "closure", _("Closure")


class PositionCheck(models.TextChoices):
    """How the inspector's recorded position compares with the centre's coordinates."""

    WITHIN = "within", _("At the centre")
    FAR = "far", _("Far from the centre")
    NOT_CHECKED = "not_checked", _("Position not checked")


# Recommendations that change a centre's status, and so wait for the district admin.
NEEDS_APPROVAL = (Recommendation.SUSPENSION, Recommendation.CLOSURE)


class Decision(models.TextChoices):
    NOT_NEEDED = "", _("Not needed")
    PENDING = "pending", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Not approved")


class CentreGoal(models.TextChoices):
    """What a saved set of centres is asked to reach, for a directive's live progress."""

    HAS_ID = "has_id", _("Operator holds an issued ID of a type")
    INSPECTED = "inspected", _("Inspected since the set was saved")
    ACTIVE = "active", _("Centre is active")


# How each kind of ``CentreEvent`` reads in a centre's history.
EVENT_LABELS = {
    "registered": _("Registered"),
    "changed": _("Details changed"),
    "operator_added": _("Operator added"),
    "operator_changed": _("Operator changed"),
    "activate": _("Activated"),
    "suspend": _("Suspended"),
    "restore": _("Restored"),
    "close": _("Closed"),
    "reopen": _("Reopened as proposed"),
    "inspected": _("Inspected"),
    "recommendation_declined": _("Recommendation not approved"),
    "fine_imposed": _("Fine imposed"),
    "fine_waived": _("Fine waived"),
    "id_recorded": _("ID recorded"),
    "id_changed": _("ID status changed"),
}

# Why a centre weighed more in a surprise draw.
DRAW_REASONS = {
    "never_inspected": _("never inspected"),
    "not_recently": _("not inspected for 90 days or more"),
    "complaints": _("open complaints"),
    "low_activity": _("little activity"),
}


# The areas a centre may serve.
SERVED_KINDS = (AreaKind.GRAM_PANCHAYAT, AreaKind.WARD, AreaKind.BLOCK, AreaKind.MUNICIPALITY)


def period_bounds(period: str, day: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day of the week (Monday to Sunday), month or quarter holding ``day``."""
    if period == Period.WEEK:
        monday = day - dt.timedelta(days=day.weekday())
        return monday, monday + dt.timedelta(days=6)
    if period == Period.MONTH:
        first = day.replace(day=1)
    elif period == Period.QUARTER:
        first = day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
    else:
        raise ValueError(f"Unknown period: {period!r}")
    months = 1 if period == Period.MONTH else 3
    year, month = divmod(first.month - 1 + months, 12)
    return first, dt.date(first.year + year, month + 1, 1) - dt.timedelta(days=1)
