"""Service centres (kiosks), their operators and the IDs operators need, and inspections.

A centre serves a panchayat or ward and is scoped by that area's path, like every area-bound
row. Operators are scoped by the area they work in. Status changes of centres and of operators'
IDs are written to ``CentreEvent`` (append-only), which is the history a centre page shows.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from degs.centres.choices import (
    DRAW_REASONS,
    EVENT_LABELS,
    ID_PENDING,
    Answer,
    CentreGoal,
    CentreKind,
    CentreStatus,
    Decision,
    Equipment,
    IdStatus,
    InspectionResult,
    Period,
    PositionCheck,
    Premises,
    Recommendation,
)
from degs.core.mobile import mobile_validator
from degs.core.models import (
    BilingualNameModel,
    TimeStampedModel,
    WorkflowEvent,
    in_reader_language,
)
from degs.core.scoping import ScopedQuerySet, root_path
from degs.directory.models import Area, Located, Post

last4_validator = RegexValidator(r"^[0-9]{4}$", _("Enter the last four digits only."))


class StateConfigQuerySet(models.QuerySet):
    """Configuration kept per state: seen by everyone who works anywhere in that state."""

    def for_state_of(self, area: Area) -> StateConfigQuerySet:
        return self.filter(state__path=root_path(area.path))


class CentreService(BilingualNameModel):
    """A service a centre offers citizens (e-District certificates, Aadhaar, banking, …)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    rank = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        verbose_name = _("service offered")
        verbose_name_plural = _("services offered")
        ordering = ["rank", "name"]


class IdType(BilingualNameModel, TimeStampedModel):
    """A kind of ID an operator needs in a state: JharSeva ID, CSC ID, BC ID, …"""

    state = models.ForeignKey(
        Area, verbose_name=_("state"), on_delete=models.PROTECT, related_name="+"
    )
    code = models.SlugField(_("code"), max_length=40)
    issuer = models.CharField(_("issued by"), max_length=200, blank=True)
    rank = models.PositiveSmallIntegerField(_("order"), default=100)
    is_active = models.BooleanField(_("active"), default=True)

    objects = StateConfigQuerySet.as_manager()

    class Meta:
        verbose_name = _("operator ID type")
        verbose_name_plural = _("operator ID types")
        ordering = ["rank", "name"]
        constraints = [
            models.UniqueConstraint(fields=["state", "code"], name="idtype_unique_code_in_state")
        ]


class ChecklistItem(TimeStampedModel):
    """One question of a state's inspection checklist ("Rate list displayed?")."""

    state = models.ForeignKey(
        Area, verbose_name=_("state"), on_delete=models.PROTECT, related_name="+"
    )
    code = models.SlugField(_("code"), max_length=40)
    text = models.CharField(_("question (English)"), max_length=200)
    text_hi = models.CharField(_("question (Hindi)"), max_length=200, blank=True)
    fault_answer = models.CharField(
        _("answer that is a fault"),
        max_length=3,
        choices=[(Answer.NO, Answer.NO.label), (Answer.YES, Answer.YES.label)],
        default=Answer.NO,
        help_text=_("Usually “No”; “Yes” for questions such as “Overcharging complaints?”."),
    )
    rank = models.PositiveSmallIntegerField(_("order"), default=100)
    is_active = models.BooleanField(_("active"), default=True)

    objects = StateConfigQuerySet.as_manager()

    class Meta:
        verbose_name = _("checklist question")
        verbose_name_plural = _("checklist questions")
        ordering = ["rank", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["state", "code"], name="checklist_unique_code")
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return in_reader_language(self.text, self.text_hi)


class OperatorQuerySet(ScopedQuerySet):
    area_path_lookup = "area__path"


