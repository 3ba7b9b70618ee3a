"""Writes of the programmes part: a programme drawn up and edited, started, closed and
reopened (``workflow.PROGRAMMES``); its milestones added, changed and reordered; its targets
added by filter or by list and removed from a day with a reason; a directive made to follow it.

Every new target gets a step per milestone and every new milestone a step per target, in bulk:
the number of queries does not grow with the number of targets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from degs.core.bilingual import Bilingual
from degs.core.permissions import require_capability
from degs.core.scoping import under_q
from degs.core.text import clean_paragraphs, clean_text
from degs.core.workflow import check_version, lock, record_change, record_events, transition
from degs.directory.choices import AreaKind
from degs.directory.models import Area, Office
from degs.rollouts import workflow
from degs.rollouts.choices import ProgrammeStatus
from degs.rollouts.models import Milestone, Programme, Step, Target, TargetEvent

MANAGE = workflow.MANAGE
FLOW = workflow.PROGRAMMES
# The programme's milestones change only while it is drawn up or running.
EDITABLE = (ProgrammeStatus.DRAFT, ProgrammeStatus.RUNNING)
FIELDS = frozenset(
    {"name", "name_hi", "description", "description_hi", "kind", "area", "starts_on", "due_on"}
)


def _values(values: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in values.items() if k in FIELDS}
    for key in ("name", "name_hi"):
        if key in out:
            out[key] = clean_text(out[key] or "")
    for key in ("description", "description_hi"):
        if key in out:
            out[key] = clean_paragraphs(out[key] or "")
    return out


def _check_area(area: Area) -> None:
    if area.kind not in (AreaKind.DISTRICT, AreaKind.STATE):
        raise ValidationError({"area": _("A programme belongs to a district or the state.")})


def _new_code(name: str, area: Area) -> str:
    base = (slugify(name)[:30] or "programme").strip("-")
    code, n = base, 1
    while Programme.objects.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"
    return code


@transaction.atomic
def programme_create(*, actor: Any, code: str = "", **values: Any) -> Programme:
    """A programme drawn up (status "being drawn up") by one who manages rollouts in its area
    (a district, or the state)."""
    values = _values(values)
    area = values["area"]
    if actor is not None:
        require_capability(actor, MANAGE, area)
    _check_area(area)
    programme = Programme(code=code or _new_code(values["name"], area), created_by=actor, **values)
    programme.full_clean()
    programme.save()
    record_change(FLOW, programme, actor=actor, action="created")
    return programme


@transaction.atomic
def programme_update(
    *, actor: Any, programme: Programme, version: int | None, **values: Any
) -> Programme:
    """A programme's particulars changed, checked against the version the user saw. The start
    may not move after a target already in the set."""
    locked: Programme = lock(FLOW, programme)
    if actor is not None:
        require_capability(actor, MANAGE, locked.area)
    check_version(FLOW, locked, version)
    values = _values(values)
    if "area" in values and values["area"] != locked.area:
        if actor is not None:
            require_capability(actor, MANAGE, values["area"])
        _check_area(values["area"])
        if locked.targets.exclude(under_q("area__path", [values["area"].path])).exists():
            raise ValidationError({"area": _("Some targets lie outside this area.")})
    changed = [k for k, v in values.items() if getattr(locked, k) != v]
    if not changed:
        return locked
    for key in changed:
        setattr(locked, key, values[key])
    first = locked.targets.order_by("joined_on").values_list("joined_on", flat=True).first()
    if first is not None and locked.starts_on > first:
        raise ValidationError(
            {"starts_on": _("A target is in the set before this day; start on or before it.")}
        )
    locked.full_clean()
    locked.version += 1
    locked._history_user = actor  # type: ignore[attr-defined]
    locked.save()
    record_change(FLOW, locked, actor=actor, action="changed", data={"fields": sorted(changed)})
    return locked


def programme_transition(
    *, actor: Any, programme: Programme, action: str, version: int | None, remark: str = ""
) -> Programme:
    """Start, close or reopen (``workflow.PROGRAMMES``). A programme starts with at least one
    milestone."""

    def validate(row: Programme, step: Any, written: Any) -> None:
        if step.action == "start" and not row.milestones.exists():
            raise ValidationError(_("Add at least one milestone before starting."))

    changed: Programme = transition(
        FLOW,
        programme,
        action,
        actor=actor,
        version=version,
        remark=remark,
        validate=validate,
    )
    return changed


# --- milestones -----------------------------------------------------------------------------------


def _lock_editable(actor: Any, programme: Programme, version: int | None) -> Programme:
    locked: Programme = lock(FLOW, programme)
    if actor is not None:
        require_capability(actor, MANAGE, locked.area)
    check_version(FLOW, locked, version)
    if locked.status not in EDITABLE:
        raise ValidationError(_("A closed programme's milestones and targets cannot be changed."))
    return locked


def _bump(programme: Programme) -> None:
    Programme.objects.filter(pk=programme.pk).update(version=programme.version + 1)
    programme.version += 1


MILESTONE_FIELDS = ("name", "name_hi", "weight", "evidence", "planned_on")


@transaction.atomic
def milestone_add(
    *,
    actor: Any,
    programme: Programme,
    version: int | None = None,
    name: str,
    name_hi: str = "",
    weight: int = 1,
    evidence: str,
    planned_on: dt.date | None = None,
) -> Milestone:
    """A milestone added at the end; every target already in the programme gets its step."""
    locked = _lock_editable(actor, programme, version)
    order = (locked.milestones.aggregate(m=Max("order"))["m"] or 0) + 1
    milestone = Milestone(
        programme=locked,
        order=order,
        name=clean_text(name),
        name_hi=clean_text(name_hi),
        weight=weight,
        evidence=evidence,
        planned_on=planned_on,
    )
    milestone.full_clean()
    milestone.save()
    Step.objects.bulk_create(
        [
            Step(target_id=pk, milestone=milestone)
            for pk in locked.targets.values_list("pk", flat=True)
        ],
        batch_size=2000,
    )
    _bump(locked)
    record_change(
        FLOW,
        locked,
        actor=actor,
        action="milestone_added",
        remark=Bilingual(milestone.name[:200], (milestone.name_hi or milestone.name)[:200]),
        data={"milestone": milestone.pk, "weight": weight},
    )
    return milestone


@transaction.atomic
def milestone_update(
    *, actor: Any, milestone: Milestone, version: int | None = None, **values: Any
) -> Milestone:
    """A milestone's name, weight, evidence or planned date changed."""
    _lock_editable(actor, milestone.programme, version)
    row = Milestone.objects.select_for_update().get(pk=milestone.pk)
    values = {k: v for k, v in values.items() if k in MILESTONE_FIELDS}
    for key in ("name", "name_hi"):
        if key in values:
            values[key] = clean_text(values[key] or "")
    changed = [k for k, v in values.items() if getattr(row, k) != v]
    if not changed:
        return row
    for key in changed:
        setattr(row, key, values[key])
    row.full_clean()
    row.save()
    programme = row.programme
    _bump(programme)
    record_change(
        FLOW,
        programme,
        actor=actor,
        action="milestone_changed",
        remark=Bilingual(row.name[:200], (row.name_hi or row.name)[:200]),
        data={"milestone": row.pk, "fields": sorted(changed)},
    )
    return row


