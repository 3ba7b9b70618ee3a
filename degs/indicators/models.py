"""The indicators app's tables, as DHIS2 keeps programme figures:

- a data element (PMGDISHA trained, Aadhaar enrolments, cameras working…), entered per area
  and period by the post responsible, imported, read from a press note, or computed from the
  project's own rows by a figure source (``degs.core.figures``);
- a value: one element x area x period x category. No row is "not reported"; a row holding 0
  is a report of zero;
- an indicator: numerator ÷ denominator x factor over elements (``formula.Formula``), with a
  direction ("higher is better") and targets per area and period;
- the maintained figure: one indicator x area x period worked out, with its target and how
  complete and late its reports are. Dashboards read only these (``services/figures.py`` keeps
  them; docs/indicators.md says how stale one can be).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from degs.core.models import BilingualNameModel, TimeStampedModel, WorkflowEvent, in_reader_language
from degs.core.scoping import ScopedQuerySet
from degs.directory.choices import AreaKind
from degs.directory.models import Area, Designation
from degs.indicators.choices import (
    CATEGORIES_OF,
    Category,
    Disaggregation,
    Origin,
    OverTime,
    PeriodType,
    Source,
)
from degs.indicators.formula import BadFormula, Formula
from degs.indicators.periods import Period
from degs.reviews.choices import Concern

VALUE_DIGITS = 20
VALUE_PLACES = 4


def _value_field(verbose_name: Any, **kwargs: Any) -> Any:
    return models.DecimalField(
        verbose_name, max_digits=VALUE_DIGITS, decimal_places=VALUE_PLACES, **kwargs
    )


# --- what is counted -----------------------------------------------------------------------------


class DataElement(BilingualNameModel, TimeStampedModel):
    """One thing counted: "PMGDISHA candidates certified", split by sex or not, entered at one
    level of the area tree for one period type, or computed by a figure source."""

    code = models.SlugField(
        _("code"),
        max_length=50,
        unique=True,
        help_text=_("Lower-case letters, digits and _; formulas name the element by this code."),
    )
    description = models.TextField(_("description (English)"), blank=True)
    description_hi = models.TextField(_("description (Hindi)"), blank=True)
    # Which part of the review it belongs to: the topics an agenda item concerns, so an agenda
    # item's figures are its domain's.
    domain = models.CharField(_("domain"), max_length=20, choices=Concern.choices)
    source = models.CharField(
        _("source"), max_length=20, choices=Source.choices, default=Source.ENTERED
    )
    figure_source = models.CharField(
        _("computed by"),
        max_length=60,
        blank=True,
        help_text=_("For a computed element: the figure source that computes it."),
    )
    period_type = models.CharField(
        _("reported every"), max_length=10, choices=PeriodType.choices, default=PeriodType.MONTH
    )
    over_time = models.CharField(
        _("over a longer period"), max_length=10, choices=OverTime.choices, default=OverTime.SUM
    )
    disaggregation = models.CharField(
        _("split"), max_length=10, choices=Disaggregation.choices, blank=True, default=""
    )
    entry_level = models.CharField(
        _("reported for each"),
        max_length=20,
        choices=AreaKind.choices,
        default=AreaKind.BLOCK,
        help_text=_("The areas that each report this element (their count is the reports due)."),
    )
    reported_by = models.ForeignKey(
        Designation,
        verbose_name=_("reported by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The post responsible for the figure, in the reporting area."),
    )
    due_days = models.PositiveSmallIntegerField(
        _("due days after the period"),
        default=10,
        validators=[MaxValueValidator(90)],
        help_text=_("A report entered later than this many days after the period is late."),
    )
    whole_numbers = models.BooleanField(_("whole numbers only"), default=True)
    press_note_programme = models.CharField(
        _("press-note programme"),
        max_length=30,
        blank=True,
        help_text=_(
            "A figure a press note reports for this programme is offered for this element."
        ),
    )
    is_active = models.BooleanField(_("in use"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("data element")
        verbose_name_plural = _("data elements")
        ordering = ["domain", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(source="computed", figure_source__gt="")
                | Q(source="entered", figure_source=""),
                name="element_computed_names_its_source",
            )
        ]

    @property
    def categories(self) -> tuple[str, ...]:
        return tuple(str(c) for c in CATEGORIES_OF[Disaggregation(self.disaggregation)])

    @property
    def description_label(self) -> str:
        return in_reader_language(self.description, self.description_hi)


class IndicatorQuerySet(models.QuerySet["Indicator"]):
    def shown(self) -> IndicatorQuerySet:
        return self.filter(is_active=True).order_by("domain", "position", "code")


class Indicator(BilingualNameModel, TimeStampedModel):
    """numerator ÷ denominator x factor over data elements: "PMGDISHA candidates certified (%)"
    is ``#{pmgdisha_certified}`` ÷ ``#{pmgdisha_trained}`` x 100. An empty denominator is 1."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    description = models.TextField(_("description (English)"), blank=True)
    description_hi = models.TextField(_("description (Hindi)"), blank=True)
    # Which part of the review it belongs to: the topics an agenda item concerns, so an agenda
    # item's figures are its domain's.
    domain = models.CharField(_("domain"), max_length=20, choices=Concern.choices)
    numerator = models.CharField(_("numerator"), max_length=500)
    denominator = models.CharField(_("denominator"), max_length=500, blank=True)
    factor = models.PositiveIntegerField(
        _("factor"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(1_000_000)],
        help_text=_("1 for a count, 100 for a percentage, 1,00,000 for a rate per lakh."),
    )
    unit = models.CharField(_("unit (English)"), max_length=30, blank=True)
    unit_hi = models.CharField(_("unit (Hindi)"), max_length=30, blank=True)
    decimals = models.PositiveSmallIntegerField(
        _("decimals shown"), default=0, validators=[MaxValueValidator(4)]
    )
    higher_is_better = models.BooleanField(_("higher is better"), default=True)
    on_dashboard = models.BooleanField(_("on the dashboard"), default=True)
    rank_per_population = models.BooleanField(
        _("may be ranked per lakh people"),
        default=False,
        help_text=_("A count (not a rate) that compares districts fairly only per head."),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=100)
    drill_url = models.CharField(
        _("rows behind it"),
        max_length=60,
        blank=True,
        help_text=_(
            "The list that shows the rows behind a computed figure (a figure source's name)."
        ),
    )
    is_active = models.BooleanField(_("in use"), default=True)

    history = HistoricalRecords()
    objects = IndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["domain", "position", "code"]

    def clean(self) -> None:
        errors = {}
        for field in ("numerator", "denominator"):
            try:
                Formula.parse(getattr(self, field))
            except BadFormula as error:
                errors[field] = str(error)
        if not (self.numerator or "").strip():
            errors.setdefault("numerator", str(_("Give the numerator.")))
        if errors:
            raise ValidationError(errors)

    @property
    def numerator_formula(self) -> Formula:
        return Formula.parse(self.numerator)

    @property
    def denominator_formula(self) -> Formula:
        return Formula.parse(self.denominator)

    @property
    def element_codes(self) -> frozenset[str]:
        return self.numerator_formula.elements | self.denominator_formula.elements

    @property
    def reporting_element(self) -> str | None:
        """The code of the element whose reports say how complete the indicator's figure is:
        the numerator's first (docs/indicators.md, "Summaries"); None when there is none or the
        formula cannot be read."""
        try:
            references = self.numerator_formula.references
        except BadFormula:
            return None
        return references[0].element if references else None

    @property
    def unit_label(self) -> str:
        return in_reader_language(self.unit, self.unit_hi)

    @property
    def description_label(self) -> str:
        return in_reader_language(self.description, self.description_hi)


