"""The district's directory: areas, offices, designations, posts and who holds them, holidays.

Modelled on India's Local Government Directory (LGD). Everything area-bound is scoped through
``visible_to(user)``; see ``degs.core.scoping``.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from degs.core.models import BilingualNameModel, TimeStampedModel, in_reader_language
from degs.core.permissions import Role
from degs.core.scoping import ScopedQuerySet, ancestor_paths, jurisdiction_of, under_q
from degs.directory.choices import (
    AreaKind,
    ChargeKind,
    HolidayKind,
    OfficeKind,
    SaturdayRule,
)

lgd_code_validator = RegexValidator(r"^\d{1,12}$", _("An LGD code has only digits (at most 12)."))
pincode_validator = RegexValidator(r"^[1-9]\d{5}$", _("A PIN code has six digits."))
phone_validator = RegexValidator(
    r"^[0-9+\- ]{6,20}$", _("Enter a phone number of digits, spaces, + or -.")
)


class AreaQuerySet(ScopedQuerySet):
    area_path_lookup = "path"

    def roots_for(self, user: object) -> AreaQuerySet:
        """The topmost areas of a user's jurisdiction (where browsing starts)."""
        jurisdiction = jurisdiction_of(user)
        if jurisdiction.everywhere:
            return self.filter(parent__isnull=True)
        return self.filter(path__in=jurisdiction.paths)


class Area(BilingualNameModel, TimeStampedModel):
    """One node of the area tree (state, district, block, panchayat, village, ward...)."""

    kind = models.CharField(_("kind"), max_length=20, choices=AreaKind.choices)
    lgd_code = models.CharField(
        _("LGD code"), max_length=12, blank=True, validators=[lgd_code_validator]
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    # Materialised path: the parent's path plus this row's fixed-width id. Kept by the services.
    path = models.CharField(_("path"), max_length=255, unique=True, editable=False)
    depth = models.PositiveSmallIntegerField(_("depth"), default=0, editable=False)
    saturdays_off = models.CharField(
        _("Saturdays off"),
        max_length=20,
        choices=SaturdayRule.choices,
        blank=True,
        default=SaturdayRule.INHERIT,
    )
    is_sample = models.BooleanField(
        _("sample name"),
        default=False,
        help_text=_("A placeholder name in the demo data, not a real place."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    population = models.PositiveBigIntegerField(
        _("population"),
        null=True,
        blank=True,
        help_text=_("As the last census counted it; districts are ranked per lakh people by it."),
    )

    history = HistoricalRecords(excluded_fields=["path", "depth"])
    objects = AreaQuerySet.as_manager()

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "lgd_code"],
                condition=~Q(lgd_code=""),
                name="area_unique_lgd_code_per_kind",
            ),
            models.UniqueConstraint(
                fields=["parent", "kind", "name"],
                condition=Q(lgd_code=""),
                name="area_unique_uncoded_name_under_parent",
            ),
        ]
        indexes = [models.Index(fields=["kind", "path"], name="area_kind_path")]

    def ancestors(self) -> list[Area]:
        """Root first; one query."""
        paths = ancestor_paths(self.path)
        return list(Area.objects.filter(path__in=paths).order_by("depth")) if paths else []

    def contains(self, other: Area) -> bool:
        return other.path.startswith(self.path)


DEFAULT_INSPECTION_DISTANCE_M = 500


class DistrictSetting(TimeStampedModel):
    """What a district sets for itself: how far from a centre an inspection may be recorded
    before it is flagged. A district without a row has the defaults."""

    district = models.OneToOneField(
        Area,
        verbose_name=_("district"),
        on_delete=models.CASCADE,
        related_name="setting",
        limit_choices_to={"kind": AreaKind.DISTRICT},
    )
    inspection_distance_m = models.PositiveIntegerField(
        _("inspection distance limit (m)"),
        default=DEFAULT_INSPECTION_DISTANCE_M,
        validators=[MinValueValidator(50), MaxValueValidator(50_000)],
        help_text=_(
            "An inspection recorded farther than this from the centre's coordinates is flagged, "
            "and approving a closure or suspension on it needs an explicit acknowledgement."
        ),
    )
    version = models.PositiveIntegerField(_("version"), default=1)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("district setting")
        verbose_name_plural = _("district settings")

    def __str__(self) -> str:
        return str(self.district)


class Located(models.Model):
    """A place people go to: address in both languages, PIN code, coordinates within India."""

    address = models.TextField(_("address"), blank=True)
    address_hi = models.TextField(_("address (Hindi)"), blank=True)
    pincode = models.CharField(
        _("PIN code"), max_length=6, blank=True, validators=[pincode_validator]
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(6), MaxValueValidator(38)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(68), MaxValueValidator(98)],
    )

    class Meta:
        abstract = True

    @property
    def address_label(self) -> str:
        return in_reader_language(self.address, self.address_hi)


class OfficeQuerySet(ScopedQuerySet):
    area_path_lookup = "area__path"


