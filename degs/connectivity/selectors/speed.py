"""Reads of speed tests: the list (scoped through the link's area) and the DC's list of links
whose latest test is below their committed speed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import F, OuterRef, QuerySet, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone

from degs.connectivity.choices import IN_SERVICE, LinkStatus
from degs.connectivity.models import Link, SpeedTest

# Links a speed test may be recorded on: those built or in service (not planned, not gone).
TESTABLE = (LinkStatus.PROVISIONING, *IN_SERVICE)


def speed_test_list(*, user: Any) -> QuerySet[SpeedTest]:
    """The speed tests of the links the user sees, newest first."""
    return (
        SpeedTest.objects.visible_to(user)
        .select_related("link__provider", "link__office", "link__area", "recorded_by")
        .order_by("-at", "-pk")
    )


def speed_test_get(*, user: Any, pk: int) -> SpeedTest:
    """One speed test the user sees (404 otherwise)."""
    return get_object_or_404(speed_test_list(user=user), pk=pk)


def testable_links(*, user: Any) -> QuerySet[Link]:
    """The links the user sees that a speed test may be recorded on."""
    return (
        Link.objects.visible_to(user)
        .filter(status__in=TESTABLE)
        .select_related("provider", "office", "area")
    )


def links_below_committed(
    *, user: Any, days: int = 30, now: dt.datetime | None = None
) -> QuerySet[Link]:
    """Each in-service link the user sees whose latest speed test of the last ``days`` days
    measured a download below its committed speed. Each link carries ``last_test_at``,
    ``last_down_kbps``, ``last_up_kbps`` and ``shortfall_kbps`` (committed minus measured);
    links without a test in the window are not in the list (they are "tests due")."""
    now = now or timezone.now()
    latest = SpeedTest.objects.filter(
        link=OuterRef("pk"), at__gte=now - dt.timedelta(days=days), at__lte=now
    ).order_by("-at", "-pk")
    return (
        Link.objects.visible_to(user)
        .filter(status__in=IN_SERVICE)
        .annotate(
            last_test_at=Subquery(latest.values("at")[:1]),
            last_down_kbps=Subquery(latest.values("down_kbps")[:1]),
            last_up_kbps=Subquery(latest.values("up_kbps")[:1]),
        )
        .filter(last_down_kbps__lt=F("committed_kbps"))
        .annotate(shortfall_kbps=F("committed_kbps") - F("last_down_kbps"))
        .select_related("provider", "office", "area")
        .order_by("area__path", "circuit_id", "pk")
    )