@transaction.atomic
def milestone_move(
    *, actor: Any, milestone: Milestone, up: bool, version: int | None = None
) -> Milestone:
    """A milestone moved one place up or down (swapped with its neighbour)."""
    programme = _lock_editable(actor, milestone.programme, version)
    row = Milestone.objects.select_for_update().get(pk=milestone.pk)
    siblings = programme.milestones.select_for_update()
    other = (
        siblings.filter(order__lt=row.order).order_by("-order").first()
        if up
        else siblings.filter(order__gt=row.order).order_by("order").first()
    )
    if other is None:
        return row
    mine, theirs = row.order, other.order
    top = (programme.milestones.aggregate(m=Max("order"))["m"] or 0) + 1
    Milestone.objects.filter(pk=row.pk).update(order=top)
    Milestone.objects.filter(pk=other.pk).update(order=mine)
    Milestone.objects.filter(pk=row.pk).update(order=theirs)
    row.order = theirs
    _bump(programme)
    record_change(
        FLOW,
        programme,
        actor=actor,
        action="milestone_moved",
        remark=Bilingual(row.name[:200], (row.name_hi or row.name)[:200]),
        data={"milestone": row.pk, "order": theirs},
    )
    return row


# --- targets --------------------------------------------------------------------------------------


def offices_by_filter(*, area: Area, office_kinds: Sequence[str]) -> Any:
    """Active offices of the given kinds at or under ``area``."""
    return Office.objects.filter(
        under_q("area__path", [area.path]), kind__in=list(office_kinds), is_active=True
    ).select_related("area")


def panchayats_under(area: Area) -> Any:
    return Area.objects.filter(under_q("path", [area.path]), kind=AreaKind.GRAM_PANCHAYAT)


