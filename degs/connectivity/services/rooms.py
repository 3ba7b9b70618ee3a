"""Writes of video-conference rooms (by managers) and their tests (by reporters)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from degs.connectivity.choices import LinkStatus
from degs.connectivity.models import Link, VcRoom, VcTest
from degs.connectivity.services.times import when_tested
from degs.core.exceptions import StaleVersion
from degs.core.permissions import require_capability
from degs.core.text import clean_name, clean_paragraphs, clean_text
from degs.directory.models import Office

ROOM_FIELDS = {"office", "name", "name_hi", "link", "equipment", "is_active"}


def _check_link(office: Office, link: Link | None) -> None:
    if link is None:
        return
    if link.office_id != office.pk:
        raise ValidationError({"link": _("Choose one of this office's links.")})
    if link.status == LinkStatus.DECOMMISSIONED:
        raise ValidationError({"link": _("This link is decommissioned.")})


def _save(room: VcRoom, actor: Any) -> None:
    room.full_clean(validate_constraints=False)
    if (
        VcRoom.objects.filter(office=room.office, name__iexact=room.name)
        .exclude(pk=room.pk)
        .exists()
    ):
        raise ValidationError({"name": _("This office already has a room of this name.")})
    room._history_user = actor  # type: ignore[attr-defined]
    room.save()


@transaction.atomic
def room_create(
    *,
    actor: Any,
    office: Office,
    name: str,
    name_hi: str = "",
    link: Link | None = None,
    equipment: str = "",
    is_active: bool = True,
) -> VcRoom:
    """Set up a video-conference room in ``office``, by a manager of its area; its link is one
    of the office's links."""
    require_capability(actor, "connectivity.manage", office.area)
    _check_link(office, link)
    room = VcRoom(
        office=office,
        name=clean_name(name),
        name_hi=clean_name(name_hi),
        link=link,
        equipment=clean_text(equipment),
        is_active=is_active,
    )
    _save(room, actor)
    return room


@transaction.atomic
def room_update(*, actor: Any, room: VcRoom, version: int, **fields: Any) -> VcRoom:
    """Change a room's particulars, checked against the version the editor saw (someone
    else's change in between is a conflict that names them)."""
    unknown = set(fields) - ROOM_FIELDS
    if unknown:
        raise ValidationError(_("These fields cannot be changed here."))
    locked = VcRoom.objects.select_for_update().get(pk=room.pk)
    require_capability(actor, "connectivity.manage", locked.office.area)
    if locked.version != version:
        last = locked.history.first()
        extra = {"by": last.history_user, "at": last.history_date} if last else None
        raise StaleVersion(extra=extra)
    office = fields.get("office", locked.office)
    if office.pk != locked.office_id:
        require_capability(actor, "connectivity.manage", office.area)
    for key in ("name", "name_hi"):
        if key in fields:
            fields[key] = clean_name(fields[key] or "")
    if "equipment" in fields:
        fields["equipment"] = clean_text(fields["equipment"] or "")
    for key, value in fields.items():
        setattr(locked, key, value)
    _check_link(office, locked.link)
    locked.version += 1
    _save(locked, actor)
    return locked


@transaction.atomic
def vc_test_record(
    *,
    actor: Any,
    room: VcRoom,
    audio_ok: bool,
    video_ok: bool,
    sharing_ok: bool,
    joined_from: str = "",
    remark: str = "",
    at: dt.datetime | None = None,
) -> VcTest:
    """Record a test call from ``room`` (what worked, who joined from where), by a reporter of
    the room's area; ``at`` is now when not given and never in the future."""
    require_capability(actor, "connectivity.report", room.office.area)
    errors: dict[str, Any] = {}
    if not room.is_active:
        errors["room"] = _("This room is not in use.")
    at = when_tested(at, errors)
    if errors:
        raise ValidationError(errors)
    test = VcTest(
        room=room,
        at=at,
        audio_ok=audio_ok,
        video_ok=video_ok,
        sharing_ok=sharing_ok,
        joined_from=clean_paragraphs(joined_from),
        remark=clean_paragraphs(remark),
        tested_by=actor,
    )
    test.full_clean()
    test.save()
    return test
