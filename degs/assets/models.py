"""The assets app's tables: the equipment register (categories, makes and models, suppliers,
assets with their custodian office and post, funding, order and warranty), physical
verification, an asset's movements and status changes as events; maintenance tickets against
an asset, a network link or an office (the district technical committee's pending technical
cases among them) with time-to-own and time-to-resolve clocks on working hours; scheduled
maintenance that opens its own tickets; procurement cases from need to delivery. Money is
held in paise (whole numbers). Every area-bound table reads through ``visible_to``."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from degs.assets.choices import (
    AssetStatus,
    CaseStatus,
    Clock,
    Condition,
    Funding,
    OrderKind,
    Route,
    TicketKind,
    TicketStatus,
)
from degs.connectivity.models import Link
from degs.core.models import BilingualNameModel, TimeStampedModel, WorkflowEvent
from degs.core.scoping import ScopedQuerySet
from degs.directory.models import Area, Office, Post

tag_validator = RegexValidator(
    r"^[A-Z0-9][A-Z0-9/-]{2,39}$",
    _("An asset tag has 3 to 40 capital letters, digits, hyphens or slashes."),
)
gstin_validator = RegexValidator(
    r"^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]$",
    _("A GSTIN has 15 characters: state code, PAN, entity number, Z and a check character."),
)

# --- what equipment is and who sells it ---------------------------------------------------------


class Category(BilingualNameModel):
    """A kind of equipment: desktop, laptop, printer, projector, UPS, router, VC kit…"""

    code = models.SlugField(_("code"), max_length=30, unique=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("equipment category")
        verbose_name_plural = _("equipment categories")
        ordering = ["name"]


class EquipmentModel(models.Model):
    """A make and model ("Epson EB-X51"), in one category."""

    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="models"
    )
    make = models.CharField(_("make"), max_length=100)
    name = models.CharField(_("model"), max_length=100)

    class Meta:
        verbose_name = _("make and model")
        verbose_name_plural = _("makes and models")
        ordering = ["make", "name"]
        constraints = [
            models.UniqueConstraint(fields=["make", "name"], name="equipment_model_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.make} {self.name}"


class Supplier(TimeStampedModel):
    """A seller or service vendor (a GeM seller, an AMC vendor). One row for the state."""

    name = models.CharField(_("name"), max_length=200)
    gstin = models.CharField(_("GSTIN"), max_length=15, blank=True, validators=[gstin_validator])
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.TextField(_("address"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("supplier")
        verbose_name_plural = _("suppliers")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["gstin"], condition=~Q(gstin=""), name="supplier_gstin_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name


# --- procurement -------------------------------------------------------------------------------


class CaseQuerySet(ScopedQuerySet):
    area_path_lookup = "area__path"


class ProcurementCase(TimeStampedModel):
    """Buying something, from the need to its delivery into the register. The route follows
    the estimated value (GFR rule 149: ``services.procurement.route_for``); an L1 purchase
    needs three quotes from different makers before the order."""

    area = models.ForeignKey(
        Area, verbose_name=_("district"), on_delete=models.PROTECT, related_name="procurements"
    )
    title = models.CharField(_("what is needed"), max_length=200)
    need = models.TextField(_("why it is needed"), blank=True)
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    quantity = models.PositiveIntegerField(_("quantity"), validators=[MinValueValidator(1)])
    estimated_paise = models.BigIntegerField(_("estimated value (paise)"))
    route = models.CharField(_("route"), max_length=10, choices=Route.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.NEED
    )
    sanction_number = models.CharField(_("sanction order number"), max_length=80, blank=True)
    sanction_date = models.DateField(_("sanction order date"), null=True, blank=True)
    sanctioned_paise = models.BigIntegerField(_("sanctioned amount (paise)"), null=True, blank=True)
    supplier = models.ForeignKey(
        Supplier,
        verbose_name=_("supplier"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="orders",
    )
    order_kind = models.CharField(
        _("order kind"), max_length=20, choices=OrderKind.choices, blank=True
    )
    order_number = models.CharField(_("order number"), max_length=80, blank=True)
    order_date = models.DateField(_("order date"), null=True, blank=True)
    order_paise = models.BigIntegerField(_("order value (paise)"), null=True, blank=True)
    delivered_on = models.DateField(_("delivered on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    version = models.PositiveIntegerField(_("version"), default=1)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("procurement case")
        verbose_name_plural = _("procurement cases")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(estimated_paise__gt=0), name="procurement_estimate_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("assets:case_detail", args=[self.pk])


class Quote(models.Model):
    """A seller's price for a case (an L1 purchase compares three of different makers)."""

    case = models.ForeignKey(
        ProcurementCase, verbose_name=_("case"), on_delete=models.CASCADE, related_name="quotes"
    )
    seller = models.CharField(_("seller"), max_length=200)
    make = models.CharField(_("maker"), max_length=100)
    amount_paise = models.BigIntegerField(_("price (paise)"))

    class Meta:
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        ordering = ["case", "amount_paise"]
        constraints = [
            models.UniqueConstraint(fields=["case", "seller"], name="quote_once_per_seller"),
            models.CheckConstraint(condition=Q(amount_paise__gt=0), name="quote_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.seller} ({self.make})"


class CaseEventQuerySet(ScopedQuerySet):
    area_path_lookup = "case__area__path"


class CaseEvent(WorkflowEvent):
    subject_field: ClassVar[str] = "case"

    case = models.ForeignKey(
        ProcurementCase, verbose_name=_("case"), on_delete=models.CASCADE, related_name="events"
    )

    objects = CaseEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("procurement event")
        verbose_name_plural = _("procurement events")
        ordering = ["-at", "-pk"]


# --- the register ------------------------------------------------------------------------------


class AssetQuerySet(ScopedQuerySet):
    area_path_lookup = "area__path"
    area_field = "area"
    district_field = "district"


class Asset(TimeStampedModel):
    """One piece of equipment. ``office`` is its custodian office (the district store is an
    office too); ``area`` is that office's area and ``district`` its district, kept on the row
    for scoping a state's register. ``cost_paise`` is what it cost, in paise."""

    tag = models.CharField(_("tag"), max_length=40, unique=True, validators=[tag_validator])
    model = models.ForeignKey(
        EquipmentModel,
        verbose_name=_("make and model"),
        on_delete=models.PROTECT,
        related_name="assets",
    )
    serial = models.CharField(_("serial number"), max_length=80, blank=True)
    office = models.ForeignKey(
        Office, verbose_name=_("custodian office"), on_delete=models.PROTECT, related_name="assets"
    )
    post = models.ForeignKey(
        Post,
        verbose_name=_("custodian post"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assets",
    )
    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="+"
    )
    district = models.ForeignKey(
        Area, verbose_name=_("district"), on_delete=models.PROTECT, related_name="+"
    )
    funding = models.CharField(_("funded by"), max_length=20, choices=Funding.choices)
    supplier = models.ForeignKey(
        Supplier,
        verbose_name=_("supplier"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assets",
    )
    order_kind = models.CharField(
        _("order kind"), max_length=20, choices=OrderKind.choices, blank=True
    )
    order_number = models.CharField(_("GeM order or invoice number"), max_length=80, blank=True)
    procurement = models.ForeignKey(
        ProcurementCase,
        verbose_name=_("procurement case"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assets",
    )
    purchased_on = models.DateField(_("purchased on"), null=True, blank=True)
    warranty_until = models.DateField(_("warranty until"), null=True, blank=True)
    amc_until = models.DateField(_("AMC until"), null=True, blank=True)
    cost_paise = models.BigIntegerField(_("cost (paise)"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=AssetStatus.choices, default=AssetStatus.IN_STORE
    )
    version = models.PositiveIntegerField(_("version"), default=1)

    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = AssetQuerySet.as_manager()

    class Meta:
        verbose_name = _("asset")
        verbose_name_plural = _("assets")
        ordering = ["tag"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cost_paise__isnull=True) | Q(cost_paise__gte=0),
                name="asset_cost_not_negative",
            ),
            models.UniqueConstraint(
                fields=["model", "serial"], condition=~Q(serial=""), name="asset_serial_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["district", "status"], name="asset_district_status"),
            models.Index(fields=["area", "status"], name="asset_area_status"),
            models.Index(fields=["office"], name="asset_office"),
        ]

    def __str__(self) -> str:
        return f"{self.tag} {self.model}"

    def get_absolute_url(self) -> str:
        return reverse("assets:asset_detail", args=[self.pk])


class AssetEventQuerySet(ScopedQuerySet):
    area_path_lookup = "asset__area__path"


class AssetEvent(WorkflowEvent):
    """One thing that happened to an asset: registered, issued, moved (``data`` names the
    offices), sent for repair, condemned, disposed of, verified. Never edited."""

    subject_field: ClassVar[str] = "asset"

    asset = models.ForeignKey(
        Asset, verbose_name=_("asset"), on_delete=models.CASCADE, related_name="events"
    )

    objects = AssetEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("asset event")
        verbose_name_plural = _("asset events")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["asset", "at"], name="assetevent_asset_at")]


class VerificationQuerySet(ScopedQuerySet):
    area_path_lookup = "asset__area__path"


class Verification(models.Model):
    """The yearly physical verification of an asset: once per asset and financial year
    (``year`` is the year it starts: 2026 for April 2026 to March 2027), with a photo."""

    asset = models.ForeignKey(
        Asset, verbose_name=_("asset"), on_delete=models.CASCADE, related_name="verifications"
    )
    year = models.PositiveSmallIntegerField(
        _("financial year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    verified_on = models.DateField(_("verified on"))
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    condition = models.CharField(_("found"), max_length=20, choices=Condition.choices)
    photo = models.FileField(_("photo"), upload_to="assets/verification/%Y/", blank=True)
    photo_sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    remark = models.TextField(_("remark"), blank=True)

    objects = VerificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("physical verification")
        verbose_name_plural = _("physical verifications")
        ordering = ["-verified_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["asset", "year"], name="verification_once_a_year"),
        ]

    def __str__(self) -> str:
        return f"{self.asset.tag} {self.year}"


# --- maintenance --------------------------------------------------------------------------------


class Priority(BilingualNameModel):
    """A ticket's priority and its clocks: minutes to own and to resolve, on working hours
    (``day_starts``-``day_ends`` of the area's working days) or round the clock. It has the
    attributes ``directory.clock.clock_for`` reads."""

    code = models.SlugField(_("code"), max_length=20, unique=True)
    rank = models.PositiveSmallIntegerField(_("rank"), help_text=_("1 is the most urgent."))
    own_minutes = models.PositiveIntegerField(_("minutes to own"))
    resolve_minutes = models.PositiveIntegerField(_("minutes to resolve"))
    clock = models.CharField(
        _("clock"), max_length=20, choices=Clock.choices, default=Clock.WORKING_HOURS
    )
    day_starts = models.TimeField(_("working day starts"), default=dt.time(10, 0))
    day_ends = models.TimeField(_("working day ends"), default=dt.time(18, 0))

    class Meta:
        verbose_name = _("ticket priority")
        verbose_name_plural = _("ticket priorities")
        ordering = ["rank"]
        constraints = [
            models.CheckConstraint(
                condition=Q(resolve_minutes__gte=models.F("own_minutes")),
                name="priority_resolve_after_own",
            ),
            models.CheckConstraint(
                condition=Q(day_ends__gt=models.F("day_starts")), name="priority_day_ends_after"
            ),
        ]


class ScheduleQuerySet(ScopedQuerySet):
    area_path_lookup = "area__path"


class Schedule(TimeStampedModel):
    """Maintenance that comes round (an AMC visit, a UPS battery check): for one asset, or for
    every asset of a category in an area. The sweep opens a ticket per asset ``lead_days``
    before ``next_due_on`` and moves ``next_due_on`` on by ``every_days``."""

    title = models.CharField(_("what is done"), max_length=200)
    title_hi = models.CharField(_("what is done (Hindi)"), max_length=200, blank=True)
    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="+"
    )
    asset = models.ForeignKey(
        Asset,
        verbose_name=_("asset"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="schedules",
    )
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    every_days = models.PositiveSmallIntegerField(
        _("every (days)"), validators=[MinValueValidator(1), MaxValueValidator(3660)]
    )
    next_due_on = models.DateField(_("next due on"))
    lead_days = models.PositiveSmallIntegerField(_("open the ticket days before"), default=7)
    priority = models.ForeignKey(
        Priority, verbose_name=_("priority"), on_delete=models.PROTECT, related_name="+"
    )
    vendor = models.ForeignKey(
        Supplier,
        verbose_name=_("vendor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    is_active = models.BooleanField(_("active"), default=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    objects = ScheduleQuerySet.as_manager()

    class Meta:
        verbose_name = _("maintenance schedule")
        verbose_name_plural = _("maintenance schedules")
        ordering = ["next_due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(asset__isnull=False) & Q(category__isnull=True))
                | (Q(asset__isnull=True) & Q(category__isnull=False)),
                name="schedule_for_an_asset_or_a_category",
            ),
        ]
        indexes = [
            models.Index(fields=["next_due_on"], name="schedule_due", condition=Q(is_active=True)),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("assets:schedule_detail", args=[self.pk])


class TicketQuerySet(ScopedQuerySet):
    area_path_lookup = "area__path"


OPEN_TICKET = (TicketStatus.OPEN, TicketStatus.OWNED)


class Ticket(TimeStampedModel):
    """Something to repair or look into, against an asset, a network link or an office. The
    due times are set when it opens, on its priority's clock; ``owned_at`` and
    ``resolved_at`` stop the two clocks."""

    kind = models.CharField(
        _("kind"), max_length=20, choices=TicketKind.choices, default=TicketKind.FAULT
    )
    asset = models.ForeignKey(
        Asset,
        verbose_name=_("asset"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tickets",
    )
    link = models.ForeignKey(
        Link,
        verbose_name=_("network link"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tickets",
    )
    office = models.ForeignKey(
        Office,
        verbose_name=_("office"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tickets",
    )
    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("what is wrong"), max_length=200)
    description = models.TextField(_("details"), blank=True)
    priority = models.ForeignKey(
        Priority, verbose_name=_("priority"), on_delete=models.PROTECT, related_name="tickets"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=TicketStatus.choices, default=TicketStatus.OPEN
    )
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    own_due_at = models.DateTimeField(_("to be owned by"), null=True, blank=True)
    resolve_due_at = models.DateTimeField(_("to be resolved by"), null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    owned_at = models.DateTimeField(_("owned at"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolution = models.TextField(_("what was done"), blank=True)
    vendor = models.ForeignKey(
        Supplier,
        verbose_name=_("vendor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tickets",
    )
    cost_paise = models.BigIntegerField(_("cost (paise)"), null=True, blank=True)
    schedule = models.ForeignKey(
        Schedule,
        verbose_name=_("schedule"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tickets",
    )
    due_on = models.DateField(_("maintenance due on"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    objects = TicketQuerySet.as_manager()

    class Meta:
        verbose_name = _("ticket")
        verbose_name_plural = _("tickets")
        ordering = ["-opened_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(asset__isnull=False) & Q(link__isnull=True) & Q(office__isnull=True))
                | (Q(asset__isnull=True) & Q(link__isnull=False) & Q(office__isnull=True))
                | (Q(asset__isnull=True) & Q(link__isnull=True) & Q(office__isnull=False)),
                name="ticket_about_one_thing",
            ),
            # A schedule opens one ticket per asset and due day, however often the sweep runs.
            models.UniqueConstraint(
                fields=["schedule", "asset", "due_on"],
                condition=Q(schedule__isnull=False),
                name="ticket_once_per_schedule_due",
            ),
            models.CheckConstraint(
                condition=Q(cost_paise__isnull=True) | Q(cost_paise__gte=0),
                name="ticket_cost_not_negative",
            ),
        ]
        indexes = [
            models.Index(
                fields=["resolve_due_at"],
                name="ticket_open_due",
                condition=Q(status__in=["open", "owned"]),
            ),
            models.Index(fields=["area", "status"], name="ticket_area_status"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("assets:ticket_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_TICKET


class TicketEventQuerySet(ScopedQuerySet):
    area_path_lookup = "ticket__area__path"


class TicketEvent(WorkflowEvent):
    subject_field: ClassVar[str] = "ticket"

    ticket = models.ForeignKey(
        Ticket, verbose_name=_("ticket"), on_delete=models.CASCADE, related_name="events"
    )

    objects = TicketEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("ticket event")
        verbose_name_plural = _("ticket events")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["ticket", "at"], name="ticketevent_ticket_at")]