@transaction.atomic
def targets_add(
    *,
    actor: Any,
    programme: Programme,
    offices: Iterable[Office] = (),
    panchayats: Iterable[Area] = (),
    joined_on: dt.date | None = None,
    due_on: dt.date | None = None,
    version: int | None = None,
) -> list[Target]:
    """Offices (and gram panchayats without an office row) added to the set from
    ``joined_on`` (today by default; not before the programme starts). One already in the set
    is left as it is. Each new target gets a step per milestone and a "joined" event; the
    programme records how many were added. A fixed number of queries."""
    locked = _lock_editable(actor, programme, version)
    joined_on = joined_on or timezone.localdate()
    if joined_on < locked.starts_on:
        raise ValidationError({"joined_on": _("A target cannot join before the programme starts.")})
    if due_on is not None and due_on < joined_on:
        raise ValidationError({"due_on": _("The date to be done by is before the target joins.")})
    offices = list(offices)
    panchayats = list(panchayats)
    places = [o.area for o in offices] + panchayats
    outside = [p for p in places if not p.path.startswith(locked.area.path)]
    if outside:
        raise ValidationError(_("Choose places in the programme's area."))
    have_offices = set(
        locked.targets.filter(office__isnull=False).values_list("office_id", flat=True)
    )
    have_places = set(locked.targets.filter(office__isnull=True).values_list("area_id", flat=True))
    new: list[Target] = []
    seen: set[Any] = set()
    for office in offices:
        if office.pk in have_offices or ("o", office.pk) in seen:
            continue
        seen.add(("o", office.pk))
        new.append(
            Target(
                programme=locked,
                office=office,
                area_id=office.area_id,
                joined_on=joined_on,
                due_on=due_on,
            )
        )
    for place in panchayats:
        if place.pk in have_places or ("a", place.pk) in seen:
            continue
        seen.add(("a", place.pk))
        new.append(Target(programme=locked, area=place, joined_on=joined_on, due_on=due_on))
    if not new:
        return []
    Target.objects.bulk_create(new, batch_size=2000)
    if any(t.pk is None for t in new):  # a database that does not return keys
        keys = {(t.office_id, t.area_id): t for t in new}
        for pk, office_id, area_id in locked.targets.values_list("pk", "office_id", "area_id"):
            target = keys.get((office_id, area_id))
            if target is not None:
                target.pk = pk
    milestones = list(locked.milestones.values_list("pk", flat=True))
    Step.objects.bulk_create(
        [Step(target=t, milestone_id=m) for t in new for m in milestones], batch_size=2000
    )
    record_events(
        TargetEvent,
        (
            {
                "subject": t,
                "actor": actor,
                "action": "joined",
                "data": {"joined_on": joined_on.isoformat()},
            }
            for t in new
        ),
    )
    _bump(locked)
    record_change(
        FLOW,
        locked,
        actor=actor,
        action="targets_added",
        data={"count": len(new), "joined_on": joined_on.isoformat()},
    )
    return new


def targets_add_by_filter(
    *,
    actor: Any,
    programme: Programme,
    area: Area,
    office_kinds: Sequence[str] = (),
    panchayats: bool = False,
    joined_on: dt.date | None = None,
    due_on: dt.date | None = None,
    version: int | None = None,
) -> list[Target]:
    """Every active office of ``office_kinds`` under ``area`` (every tehsil and block office of
    Jamtara), and every gram panchayat under it when ``panchayats``."""
    if not office_kinds and not panchayats:
        raise ValidationError({"office_kinds": _("Choose kinds of office or panchayats.")})
    return targets_add(
        actor=actor,
        programme=programme,
        offices=offices_by_filter(area=area, office_kinds=office_kinds) if office_kinds else (),
        panchayats=panchayats_under(area) if panchayats else (),
        joined_on=joined_on,
        due_on=due_on,
        version=version,
    )


@transaction.atomic
def target_remove(
    *,
    actor: Any,
    target: Target,
    left_on: dt.date,
    left_because: str,
    remark: str = "",
    version: int | None = None,
) -> Target:
    """A target out of the set from ``left_on`` (after it joined): from that day it is not
    counted, before it it still is."""
    row = Target.objects.select_for_update().select_related("programme", "area").get(pk=target.pk)
    if actor is not None:
        require_capability(actor, MANAGE, row.programme.area)
    if version is not None and row.version != version:
        from degs.core.workflow import stale

        raise stale(TargetEvent, row)
    if row.left_on is not None:
        raise ValidationError(_("This target has already left the set."))
    if left_on <= row.joined_on:
        raise ValidationError({"left_on": _("A target leaves after the day it joined.")})
    if not left_because:
        raise ValidationError({"left_because": _("Say why it leaves.")})
    row.left_on = left_on
    row.left_because = left_because
    row.version += 1
    row.full_clean()
    row.save(update_fields=["left_on", "left_because", "version", "updated_at"])
    record_events(
        TargetEvent,
        [
            {
                "subject": row,
                "actor": actor,
                "action": "left",
                "remark": clean_paragraphs(remark),
                "data": {"left_on": left_on.isoformat(), "because": left_because},
            }
        ],
    )
    return row


def programme_follow(*, actor: Any, programme: Programme, directive: Any) -> Any:
    """Let ``directive`` follow the programme: its page then shows the programme's progress
    read live (the reviews app checks who may say so and that it lies in the district)."""
    from degs.reviews import services as reviews

    return reviews.directive_set_target(
        actor=actor, directive=directive, target=programme, version=directive.version
    )
