"""Uploaded files, kept between their dry run and their import: the batch history."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from degs.core.models import TimeStampedModel


def validate_kind(value: str) -> None:
    """A batch's kind is one an app declares (``import_kinds``): no central list of kinds."""
    from degs.imports.registry import import_kind

    if import_kind(value) is None:
        raise ValidationError(_("Unknown kind of file."), code="kind")


class ImportBatch(TimeStampedModel):
    """An uploaded file of one import kind, kept (as read, Aadhaar sealed) between its dry run
    and its import; afterwards the record of what it did."""

    class Status(models.TextChoices):
        CHECKED = "checked", _("Checked")
        REJECTED = "rejected", _("Has errors")
        QUEUED = "queued", _("Waiting to be imported")
        RUNNING = "running", _("Being imported")
        IMPORTED = "imported", _("Imported")
        FAILED = "failed", _("Not imported")

    kind = models.CharField(_("kind"), max_length=20, validators=[validate_kind])
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    filename = models.CharField(_("file name"), max_length=255)
    content = models.BinaryField(_("content"))
    sha256 = models.CharField(max_length=64)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    imported_at = models.DateTimeField(_("imported"), null=True, blank=True)
    # A background import: rows written so far (also kept in the cache while it runs), and
    # why it stopped when it failed.
    done = models.PositiveIntegerField(_("rows done"), default=0)
    failure = models.TextField(_("why it was not imported"), blank=True)

    # Set by ``batch_apply`` on the batch it has just handed to the task worker.
    just_queued = False

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename

    @property
    def kind_label(self) -> Promise | str:
        from degs.imports.registry import import_kind

        kind = import_kind(self.kind)
        return kind.label if kind is not None else self.kind

    def get_kind_display(self) -> Promise | str:
        """As a choices field would answer: the kind's label in the reader's language."""
        return self.kind_label

    @property
    def in_progress(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)
