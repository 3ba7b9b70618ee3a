"""The API of the connectivity app's uptime part: a month's uptime report as JSON."""

from __future__ import annotations

from typing import Any

from ninja import Router

from degs.connectivity.filters.uptime import UptimeFilterSet
from degs.connectivity.schemas.uptime import UptimeReportOut
from degs.connectivity.selectors import uptime as selectors
from degs.core.filters import filtered
from degs.core.permissions import require_section
from degs.core.typing import AuthedRequest

router = Router(tags=["network"])


def _may_see(request: AuthedRequest) -> None:
    require_section(request.user, "connectivity")


def _group(group: selectors.GroupLine, *, code: str = "") -> dict[str, Any]:
    key = group.key
    return {
        "id": key.pk if key is not None else None,
        "code": code,
        "name": str(key.label) if key is not None else "",
        "links": group.links,
        "in_service": group.with_figure,
        "meeting_target": group.meeting,
        "hours_in_service": selectors.hours(group.in_service_seconds),
        "hours_down": selectors.hours(group.down_seconds),
        "uptime_percent": group.percent,
    }


@router.get("/uptime/", response=UptimeReportOut, url_name="uptime_report")
@filtered(UptimeFilterSet, before=_may_see)
def uptime_report(request: AuthedRequest, filters: UptimeFilterSet) -> object:
    """The month's uptime (``month`` as 2026-06, this month if left out) of the links the
    caller sees, narrowed by ``area`` and ``provider``: per link, per provider and per block
    (docs/connectivity.md, "Uptime and the SLA report")."""
    month = filters.chosen_month
    report = selectors.uptime_report(user=request.user, month=month, links=filters.qs)
    return {
        "month": f"{month:%Y-%m}",
        "total": _group(report.total),
        "providers": [_group(g, code=g.key.code) for g in report.providers],
        "blocks": [_group(g) for g in report.blocks],
        "links": [
            {
                "id": line.link.pk,
                "circuit_id": line.link.circuit_id,
                "provider": line.link.provider.code,
                "site": str(line.link.site_label),
                "block_id": line.block.pk if line.block else None,
                "hours_in_service": line.uptime.in_service_hours,
                "hours_down": line.uptime.down_hours,
                "uptime_percent": line.uptime.percent,
                "target_percent": line.target,
                "meets_target": line.meets_target,
                "outages_counted": sum(1 for o in line.outages if o.counted_seconds),
            }
            for line in report.links
        ],
    }
