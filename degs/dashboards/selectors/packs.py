"""Reading review packs: a pack or a meeting's packs in the user's scope, and a pack's snapshot
made ready for its page and PDF in the reader's language (``pack_page``). Nothing here reads
today's figures: a pack shows what was kept when it was built."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language

from degs.core.formatting import format_date, group_indian
from degs.dashboards.models import ReviewPack
from degs.indicators.periods import BadPeriod, Period
from degs.reviews.choices import Concern, DirectiveStatus
from degs.reviews.models import Meeting


def pack_get(*, user: Any, pk: int) -> ReviewPack:
    """A pack of a meeting the user sees; 404 otherwise (as for one that does not exist)."""
    return get_object_or_404(
        ReviewPack.objects.visible_to(user).select_related("meeting__committee", "built_by"),
        pk=pk,
    )


def pack_list(*, user: Any, meeting: Meeting) -> QuerySet[ReviewPack]:
    """The packs built for a meeting the user sees, newest first."""
    return (
        ReviewPack.objects.visible_to(user)
        .filter(meeting=meeting)
        .select_related("built_by")
        .order_by("-built_at", "-pk")
    )


# --- the pack drawn ------------------------------------------------------------------------------


def _words(words: Any, language: str) -> str:
    if not isinstance(words, dict):
        return str(words or "")
    return str(words.get(language) or words.get("en") or words.get("hi") or "")


def _decimal(text: Any) -> Decimal | None:
    if text is None or text == "":
        return None
    try:
        return Decimal(str(text))
    except (InvalidOperation, ValueError):
        return None


def _shown(text: Any, decimals: int) -> str:
    number = _decimal(text)
    return "" if number is None else group_indian(number, decimals)


def _day(text: Any) -> str:
    try:
        return format_date(dt.date.fromisoformat(str(text)))
    except ValueError:
        return ""


def _moment(text: Any) -> str:
    try:
        return format_date(dt.datetime.fromisoformat(str(text)))
    except ValueError:
        return ""


def _month(code: str) -> str:
    try:
        return Period.parse(code).label
    except BadPeriod:
        return code


# A sparkline's box (SVG user units): wide and low, to sit in a table cell.
SPARK_WIDTH, SPARK_HEIGHT, SPARK_PAD = 120, 28, 3


def sparkline(values: list[Decimal | None]) -> str:
    """The ``points`` of an SVG polyline through the known values (left: oldest); empty when
    fewer than two are known."""
    known = [(i, v) for i, v in enumerate(values) if v is not None]
    if len(known) < 2:
        return ""
    low = min(v for _, v in known)
    high = max(v for _, v in known)
    span = (high - low) or Decimal(1)
    step = (SPARK_WIDTH - 2 * SPARK_PAD) / max(len(values) - 1, 1)
    height = SPARK_HEIGHT - 2 * SPARK_PAD
    points = []
    for i, v in known:
        x = SPARK_PAD + i * step
        y = SPARK_PAD + height - float((v - low) / span) * height
        points.append(f"{x:.1f},{y:.1f}")
    return " ".join(points)


@dataclass
class PackFigure:
    name: str
    unit: str
    value: str
    target: str
    previous: str
    met: bool | None
    completeness: str
    higher_is_better: bool
    trend: list[tuple[str, str]]  # (month, figure)
    spark: str
    change: str  # "+3", "-1.5", "" (the figure less the month before)


@dataclass
class PackItem:
    position: int
    topic: str
    concerns: str
    figures: list[PackFigure]


@dataclass
class PackDirective:
    id: int
    number: int
    meeting_date: str
    committee: str
    text: str
    lead_post: str
    due_date: str
    status: str
    overdue: bool
    days_late: int
    percent_done: int
    progress: tuple[int, int] | None
    report_text: str = ""
    report_by: str = ""
    report_at: str = ""
    report_percent: int | None = None


@dataclass
class PackOverdueArea:
    name: str
    value: str


@dataclass
class PackOverdueFigure:
    name: str
    unit: str
    total: str
    areas: list[PackOverdueArea]


@dataclass
class PackPage:
    """A pack's snapshot with every word in one language and every number formatted."""

    language: str
    area: str
    committee: str
    meeting_date: str
    venue: str
    month: str
    as_of: str
    items: list[PackItem] = field(default_factory=list)
    directives: list[PackDirective] = field(default_factory=list)
    overdue_directives: list[PackDirective] = field(default_factory=list)
    overdue_figures: list[PackOverdueFigure] = field(default_factory=list)
    trend_months: list[str] = field(default_factory=list)


