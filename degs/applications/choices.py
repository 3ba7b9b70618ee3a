"""Choices of the applications app: where an application stands outside its service's workflow,
what happened to it, and the accounts of the user-charge ledger."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from degs.catalogue.choices import AT_KIOSK, FINAL_STATES, ISSUED, REJECTED, SUBMITTED

# A draft is saved at the kiosk but not filed: no number, no fee, no time limit yet.
DRAFT = "draft"
OPEN_EXCLUDED = (DRAFT, *FINAL_STATES)

__all__ = ["AT_KIOSK", "DRAFT", "FINAL_STATES", "ISSUED", "REJECTED", "SUBMITTED"]


class EventKind(models.TextChoices):
    FILED = "filed", _("Filed")
    RESUBMITTED = "resubmitted", _("Resubmitted after correction")
    DOCUMENTS_ADDED = "documents_added", _("Documents added")
    ACTED = "acted", _("Acted on")
    AUTOMATIC = "automatic", _("Automatic action (time limit)")
    ESCALATED = "escalated", _("Escalated: past due")
    CERTIFICATE_REVOKED = "certificate_revoked", _("Certificate revoked")


class Account(models.TextChoices):
    """Ledger accounts. A fee is posted as debits (where the money comes from) and credits
    (whom it is owed to), adding up to zero."""

    CASH_AT_CENTRE = "cash_at_centre", _("Collected at the centre")
    DUE_FROM_STATE = "due_from_state", _("Reimbursement due from the state")
    SHARE = "share", _("Share owed")
    FINE_DUE = "fine_due", _("Fine due from the centre")
    FINES = "fines", _("Fines owed to the society")


DOCUMENT_TYPES = {
    "application/pdf": "PDF",
    "image/jpeg": "JPEG",
    "image/png": "PNG",
}