class Office(BilingualNameModel, TimeStampedModel, Located):
    """A government office or public building in an area."""

    kind = models.CharField(_("kind"), max_length=30, choices=OfficeKind.choices)
    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="offices"
    )
    # A state's own office code (a WAN operator's site list, a department's office master): how
    # imports of other lists name the office. Unique where given.
    code = models.CharField(
        _("office code"),
        max_length=30,
        blank=True,
        validators=[RegexValidator(r"^[A-Za-z0-9/_.-]+$", _("Letters, digits and / _ . - only."))],
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[phone_validator])
    email = models.EmailField(_("e-mail"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()
    objects = OfficeQuerySet.as_manager()

    class Meta:
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        ordering = ["area__path", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["area", "kind", "name"], name="office_unique_name"),
            models.UniqueConstraint(
                fields=["code"], condition=~Q(code=""), name="office_unique_code"
            ),
            models.CheckConstraint(
                condition=(Q(latitude__isnull=True) & Q(longitude__isnull=True))
                | (Q(latitude__isnull=False) & Q(longitude__isnull=False)),
                name="office_both_coordinates_or_none",
            ),
        ]

    def __str__(self) -> str:
        return self.label


class Designation(BilingualNameModel, TimeStampedModel):
    """A kind of post (DC, BDO, DIO, CSC district manager...). Not area-bound."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    short_name = models.CharField(_("short name"), max_length=30)
    short_name_hi = models.CharField(_("short name (Hindi)"), max_length=30, blank=True)
    level = models.CharField(
        _("usually posted at"), max_length=20, choices=AreaKind.choices, default=AreaKind.DISTRICT
    )
    default_role = models.CharField(
        _("role of the holder"),
        max_length=30,
        choices=Role.choices,
        blank=True,
        help_text=_("Whoever holds a post of this designation acts with this role in its area."),
    )
    rank = models.PositiveSmallIntegerField(
        _("order"), default=100, help_text=_("Lower comes first in lists.")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("designation")
        verbose_name_plural = _("designations")
        ordering = ["rank", "name"]

    @property
    def short_label(self) -> str:
        return in_reader_language(self.short_name, self.short_name_hi)


class PostQuerySet(ScopedQuerySet):
    area_path_lookup = "area__path"


class Post(TimeStampedModel):
    """A designation in an area, optionally in an office: "BDO, Nala". Work is assigned here."""

    designation = models.ForeignKey(
        Designation, verbose_name=_("designation"), on_delete=models.PROTECT, related_name="posts"
    )
    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="posts"
    )
    office = models.ForeignKey(
        Office,
        verbose_name=_("office"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="posts",
    )
    seat = models.CharField(
        _("seat"),
        max_length=20,
        blank=True,
        help_text=_("Tells apart several posts of one designation in one place, e.g. 2."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()
    objects = PostQuerySet.as_manager()

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["area__path", "designation__rank", "seat"]
        constraints = [
            models.UniqueConstraint(
                fields=["designation", "area", "seat"],
                condition=Q(office__isnull=True),
                name="post_unique_in_area",
            ),
            models.UniqueConstraint(
                fields=["designation", "office", "seat"],
                condition=Q(office__isnull=False),
                name="post_unique_in_office",
            ),
        ]

    @property
    def label(self) -> str:
        seat = f" ({self.seat})" if self.seat else ""
        return f"{self.designation.short_label}{seat}, {self.area.label}"

    @property
    def long_label(self) -> str:
        seat = f" ({self.seat})" if self.seat else ""
        return f"{self.designation.label}{seat}, {self.area.label}"

    def __str__(self) -> str:
        return self.label


class PostHoldingQuerySet(ScopedQuerySet):
    area_path_lookup = "post__area__path"

    def current(self, on: dt.date | None = None) -> PostHoldingQuerySet:
        day = on or timezone.localdate()
        return self.filter(Q(end_date__isnull=True) | Q(end_date__gte=day), start_date__lte=day)


class PostHolding(TimeStampedModel):
    """A person holding a post from one date to another (open-ended while in office)."""

    post = models.ForeignKey(
        Post, verbose_name=_("post"), on_delete=models.PROTECT, related_name="holdings"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("holder"),
        on_delete=models.PROTECT,
        related_name="holdings",
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("to"), null=True, blank=True)
    charge = models.CharField(
        _("charge"), max_length=20, choices=ChargeKind.choices, default=ChargeKind.REGULAR
    )
    order_reference = models.CharField(_("order reference"), max_length=100, blank=True)

    history = HistoricalRecords()
    objects = PostHoldingQuerySet.as_manager()

    class Meta:
        verbose_name = _("post holding")
        verbose_name_plural = _("post holdings")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="holding_ends_after_start",
            )
        ]
        indexes = [models.Index(fields=["user", "end_date"], name="holding_user_end")]

    def is_current(self, on: dt.date | None = None) -> bool:
        day = on or timezone.localdate()
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)


class HolidayQuerySet(ScopedQuerySet):
    def visible_to(self, user: object) -> HolidayQuerySet:
        """A user sees the holidays of their areas and of the state and district above them."""
        jurisdiction = jurisdiction_of(user)
        if jurisdiction.everywhere:
            return self.all()
        above = {a for path in jurisdiction.paths for a in ancestor_paths(path)}
        return self.filter(under_q("area__path", jurisdiction.paths) | Q(area__path__in=above))


class Holiday(BilingualNameModel, TimeStampedModel):
    """A holiday declared for a state or a district; due dates skip it."""

    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="holidays"
    )
    date = models.DateField(_("date"))
    kind = models.CharField(
        _("kind"), max_length=20, choices=HolidayKind.choices, default=HolidayKind.GAZETTED
    )

    history = HistoricalRecords()
    objects = HolidayQuerySet.as_manager()

    class Meta:
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["area", "date", "name"], name="holiday_unique")
        ]