def _figure(row: dict[str, Any], language: str) -> PackFigure:
    decimals = int(row.get("decimals") or 0)
    trend_values = [_decimal(point.get("value")) for point in row.get("trend", [])]
    now, before = _decimal(row.get("value")), _decimal(row.get("previous"))
    change = ""
    if now is not None and before is not None:
        delta = now - before
        change = ("+" if delta > 0 else "") + group_indian(delta, decimals)
    completeness = _decimal(row.get("completeness"))
    return PackFigure(
        name=_words(row.get("name"), language),
        unit=_words(row.get("unit"), language),
        value=_shown(row.get("value"), decimals),
        target=_shown(row.get("target"), decimals),
        previous=_shown(row.get("previous"), decimals),
        met=row.get("met"),
        completeness="" if completeness is None else group_indian(completeness, 0),
        higher_is_better=bool(row.get("higher_is_better", True)),
        trend=[
            (_month(point.get("period", "")), _shown(point.get("value"), decimals))
            for point in row.get("trend", [])
        ],
        spark=sparkline(trend_values),
        change=change,
    )


def _directive(row: dict[str, Any], language: str) -> PackDirective:
    report = row.get("last_report") or {}
    progress = row.get("progress")
    return PackDirective(
        id=int(row.get("id") or 0),
        number=int(row.get("number") or 0),
        meeting_date=_day(row.get("meeting_date")),
        committee=_words(row.get("committee"), language),
        text=_words(row.get("text"), language),
        lead_post=_words(row.get("lead_post"), language),
        due_date=_day(row.get("due_date")),
        status=str(DirectiveStatus(row["status"]).label)
        if row.get("status") in DirectiveStatus.values
        else "",
        overdue=bool(row.get("overdue")),
        days_late=int(row.get("days_late") or 0),
        percent_done=int(row.get("percent_done") or 0),
        progress=(int(progress["done"]), int(progress["total"])) if progress else None,
        report_text=str(report.get("text") or ""),
        report_by=", ".join(
            part
            for part in (_words(report.get("by"), language), _words(report.get("post"), language))
            if part
        ),
        report_at=_moment(report.get("at")) if report else "",
        report_percent=report.get("percent") if report else None,
    )


def pack_page(pack: ReviewPack) -> PackPage:
    """The pack in the language being drawn (``translation.override`` for a PDF in another)."""
    language = "hi" if (get_language() or "en").startswith("hi") else "en"
    data = pack.data or {}
    meeting = data.get("meeting", {})
    directives = [_directive(row, language) for row in data.get("directives", [])]
    overdue_ids = set(data.get("overdue_directives", []))
    trend_codes = []
    for item in data.get("items", []):
        for row in item.get("indicators", []):
            trend_codes = [point.get("period", "") for point in row.get("trend", [])]
            break
        if trend_codes:
            break
    return PackPage(
        language=language,
        area=_words(data.get("area", {}).get("name"), language),
        committee=_words(meeting.get("committee"), language),
        meeting_date=_day(meeting.get("date")),
        venue=str(meeting.get("venue") or ""),
        month=_month(str(data.get("period") or "")),
        as_of=_day(data.get("as_of")),
        items=[
            PackItem(
                position=int(item.get("position") or 0),
                topic=_words(item.get("topic"), language),
                concerns=str(Concern(item["concerns"]).label)
                if item.get("concerns") in Concern.values
                else "",
                figures=[_figure(row, language) for row in item.get("indicators", [])],
            )
            for item in data.get("items", [])
        ],
        directives=directives,
        overdue_directives=[d for d in directives if d.id in overdue_ids],
        overdue_figures=[
            PackOverdueFigure(
                name=_words(row.get("name"), language),
                unit=_words(row.get("unit"), language),
                total=_shown(row.get("total"), 0),
                areas=[
                    PackOverdueArea(
                        name=_words(area.get("name"), language),
                        value=_shown(area.get("value"), 0),
                    )
                    for area in row.get("areas", [])
                ],
            )
            for row in data.get("overdue_figures", [])
        ],
        trend_months=[_month(code) for code in trend_codes],
    )
