"""Building a meeting's review pack: what the DC reads before the meeting, worked out in one
click and kept as it was that day (``ReviewPack.data``).

The snapshot holds every word and number the pack shows, master data's words in both languages
(``{"en": ..., "hi": ...}``), so the page, the PDF and the API draw it later in either
language from the snapshot alone: a value entered after the pack was built changes the
dashboards, never the pack. Words of the program itself (statuses, a month's name) are
translated when the pack is drawn. See docs/dashboards.md, "The review pack".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone, translation

from degs.core.exceptions import OutOfJurisdiction, PermissionDenied
from degs.core.permissions import user_can, user_may_open
from degs.dashboards.models import ReviewPack
from degs.directory.models import Area, Post
from degs.indicators.models import Figure, Indicator
from degs.indicators.periods import Period
from degs.indicators.selectors.figures import (
    children_figures,
    figures_at,
    figures_over,
    indicators_shown,
)
from degs.reviews.choices import UNFINISHED, Concern
from degs.reviews.models import ComplianceUpdate, Directive, Meeting

# The snapshot's layout; a page reads a pack of its own version or says it cannot.
SNAPSHOT_VERSION = 1
# The months of a trend, the month reviewed last.
TREND_MONTHS = 12
# The computed figures whose every unit is something late: the pack lists them block by block.
OVERDUE_INDICATORS = ("services_pending_late", "outages_past_clock", "rollout_late")

Words = dict[str, str]


def both(read: Callable[[], Any]) -> Words:
    """What ``read`` says in English and in Hindi (a label that follows the reader's
    language, falling back to the other when master data has only one)."""
    words = {}
    for language in ("en", "hi"):
        with translation.override(language):
            words[language] = str(read() or "")
    return words


def pair(english: str, hindi: str) -> Words:
    """Master data's two fields; an empty one takes the other's words."""
    return {"en": english or hindi, "hi": hindi or english}


def month_reviewed(meeting_date: dt.date) -> Period:
    """The last month over before the meeting's date."""
    return Period.month_of(meeting_date).previous()


def _number(value: Decimal | None) -> str | None:
    """A figure as exact decimal text without trailing zeros ("82.5", "17"), the same on
    every database."""
    if value is None:
        return None
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _figure_row(
    indicator: Indicator,
    period: Period,
    now: Figure | None,
    before: Figure | None,
    trend: dict[tuple[int, dt.date], Figure],
    months: Sequence[Period],
) -> dict[str, Any]:
    met: bool | None = None
    if now is not None and now.value is not None and now.target is not None:
        met = (now.value >= now.target) if indicator.higher_is_better else now.value <= now.target
    completeness = now.completeness if now is not None else None
    return {
        "code": indicator.code,
        "name": pair(indicator.name, indicator.name_hi),
        "unit": pair(indicator.unit, indicator.unit_hi),
        "decimals": indicator.decimals,
        "higher_is_better": indicator.higher_is_better,
        "value": _number(now.value if now else None),
        "target": _number(now.target if now else None),
        "met": met,
        "previous": _number(before.value if before else None),
        "completeness": None if completeness is None else str(round(completeness, 1)),
        "reported": now.reported if now else 0,
        "expected": now.expected if now else 0,
        "trend": [
            {
                "period": month.code,
                "value": _number(getattr(trend.get((indicator.pk, month.start)), "value", None)),
            }
            for month in months
        ],
    }


def _agenda(meeting: Meeting, area: Area, period: Period) -> list[dict[str, Any]]:
    items = list(meeting.agenda_items.all())
    domains = {item.concerns for item in items if item.concerns and item.concerns != Concern.OTHER}
    indicators = [i for i in indicators_shown() if i.domain in domains]
    months = period.trend(TREND_MONTHS)
    now = figures_at(area, period, indicators)
    before = figures_at(area, period.previous(), indicators)
    trend = figures_over(area, months, indicators)
    result = []
    for item in items:
        shown = [i for i in indicators if item.concerns and i.domain == item.concerns]
        result.append(
            {
                "position": item.position,
                "topic": pair(item.topic, item.topic_hi),
                "concerns": item.concerns,
                "indicators": [
                    _figure_row(i, period, now.get(i.pk), before.get(i.pk), trend, months)
                    for i in shown
                ],
            }
        )
    return result


def _last_updates(directives: Sequence[Directive]) -> dict[int, ComplianceUpdate]:
    last: dict[int, ComplianceUpdate] = {}
    updates = (
        ComplianceUpdate.objects.filter(directive__in=[d.pk for d in directives])
        .select_related("author", "post__designation", "post__area")
        .order_by("directive", "created_at", "pk")
    )
    for update in updates:
        last[update.directive_id] = update  # the latest wins
    return last


def _person(typed: str, user: Any) -> Words:
    """Who wrote a report: the name as typed on it, else the user's name in both languages."""
    if typed:
        return pair(typed, typed)
    return pair(user.full_name or user.get_username(), user.full_name_hi)