class IndicatorTargetQuerySet(ScopedQuerySet):
    area_path_lookup = "area__path"


class Target(TimeStampedModel):
    """The figure an area should reach for an indicator in a period. A month without its own
    target takes its quarter's, then its year's (``selectors.targets.target_for``)."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="targets"
    )
    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="indicator_targets"
    )
    period_type = models.CharField(_("period"), max_length=10, choices=PeriodType.choices)
    period_start = models.DateField(_("period starts"))
    value = _value_field(_("target"))
    version = models.PositiveIntegerField(_("version"), default=1)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("set by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()
    objects = IndicatorTargetQuerySet.as_manager()

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["indicator", "area__path", "period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area", "period_type", "period_start"],
                name="target_one_per_indicator_area_period",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator.label}, {self.area.label}, {self.period.label}"

    @property
    def period(self) -> Period:
        return Period(self.period_start, self.period_type)

    def progress(self) -> tuple[int, int] | None:
        """(the figure now, the target), rounded, read from the maintained figure: what a
        directive about this target shows live. None before any figure is worked out."""
        figure = (
            Figure.objects.filter(
                indicator_id=self.indicator_id,
                area_id=self.area_id,
                period_type=self.period_type,
                period_start=self.period_start,
            )
            .only("value")
            .first()
        )
        if figure is None or figure.value is None:
            return None
        return round(figure.value), round(self.value)


# --- the values ----------------------------------------------------------------------------------


class DataValueQuerySet(ScopedQuerySet):
    area_path_lookup = "area__path"
    area_field = "area"
    district_field = "district"


class DataValue(models.Model):
    """One element's value for one area, period and category. No row: not reported."""

    element = models.ForeignKey(
        DataElement, verbose_name=_("data element"), on_delete=models.PROTECT, related_name="values"
    )
    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="data_values"
    )
    # The area's district, kept on the row: a district's figures are read by it.
    district = models.ForeignKey(
        Area,
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    period_type = models.CharField(_("period"), max_length=10, choices=PeriodType.choices)
    period_start = models.DateField(_("period starts"))
    category = models.CharField(
        _("category"), max_length=20, choices=Category.choices, blank=True, default=""
    )
    value = _value_field(_("value"))
    comment = models.CharField(_("comment"), max_length=300, blank=True)
    origin = models.CharField(_("entered through"), max_length=20, choices=Origin.choices)
    is_demo = models.BooleanField(
        _("demo figure"), default=False, help_text=_("Made up for the demo, not a real report.")
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # Who reported the figure and when: the first report's, kept through corrections (each
    # change is a DataValueEvent), so a correction after the due day leaves it on time.
    entered_at = models.DateTimeField(_("entered at"), default=timezone.now)
    # The meeting whose press note reported it, for a value read from one.
    meeting = models.ForeignKey(
        "reviews.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = DataValueQuerySet.as_manager()

    class Meta:
        verbose_name = _("value")
        verbose_name_plural = _("values")
        ordering = ["element", "period_start", "area__path", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["element", "area", "period_type", "period_start", "category"],
                name="value_one_per_element_area_period_category",
            )
        ]
        indexes = [
            models.Index(
                fields=["district", "element", "period_type", "period_start"],
                name="value_district_element_period",
            )
        ]

    def __str__(self) -> str:
        return f"{self.element.label}, {self.area.label}, {self.period.label}: {self.value}"

    @property
    def period(self) -> Period:
        return Period(self.period_start, self.period_type)

    @property
    def is_late(self) -> bool:
        due = self.period.due_on(self.element.due_days)
        return timezone.localdate(self.entered_at) > due


class DataValueEvent(WorkflowEvent):
    """Every entry, change and removal of a value: who, when, from what to what (``data``)."""

    subject_field = "value"

    value = models.ForeignKey(
        DataValue,
        verbose_name=_("value"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
    )
    # What the event is about, kept when the value is removed.
    element = models.ForeignKey(DataElement, on_delete=models.CASCADE, related_name="+")
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="+")
    period_type = models.CharField(max_length=10, choices=PeriodType.choices)
    period_start = models.DateField()
    category = models.CharField(max_length=20, blank=True, default="")

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("value event")
        verbose_name_plural = _("value events")
        indexes = [
            models.Index(
                fields=["element", "area", "period_start", "at"], name="value_event_key_at"
            )
        ]


# --- the maintained figures ----------------------------------------------------------------------


class FigureQuerySet(ScopedQuerySet):
    area_path_lookup = "area__path"
    area_field = "area"


class Figure(models.Model):
    """One indicator worked out for one area and period: the summary every dashboard, ranking
    and review pack reads. Kept by ``services.figures`` (on change, by the worker within
    minutes, rebuilt overnight); never typed. ``parent`` and ``kind`` are the area's, kept on
    the row so a level of the tree is read flat ("the blocks of Jamtara")."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="figures"
    )
    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.CASCADE, related_name="+"
    )
    parent = models.ForeignKey(
        Area, verbose_name=_("parent area"), on_delete=models.CASCADE, null=True, related_name="+"
    )
    kind = models.CharField(_("kind of area"), max_length=20, choices=AreaKind.choices)
    period_type = models.CharField(_("period"), max_length=10, choices=PeriodType.choices)
    period_start = models.DateField(_("period starts"))
    numerator = _value_field(_("numerator"), null=True)
    denominator = _value_field(_("denominator"), null=True)
    value = _value_field(_("figure"), null=True)
    target = _value_field(_("target"), null=True)
    # Reports: due (areas x periods of the element's level that should have reported by now),
    # received, and received after their due day.
    expected = models.PositiveIntegerField(_("reports due"), default=0)
    reported = models.PositiveIntegerField(_("reports received"), default=0)
    late = models.PositiveIntegerField(_("reports late"), default=0)
    is_demo = models.BooleanField(_("from demo figures"), default=False)
    refreshed_at = models.DateTimeField(_("worked out at"), default=timezone.now)

    objects = FigureQuerySet.as_manager()

    class Meta:
        verbose_name = _("figure")
        verbose_name_plural = _("figures")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area", "period_type", "period_start"],
                name="figure_one_per_indicator_area_period",
            )
        ]
        indexes = [
            models.Index(
                fields=["indicator", "period_type", "period_start", "parent"],
                name="figure_children",
            ),
            models.Index(fields=["area", "period_type", "period_start"], name="figure_area_period"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.label}, {self.area.label}, {self.period.label}"

    @property
    def period(self) -> Period:
        return Period(self.period_start, self.period_type)

    @property
    def missing(self) -> int:
        return max(self.expected - self.reported, 0)

    @property
    def completeness(self) -> Decimal | None:
        """Reports received per 100 due; None when none is due (a computed figure)."""
        if not self.expected:
            return None
        return Decimal(100 * min(self.reported, self.expected)) / self.expected


class FigureQueue(models.Model):
    """A district's figures to work out again for an element and period, written when a value
    changes and taken by ``services.figures.refresh_due`` (at once after the change, or by the
    worker's sweep). One row per district, element and period however many changes."""

    district = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="+")
    element = models.ForeignKey(DataElement, on_delete=models.CASCADE, related_name="+")
    period_type = models.CharField(max_length=10, choices=PeriodType.choices)
    period_start = models.DateField()
    queued_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("figure to work out")
        verbose_name_plural = _("figures to work out")
        constraints = [
            models.UniqueConstraint(
                fields=["district", "element", "period_type", "period_start"],
                name="figure_queue_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.element.code}, {self.district_id}, {self.period_start}"


def period_start_valid(period_type: str, start: dt.date) -> bool:
    """Does ``start`` begin a period of ``period_type``?"""
    return Period.of(period_type, start).start == start
