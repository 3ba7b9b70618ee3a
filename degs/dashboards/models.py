"""The dashboards app's one table: a meeting's review pack as it was built. Everything else it
shows is read from the maintained figures and the other apps' selectors when a page is drawn."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from degs.core.scoping import ScopedQuerySet


class ReviewPackQuerySet(ScopedQuerySet):
    area_path_lookup = "meeting__committee__area__path"


class ReviewPack(models.Model):
    """What the DC reads for a meeting: each agenda item's figures with their trend, each open
    directive with its live progress and last action-taken report, the overdue lists. Built in
    one click and kept as it was that day (``data``, both languages' words in it), so the
    meeting's record shows the figures the meeting saw, whatever is entered later."""

    meeting = models.ForeignKey(
        "reviews.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="review_packs",
    )
    # The month whose figures the pack reads (the last month over before the meeting).
    period_start = models.DateField(_("figures of the month"))
    built_at = models.DateTimeField(_("built at"), default=timezone.now)
    built_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("built by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    data: models.JSONField[Any, Any] = models.JSONField(_("contents"), default=dict)

    objects = ReviewPackQuerySet.as_manager()

    class Meta:
        verbose_name = _("review pack")
        verbose_name_plural = _("review packs")
        ordering = ["meeting", "-built_at", "-pk"]
        indexes = [models.Index(fields=["meeting", "built_at"], name="review_pack_meeting_built")]

    def __str__(self) -> str:
        return f"{self.meeting}, {timezone.localtime(self.built_at):%d-%m-%Y %H:%M}"

    @property
    def as_of(self) -> dt.date:
        return timezone.localdate(self.built_at)
