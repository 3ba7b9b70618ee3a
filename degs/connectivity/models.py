"""The connectivity app's tables: providers and their SLAs, links (circuits) per office or
panchayat, outages, maintenance windows, heartbeats from probes (raw, and rolled up by hour and
day), speed tests, video-conference rooms and their tests, IP phones, and the sets of them a
directive can be about. Every area-bound table reads through ``visible_to``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from degs.connectivity.choices import (
    DetectedBy,
    LinkKind,
    LinkStatus,
    Network,
    OutageCause,
    OutageStatus,
    Resolution,
    SlaClock,
    SlaPeriod,
    SpeedSource,
    TargetWhat,
)
from degs.core.models import BilingualNameModel, TimeStampedModel, WorkflowEvent, in_reader_language
from degs.core.scoping import ScopedQuerySet
from degs.directory.choices import OfficeKind
from degs.directory.models import Area, Office, Post

phone_validator = RegexValidator(r"^\+?[0-9 -]{6,20}$", _("Write the phone number in digits."))
extension_validator = RegexValidator(r"^\d{2,8}$", _("An extension has 2 to 8 digits."))


# --- providers and their service levels ---------------------------------------------------------


class Provider(BilingualNameModel, TimeStampedModel):
    """Who runs links: BSNL or BBNL for BharatNet, the state WAN operator, a broadband or 4G
    vendor. One row for the whole state; its contacts answer per district."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    network = models.CharField(_("network"), max_length=20, choices=Network.choices)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[phone_validator])
    email = models.EmailField(_("e-mail"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("provider")
        verbose_name_plural = _("providers")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.label


class ProviderContactQuerySet(ScopedQuerySet):
    area_path_lookup = "area__path"


class ProviderContact(TimeStampedModel):
    """Who answers for a provider's links in an area, at one level of escalation (1: the
    engineer on call, 2: the sub-divisional engineer, 3: the general manager…). A contact
    with a user account also gets the escalations as notices in the app."""

    provider = models.ForeignKey(
        Provider, verbose_name=_("provider"), on_delete=models.CASCADE, related_name="contacts"
    )
    area = models.ForeignKey(
        Area, verbose_name=_("answers for"), on_delete=models.PROTECT, related_name="+"
    )
    level = models.PositiveSmallIntegerField(
        _("escalation level"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    name = models.CharField(_("name"), max_length=200)
    designation = models.CharField(_("designation"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[phone_validator])
    email = models.EmailField(_("e-mail"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()
    objects = ProviderContactQuerySet.as_manager()

    class Meta:
        verbose_name = _("provider's contact")
        verbose_name_plural = _("provider's contacts")
        ordering = ["provider", "area__path", "level", "name"]

    def __str__(self) -> str:
        return f"{self.name} (L{self.level})"


class Sla(BilingualNameModel, TimeStampedModel):
    """A provider's service level: the uptime promised per period and how it is counted.

    - A drop shorter than ``short_drop_minutes`` is not downtime (the link came back before
      anyone could act on it), and maintenance windows announced before they start are not.
    - A probe's link is "not reporting" after ``missed_beats`` heartbeats are missed (the
      retries), and an outage opens when it has not reported for ``silence_minutes`` more.
    - The time-to-respond and time-to-restore clocks run on the working hours of the link's
      working days (``day_starts``-``day_ends``, the district's holidays and weekly offs) or
      round the clock (``clock``).
    """

    provider = models.ForeignKey(
        Provider, verbose_name=_("provider"), on_delete=models.PROTECT, related_name="slas"
    )
    target_uptime = models.DecimalField(
        _("target uptime (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("98.00"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    period = models.CharField(
        _("measured per"), max_length=10, choices=SlaPeriod.choices, default=SlaPeriod.MONTH
    )
    clock = models.CharField(
        _("clocks run on"), max_length=20, choices=SlaClock.choices, default=SlaClock.WORKING_HOURS
    )
    day_starts = models.TimeField(_("working day starts"), default=dt.time(10, 0))
    day_ends = models.TimeField(_("working day ends"), default=dt.time(18, 0))
    respond_minutes = models.PositiveIntegerField(_("time to respond (minutes)"), default=120)
    restore_minutes = models.PositiveIntegerField(_("time to restore (minutes)"), default=480)
    escalate_every_minutes = models.PositiveIntegerField(
        _("escalate again after (minutes)"),
        default=240,
        help_text=_("Once a clock has run out, the next level is told after this many more."),
    )
    short_drop_minutes = models.PositiveIntegerField(
        _("a drop shorter than this is not downtime (minutes)"), default=5
    )
    heartbeat_seconds = models.PositiveIntegerField(
        _("probe reports every (seconds)"),
        default=300,
        validators=[MinValueValidator(30), MaxValueValidator(86400)],
    )
    missed_beats = models.PositiveSmallIntegerField(
        _("heartbeats missed before “not reporting”"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    silence_minutes = models.PositiveIntegerField(
        _("not reporting for this long opens an outage (minutes)"), default=15
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("service level agreement")
        verbose_name_plural = _("service level agreements")
        ordering = ["provider", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target_uptime__gte=0) & Q(target_uptime__lte=100),
                name="sla_target_uptime_percent",
            ),
            models.CheckConstraint(
                condition=Q(day_ends__gt=models.F("day_starts")), name="sla_day_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.label


# --- links -------------------------------------------------------------------------------------


class LinkQuerySet(ScopedQuerySet):
    area_path_lookup = "area__path"


class Link(TimeStampedModel):
    """A circuit to an office or a gram panchayat building. ``area`` is the site's area (the
    office's, or the panchayat's for a panchayat bhawan without an office row)."""

    provider = models.ForeignKey(
        Provider, verbose_name=_("provider"), on_delete=models.PROTECT, related_name="links"
    )
    circuit_id = models.CharField(_("circuit ID"), max_length=60)
    kind = models.CharField(_("kind"), max_length=20, choices=LinkKind.choices)
    committed_kbps = models.PositiveIntegerField(
        _("committed speed (kbps)"), validators=[MinValueValidator(1)]
    )
    office = models.ForeignKey(
        Office,
        verbose_name=_("office"),
        on_delete=models.PROTECT,
        related_name="links",
        null=True,
        blank=True,
    )
    area = models.ForeignKey(
        Area, verbose_name=_("site"), on_delete=models.PROTECT, related_name="links"
    )
    install_date = models.DateField(_("installed on"), null=True, blank=True)
    termination_date = models.DateField(_("terminated on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=LinkStatus.choices, default=LinkStatus.PLANNED
    )
    status_since = models.DateTimeField(_("in this status since"), default=timezone.now)
    sla = models.ForeignKey(
        Sla,
        verbose_name=_("service level"),
        on_delete=models.PROTECT,
        related_name="links",
        null=True,
        blank=True,
    )
    contact_name = models.CharField(_("contact (provider)"), max_length=200, blank=True)
    contact_phone = models.CharField(
        _("contact's phone"), max_length=20, blank=True, validators=[phone_validator]
    )
    # The probe's token: its SHA-256 (the token itself is shown once, when made) and its first
    # characters, so a page can say which token is in use.
    probe_token_hash = models.CharField(max_length=64, blank=True, editable=False)
    probe_token_hint = models.CharField(_("probe token"), max_length=8, blank=True, editable=False)
    last_heartbeat_at = models.DateTimeField(_("last heartbeat"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    history = HistoricalRecords(excluded_fields=["last_heartbeat_at", "updated_at"])
    objects = LinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("link")
        verbose_name_plural = _("links")
        ordering = ["area__path", "provider_id", "circuit_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "circuit_id"], name="link_circuit_unique_per_provider"
            ),
            models.CheckConstraint(
                condition=Q(termination_date__isnull=True)
                | Q(install_date__isnull=True)
                | Q(termination_date__gte=models.F("install_date")),
                name="link_terminated_after_installed",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "status_since"], name="link_status_since"),
            models.Index(
                fields=["last_heartbeat_at"],
                name="link_probe_watch",
                condition=~Q(probe_token_hash=""),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.circuit_id} ({self.provider.label})"

    def get_absolute_url(self) -> str:
        return reverse("connectivity:link_detail", args=[self.pk])

    @property
    def site_label(self) -> str:
        return self.office.label if self.office_id and self.office else self.area.label


class LinkEventQuerySet(ScopedQuerySet):
    area_path_lookup = "link__area__path"


class LinkEvent(WorkflowEvent):
    """One change of a link's status or record: who, when, what and why. Never edited."""

    subject_field: ClassVar[str] = "link"

    link = models.ForeignKey(
        Link, verbose_name=_("link"), on_delete=models.CASCADE, related_name="events"
    )

    objects = LinkEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("link event")
        verbose_name_plural = _("link events")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["link", "at"], name="linkevent_link_at")]


class MaintenanceWindowQuerySet(ScopedQuerySet):
    area_path_lookup = "area__path"


class MaintenanceWindow(TimeStampedModel):
    """Planned work announced before it starts: not downtime. On one link, or on every link of
    a provider in an area (``link`` empty)."""

    provider = models.ForeignKey(
        Provider, verbose_name=_("provider"), on_delete=models.PROTECT, related_name="+"
    )
    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="+"
    )
    link = models.ForeignKey(
        Link,
        verbose_name=_("link"),
        on_delete=models.CASCADE,
        related_name="maintenance_windows",
        null=True,
        blank=True,
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    reason = models.CharField(_("reason"), max_length=300)
    reason_hi = models.CharField(_("reason (Hindi)"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = MaintenanceWindowQuerySet.as_manager()

    class Meta:
        verbose_name = _("maintenance window")
        verbose_name_plural = _("maintenance windows")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="maintenance_ends_after_start"
            )
        ]
        indexes = [models.Index(fields=["provider", "starts_at"], name="maintenance_provider")]

    def __str__(self) -> str:
        return f"{self.starts_at:%d-%m-%Y %H:%M} to {self.ends_at:%d-%m-%Y %H:%M}"

    @property
    def label(self) -> str:
        return in_reader_language(self.reason, self.reason_hi)


# --- outages ----------------------------------------------------------------------------------


class OutageQuerySet(ScopedQuerySet):
    area_path_lookup = "link__area__path"


class Outage(TimeStampedModel):
    """A link down: opened by an engineer, the office or the probe; acknowledged by the
    provider (the time-to-respond clock stops); restored with a resolution (the
    time-to-restore clock stops) or cancelled as no outage. The due times are set when it
    opens, on the SLA's calendar; ``escalation_level`` is how many levels have been told."""

    link = models.ForeignKey(
        Link, verbose_name=_("link"), on_delete=models.PROTECT, related_name="outages"
    )
    started_at = models.DateTimeField(_("down since"))
    detected_by = models.CharField(_("reported by"), max_length=20, choices=DetectedBy.choices)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    cause = models.CharField(
        _("cause"), max_length=20, choices=OutageCause.choices, default=OutageCause.UNKNOWN
    )
    description = models.TextField(_("what is wrong"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=OutageStatus.choices, default=OutageStatus.OPEN
    )
    provider_reference = models.CharField(_("provider's docket number"), max_length=60, blank=True)
    responded_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    restored_at = models.DateTimeField(_("restored at"), null=True, blank=True)
    respond_due_at = models.DateTimeField(_("respond by"), null=True, blank=True)
    restore_due_at = models.DateTimeField(_("restore by"), null=True, blank=True)
    resolution = models.CharField(
        _("resolution"), max_length=20, choices=Resolution.choices, blank=True
    )
    escalation_level = models.PositiveSmallIntegerField(_("escalated to level"), default=0)
    escalated_at = models.DateTimeField(_("last escalated"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    objects = OutageQuerySet.as_manager()

    class Meta:
        verbose_name = _("outage")
        verbose_name_plural = _("outages")
        ordering = ["-started_at", "-pk"]
        constraints = [
            # One open outage per link: a probe's sweep and an engineer opening one at once
            # make one.
            models.UniqueConstraint(
                fields=["link"],
                condition=Q(status__in=["open", "acknowledged"]),
                name="outage_one_open_per_link",
            ),
            models.CheckConstraint(
                condition=Q(restored_at__isnull=True) | Q(restored_at__gte=models.F("started_at")),
                name="outage_restored_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["link", "started_at"], name="outage_link_started"),
            models.Index(
                fields=["restore_due_at"],
                name="outage_open_due",
                condition=Q(status__in=["open", "acknowledged"]),
            ),
            models.Index(fields=["started_at"], name="outage_started"),
        ]

    def __str__(self) -> str:
        return f"{self.link.circuit_id} {timezone.localtime(self.started_at):%d-%m-%Y %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("connectivity:outage_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in (OutageStatus.OPEN, OutageStatus.ACKNOWLEDGED)


class OutageEventQuerySet(ScopedQuerySet):
    area_path_lookup = "outage__link__area__path"


class OutageEvent(WorkflowEvent):
    """One step of an outage (opened, acknowledged, escalated, restored…). Never edited."""

    subject_field: ClassVar[str] = "outage"

    outage = models.ForeignKey(
        Outage, verbose_name=_("outage"), on_delete=models.CASCADE, related_name="events"
    )

    objects = OutageEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("outage event")
        verbose_name_plural = _("outage events")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["outage", "at"], name="outageevent_outage_at")]


# --- heartbeats and their roll-ups ------------------------------------------------------------


class Heartbeat(models.Model):
    """One report from a link's probe, at the probe's time ``at``. (link, at) is unique, so a
    replayed heartbeat is stored once. Raw rows are kept for ``DEGS_HEARTBEAT_RAW_DAYS`` days;
    the hour and day roll-ups keep what the reports read (docs/connectivity.md)."""

    id = models.BigAutoField(primary_key=True)
    link = models.ForeignKey(Link, on_delete=models.CASCADE, related_name="+", db_index=False)
    at = models.DateTimeField(_("at"))
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    latency_ms = models.PositiveIntegerField(_("latency (ms)"), null=True, blank=True)
    loss_percent = models.PositiveSmallIntegerField(
        _("packet loss (%)"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )

    class Meta:
        verbose_name = _("heartbeat")
        verbose_name_plural = _("heartbeats")
        constraints = [
            models.UniqueConstraint(fields=["link", "at"], name="heartbeat_once_per_link_time")
        ]
        indexes = [models.Index(fields=["received_at"], name="heartbeat_received")]

    def __str__(self) -> str:
        return f"{self.link_id} {self.at:%d-%m-%Y %H:%M:%S}"


class LinkHour(models.Model):
    """Heartbeats of a link in one hour (``hour``: its start): how many, and their latency."""

    id = models.BigAutoField(primary_key=True)
    link = models.ForeignKey(Link, on_delete=models.CASCADE, related_name="+", db_index=False)
    hour = models.DateTimeField(_("hour"))
    beats = models.PositiveIntegerField(_("heartbeats"), default=0)
    latency_avg_ms = models.PositiveIntegerField(_("average latency (ms)"), null=True, blank=True)
    latency_max_ms = models.PositiveIntegerField(_("highest latency (ms)"), null=True, blank=True)

    class Meta:
        verbose_name = _("hour of heartbeats")
        verbose_name_plural = _("hours of heartbeats")
        constraints = [models.UniqueConstraint(fields=["link", "hour"], name="linkhour_unique")]
        indexes = [models.Index(fields=["hour"], name="linkhour_hour")]

    def __str__(self) -> str:
        return f"{self.link_id} {self.hour:%d-%m-%Y %H:00}"


class LinkDay(models.Model):
    """Heartbeats of a link in one day (local date): how many, against how many were due."""

    id = models.BigAutoField(primary_key=True)
    link = models.ForeignKey(Link, on_delete=models.CASCADE, related_name="+", db_index=False)
    day = models.DateField(_("day"))
    beats = models.PositiveIntegerField(_("heartbeats"), default=0)
    expected = models.PositiveIntegerField(_("heartbeats due"), default=0)
    latency_avg_ms = models.PositiveIntegerField(_("average latency (ms)"), null=True, blank=True)

    class Meta:
        verbose_name = _("day of heartbeats")
        verbose_name_plural = _("days of heartbeats")
        constraints = [models.UniqueConstraint(fields=["link", "day"], name="linkday_unique")]
        indexes = [models.Index(fields=["day"], name="linkday_day")]

    def __str__(self) -> str:
        return f"{self.link_id} {self.day:%d-%m-%Y}"


# --- speed tests ------------------------------------------------------------------------------


class SpeedTestQuerySet(ScopedQuerySet):
    area_path_lookup = "link__area__path"


class SpeedTest(models.Model):
    """A measured speed of a link, by hand or by its probe, against its committed speed."""

    id = models.BigAutoField(primary_key=True)
    link = models.ForeignKey(
        Link, verbose_name=_("link"), on_delete=models.CASCADE, related_name="speed_tests"
    )
    at = models.DateTimeField(_("tested at"))
    down_kbps = models.PositiveIntegerField(_("download (kbps)"))
    up_kbps = models.PositiveIntegerField(_("upload (kbps)"), null=True, blank=True)
    latency_ms = models.PositiveIntegerField(_("latency (ms)"), null=True, blank=True)
    place = models.CharField(_("where"), max_length=200, blank=True)
    source = models.CharField(
        _("source"), max_length=10, choices=SpeedSource.choices, default=SpeedSource.HAND
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = SpeedTestQuerySet.as_manager()

    class Meta:
        verbose_name = _("speed test")
        verbose_name_plural = _("speed tests")
        ordering = ["-at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["link", "at"], name="speedtest_once_per_link_time")
        ]

    def __str__(self) -> str:
        return f"{self.link_id} {self.down_kbps} kbps"


# --- video-conference rooms -------------------------------------------------------------------


class VcRoomQuerySet(ScopedQuerySet):
    area_path_lookup = "office__area__path"


class VcRoom(BilingualNameModel, TimeStampedModel):
    """A room an office holds video conferences in (tehsil, block, town, jail…). It is ready for
    VC when its link is active and its last test, within ``DEGS_VC_TEST_VALID_DAYS``, passed
    audio, video and content sharing."""

    office = models.ForeignKey(
        Office, verbose_name=_("office"), on_delete=models.PROTECT, related_name="vc_rooms"
    )
    link = models.ForeignKey(
        Link,
        verbose_name=_("link"),
        on_delete=models.SET_NULL,
        related_name="vc_rooms",
        null=True,
        blank=True,
    )
    equipment = models.CharField(_("equipment"), max_length=300, blank=True)
    is_active = models.BooleanField(_("in use"), default=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    history = HistoricalRecords()
    objects = VcRoomQuerySet.as_manager()

    class Meta:
        verbose_name = _("video-conference room")
        verbose_name_plural = _("video-conference rooms")
        ordering = ["office__area__path", "name"]
        constraints = [
            models.UniqueConstraint(fields=["office", "name"], name="vcroom_unique_name")
        ]

    def __str__(self) -> str:
        return self.label

    def get_absolute_url(self) -> str:
        return reverse("connectivity:room_detail", args=[self.pk])


class VcTestQuerySet(ScopedQuerySet):
    area_path_lookup = "room__office__area__path"


class VcTest(models.Model):
    """A test call from a room: what worked, who joined from where."""

    room = models.ForeignKey(
        VcRoom, verbose_name=_("room"), on_delete=models.CASCADE, related_name="tests"
    )
    at = models.DateTimeField(_("tested at"))
    audio_ok = models.BooleanField(_("audio works"))
    video_ok = models.BooleanField(_("video works"))
    sharing_ok = models.BooleanField(_("content sharing works"))
    joined_from = models.TextField(_("who joined from where"), blank=True)
    remark = models.TextField(_("remark"), blank=True)
    tested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tested by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = VcTestQuerySet.as_manager()

    class Meta:
        verbose_name = _("video-conference test")
        verbose_name_plural = _("video-conference tests")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["room", "at"], name="vctest_room_at")]

    def __str__(self) -> str:
        return f"{self.room_id} {self.at:%d-%m-%Y %H:%M}"

    @property
    def passed(self) -> bool:
        return self.audio_ok and self.video_ok and self.sharing_ok


# --- IP phones --------------------------------------------------------------------------------


class IpPhoneQuerySet(ScopedQuerySet):
    area_path_lookup = "office__area__path"


class IpPhone(TimeStampedModel):
    """An IP phone's extension in an office, for a post (or the office's desk). The extension is
    the state dial plan's number, unique across the install. Registered: the call server saw
    it within ``DEGS_PHONE_SEEN_HOURS``."""

    office = models.ForeignKey(
        Office, verbose_name=_("office"), on_delete=models.PROTECT, related_name="ip_phones"
    )
    post = models.ForeignKey(
        Post,
        verbose_name=_("post"),
        on_delete=models.SET_NULL,
        related_name="ip_phones",
        null=True,
        blank=True,
    )
    extension = models.CharField(_("extension"), max_length=8, validators=[extension_validator])
    place = models.CharField(
        _("desk or room"), max_length=100, blank=True, help_text=_("e.g. “Reception”")
    )
    place_hi = models.CharField(_("desk or room (Hindi)"), max_length=100, blank=True)
    model_name = models.CharField(_("model"), max_length=100, blank=True)
    mac_address = models.CharField(_("MAC address"), max_length=17, blank=True)
    is_registered = models.BooleanField(_("registered"), default=False)
    last_registered_at = models.DateTimeField(_("last registered"), null=True, blank=True)
    # The time of the call server's report applied last: an older report never overwrites it.
    registration_reported_at = models.DateTimeField(null=True, blank=True, editable=False)
    is_active = models.BooleanField(_("in use"), default=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    history = HistoricalRecords(
        excluded_fields=[
            "is_registered",
            "last_registered_at",
            "registration_reported_at",
            "updated_at",
        ]
    )
    objects = IpPhoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("IP phone")
        verbose_name_plural = _("IP phones")
        ordering = ["extension"]
        constraints = [
            models.UniqueConstraint(fields=["extension"], name="ipphone_extension_unique")
        ]
        indexes = [models.Index(fields=["office", "is_registered"], name="ipphone_office")]

    def __str__(self) -> str:
        return self.extension


# --- what a directive can be about ------------------------------------------------------------


class NetworkTargetQuerySet(ScopedQuerySet):
    area_path_lookup = "area__path"


class NetworkTarget(BilingualNameModel, TimeStampedModel):
    """A set of links, rooms or phones chosen by filter ("every block office's VC room in
    Jamtara"), which a directive can be about: its progress is read live."""

    area = models.ForeignKey(Area, verbose_name=_("in"), on_delete=models.PROTECT, related_name="+")
    what = models.CharField(_("what"), max_length=10, choices=TargetWhat.choices)
    office_kind = models.CharField(
        _("kind of office"), max_length=30, choices=OfficeKind.choices, blank=True
    )
    link_kind = models.CharField(
        _("kind of link"), max_length=20, choices=LinkKind.choices, blank=True
    )
    due_date = models.DateField(_("due by"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = NetworkTargetQuerySet.as_manager()

    class Meta:
        verbose_name = _("network target")
        verbose_name_plural = _("network targets")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.label

    def get_absolute_url(self) -> str:
        return reverse("connectivity:target_detail", args=[self.pk])

    def members(self) -> models.QuerySet[Any]:
        """The links, rooms or phones the set holds now: under ``area``, of the office kind and
        link kind chosen. Links: those planned or in service (not decommissioned); rooms and
        phones: those in use. A phone has no link, so ``link_kind`` does not narrow phones."""
        path = self.area.path
        rows: models.QuerySet[Any]
        if self.what == TargetWhat.LINKS:
            rows = Link.objects.under(path).exclude(status=LinkStatus.DECOMMISSIONED)
            link_kind = "kind"
        elif self.what == TargetWhat.ROOMS:
            rows = VcRoom.objects.under(path).filter(is_active=True)
            link_kind = "link__kind"
        else:
            rows = IpPhone.objects.under(path).filter(is_active=True)
            link_kind = ""
        if self.office_kind:
            rows = rows.filter(office__kind=self.office_kind)
        if self.link_kind and link_kind:
            rows = rows.filter(**{link_kind: self.link_kind})
        return rows

    def done_members(self, rows: models.QuerySet[Any] | None = None) -> models.QuerySet[Any]:
        """Those of ``rows`` (by default the members) that have reached the goal, read live:
        a link active, a room ready for VC (``selectors.rooms.ready_rooms``), a phone working
        (``selectors.phones.working_phones``)."""
        # Imported here: the selectors read these models.
        from degs.connectivity.selectors.phones import working_phones
        from degs.connectivity.selectors.rooms import ready_rooms

        rows = self.members() if rows is None else rows
        if self.what == TargetWhat.LINKS:
            return rows.filter(status=LinkStatus.ACTIVE)
        if self.what == TargetWhat.ROOMS:
            return ready_rooms(rows)
        return working_phones(rows)

    def progress(self) -> tuple[int, int]:
        """(how many of the set have reached the goal, how many it holds), read live: the
        directive that follows the set shows it (reviews' directive page)."""
        members = self.members()
        done = Q(pk__in=self.done_members(members).values("pk"))
        counts = members.aggregate(done=models.Count("pk", filter=done), total=models.Count("pk"))
        return counts["done"], counts["total"]
