"""Writes of the catalogue: data elements and indicators (the state's lists, kept by those who
hold ``indicators.manage`` at a state), targets (set at an area the user manages figures in,
version-checked), a directive following a target, and the figures a press note reports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from degs.core.exceptions import PermissionDenied, StaleVersion
from degs.core.permissions import require_capability, user_can
from degs.core.text import clean_text
from degs.directory.choices import AreaKind
from degs.directory.models import Area
from degs.indicators.choices import Disaggregation, Origin, PeriodType, Source
from degs.indicators.formula import BadFormula, Formula
from degs.indicators.models import DataElement, Indicator, Target
from degs.indicators.periods import BadPeriod, Period
from degs.indicators.services.values import ValueRow, number_error, values_write

MANAGE = "indicators.manage"
ENTER = "indicators.enter"

# The fields a form may write, in the order the form shows them.
ELEMENT_FIELDS = (
    "code",
    "name",
    "name_hi",
    "description",
    "description_hi",
    "domain",
    "source",
    "figure_source",
    "period_type",
    "over_time",
    "disaggregation",
    "entry_level",
    "reported_by",
    "due_days",
    "whole_numbers",
    "press_note_programme",
    "is_active",
)
# The fields a form may write, in the order the form shows them.
INDICATOR_FIELDS = (
    "code",
    "name",
    "name_hi",
    "description",
    "description_hi",
    "domain",
    "numerator",
    "denominator",
    "factor",
    "unit",
    "unit_hi",
    "decimals",
    "higher_is_better",
    "on_dashboard",
    "rank_per_population",
    "position",
    "drill_url",
    "is_active",
)
TARGET_KINDS = (AreaKind.STATE, AreaKind.DISTRICT, AreaKind.BLOCK)


def may_keep_catalogue(user: Any) -> bool:
    """Elements and indicators are the state's lists, read by every district: changed by
    those who hold ``indicators.manage`` at a state (a district may not change what every
    district's figures mean)."""
    if user is None:
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    if getattr(user, "is_superuser", False):
        return True
    return any(user_can(user, MANAGE, s) for s in Area.objects.filter(kind=AreaKind.STATE))


def _require_keeper(actor: Any) -> None:
    if not may_keep_catalogue(actor):
        raise PermissionDenied(
            _("Only the state's figure administrators change data elements and indicators.")
        )


def _values(values: dict[str, Any], allowed: tuple[str, ...]) -> dict[str, Any]:
    unknown = set(values) - set(allowed)
    if unknown:
        raise ValidationError(_("These fields cannot be set here."))
    return {k: clean_text(v) if isinstance(v, str) else v for k, v in values.items()}


def _save(obj: Any, actor: Any) -> None:
    obj._history_user = actor
    obj.save()


# --- data elements -----------------------------------------------------------------------------


def _element_clean(element: DataElement) -> None:
    element.code = (element.code or "").strip().lower()
    if element.source == Source.ENTERED:
        element.figure_source = ""
    elif not element.figure_source:
        raise ValidationError(
            {"figure_source": _("Choose the figure source that computes this element.")}
        )
    else:
        from degs.core.figures import figure_source

        if figure_source(element.figure_source) is None:
            raise ValidationError({"figure_source": _("No figure source has this name.")})
    element.full_clean()


@transaction.atomic
def element_create(*, actor: Any, **values: Any) -> DataElement:
    """A data element (the state's list); its history keeps who made it."""
    _require_keeper(actor)
    element = DataElement(**_values(values, ELEMENT_FIELDS))
    _element_clean(element)
    _save(element, actor)
    return element


@transaction.atomic
def element_update(*, actor: Any, element: DataElement, **values: Any) -> DataElement:
    """Change an element's particulars. Its code stays while values or formulas name it."""
    _require_keeper(actor)
    values = _values(values, ELEMENT_FIELDS)
    locked = DataElement.objects.select_for_update().get(pk=element.pk)
    old_code = locked.code
    for key, value in values.items():
        setattr(locked, key, value)
    _element_clean(locked)
    if locked.code != old_code:
        from degs.indicators.selectors.catalogue import indicators_using

        old = DataElement(code=old_code)
        if indicators_using(element=old) or locked.values.exists():
            raise ValidationError(
                {"code": _("Formulas or values name this element: its code cannot change.")}
            )
    _save(locked, actor)
    return locked


# --- indicators --------------------------------------------------------------------------------


def _indicator_clean(indicator: Indicator) -> None:
    """The model's checks (``Indicator.clean``: each formula readable), then every element a
    formula names exists: an unknown one is named on its field."""
    indicator.code = (indicator.code or "").strip().lower()
    errors: dict[str, list[Any]] = {}
    try:
        indicator.full_clean()
    except ValidationError as error:
        errors = {k: list(v) for k, v in error.message_dict.items()}
    for field in ("numerator", "denominator"):
        if field in errors:
            continue
        try:
            codes = Formula.parse(getattr(indicator, field)).elements
        except BadFormula:
            continue
        known = set(DataElement.objects.filter(code__in=codes).values_list("code", flat=True))
        for code in sorted(codes - known):
            errors.setdefault(field, []).append(
                _("No data element has the code %(code)s.") % {"code": code}
            )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def indicator_create(*, actor: Any, **values: Any) -> Indicator:
    """An indicator: numerator ÷ denominator x factor over existing elements."""
    _require_keeper(actor)
    indicator = Indicator(**_values(values, INDICATOR_FIELDS))
    _indicator_clean(indicator)
    _save(indicator, actor)
    return indicator


@transaction.atomic
def indicator_update(*, actor: Any, indicator: Indicator, **values: Any) -> Indicator:
    """Change an indicator; its figures are worked out again from the values by the figure
    engine (the formula is read each time)."""
    _require_keeper(actor)
    values = _values(values, INDICATOR_FIELDS)
    locked = Indicator.objects.select_for_update().get(pk=indicator.pk)
    for key, value in values.items():
        setattr(locked, key, value)
    _indicator_clean(locked)
    _save(locked, actor)
    return locked


# --- targets -----------------------------------------------------------------------------------


def period_of(code: str | Period) -> Period:
    """A period code as people type it; a ValidationError on ``period`` otherwise."""
    if isinstance(code, Period):
        return code
    try:
        return Period.parse(code)
    except BadPeriod as error:
        raise ValidationError(
            {
                "period": _(
                    "Write the period as a month (2026-04), a quarter (2026-27-Q1) or a "
                    "financial year (2026-27)."
                )
            }
        ) from error


def _stale_target(row: Target) -> StaleVersion:
    """The target changed since it was read: who set it last (``set_by``) and when."""
    return StaleVersion(extra={"by": row.set_by, "at": row.updated_at})


def target_set(
    *,
    actor: Any,
    indicator: Indicator,
    area: Area,
    period: str | Period,
    value: Any,
    version: int | None,
) -> Target:
    """Set the target of ``indicator`` at ``area`` (a state, district or block the actor
    manages figures in) for ``period``. ``version`` is the version the user saw (None: they saw
    no target); someone's change in between answers StaleVersion naming who and when, and
    nothing is overwritten. The same number again changes nothing."""
    if actor is not None:
        require_capability(actor, MANAGE, area)
    span = period_of(period)
    errors: dict[str, Any] = {}
    if area.kind not in TARGET_KINDS:
        errors["area"] = _("Targets are set for a state, a district or a block.")
    if span.type not in PeriodType.values:  # pragma: no cover - Period.parse gives only these
        errors["period"] = _("Unknown period.")
    try:
        number = Decimal(str(value).replace(",", "").strip())
        problem = None if number.is_finite() else _("Give a number.")
    except ArithmeticError:
        number, problem = Decimal(0), _("Give a number.")
    if problem is None:
        problem = number_error(DataElement(whole_numbers=False), number)
    if problem is not None:
        errors["value"] = problem
    if errors:
        raise ValidationError(errors)
    key = {
        "indicator": indicator,
        "area": area,
        "period_type": span.type,
        "period_start": span.start,
    }
    with transaction.atomic():
        row = Target.objects.select_for_update(of=("self",)).filter(**key).first()
        if row is None and version is not None:
            raise StaleVersion()  # removed since it was read
        if row is not None and version != row.version:
            raise _stale_target(row)
        if row is None:
            row = Target(**key, value=number, set_by=actor)
            row._history_user = actor  # type: ignore[attr-defined]
            try:
                with transaction.atomic():
                    row.save(force_insert=True)
            except IntegrityError:
                winner = Target.objects.select_related("set_by").filter(**key).first()
                if winner is None:
                    raise
                raise _stale_target(winner) from None
            return row
        if row.value == number:
            return row
        row.value, row.set_by, row.version = number, actor, row.version + 1
        row._history_user = actor
        row.save(update_fields=["value", "set_by", "version", "updated_at"])
    return row


def target_follow(*, actor: Any, target: Target, directive: Any) -> Any:
    """Let ``directive`` follow the target: its page then shows the figure against the target
    read live (``Target.progress``), as a directive follows a rollout programme."""
    from degs.reviews import services as reviews

    return reviews.directive_set_target(
        actor=actor, directive=directive, target=target, version=directive.version
    )


# --- figures a press note reports -------------------------------------------------------------


@dataclass(frozen=True)
class PressNoteFigure:
    """A figure kept from a press note, with the element it reports (by id)."""

    element_id: int
    value: int
    text: str = ""


def press_note_period(meeting_date: dt.date, element: DataElement) -> Period:
    """The note reports the month gone by: the period of the element's type holding the last
    day of the month before the meeting's month."""
    last_day = dt.date(meeting_date.year, meeting_date.month, 1) - dt.timedelta(days=1)
    return Period.of(element.period_type, last_day)


def press_note_storable(element: DataElement) -> bool:
    """Can a press note's figure (the district's total) be this element's value? Only for an
    entered element in use, reported per district, not split by category."""
    return (
        element.source == Source.ENTERED
        and element.is_active
        and element.entry_level == AreaKind.DISTRICT
        and element.disaggregation == Disaggregation.NONE
    )


def press_note_elements() -> list[dict[str, Any]]:
    """The elements a press note's figure may be offered for (entered, in use), each with its
    label, programme and whether the figure can be kept as its value at the district."""
    from degs.indicators.selectors.catalogue import entered_elements

    return [
        {
            "id": e.pk,
            "label": e.label,
            "programme": e.press_note_programme,
            "storable": press_note_storable(e),
            "level": e.get_entry_level_display(),
        }
        for e in entered_elements()
    ]


def press_note_figures(
    *, actor: Any, meeting: Any, figures: Sequence[PressNoteFigure | dict[str, Any]]
) -> int:
    """Write the figures a meeting's press note reports as values at the meeting's district,
    for the month before the meeting (origin PRESS_NOTE, the meeting noted). Figures of an
    element that cannot hold the district's total (``press_note_storable``) stay in the
    summary only and are skipped here. Returns how many values were made or changed."""
    items = [f if isinstance(f, PressNoteFigure) else PressNoteFigure(**f) for f in figures]
    if not items:
        return 0
    elements = DataElement.objects.in_bulk({f.element_id for f in items})
    area = meeting.committee.area
    district = area if area.kind == AreaKind.DISTRICT else None
    if district is None:
        from degs.directory.selectors import district_of

        district = district_of(area)
    if district is None or (actor is not None and not user_can(actor, ENTER, district)):
        return 0  # the figures stay in the meeting's summary only
    rows = []
    for f in items:
        element = elements.get(f.element_id)
        if element is None or not press_note_storable(element):
            continue
        rows.append(
            ValueRow(
                element=element,
                area=district,
                period=press_note_period(meeting.date, element),
                category="",
                value=Decimal(f.value),
                comment=clean_text(f.text)[:300],
            )
        )
    return values_write(actor=actor, rows=rows, origin=Origin.PRESS_NOTE, meeting=meeting)
