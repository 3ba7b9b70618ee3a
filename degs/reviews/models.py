"""Committees, their meetings, and the directives given in them with their compliance reports.

Directives are assigned to posts, never to persons: whoever holds the post today sees and
reports on it. A directive stays in the system, carried over from meeting to meeting, until it is
verified and closed or dropped with a reason. Overdue is derived from the due date.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from degs.core.models import (
    BilingualNameModel,
    TimeStampedModel,
    WorkflowEvent,
    in_reader_language,
)
from degs.core.scoping import ScopedQuerySet, jurisdiction_of, under_q
from degs.directory.models import Area, Post, PostHolding
from degs.reviews.choices import (
    AWAITING_OWNER,
    CommitteeKind,
    Concern,
    DirectiveStatus,
    MeetingMode,
    MeetingStatus,
    Priority,
    Recurrence,
)


class CommitteeQuerySet(ScopedQuerySet):
    area_path_lookup = "area__path"


class Committee(BilingualNameModel, TimeStampedModel):
    """A standing body that meets to review (DeGS governing body, technical committee, ...)."""

    kind = models.CharField(_("kind"), max_length=30, choices=CommitteeKind.choices)
    area = models.ForeignKey(
        Area, verbose_name=_("district"), on_delete=models.PROTECT, related_name="committees"
    )
    chair_post = models.ForeignKey(
        Post, verbose_name=_("chair"), on_delete=models.PROTECT, related_name="+"
    )
    secretary_post = models.ForeignKey(
        Post,
        verbose_name=_("secretary"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        help_text=_("Records attendance and directives, usually the DIO or the EDM."),
    )
    members = models.ManyToManyField(
        Post, verbose_name=_("member posts"), related_name="committees", blank=True
    )
    is_active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords(m2m_fields=[members])
    objects = CommitteeQuerySet.as_manager()

    class Meta:
        verbose_name = _("committee")
        verbose_name_plural = _("committees")
        ordering = ["area__path", "name"]
        constraints = [
            models.UniqueConstraint(fields=["area", "name"], name="committee_unique_name")
        ]


# Newest first; on the same day the later time, then the later recorded. Every list of
# meetings uses it (an aggregate drops Meta.ordering, so such lists say it again).
MEETING_ORDER = ("-date", models.F("time").desc(nulls_last=True), "-pk")


class MeetingQuerySet(ScopedQuerySet):
    area_path_lookup = "committee__area__path"


class Meeting(TimeStampedModel):
    """One sitting of a committee, from scheduling to approved minutes."""

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.PROTECT, related_name="meetings"
    )
    date = models.DateField(_("date"))
    time = models.TimeField(_("time"), null=True, blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    mode = models.CharField(
        _("mode"), max_length=20, choices=MeetingMode.choices, default=MeetingMode.IN_PERSON
    )
    chair_post = models.ForeignKey(
        Post, verbose_name=_("chair"), on_delete=models.PROTECT, related_name="+"
    )
    chair_name = models.CharField(
        _("chair's name"),
        max_length=200,
        blank=True,
        help_text=_("The holder of the chair post on the day, as the minutes name them."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MeetingStatus.choices,
        default=MeetingStatus.SCHEDULED,
    )
    summary = models.TextField(_("summary"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    source_hash = models.CharField(
        _("imported note's fingerprint"),
        max_length=64,
        blank=True,
        default="",
        editable=False,
        help_text=_("For a meeting imported from a press note: the SHA-256 of its text."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )

    history = HistoricalRecords()
    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = list(MEETING_ORDER)
        indexes = [models.Index(fields=["committee", "date"], name="meeting_committee_date")]
        # A note is imported once per committee: not the same text twice, nor a second meeting
        # on the same day under the same chair. Two imports at once cannot both pass.
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "source_hash"],
                condition=~Q(source_hash=""),
                name="meeting_note_imported_once",
            ),
            models.UniqueConstraint(
                fields=["committee", "date", "chair_post"],
                condition=~Q(source_hash=""),
                name="meeting_imported_once_per_day_and_chair",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.committee.label}, {self.date:%d-%m-%Y}"


class AgendaItem(models.Model):
    """A topic on a meeting's agenda, optionally tagged with what it concerns."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    position = models.PositiveSmallIntegerField(_("number"), default=1)
    topic = models.CharField(_("topic"), max_length=300)
    topic_hi = models.CharField(_("topic (Hindi)"), max_length=300, blank=True)
    concerns = models.CharField(_("concerns"), max_length=20, choices=Concern.choices, blank=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.position}. {self.label}"

    @property
    def label(self) -> str:
        return in_reader_language(self.topic, self.topic_hi)


