"""The rollouts app's tables: a programme (e-Office, VC, projectors…) over a set of target
offices, schools or panchayats, its weighted milestones, each milestone's step at each target
with the evidence submitted and its verification by a second person. A target is in the set
from one day and may leave it from another, so an office that closes mid-way leaves the
denominator from that day. Every area-bound table reads through ``visible_to``."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from degs.core.models import BilingualNameModel, TimeStampedModel, WorkflowEvent, in_reader_language
from degs.core.scoping import ScopedQuerySet
from degs.directory.models import Area, Office
from degs.rollouts.choices import (
    EvidenceKind,
    LeftBecause,
    ProgrammeKind,
    ProgrammeStatus,
    StepStatus,
)

# --- programmes and their milestones ------------------------------------------------------------


class ProgrammeQuerySet(ScopedQuerySet):
    area_path_lookup = "area__path"


class Programme(BilingualNameModel, TimeStampedModel):
    """Something rolled out across a set of places: "a projector in every tehsil and block
    office of Jamtara". ``area`` is whose programme it is (a district, or the state);
    ``due_on`` is when every target should be done unless a target says otherwise."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ProgrammeKind.choices)
    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="programmes"
    )
    description = models.TextField(_("description (English)"), blank=True)
    description_hi = models.TextField(_("description (Hindi)"), blank=True)
    starts_on = models.DateField(_("starts on"))
    due_on = models.DateField(_("to be done by"))
    status = models.CharField(
        _("status"), max_length=20, choices=ProgrammeStatus.choices, default=ProgrammeStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    version = models.PositiveIntegerField(_("version"), default=1)

    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_on__gte=models.F("starts_on")), name="programme_due_after_start"
            ),
        ]

    def get_absolute_url(self) -> str:
        return reverse("rollouts:programme_detail", args=[self.pk])

    @property
    def description_label(self) -> str:
        return in_reader_language(self.description, self.description_hi)

    def progress(self) -> tuple[int, int]:
        """Targets done against targets in the set, today: what a directive about this
        programme shows (reviews reads it live)."""
        today = timezone.localdate()
        in_set = self.targets.in_set_on(today)
        return (in_set.filter(done_on__isnull=False, done_on__lte=today).count(), in_set.count())


class Milestone(BilingualNameModel):
    """One step every target goes through ("delivered", "installed", "officers trained"), its
    weight in the target's progress, the evidence it needs and when it is planned."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="milestones"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    evidence = models.CharField(_("evidence needed"), max_length=20, choices=EvidenceKind.choices)
    planned_on = models.DateField(_("planned by"), null=True, blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["programme", "order"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "order"], name="milestone_order_unique"),
            models.CheckConstraint(condition=Q(weight__gte=1), name="milestone_weight_positive"),
        ]


# --- targets and their steps ----------------------------------------------------------------------


class TargetQuerySet(ScopedQuerySet):
    area_path_lookup = "area__path"

    def in_set_on(self, day: dt.date) -> TargetQuerySet:
        """The targets counted on ``day``: in the set from on or before it and not yet left."""
        return self.filter(Q(left_on__isnull=True) | Q(left_on__gt=day), joined_on__lte=day)


class Target(TimeStampedModel):
    """One place of a programme's set: an office (a school is an office) or a gram panchayat
    without an office row. ``area`` is the place's area (the office's, or the panchayat).
    ``done_on`` is the day its last milestone was done, set when that one is verified."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="targets"
    )
    office = models.ForeignKey(
        Office,
        verbose_name=_("office"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rollout_targets",
    )
    area = models.ForeignKey(
        Area, verbose_name=_("place"), on_delete=models.PROTECT, related_name="rollout_targets"
    )
    joined_on = models.DateField(_("in the set from"))
    left_on = models.DateField(_("out of the set from"), null=True, blank=True)
    left_because = models.CharField(
        _("left because"), max_length=20, choices=LeftBecause.choices, blank=True
    )
    due_on = models.DateField(_("to be done by"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    objects = TargetQuerySet.as_manager()

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["programme", "area__path", "office__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "office"],
                condition=Q(office__isnull=False),
                name="target_office_once_per_programme",
            ),
            models.UniqueConstraint(
                fields=["programme", "area"],
                condition=Q(office__isnull=True),
                name="target_place_once_per_programme",
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gt=models.F("joined_on")),
                name="target_leaves_after_joining",
            ),
        ]
        indexes = [
            models.Index(fields=["programme", "joined_on", "left_on"], name="target_in_set"),
        ]

    def __str__(self) -> str:
        return self.place_label

    def get_absolute_url(self) -> str:
        return reverse("rollouts:target_detail", args=[self.pk])

    @property
    def place_label(self) -> str:
        return self.office.label if self.office_id and self.office else self.area.label

    @property
    def due_date(self) -> dt.date:
        return self.due_on or self.programme.due_on


class TargetEventQuerySet(ScopedQuerySet):
    area_path_lookup = "target__area__path"


class TargetEvent(WorkflowEvent):
    """One thing that happened at a target: it joined or left the set, a milestone was
    submitted, verified or returned (``data["milestone"]`` names it). Never edited."""

    subject_field: ClassVar[str] = "target"

    target = models.ForeignKey(
        Target, verbose_name=_("target"), on_delete=models.CASCADE, related_name="events"
    )

    objects = TargetEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("target event")
        verbose_name_plural = _("target events")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["target", "at"], name="targetevent_target_at")]


