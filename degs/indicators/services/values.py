"""Writing values: one figure entered on the form or the API (``value_set``), taken back to
"not reported" (``value_remove``), and many at once for imports, press notes and the demo
(``values_write``).

Every write checks the actor's reach (``indicators.enter`` at the area), the element, area,
period, category and number; locks the row it changes and checks the version the user saw (a
user who saw no value and finds one is told who entered it and when); bumps the version,
writes one event per change and queues the figures the change feeds
(``services.figures.values_changed``), all in one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from degs.core.exceptions import OutOfJurisdiction, StaleVersion
from degs.core.permissions import capability_paths, require_capability
from degs.core.scoping import district_path
from degs.core.workflow import record_event, record_events, stale
from degs.directory.models import Area
from degs.directory.selectors import district_of
from degs.indicators.choices import Origin, Source
from degs.indicators.models import (
    VALUE_DIGITS,
    VALUE_PLACES,
    DataElement,
    DataValue,
    DataValueEvent,
)
from degs.indicators.periods import Period
from degs.indicators.services.figures import values_changed

ENTER = "indicators.enter"
WHOLE_DIGITS = VALUE_DIGITS - VALUE_PLACES

# (element id, area id, period type, period start, category)
Key = tuple[int, int, str, dt.date, str]


@dataclass(frozen=True)
class ValueRow:
    """One value to write in bulk (``values_write``)."""

    element: DataElement
    area: Area
    period: Period
    category: str
    value: Decimal
    comment: str = ""


# --- the checks ----------------------------------------------------------------------------------


def number_error(element: DataElement, value: Any) -> Any:
    """Why ``value`` cannot be this element's figure, or None: below zero, not whole where
    the element counts whole things, more digits than a value holds."""
    try:
        number = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return _("Give a number.")
    if not number.is_finite():
        return _("Give a number.")
    if number < 0:
        return _("A figure cannot be below zero.")
    if element.whole_numbers and number != number.to_integral_value():
        return _("Give a whole number.")
    exponent = number.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > VALUE_PLACES:
        return _("Give at most four digits after the decimal point.")
    if number >= Decimal(10) ** WHOLE_DIGITS:
        return _("This number is too large.")
    return None


def check_value(
    *,
    element: DataElement,
    area: Area,
    period: Period,
    category: str,
    value: Any,
    today: dt.date | None = None,
) -> None:
    """ValidationError naming each field that is wrong for a value of ``element`` at ``area``
    in ``period``; nothing else is asked (the actor's reach is the caller's)."""
    today = today or timezone.localdate()
    errors: dict[str, Any] = {}
    if element.source != Source.ENTERED:
        errors["element"] = _(
            "This figure is worked out from the project's records; it is not entered."
        )
    elif not element.is_active:
        errors["element"] = _("This figure is no longer in use.")
    if area.kind != element.entry_level:
        errors["area"] = _("This figure is reported for each: %(level)s.") % {
            "level": element.get_entry_level_display()
        }
    if period.type != element.period_type:
        errors["period"] = _("This figure is reported every: %(type)s.") % {
            "type": element.get_period_type_display()
        }
    elif period.start > today:
        errors["period"] = _("This period has not begun yet.")
    if category not in element.categories:
        errors["category"] = _("This figure has no such category.")
    problem = number_error(element, value)
    if problem is not None:
        errors["value"] = problem
    if errors:
        raise ValidationError(errors)


def _key_of(element: DataElement, area: Area, period: Period, category: str) -> dict[str, Any]:
    return {
        "element": element,
        "area": area,
        "period_type": period.type,
        "period_start": period.start,
        "category": category,
    }


def _stale_key(element: DataElement, area: Area, period: Period, category: str) -> StaleVersion:
    """Someone changed the value at this key (it may be gone now): who last did, and when."""
    event = (
        DataValueEvent.objects.filter(**_key_of(element, area, period, category))
        .select_related("actor")
        .order_by("-at", "-pk")
        .first()
    )
    if event is None:
        return StaleVersion()
    return StaleVersion(extra={"by": event.actor, "at": event.at})


def _district_id(area: Area) -> int:
    district = district_of(area)
    if district is None:
        raise ValidationError({"area": _("This area lies in no district.")})
    return district.pk


def _text(number: Decimal | None) -> str | None:
    return None if number is None else format(number.normalize(), "f")


# --- one value -----------------------------------------------------------------------------------


def value_set(
    *,
    actor: Any,
    element: DataElement,
    area: Area,
    period: Period,
    value: Any,
    category: str = "",
    version: int | None = None,
    comment: str = "",
    origin: str = Origin.FORM,
    meeting: Any = None,
) -> DataValue:
    """Enter or change one figure. ``version`` is the version the user saw (None: they saw
    no value); a figure changed since answers StaleVersion naming who changed it and when.
    Writing the same number again changes nothing."""
    if actor is not None:
        require_capability(actor, ENTER, area)
    check_value(element=element, area=area, period=period, category=category, value=value)
    number = Decimal(value)
    comment = (comment or "").strip()
    key = _key_of(element, area, period, category)
    with transaction.atomic():
        row = DataValue.objects.select_for_update(of=("self",)).filter(**key).first()
        if row is None and version is not None:
            raise _stale_key(element, area, period, category)  # removed since it was read
        if row is not None and (version is None or version != row.version):
            raise stale(DataValueEvent, row)
        now = timezone.now()
        if row is None:
            row = DataValue(
                **key,
                district_id=_district_id(area),
                value=number,
                comment=comment,
                origin=origin,
                entered_by=actor,
                entered_at=now,
                meeting=meeting,
            )
            try:
                with transaction.atomic():
                    row.save(force_insert=True)
            except IntegrityError:
                # Someone entered it between our read and our insert, and committed first.
                winner = DataValue.objects.select_for_update(of=("self",)).filter(**key).first()
                if winner is None:
                    raise
                raise stale(DataValueEvent, winner) from None
            action, before = "enter", None
        else:
            if row.value == number and row.comment == comment:
                return row
            before = row.value
            # Who reported it and when stay the first report's (a correction after the due
            # day does not make an on-time report late); each change is in its history.
            row.value, row.comment, row.origin = number, comment, origin
            row.version += 1
            if meeting is not None:
                row.meeting = meeting
            row.save(update_fields=["value", "comment", "origin", "version", "meeting"])
            action = "change"
        record_event(
            DataValueEvent,
            row,
            actor=actor,
            action=action,
            at=now,
            data={"from": _text(before), "to": _text(number)},
            element=element,
            area=area,
            period_type=period.type,
            period_start=period.start,
            category=category,
        )
        values_changed([(row.district_id, element.pk, period)])
    return row


def value_remove(*, actor: Any, value: DataValue, version: int | None) -> None:
    """Take a figure back to "not reported": the row goes, its events stay (with the key)."""
    if actor is not None:
        require_capability(actor, ENTER, value.area)
    with transaction.atomic():
        row = (
            DataValue.objects.select_for_update(of=("self",))
            .select_related("element", "area")
            .filter(pk=value.pk)
            .first()
        )
        if row is None:
            raise _stale_key(value.element, value.area, value.period, value.category)
        if version is not None and version != row.version:
            raise stale(DataValueEvent, row)
        period = row.period
        record_event(
            DataValueEvent,
            None,
            actor=actor,
            action="remove",
            data={"from": _text(row.value), "to": None},
            element=row.element,
            area=row.area,
            period_type=row.period_type,
            period_start=row.period_start,
            category=row.category,
        )
        row.delete()
        values_changed([(row.district_id, row.element_id, period)])


# --- many values ---------------------------------------------------------------------------------


def _reach_check(actor: Any, areas: Iterable[Area]) -> None:
    """OutOfJurisdiction unless the actor may enter figures at every one of ``areas``."""
    if actor is None:
        return
    paths = capability_paths(actor, ENTER)
    if paths is None:
        return
    for area in areas:
        if not any(area.path.startswith(p) for p in paths):
            raise OutOfJurisdiction


def values_write(
    *,
    actor: Any,
    rows: Sequence[ValueRow],
    origin: str,
    meeting: Any = None,
    is_demo: bool = False,
) -> int:
    """Write many values at once (an import's checked rows, a press note's figures, the
    demo): new ones made, changed ones updated, an event for each, the figures queued once.
    Rows outside the actor's reach refuse the whole write (``actor`` None: the system). A
    later row for the same key wins. Returns how many values were made or changed."""
    by_key: dict[Key, ValueRow] = {}
    for r in rows:
        by_key[(r.element.pk, r.area.pk, r.period.type, r.period.start, r.category)] = r
    if not by_key:
        return 0
    areas = {r.area.pk: r.area for r in by_key.values()}
    _reach_check(actor, areas.values())
    now = timezone.now()
    with transaction.atomic():
        existing: dict[Key, DataValue] = {
            (v.element_id, v.area_id, v.period_type, v.period_start, v.category): v
            for v in DataValue.objects.select_for_update(of=("self",)).filter(
                element_id__in={k[0] for k in by_key},
                area_id__in={k[1] for k in by_key},
                period_type__in={k[2] for k in by_key},
                period_start__in={k[3] for k in by_key},
            )
        }
        wanted = {district_path(a.path) for a in areas.values()}
        districts = dict(Area.objects.filter(path__in=wanted).values_list("path", "pk"))
        made: list[DataValue] = []
        changed: list[tuple[DataValue, Decimal]] = []
        for key, r in by_key.items():
            row = existing.get(key)
            comment = (r.comment or "").strip()
            if row is None:
                district_id = districts.get(district_path(r.area.path))
                if district_id is None:
                    raise ValidationError({"area": _("This area lies in no district.")})
                made.append(
                    DataValue(
                        element=r.element,
                        area=r.area,
                        district_id=district_id,
                        period_type=r.period.type,
                        period_start=r.period.start,
                        category=r.category,
                        value=r.value,
                        comment=comment,
                        origin=origin,
                        is_demo=is_demo,
                        entered_by=actor,
                        entered_at=now,
                        meeting=meeting,
                    )
                )
            elif row.value != r.value or row.comment != comment:
                changed.append((row, row.value))
                row.value, row.comment, row.origin, row.is_demo = r.value, comment, origin, is_demo
                row.version += 1  # the first report's who and when stay (as in value_set)
                if meeting is not None:
                    row.meeting = meeting
        DataValue.objects.bulk_create(made, batch_size=2000)
        DataValue.objects.bulk_update(
            [row for row, _before in changed],
            [
                "value",
                "comment",
                "origin",
                "is_demo",
                "version",
                "meeting",
            ],
            batch_size=2000,
        )
        events: list[dict[str, Any]] = []
        for row, before in [*((m, None) for m in made), *changed]:
            events.append(
                {
                    "subject": row,
                    "actor": actor,
                    "action": "enter" if before is None else "change",
                    "at": now,
                    "data": {"from": _text(before), "to": _text(row.value)},
                    "element_id": row.element_id,
                    "area_id": row.area_id,
                    "period_type": row.period_type,
                    "period_start": row.period_start,
                    "category": row.category,
                }
            )
        record_events(DataValueEvent, events)
        keys = {
            (row.district_id, row.element_id, Period(row.period_start, row.period_type))
            for row in made + [row for row, _before in changed]
        }
        values_changed(sorted(keys, key=lambda k: (k[0], k[1], k[2].start, k[2].type)))
    return len(made) + len(changed)
