"""The assets app's block of the home page: one function per part, each a section of the
dict (``register``: the register's figures; the tickets part adds its queue). The block is
``assets/home_block.html``, which includes each part's partial."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from degs.assets.choices import AssetStatus
from degs.assets.models import OPEN_TICKET, Asset, Ticket
from degs.assets.selectors.register import verified_in
from degs.assets.selectors.tickets import overdue_q
from degs.assets.workflow import MANAGE, SERVICE
from degs.core.permissions import capability_paths, user_may_open
from degs.core.scoping import minimal_paths, under_q
from degs.core.years import financial_year_label, financial_year_of


def register_home(*, user: Any) -> dict[str, Any]:
    """Assets by status in the user's areas (one query), and how many of them are not
    verified this financial year (disposed ones are not verified)."""
    year = financial_year_of()
    rows = (
        Asset.objects.visible_to(user)
        .annotate(seen=verified_in(year))
        .values("status", "seen")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_status: dict[str, int] = {}
    unverified = 0
    for row in rows:
        by_status[row["status"]] = by_status.get(row["status"], 0) + row["n"]
        if not row["seen"] and row["status"] != AssetStatus.DISPOSED:
            unverified += row["n"]
    return {
        "statuses": [
            (value, label, by_status.get(value, 0))
            for value, label in AssetStatus.choices
            if by_status.get(value)
        ],
        "total": sum(by_status.values()),
        "unverified": unverified,
        "year": financial_year_label(year),
    }


def tickets_home(*, user: Any, now: dt.datetime | None = None) -> dict[str, Any]:
    """The servicer's queue (open tickets of the areas where the user holds assets.service or
    assets.manage) and the tickets the user opened that are still open, each with how many are
    overdue: one query."""
    now = now or timezone.now()
    late = overdue_q(now)
    service = capability_paths(user, SERVICE)
    manage = capability_paths(user, MANAGE)
    if service is None or manage is None:
        queue_q: Q | None = Q()
    else:
        paths = minimal_paths([*service, *manage])
        queue_q = under_q("area__path", paths) if paths else None
    mine = Q(opened_by=user)
    figures: dict[str, Any] = {
        "reported": Count("pk", filter=mine),
        "reported_late": Count("pk", filter=mine & late),
    }
    if queue_q is not None:
        figures["queue"] = Count("pk", filter=queue_q)
        figures["queue_late"] = Count("pk", filter=queue_q & late)
    row = Ticket.objects.visible_to(user).filter(status__in=OPEN_TICKET).aggregate(**figures)
    return {
        "servicer": queue_q is not None,
        "queue": row.get("queue") or 0,
        "queue_late": row.get("queue_late") or 0,
        "reported": row["reported"] or 0,
        "reported_late": row["reported_late"] or 0,
    }


def home_context(*, user: Any) -> dict[str, Any]:
    """The home page's equipment block (the registry's ``home_section``), for those who may
    open the section."""
    if not user_may_open(user, "assets"):
        return {}
    return {
        "assets_register": register_home(user=user),
        "assets_tickets": tickets_home(user=user),
        "template": "assets/home_block.html",
    }