class Operator(TimeStampedModel):
    """A person who runs a centre (VLE, Pragya Kendra or e-Mitra operator).

    Aadhaar is never stored: only its last four digits, to show, and a keyed hash, to match.
    """

    area = models.ForeignKey(
        Area, verbose_name=_("works in"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("name (English)"), max_length=200)
    name_hi = models.CharField(_("name (Hindi)"), max_length=200, blank=True)
    mobile = models.CharField(_("mobile"), max_length=10, validators=[mobile_validator])
    email = models.EmailField(_("e-mail"), blank=True)
    aadhaar_last4 = models.CharField(
        _("Aadhaar (last four digits)"), max_length=4, blank=True, validators=[last4_validator]
    )
    aadhaar_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="operator",
    )
    is_active = models.BooleanField(_("active"), default=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    history = HistoricalRecords(excluded_fields=["aadhaar_hash"])
    objects = OperatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("operator")
        verbose_name_plural = _("operators")
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["mobile"], name="operator_mobile")]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return in_reader_language(self.name, self.name_hi)


class CentreQuerySet(ScopedQuerySet):
    area_path_lookup = "area__path"
    area_field = "area"  # a state has 50,000+ centres: scope through the area index

    def matching(self, *, kind: str = "", status: str = "", premises: str = "") -> CentreQuerySet:
        """Centres of a kind, status and premises; an empty value does not narrow."""
        given = {"kind": kind, "status": status, "premises": premises}
        return self.filter(**{key: value for key, value in given.items() if value})

    def listed_publicly(self) -> CentreQuerySet:
        """What the public kiosk locator may show: active centres only."""
        return self.filter(status=CentreStatus.ACTIVE)