class Attendance(models.Model):
    """A post present or absent at a meeting, or an invitee who holds no post here."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendance"
    )
    post = models.ForeignKey(
        Post,
        verbose_name=_("post"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    invitee = models.CharField(
        _("invitee"),
        max_length=200,
        blank=True,
        help_text=_("For someone who holds no post here, e.g. “BSNL representative”."),
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    present = models.BooleanField(_("present"), default=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["meeting", "-present", "post__designation__rank", "invitee"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "post"],
                condition=Q(post__isnull=False),
                name="attendance_one_row_per_post",
            ),
            models.CheckConstraint(
                condition=Q(post__isnull=False) | ~Q(invitee=""),
                name="attendance_post_or_invitee",
            ),
        ]

    def __str__(self) -> str:
        return self.who

    @property
    def who(self) -> str:
        return self.post.long_label if self.post else self.invitee


class DirectiveQuerySet(ScopedQuerySet):
    area_path_lookup = "meeting__committee__area__path"

    def visible_to(self, user: Any) -> DirectiveQuerySet:
        """The committee's district sees its directives; a post's area sees the directives
        given to that post; a holder sees what their posts hold, wherever it was given."""
        jurisdiction = jurisdiction_of(user)
        if jurisdiction.everywhere:
            return self.all()
        held = PostHolding.objects.current().filter(user=user).values("post")
        condition = _assigned_q(Q(post__in=held), lead=Q(lead_post__in=held))
        if jurisdiction.paths:
            condition |= under_q(self.area_path_lookup, jurisdiction.paths) | _assigned_q(
                under_q("post__area__path", jurisdiction.paths),
                lead=under_q("lead_post__area__path", jurisdiction.paths),
            )
        elif not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(condition)

    def overdue(self, on: dt.date | None = None) -> DirectiveQuerySet:
        day = on or timezone.localdate()
        return self.filter(status__in=AWAITING_OWNER, due_date__lt=day)

    def assigned_to(self, posts: Any) -> DirectiveQuerySet:
        """Directives whose lead or a supporting post is among ``posts`` (ids or a queryset)."""
        return self.filter(_assigned_q(Q(post__in=posts), lead=Q(lead_post__in=posts)))


def _assigned_q(support: Q, *, lead: Q) -> Q:
    """Directives whose lead post matches ``lead`` or one of whose supporting posts matches
    ``support`` (a condition on the supporting-posts link table, as an EXISTS)."""
    links = Directive.supporting_posts.through.objects.filter(support, directive=OuterRef("pk"))
    return lead | Q(Exists(links))


class Directive(TimeStampedModel):
    """An order given in a meeting (निर्देश): one lead post answers for it, by a due date."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="directives"
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.SET_NULL,
        related_name="directives",
        null=True,
        blank=True,
    )
    number = models.PositiveIntegerField(_("number"), default=1)
    text = models.TextField(_("directive (English)"), blank=True)
    text_hi = models.TextField(_("directive (Hindi)"), blank=True)
    lead_post = models.ForeignKey(
        Post, verbose_name=_("lead post"), on_delete=models.PROTECT, related_name="directives"
    )
    supporting_posts = models.ManyToManyField(
        Post, verbose_name=_("supporting posts"), related_name="supported_directives", blank=True
    )
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.NORMAL
    )
    deadline_phrase = models.CharField(
        _("deadline as said"),
        max_length=200,
        blank=True,
        help_text=_("The chair's words, e.g. “within a week” or “अगली बैठक तक”."),
    )
    due_date = models.DateField(_("due date"))
    recurrence = models.CharField(
        _("repeats"), max_length=10, choices=Recurrence.choices, blank=True, default=""
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=DirectiveStatus.choices,
        default=DirectiveStatus.OPEN,
    )
    percent_done = models.PositiveSmallIntegerField(
        _("done (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    reported_on = models.DateField(_("reported complied on"), null=True, blank=True)
    finished_at = models.DateTimeField(_("closed or dropped"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    target_type = models.ForeignKey(
        ContentType,
        verbose_name=_("about (kind)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    target_id = models.PositiveBigIntegerField(_("about (id)"), null=True, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )

    objects = DirectiveQuerySet.as_manager()

    class Meta:
        verbose_name = _("directive")
        verbose_name_plural = _("directives")
        ordering = ["meeting__date", "meeting_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="directive_unique_number"),
            models.CheckConstraint(
                condition=~Q(text="") | ~Q(text_hi=""), name="directive_has_text"
            ),
            models.CheckConstraint(
                condition=Q(percent_done__lte=100), name="directive_percent_at_most_100"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "due_date"], name="directive_status_due"),
            models.Index(fields=["lead_post", "status"], name="directive_lead_status"),
            models.Index(fields=["target_type", "target_id"], name="directive_target"),
        ]

    def __str__(self) -> str:
        return f"{self.meeting.date:%d-%m-%Y} #{self.number}"

    @property
    def label(self) -> str:
        """The text in the reader's language, falling back to the other."""
        return in_reader_language(self.text, self.text_hi)

    def is_overdue(self, on: dt.date | None = None) -> bool:
        day = on or timezone.localdate()
        return self.status in AWAITING_OWNER and self.due_date < day

    def target_progress(self) -> tuple[int, int] | None:
        """(done, total) read live from what the directive is about, when that can say (its
        ``progress()``; docs/architecture.md, "What a directive is about")."""
        target = self.target if self.target_type_id else None
        progress = getattr(target, "progress", None)
        return progress() if callable(progress) else None

    def days_left(self, on: dt.date | None = None) -> int:
        return (self.due_date - (on or timezone.localdate())).days


class DirectivePeriod(models.Model):
    """One due item of a recurring directive ("60 inspections every month"): one per period."""

    directive = models.ForeignKey(
        Directive, verbose_name=_("directive"), on_delete=models.CASCADE, related_name="periods"
    )
    starts_on = models.DateField(_("from"))
    due_on = models.DateField(_("due"))
    complied_on = models.DateField(_("complied on"), null=True, blank=True)

    class Meta:
        verbose_name = _("period")
        verbose_name_plural = _("periods")
        ordering = ["directive", "starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["directive", "starts_on"], name="period_unique_start")
        ]

    def __str__(self) -> str:
        return f"{self.starts_on:%d-%m-%Y} to {self.due_on:%d-%m-%Y}"


class ComplianceUpdate(models.Model):
    """One entry of the action-taken report. Append-only: never changed or deleted."""

    directive = models.ForeignKey(
        Directive, verbose_name=_("directive"), on_delete=models.PROTECT, related_name="updates"
    )
    period = models.ForeignKey(
        DirectivePeriod,
        verbose_name=_("period"),
        on_delete=models.PROTECT,
        related_name="updates",
        null=True,
        blank=True,
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    post = models.ForeignKey(
        Post, verbose_name=_("as post"), on_delete=models.PROTECT, related_name="+"
    )
    author_name = models.CharField(_("name"), max_length=200, blank=True)
    percent = models.PositiveSmallIntegerField(_("done (%)"), validators=[MaxValueValidator(100)])
    text = models.TextField(_("what was done"))
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)

    class Meta:
        verbose_name = _("compliance update")
        verbose_name_plural = _("compliance updates")
        ordering = ["directive", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(percent__lte=100), name="update_percent_max_100")
        ]

    def __str__(self) -> str:
        return f"{self.directive} · {self.percent}%"


class Attachment(models.Model):
    """A file that backs a compliance update (a letter, a photo, a report)."""

    update = models.ForeignKey(
        ComplianceUpdate,
        verbose_name=_("update"),
        on_delete=models.PROTECT,
        related_name="attachments",
    )
    file = models.FileField(_("file"), upload_to="reviews/%Y/%m/")
    filename = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.filename


class DirectiveEvent(WorkflowEvent):
    """One step of a directive's workflow: who, when, from which status to which, and why
    (the shared event columns; written by ``degs.core.workflow``)."""

    subject_field = "directive"

    directive = models.ForeignKey(
        Directive, verbose_name=_("directive"), on_delete=models.CASCADE, related_name="events"
    )
    # The shared columns, with the directive's status labels.
    from_status = models.CharField(
        _("from"), max_length=40, choices=DirectiveStatus.choices, blank=True
    )
    to_status = models.CharField(
        _("to"), max_length=40, choices=DirectiveStatus.choices, blank=True
    )

    class Meta:
        verbose_name = _("directive event")
        verbose_name_plural = _("directive events")
        ordering = ["directive", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.directive} · {self.action}"


class MeetingEvent(WorkflowEvent):
    """One step of a meeting's workflow (held, minutes drafted, approved, returned), its
    recording and its changes: who, when, from which status to which, and why."""

    subject_field = "meeting"

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="events"
    )
    from_status = models.CharField(
        _("from"), max_length=40, choices=MeetingStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=40, choices=MeetingStatus.choices, blank=True)

    class Meta:
        verbose_name = _("meeting event")
        verbose_name_plural = _("meeting events")
        ordering = ["meeting", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.meeting} · {self.action}"


# What a phrase's key drops from its end: full stops, commas, dandas, dashes and quote marks,
# never a closing bracket ("Executive Engineer (PWD)").
_TRAILING_PUNCTUATION = frozenset({"Po", "Pd", "Pi", "Pf"})
ADDRESSEE_MAX = 200


def addressee_key(phrase: str) -> str:
    """How an addressee as written is known again: NFC, case folded, white space folded and
    trailing punctuation dropped ("संबंधित पदाधिकारी।" and "संबंधित  पदाधिकारी" are one). The
    one rule for writing ``AddresseePost.key`` and for looking it up."""
    text = " ".join(unicodedata.normalize("NFC", phrase).casefold().split())
    end = len(text)
    while end and (
        text[end - 1].isspace() or unicodedata.category(text[end - 1]) in _TRAILING_PUNCTUATION
    ):
        end -= 1
    return text[:end][:ADDRESSEE_MAX]


class AddresseePostQuerySet(ScopedQuerySet):
    area_path_lookup = "district__path"


class AddresseePost(TimeStampedModel):
    """The post a district chose for an addressee as its notes write it ("संबंधित पदाधिकारी",
    "the LDM"), learnt from its saved imports and proposed first in its next ones. One row per
    district and phrase (``addressee_key``); ``times`` counts the imports that confirmed it."""

    district = models.ForeignKey(
        Area, verbose_name=_("district"), on_delete=models.PROTECT, related_name="+"
    )
    phrase = models.CharField(
        _("addressee as written"),
        max_length=ADDRESSEE_MAX,
        help_text=_("As the last imported note wrote it."),
    )
    key = models.CharField(_("key"), max_length=ADDRESSEE_MAX, editable=False)
    post = models.ForeignKey(
        Post, verbose_name=_("post"), on_delete=models.PROTECT, related_name="+"
    )
    times = models.PositiveIntegerField(
        _("times confirmed"),
        default=1,
        help_text=_("Saved imports that gave this addressee this post, since it was last changed."),
    )
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last set by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )

    history = HistoricalRecords()
    objects = AddresseePostQuerySet.as_manager()

    class Meta:
        verbose_name = _("addressee's post")
        verbose_name_plural = _("addressees' posts")
        ordering = ["district__path", "key"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "key"], name="addressee_post_once_per_district"
            )
        ]

    def __str__(self) -> str:
        return f"{self.phrase} → {self.post}"