def _post_words(post: Post) -> Words:
    return both(lambda: post.long_label)


def _progress(directive: Directive) -> dict[str, int] | None:
    found = directive.target_progress()
    if found is None:
        return None
    done, total = found
    return {"done": int(done), "total": int(total)}


def _directives(area: Area, today: dt.date) -> list[dict[str, Any]]:
    """Every unfinished directive given in a meeting of the area's committees, oldest first."""
    directives = list(
        Directive.objects.filter(
            meeting__committee__area__path__startswith=area.path, status__in=UNFINISHED
        )
        .select_related(
            "meeting__committee", "lead_post__designation", "lead_post__area", "target_type"
        )
        .order_by("meeting__date", "meeting_id", "number")
    )
    last = _last_updates(directives)
    rows = []
    for directive in directives:
        update = last.get(directive.pk)
        rows.append(
            {
                "id": directive.pk,
                "number": directive.number,
                "meeting_date": directive.meeting.date.isoformat(),
                "committee": pair(
                    directive.meeting.committee.name, directive.meeting.committee.name_hi
                ),
                "text": pair(directive.text, directive.text_hi),
                "lead_post": _post_words(directive.lead_post),
                "due_date": directive.due_date.isoformat(),
                "status": directive.status,
                "percent_done": directive.percent_done,
                "overdue": directive.is_overdue(today),
                "days_late": max((today - directive.due_date).days, 0),
                "progress": _progress(directive),
                "last_report": None
                if update is None
                else {
                    "text": update.text,
                    "percent": update.percent,
                    "by": _person(update.author_name, update.author),
                    "post": _post_words(update.post),
                    "at": timezone.localtime(update.created_at).isoformat(),
                },
            }
        )
    return rows


def _overdue_figures(area: Area, period: Period) -> list[dict[str, Any]]:
    indicators = indicators_shown(OVERDUE_INDICATORS)
    totals = figures_at(area, period, indicators)
    below = children_figures(area, period, indicators)
    result = []
    for indicator in sorted(indicators, key=lambda i: OVERDUE_INDICATORS.index(i.code)):
        figure = totals.get(indicator.pk)
        areas = sorted(
            (f for f in below if f.indicator_id == indicator.pk and f.value),
            key=lambda f: (-(f.value or 0), f.area.name),
        )
        result.append(
            {
                "code": indicator.code,
                "name": pair(indicator.name, indicator.name_hi),
                "unit": pair(indicator.unit, indicator.unit_hi),
                "total": _number(figure.value if figure else None),
                "areas": [
                    {
                        "id": f.area_id,
                        "name": pair(f.area.name, f.area.name_hi),
                        "value": _number(f.value),
                    }
                    for f in areas
                ],
            }
        )
    return result


def pack_snapshot(*, meeting: Meeting, today: dt.date | None = None) -> dict[str, Any]:
    """Everything a meeting's review pack shows, as JSON-ready data (see the module)."""
    day = today or timezone.localdate()
    committee = meeting.committee
    area = committee.area
    period = month_reviewed(meeting.date)
    directives = _directives(area, day)
    return {
        "version": SNAPSHOT_VERSION,
        "as_of": day.isoformat(),
        "period": period.code,
        "area": {"id": area.pk, "name": pair(area.name, area.name_hi)},
        "meeting": {
            "id": meeting.pk,
            "date": meeting.date.isoformat(),
            "committee": pair(committee.name, committee.name_hi),
            "venue": meeting.venue,
        },
        "items": _agenda(meeting, area, period),
        "directives": directives,
        "overdue_directives": [d["id"] for d in directives if d["overdue"]],
        "overdue_figures": _overdue_figures(area, period),
    }


def pack_build(*, actor: Any, meeting: Meeting, seen: int | None = None) -> ReviewPack:
    """Build and keep the review pack of ``meeting`` as its figures are now.

    The actor must see the meeting (else "not found") and may read the figures of its
    committee's area. Each build is kept beside the earlier ones. ``seen``: the newest pack the
    actor's page showed (0: none): when a pack was built since, that one is returned instead
    of a second (a double click, or two people at once, build one pack).
    """
    if not Meeting.objects.visible_to(actor).filter(pk=meeting.pk).exists():
        raise OutOfJurisdiction
    with transaction.atomic():
        locked = (
            Meeting.objects.select_for_update().select_related("committee__area").get(pk=meeting.pk)
        )
        if not (
            user_may_open(actor, "dashboards")
            and user_can(actor, "indicators.view", locked.committee.area)
        ):
            raise PermissionDenied
        if seen is not None:
            newest = ReviewPack.objects.filter(meeting=locked).order_by("-built_at", "-pk").first()
            if newest is not None and newest.pk != seen:
                return newest
        built_at = timezone.now()
        return ReviewPack.objects.create(
            meeting=locked,
            period_start=month_reviewed(locked.date).start,
            built_at=built_at,
            built_by=actor,
            data=pack_snapshot(meeting=locked, today=timezone.localdate(built_at)),
        )