class Centre(TimeStampedModel, Located):
    """A citizen-service kiosk: where it is, what it offers, who runs it and its status."""

    code = models.CharField(
        _("code"),
        max_length=40,
        unique=True,
        help_text=_("The state's or CSC's ID for the centre."),
    )
    name = models.CharField(_("name (English)"), max_length=200)
    name_hi = models.CharField(_("name (Hindi)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=CentreKind.choices)
    area = models.ForeignKey(
        Area,
        verbose_name=_("serves"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The panchayat or ward the centre serves."),
    )
    premises = models.CharField(
        _("sits in"), max_length=20, choices=Premises.choices, default=Premises.OWN
    )
    phone = models.CharField(
        _("contact number"), max_length=10, blank=True, validators=[mobile_validator]
    )
    opening_hours = models.CharField(_("opening hours"), max_length=100, blank=True)
    services = models.ManyToManyField(
        CentreService, verbose_name=_("services offered"), blank=True, related_name="+"
    )
    equipment = models.JSONField(_("equipment"), default=list, blank=True)
    operator = models.ForeignKey(
        Operator,
        verbose_name=_("operator"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="centres",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=CentreStatus.choices, default=CentreStatus.PROPOSED
    )
    status_since = models.DateField(_("status since"), default=timezone.localdate)
    suspended_until = models.DateField(_("suspended until"), null=True, blank=True)
    complaints_open = models.PositiveIntegerField(
        _("open complaints"),
        default=0,
        help_text=_("Complaints against the centre not yet settled."),
    )
    monthly_transactions = models.PositiveIntegerField(
        _("transactions last month"), null=True, blank=True
    )
    last_inspected_on = models.DateField(_("last inspected"), null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(_("version"), default=1)

    history = HistoricalRecords(excluded_fields=["last_inspected_on", "updated_at"])
    objects = CentreQuerySet.as_manager()

    class Meta:
        verbose_name = _("centre")
        verbose_name_plural = _("centres")
        ordering = ["code"]
        indexes = [
            models.Index(fields=["status", "kind"], name="centre_status_kind"),
            models.Index(fields=["status", "code"], name="centre_status_code"),
            models.Index(fields=["area", "status"], name="centre_area_status"),
            models.Index(fields=["last_inspected_on"], name="centre_last_inspected"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.label}"

    @property
    def label(self) -> str:
        return in_reader_language(self.name, self.name_hi)

    @property
    def equipment_labels(self) -> list[str]:
        labels = dict(Equipment.choices)
        return [str(labels[e]) for e in self.equipment if e in labels]


class OperatorIdQuerySet(ScopedQuerySet):
    area_path_lookup = "operator__area__path"

    def pending(self) -> OperatorIdQuerySet:
        return self.filter(status__in=ID_PENDING)


class OperatorId(TimeStampedModel):
    """An operator's application for one ID type, and its outcome."""

    operator = models.ForeignKey(
        Operator, verbose_name=_("operator"), on_delete=models.CASCADE, related_name="ids"
    )
    id_type = models.ForeignKey(
        IdType, verbose_name=_("ID"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=IdStatus.choices, default=IdStatus.APPLIED
    )
    applied_on = models.DateField(_("applied on"))
    application_reference = models.CharField(_("application reference"), max_length=100, blank=True)
    number = models.CharField(_("ID number"), max_length=100, blank=True)
    decided_on = models.DateField(_("issued or rejected on"), null=True, blank=True)
    remarks = models.TextField(_("remarks"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    objects = OperatorIdQuerySet.as_manager()

    class Meta:
        verbose_name = _("operator's ID")
        verbose_name_plural = _("operators' IDs")
        ordering = ["id_type__rank", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["operator", "id_type"], name="operator_id_unique"),
            models.CheckConstraint(
                condition=~Q(status=IdStatus.ISSUED) | ~Q(number=""),
                name="issued_id_has_number",
            ),
        ]
        indexes = [models.Index(fields=["status", "applied_on"], name="operator_id_pending")]

    def __str__(self) -> str:
        return f"{self.id_type}: {self.get_status_display()}"

    def days_pending(self, on: dt.date | None = None) -> int | None:
        if self.status not in ID_PENDING:
            return None
        return ((on or timezone.localdate()) - self.applied_on).days


class CentreEventQuerySet(ScopedQuerySet):
    area_path_lookup = "centre__area__path"


class CentreEvent(WorkflowEvent):
    """One change to a centre or its operator's IDs: who, when, what and why. Never edited.

    The shared event columns (``degs.core.models.WorkflowEvent``; ``remark`` is the reason)
    and its own: the centre or operator it is about, from when, on whose order."""

    subject_field: ClassVar[str] = "centre"

    centre = models.ForeignKey(
        Centre,
        verbose_name=_("centre"),
        on_delete=models.CASCADE,
        related_name="events",
        null=True,
        blank=True,
    )
    operator = models.ForeignKey(
        Operator,
        verbose_name=_("operator"),
        on_delete=models.CASCADE,
        related_name="events",
        null=True,
        blank=True,
    )
    effective_on = models.DateField(_("with effect from"), null=True, blank=True)
    order_reference = models.CharField(_("order reference"), max_length=100, blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)

    objects = CentreEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("centre event")
        verbose_name_plural = _("centre events")
        ordering = ["-at", "-pk"]

    @property
    def action_label(self) -> str:
        return str(EVENT_LABELS.get(self.action, self.action))

    @property
    def status_labels(self) -> tuple[str, str]:
        """The from and to statuses in the reader's language (centre or ID statuses)."""
        labels = dict(CentreStatus.choices) | dict(IdStatus.choices)
        return (
            str(labels.get(self.from_status, self.from_status)),
            str(labels.get(self.to_status, self.to_status)),
        )


class CentreSet(TimeStampedModel):
    """A saved filter over centres with a goal, which a directive can be about.

    "Active Pragya Kendras in Jamtara; goal: the operator holds a BC ID". Membership and
    progress are read live, so the directive shows how many of the set have reached the goal.
    """

    name = models.CharField(_("name (English)"), max_length=200)
    name_hi = models.CharField(_("name (Hindi)"), max_length=200, blank=True)
    area = models.ForeignKey(Area, verbose_name=_("in"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=CentreKind.choices, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=CentreStatus.choices, blank=True)
    premises = models.CharField(_("sits in"), max_length=20, choices=Premises.choices, blank=True)
    goal = models.CharField(_("goal"), max_length=20, choices=CentreGoal.choices)
    goal_id_type = models.ForeignKey(
        IdType,
        verbose_name=_("ID the goal asks for"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("saved set of centres")
        verbose_name_plural = _("saved sets of centres")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return in_reader_language(self.name, self.name_hi)

    @property
    def label(self) -> str:
        return str(self)

    def get_absolute_url(self) -> str:
        return reverse("centres:set_detail", args=[self.pk])

    def members(self) -> models.QuerySet[Centre]:
        """The centres the set holds now."""
        return Centre.objects.under(self.area.path).matching(
            kind=self.kind, status=self.status, premises=self.premises
        )

    def progress(self) -> tuple[int, int]:
        """(how many of the set have reached the goal, how many there are), read live."""
        done: Any
        if self.goal == CentreGoal.HAS_ID and self.goal_id_type_id:
            done = models.Exists(
                OperatorId.objects.filter(
                    operator=models.OuterRef("operator"),
                    id_type_id=self.goal_id_type_id,
                    status=IdStatus.ISSUED,
                )
            )
        elif self.goal == CentreGoal.INSPECTED:
            done = Q(last_inspected_on__gte=timezone.localtime(self.created_at).date())
        else:
            done = Q(status=CentreStatus.ACTIVE)
        counts = self.members().aggregate(
            total=models.Count("pk"), done=models.Count("pk", filter=done)
        )
        return counts["done"], counts["total"]


class QuotaQuerySet(ScopedQuerySet):
    area_path_lookup = "post__area__path"


class InspectionQuota(TimeStampedModel):
    """A post must inspect ``count`` centres each ``period``: the CSC manager 60 a month."""

    post = models.ForeignKey(
        Post, verbose_name=_("post"), on_delete=models.PROTECT, related_name="+"
    )
    count = models.PositiveSmallIntegerField(
        _("centres"), validators=[MinValueValidator(1), MaxValueValidator(1000)]
    )
    period = models.CharField(_("every"), max_length=10, choices=Period.choices)
    area = models.ForeignKey(
        Area,
        verbose_name=_("centres in"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Where the post draws its centres from; the post's own area if left empty."),
        null=True,
        blank=True,
    )
    is_active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()
    objects = QuotaQuerySet.as_manager()

    class Meta:
        verbose_name = _("inspection quota")
        verbose_name_plural = _("inspection quotas")
        ordering = ["post__area__path", "post__designation__rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "period"],
                condition=Q(is_active=True),
                name="quota_one_active_per_post_period",
            )
        ]

    def __str__(self) -> str:
        return f"{self.post}: {self.count} / {self.get_period_display()}"

    @property
    def scope_area(self) -> Area:
        return self.area or self.post.area


class DrawQuerySet(ScopedQuerySet):
    area_path_lookup = "post__area__path"


class Draw(models.Model):
    """A surprise list of centres for one post and period, drawn once and kept.

    The seed, the window and the weights are stored, so the same candidates and seed give the
    same list again (``services.draw_candidates`` + ``services.weighted_sample``).
    """

    post = models.ForeignKey(
        Post, verbose_name=_("inspector's post"), on_delete=models.PROTECT, related_name="+"
    )
    area = models.ForeignKey(
        Area, verbose_name=_("drawn from"), on_delete=models.PROTECT, related_name="+"
    )
    period = models.CharField(_("period"), max_length=10, choices=Period.choices)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    size = models.PositiveSmallIntegerField(_("centres asked for"))
    seed = models.BigIntegerField(_("seed"))
    window_days = models.PositiveSmallIntegerField(_("skip centres inspected within (days)"))
    candidates = models.PositiveIntegerField(_("centres eligible"), default=0)
    params: models.JSONField[Any, Any] = models.JSONField(_("weights"), default=dict)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("drawn by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    drawn_at = models.DateTimeField(_("drawn at"), default=timezone.now)

    objects = DrawQuerySet.as_manager()

    class Meta:
        verbose_name = _("surprise draw")
        verbose_name_plural = _("surprise draws")
        ordering = ["-period_start", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["post", "period_start"], name="draw_once_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.post}: {self.period_start:%d-%m-%Y}"


class DrawItem(models.Model):
    """One centre on a draw, in the order drawn, with why it weighed what it did."""

    draw = models.ForeignKey(
        Draw, verbose_name=_("draw"), on_delete=models.CASCADE, related_name="items"
    )
    centre = models.ForeignKey(
        Centre, verbose_name=_("centre"), on_delete=models.PROTECT, related_name="+"
    )
    rank = models.PositiveSmallIntegerField(_("order"))
    weight = models.FloatField(_("weight"))
    reasons: models.JSONField[Any, Any] = models.JSONField(_("reasons"), default=list)

    class Meta:
        verbose_name = _("drawn centre")
        verbose_name_plural = _("drawn centres")
        ordering = ["draw", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["draw", "centre"], name="draw_item_unique_centre")
        ]

    def __str__(self) -> str:
        return f"{self.rank}. {self.centre_id}"

    @property
    def reason_labels(self) -> list[str]:
        return [str(DRAW_REASONS.get(r, r)) for r in self.reasons]


class InspectionQuerySet(ScopedQuerySet):
    area_path_lookup = "centre__area__path"

    def awaiting_decision(self) -> InspectionQuerySet:
        return self.filter(decision=Decision.PENDING)


class Inspection(models.Model):
    """A visit to a centre: the checklist, photos, where the inspector stood, the finding.

    ``client_token`` is made by the form when it is opened; sending the same form again (a retry
    after the network failed) finds the inspection already recorded instead of adding another.
    """

    centre = models.ForeignKey(
        Centre, verbose_name=_("centre"), on_delete=models.PROTECT, related_name="inspections"
    )
    post = models.ForeignKey(
        Post,
        verbose_name=_("as post"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("inspector"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    draw_item = models.ForeignKey(
        DrawItem,
        verbose_name=_("from draw"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inspections",
    )
    visited_on = models.DateField(_("visited on"), default=timezone.localdate)
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    accuracy_m = models.PositiveIntegerField(_("accuracy (m)"), null=True, blank=True)
    # Kept by the inspection service: the recorded position against the centre's coordinates,
    # with the district's limit in force when it was recorded.
    position_check = models.CharField(
        _("position check"),
        max_length=12,
        choices=PositionCheck.choices,
        default=PositionCheck.NOT_CHECKED,
        editable=False,
    )
    distance_m = models.PositiveIntegerField(
        _("distance from the centre (m)"), null=True, blank=True, editable=False
    )
    distance_limit_m = models.PositiveIntegerField(
        _("distance limit (m)"), null=True, blank=True, editable=False
    )
    answers: models.JSONField[Any, Any] = models.JSONField(_("checklist"), default=dict)
    faults = models.PositiveSmallIntegerField(_("faults found"), default=0)
    remarks = models.TextField(_("remarks"), blank=True)
    result = models.CharField(_("result"), max_length=20, choices=InspectionResult.choices)
    recommendation = models.CharField(
        _("recommendation"),
        max_length=20,
        choices=Recommendation.choices,
        default=Recommendation.NONE,
    )
    fine_amount = models.DecimalField(
        _("fine (₹)"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    suspension_days = models.PositiveSmallIntegerField(
        _("suspension (days)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    decision = models.CharField(
        _("district decision"), max_length=10, choices=Decision.choices, blank=True, default=""
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_remark = models.TextField(_("decision remark"), blank=True)
    fine_waived_at = models.DateTimeField(_("fine waived at"), null=True, blank=True)
    fine_waived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("fine waived by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    fine_waive_reason = models.TextField(_("why the fine was waived"), blank=True)
    client_token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.PositiveIntegerField(_("version"), default=1)

    objects = InspectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["-visited_on", "-pk"]
        indexes = [
            models.Index(fields=["post", "visited_on"], name="inspection_post_day"),
            models.Index(fields=["decision"], name="inspection_decision"),
        ]

    def __str__(self) -> str:
        return f"{self.centre.code} {self.visited_on:%d-%m-%Y}"

    @property
    def needs_approval(self) -> bool:
        return self.decision == Decision.PENDING

    @property
    def position_flagged(self) -> bool:
        """Recorded far from the centre, or with no position to compare."""
        return self.position_check != PositionCheck.WITHIN

    @property
    def fine_in_force(self) -> bool:
        return self.recommendation == Recommendation.FINE and self.fine_waived_at is None


class InspectionPhoto(models.Model):
    """A photo taken at an inspection, re-encoded without its location metadata."""

    inspection = models.ForeignKey(
        Inspection, verbose_name=_("inspection"), on_delete=models.CASCADE, related_name="photos"
    )
    file = models.FileField(_("photo"), upload_to="inspections/%Y/%m/")
    content_type = models.CharField(_("type"), max_length=50)
    size = models.PositiveIntegerField(_("size (bytes)"))
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))

    class Meta:
        verbose_name = _("inspection photo")
        verbose_name_plural = _("inspection photos")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.file.name
