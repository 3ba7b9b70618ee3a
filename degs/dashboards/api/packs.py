"""The review packs as JSON: a meeting's packs, and one pack's snapshot as it was built (master
data's words in both languages, numbers as exact decimal strings)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404
from ninja import Router, Schema
from ninja.pagination import paginate

from degs.core.api import MAX_ID, Pagination
from degs.core.permissions import require_section
from degs.core.typing import AuthedRequest
from degs.dashboards.models import ReviewPack
from degs.dashboards.selectors.packs import pack_get, pack_list
from degs.reviews.selectors import meeting_get

router = Router(tags=["dashboards"])


class PackWords(Schema):
    """Words in English and in Hindi (master data's two fields; one empty takes the other)."""

    en: str
    hi: str


class PackTrendPoint(Schema):
    period: str  # a month's code, 2026-04
    value: str | None


class PackFigureOut(Schema):
    code: str
    name: PackWords
    unit: PackWords
    decimals: int
    higher_is_better: bool
    value: str | None
    target: str | None
    met: bool | None
    previous: str | None
    completeness: str | None  # reports received per 100 due; null for a computed figure
    reported: int
    expected: int
    trend: list[PackTrendPoint]


class PackItemOut(Schema):
    position: int
    topic: PackWords
    concerns: str
    indicators: list[PackFigureOut]


class PackProgressOut(Schema):
    done: int
    total: int


class PackReportOut(Schema):
    text: str
    percent: int
    by: PackWords
    post: PackWords
    at: dt.datetime


class PackDirectiveOut(Schema):
    id: int
    number: int
    meeting_date: dt.date
    committee: PackWords
    text: PackWords
    lead_post: PackWords
    due_date: dt.date
    status: str
    percent_done: int
    overdue: bool
    days_late: int
    progress: PackProgressOut | None
    last_report: PackReportOut | None


class PackOverdueAreaOut(Schema):
    id: int
    name: PackWords
    value: str | None


class PackOverdueFigureOut(Schema):
    code: str
    name: PackWords
    unit: PackWords
    total: str | None
    areas: list[PackOverdueAreaOut]


class PackAreaOut(Schema):
    id: int
    name: PackWords


class PackMeetingOut(Schema):
    id: int
    date: dt.date
    committee: PackWords
    venue: str


class PackSummaryOut(Schema):
    """One pack built for a meeting: when, by whom, for which month."""

    id: int
    meeting_id: int
    period: str
    built_at: dt.datetime
    built_by: str


class PackOut(PackSummaryOut):
    """A pack with everything it shows, as it was the day it was built."""

    as_of: dt.date
    area: PackAreaOut
    meeting: PackMeetingOut
    items: list[PackItemOut]
    directives: list[PackDirectiveOut]
    overdue_directives: list[int]
    overdue_figures: list[PackOverdueFigureOut]


def _summary(pack: ReviewPack) -> dict[str, Any]:
    user = pack.built_by
    return {
        "id": pack.pk,
        "meeting_id": pack.meeting_id,
        "period": f"{pack.period_start:%Y-%m}",
        "built_at": pack.built_at,
        "built_by": (user.full_name or user.get_username()) if user else "",
    }


def _checked(pk: int) -> int:
    if not 1 <= pk <= MAX_ID:
        raise Http404
    return pk


@router.get("/meetings/{meeting_id}/packs/", response=list[PackSummaryOut])
@paginate(Pagination)
def list_meeting_packs(request: AuthedRequest, meeting_id: int) -> object:
    """The packs built for a meeting, newest first."""
    require_section(request.user, "dashboards")
    meeting = meeting_get(user=request.user, pk=_checked(meeting_id))
    return [_summary(pack) for pack in pack_list(user=request.user, meeting=meeting)]


@router.get("/packs/{pack_id}/", response=PackOut)
def get_pack(request: AuthedRequest, pack_id: int) -> object:
    """One pack's snapshot."""
    require_section(request.user, "dashboards")
    pack = pack_get(user=request.user, pk=_checked(pack_id))
    data = pack.data or {}
    return {
        **_summary(pack),
        "as_of": data.get("as_of"),
        "area": data.get("area"),
        "meeting": data.get("meeting"),
        "items": data.get("items", []),
        "directives": data.get("directives", []),
        "overdue_directives": data.get("overdue_directives", []),
        "overdue_figures": data.get("overdue_figures", []),
    }