class ProgrammeEventQuerySet(ScopedQuerySet):
    area_path_lookup = "programme__area__path"


class ProgrammeEvent(WorkflowEvent):
    """One change of a programme: started, closed, targets added, milestones changed."""

    subject_field: ClassVar[str] = "programme"

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="events"
    )

    objects = ProgrammeEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme event")
        verbose_name_plural = _("programme events")
        ordering = ["-at", "-pk"]


class StepQuerySet(ScopedQuerySet):
    area_path_lookup = "target__area__path"


class Step(models.Model):
    """A milestone at one target: made for every target and milestone, submitted with its
    evidence by the office (or the engineer), verified or returned by a second person.
    ``done_on`` is the day the work was done, as the submitter says (on or before the day
    submitted)."""

    target = models.ForeignKey(
        Target, verbose_name=_("target"), on_delete=models.CASCADE, related_name="steps"
    )
    milestone = models.ForeignKey(
        Milestone, verbose_name=_("milestone"), on_delete=models.CASCADE, related_name="steps"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=StepStatus.choices, default=StepStatus.PENDING
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    objects = StepQuerySet.as_manager()

    class Meta:
        verbose_name = _("milestone at a target")
        verbose_name_plural = _("milestones at targets")
        ordering = ["target", "milestone__order"]
        constraints = [
            models.UniqueConstraint(fields=["target", "milestone"], name="step_once_per_target"),
            # A second person verifies: never the one who submitted.
            models.CheckConstraint(
                condition=Q(verified_by__isnull=True)
                | Q(submitted_by__isnull=True)
                | ~Q(verified_by=models.F("submitted_by")),
                name="step_verified_by_another",
            ),
        ]
        indexes = [models.Index(fields=["status", "submitted_at"], name="step_status_submitted")]

    def __str__(self) -> str:
        return f"{self.milestone.label}: {self.target.place_label}"

    def get_absolute_url(self) -> str:
        return reverse("rollouts:step_detail", args=[self.pk])


class EvidenceQuerySet(ScopedQuerySet):
    area_path_lookup = "step__target__area__path"


class Evidence(models.Model):
    """What was submitted for a step: a photo (re-encoded without its metadata; the time and
    place the phone gave are kept as columns), a document or a link. ``sha256`` is of the file
    as stored. Never edited; a returned step gets new evidence."""

    step = models.ForeignKey(
        Step,
        verbose_name=_("milestone at a target"),
        on_delete=models.CASCADE,
        related_name="evidence",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EvidenceKind.choices)
    file = models.FileField(_("file"), upload_to="rollouts/%Y/%m/", blank=True)
    content_type = models.CharField(_("type"), max_length=80, blank=True)
    size = models.PositiveIntegerField(_("size (bytes)"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    taken_at = models.DateTimeField(_("taken at"), null=True, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    accuracy_m = models.PositiveIntegerField(_("accuracy (m)"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["step", "uploaded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="link") & ~Q(url="")) | (~Q(kind="link") & ~Q(file="")),
                name="evidence_has_its_file_or_link",
            ),
        ]

    def __str__(self) -> str:
        return self.url or self.file.name
