"""Writes of the sets of links, rooms and phones a directive can be about: saving a set, and
letting a directive follow one (the reviews app's ``directive_set_target``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from degs.connectivity.choices import TargetWhat
from degs.connectivity.models import NetworkTarget
from degs.core.permissions import require_capability
from degs.core.text import clean_text
from degs.directory.models import Area

MANAGE = "connectivity.manage"


@transaction.atomic
def target_create(
    *,
    actor: Any,
    name: str,
    area: Area,
    what: str,
    name_hi: str = "",
    office_kind: str = "",
    link_kind: str = "",
    due_date: dt.date | None = None,
) -> NetworkTarget:
    """Save a set of links, rooms or phones ("every block office's VC room in Jamtara, ready
    by 15-12-2026"), so that a directive can follow it. Those who manage the area's network
    save sets; a phone has no link, so a set of phones takes no kind of link."""
    if actor is not None:
        require_capability(actor, MANAGE, area)
    if what == TargetWhat.PHONES and link_kind:
        raise ValidationError({"link_kind": _("A set of phones cannot be narrowed by link.")})
    target = NetworkTarget(
        name=clean_text(name),
        name_hi=clean_text(name_hi),
        area=area,
        what=what,
        office_kind=office_kind,
        link_kind=link_kind,
        due_date=due_date,
        created_by=actor,
    )
    target.full_clean()
    target.save()
    return target


def target_follow(*, actor: Any, target: NetworkTarget, directive: Any) -> Any:
    """Let ``directive`` follow ``target``: its page then shows the set's progress, read
    live. The reviews app checks who may say so and that the set lies in the committee's
    district."""
    from degs.reviews import services as reviews

    return reviews.directive_set_target(
        actor=actor, directive=directive, target=target, version=directive.version
    )
