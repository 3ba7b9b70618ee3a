"""Writes to the directory. Every one is atomic, validated and recorded in history."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext_lazy as _

from degs.core.exceptions import ApplicationError, PermissionDenied, StaleVersion
from degs.core.models import save_changes
from degs.core.permissions import Capability, require_capability
from degs.core.scoping import path_segment
from degs.core.text import clean_text
from degs.directory.choices import ALLOWED_PARENTS, AreaKind, ChargeKind
from degs.directory.models import (
    Area,
    Designation,
    DistrictSetting,
    Office,
    Post,
    PostHolding,
)

if TYPE_CHECKING:
    from degs.accounts.models import User


def _require_manage(actor: User | None, area: Area | None) -> None:
    """The actor must manage the directory at ``area`` (the whole tree when ``area`` is None)."""
    if actor is None:  # management commands and data migrations
        return
    if area is None:
        if not actor.is_superuser:
            raise PermissionDenied
        return
    require_capability(actor, Capability.DIRECTORY_MANAGE, area)


def check_parent(kind: str, parent: Area | None) -> None:
    """Raise ValidationError when ``kind`` may not sit under ``parent``."""
    allowed = ALLOWED_PARENTS[kind]
    if parent is None and allowed:
        raise ValidationError({"parent": _("This kind of area needs a parent area.")})
    if parent is not None and parent.kind not in allowed:
        raise ValidationError(
            {"parent": _("This kind of area cannot be placed under the chosen parent.")}
        )


@transaction.atomic
def area_create(
    *,
    actor: User | None,
    kind: str,
    name: str,
    name_hi: str = "",
    parent: Area | None = None,
    lgd_code: str = "",
    is_sample: bool = False,
    saturdays_off: str = "",
) -> Area:
    """Add an area under ``parent`` and give it its path."""
    _require_manage(actor, parent)
    check_parent(kind, parent)
    area = Area(
        kind=kind,
        name=clean_text(name),
        name_hi=clean_text(name_hi),
        parent=parent,
        lgd_code=clean_text(lgd_code),
        is_sample=is_sample,
        saturdays_off=saturdays_off,
        path="",
        depth=(parent.depth + 1) if parent else 0,
    )
    area.path = f"pending-{id(area)}"
    area.full_clean()
    area.save()
    area.path = (parent.path if parent else "") + path_segment(area.pk)
    Area.objects.filter(pk=area.pk).update(path=area.path)
    return area


@transaction.atomic
def area_update(*, actor: User | None, area: Area, **fields: Any) -> Area:
    """Change an area's names, LGD code or flags (not its place in the tree: see area_move)."""
    _require_manage(actor, area)
    allowed = {"name", "name_hi", "lgd_code", "is_sample", "is_active", "saturdays_off"}
    unknown = set(fields) - allowed
    if unknown:
        raise ApplicationError(_("These fields cannot be changed here."), extra={"fields": unknown})
    save_changes(
        area,
        {
            key: clean_text(value) if isinstance(value, str) and key != "saturdays_off" else value
            for key, value in fields.items()
        },
    )
    return area


@transaction.atomic
def area_move(*, actor: User | None, area: Area, new_parent: Area) -> Area:
    """Re-parent an area and everything under it, rewriting their paths in one statement."""
    _require_manage(actor, area)
    _require_manage(actor, new_parent)
    if new_parent.path.startswith(area.path):
        raise ApplicationError(_("An area cannot be moved under itself."))
    check_parent(area.kind, new_parent)
    old_path = area.path
    new_path = new_parent.path + path_segment(area.pk)
    depth_change = new_parent.depth + 1 - area.depth
    Area.objects.filter(path__startswith=old_path).update(
        path=Concat(Value(new_path), Substr("path", len(old_path) + 1)),
        depth=F("depth") + depth_change,
    )
    area.parent = new_parent
    area.save(update_fields=["parent", "updated_at"])
    area.refresh_from_db()
    return area


@transaction.atomic
def office_create(*, actor: User | None, area: Area, **fields: Any) -> Office:
    """Add an office or public building to an area."""
    _require_manage(actor, area)
    office = Office(area=area, **_clean_fields(fields))
    office.full_clean()
    office.save()
    return office


@transaction.atomic
def office_update(*, actor: User | None, office: Office, **fields: Any) -> Office:
    _require_manage(actor, office.area)
    save_changes(office, _clean_fields(fields))
    return office


def _clean_fields(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: clean_text(v) if isinstance(v, str) else v for k, v in fields.items()}


@transaction.atomic
def post_create(
    *,
    actor: User | None,
    designation: Designation,
    area: Area,
    office: Office | None = None,
    seat: str = "",
) -> Post:
    """Create a post; an office's post sits in the office's area."""
    if office is not None and office.area_id != area.pk:
        raise ValidationError({"office": _("The office must be in the post's area.")})
    _require_manage(actor, area)
    post = Post(designation=designation, area=area, office=office, seat=clean_text(seat))
    post.full_clean()
    post.save()
    return post


@transaction.atomic
def post_holding_start(
    *,
    actor: User | None,
    post: Post,
    user: User,
    start_date: dt.date,
    charge: str = ChargeKind.REGULAR,
    order_reference: str = "",
) -> PostHolding:
    """Put a person in a post from ``start_date``; a post has one regular holder at a time.

    The post row is locked so two administrators posting two people at once cannot both win.
    """
    _require_manage(actor, post.area)
    Post.objects.select_for_update().filter(pk=post.pk).first()
    if charge == ChargeKind.REGULAR:
        overlapping = PostHolding.objects.filter(post=post, charge=ChargeKind.REGULAR).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=start_date)
        )
        if overlapping.exists():
            raise ApplicationError(
                _("This post already has a regular holder on that date. End that holding first.")
            )
    holding = PostHolding(
        post=post,
        user=user,
        start_date=start_date,
        charge=charge,
        order_reference=clean_text(order_reference),
    )
    holding.full_clean()
    holding.save()
    return holding


@transaction.atomic
def post_holding_end(*, actor: User | None, holding: PostHolding, end_date: dt.date) -> PostHolding:
    """Record the last day a person held a post (transfer, retirement)."""
    _require_manage(actor, holding.post.area)
    locked = PostHolding.objects.select_for_update().get(pk=holding.pk)
    if locked.end_date is not None:
        raise ApplicationError(_("This holding has already ended."))
    if end_date < locked.start_date:
        raise ApplicationError(_("A holding cannot end before it starts."))
    locked.end_date = end_date
    locked.save(update_fields=["end_date", "updated_at"])
    return locked


@transaction.atomic
def district_setting_update(
    *, actor: User | None, district: Area, version: int, inspection_distance_m: int
) -> DistrictSetting:
    """Change a district's settings; the district administration does (directory.manage there).

    ``version`` is the one the user saw (1 for a district still on the defaults)."""
    if district.kind != AreaKind.DISTRICT:
        raise ApplicationError(_("Settings are kept per district."))
    _require_manage(actor, district)
    setting, _created = DistrictSetting.objects.select_for_update().get_or_create(district=district)
    if setting.version != version:
        raise StaleVersion
    setting.inspection_distance_m = inspection_distance_m
    setting.version += 1
    setting.full_clean()
    setting._history_user = actor  # type: ignore[attr-defined]
    setting.save()
    return setting
