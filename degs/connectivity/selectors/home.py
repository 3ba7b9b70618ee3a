"""The connectivity block of the home page and the network engineer's own page.

"My" areas are those where the user holds ``connectivity.report`` (a network engineer's
district, a block officer's block): the engineer's page lists their open outages, the links
down or not reporting there, and the tests due (VC rooms whose last test is older than
``DEGS_VC_TEST_VALID_DAYS`` days or never made; links in service with no speed test in
``SPEED_TEST_DAYS`` days)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import BooleanField, Count, ExpressionWrapper, F, Max, Q, QuerySet
from django.utils import timezone
from django.utils.translation import ngettext

from degs.connectivity.choices import OUTAGE_OPEN, LinkStatus
from degs.connectivity.models import Link, Outage, VcRoom
from degs.connectivity.selectors.links import links_down_now
from degs.connectivity.selectors.outages import overdue_q
from degs.connectivity.selectors.rooms import ready_rooms
from degs.core.permissions import capability_paths, user_can, user_may_open
from degs.core.scoping import under_q

REPORT = "connectivity.report"
SPEED_TEST_DAYS = 30


def mine(qs: Any, user: Any) -> Any:
    """The rows of ``qs`` (already in the user's scope) in the areas where the user reports."""
    paths = capability_paths(user, REPORT)
    if paths is None:
        return qs
    return qs.filter(under_q(qs.area_path_lookup, paths))


def my_open_outages(*, user: Any, now: dt.datetime | None = None) -> QuerySet[Outage]:
    """The open outages of the user's areas, oldest first; each carries ``overdue`` (a clock
    has run out: ``outages.overdue_q``)."""
    now = now or timezone.now()
    rows = Outage.objects.visible_to(user).filter(status__in=OUTAGE_OPEN)
    return (
        mine(rows, user)
        .select_related("link__provider", "link__office", "link__area")
        .annotate(overdue=ExpressionWrapper(overdue_q(now), output_field=BooleanField()))
        .order_by("started_at", "pk")
    )


def my_links_down(*, user: Any) -> QuerySet[Link]:
    """The links down or not reporting now in the user's areas (``links.links_down_now``)."""
    return mine(links_down_now(user=user), user)


def rooms_test_due(*, user: Any, now: dt.datetime | None = None) -> QuerySet[VcRoom]:
    """Rooms in use in the user's areas never tested or last tested more than
    ``DEGS_VC_TEST_VALID_DAYS`` days ago, the longest untested first (``last_at``)."""
    since = (now or timezone.now()) - dt.timedelta(days=settings.DEGS_VC_TEST_VALID_DAYS)
    rows = mine(VcRoom.objects.visible_to(user).filter(is_active=True), user)
    return (
        rows.annotate(last_at=Max("tests__at"))
        .filter(Q(last_at__isnull=True) | Q(last_at__lt=since))
        .select_related("office", "link")
        .order_by(F("last_at").asc(nulls_first=True), "office__area__path", "pk")
    )


def links_speed_due(*, user: Any, now: dt.datetime | None = None) -> QuerySet[Link]:
    """Active links in the user's areas with no speed test in ``SPEED_TEST_DAYS`` days, the
    longest untested first (``last_speed_at``)."""
    since = (now or timezone.now()) - dt.timedelta(days=SPEED_TEST_DAYS)
    rows = mine(Link.objects.visible_to(user).filter(status=LinkStatus.ACTIVE), user)
    return (
        rows.annotate(last_speed_at=Max("speed_tests__at"))
        .filter(Q(last_speed_at__isnull=True) | Q(last_speed_at__lt=since))
        .select_related("provider", "office", "area")
        .order_by(F("last_speed_at").asc(nulls_first=True), "area__path", "pk")
    )


@dataclass
class EngineerQueue:
    """What waits for the network engineer (their page, and the first card of their home)."""

    outages: list[Outage]
    links_down: list[Link]
    rooms_due: list[VcRoom]
    links_due: list[Link]

    @property
    def overdue(self) -> int:
        return sum(1 for o in self.outages if getattr(o, "overdue", False))

    @property
    def tests_due(self) -> int:
        return len(self.rooms_due) + len(self.links_due)

    @property
    def is_empty(self) -> bool:
        return not (self.outages or self.links_down or self.rooms_due or self.links_due)


def age(since: dt.datetime | None, now: dt.datetime) -> str:
    """How long ago, as an engineer says it: minutes under an hour, hours under two days,
    then days."""
    if since is None:
        return ""
    minutes = max(0, int((now - since).total_seconds() // 60))
    if minutes < 60:
        return ngettext("%(n)s minute", "%(n)s minutes", minutes) % {"n": minutes}
    hours = minutes // 60
    if hours < 48:
        return ngettext("%(n)s hour", "%(n)s hours", hours) % {"n": hours}
    days = hours // 24
    return ngettext("%(n)s day", "%(n)s days", days) % {"n": days}


def engineer_queue(*, user: Any, now: dt.datetime | None = None) -> EngineerQueue:
    """The engineer's page: four queries, each a list of the user's own areas. Each outage and
    link down carries ``age`` (how long it has been down, in words)."""
    now = now or timezone.now()
    outages = list(my_open_outages(user=user, now=now))
    for outage in outages:
        outage.age = age(outage.started_at, now)  # type: ignore[attr-defined]
    down = list(my_links_down(user=user))
    for link in down:
        link.age = age(link.status_since, now)  # type: ignore[attr-defined]
    return EngineerQueue(
        outages=outages,
        links_down=down,
        rooms_due=list(rooms_test_due(user=user, now=now)),
        links_due=list(links_speed_due(user=user, now=now)),
    )


@dataclass
class NetworkHome:
    """The home page's network figures for the user's areas."""

    links_down: int
    outages_open: int
    outages_overdue: int
    uptime: Decimal | None
    month: dt.date
    rooms_ready: int
    rooms_total: int
    queue: EngineerQueue | None  # for those who report: their own queue, drawn first


def network_home(*, user: Any, now: dt.datetime | None = None) -> NetworkHome:
    from degs.connectivity.selectors.uptime import district_uptime

    now = now or timezone.now()
    month = timezone.localdate(now).replace(day=1)
    # One query for both outage counts and one for both room counts.
    outages = (
        Outage.objects.visible_to(user)
        .filter(status__in=OUTAGE_OPEN)
        .aggregate(open=Count("pk"), overdue=Count("pk", filter=overdue_q(now)))
    )
    rooms = VcRoom.objects.visible_to(user).filter(is_active=True)
    room_counts = rooms.aggregate(
        total=Count("pk"),
        ready=Count("pk", filter=Q(pk__in=ready_rooms(rooms, now=now).values("pk"))),
    )
    return NetworkHome(
        links_down=links_down_now(user=user).count(),
        outages_open=outages["open"],
        outages_overdue=outages["overdue"],
        uptime=district_uptime(user=user, month=month),
        month=month,
        rooms_ready=room_counts["ready"],
        rooms_total=room_counts["total"],
        queue=engineer_queue(user=user, now=now) if user_can(user, REPORT) else None,
    )


def home_context(*, user: Any) -> dict[str, Any]:
    """The home page's network block (the registry's ``home_section``), for those who may
    open the section."""
    if not user_may_open(user, "connectivity"):
        return {}
    return {"network": network_home(user=user), "template": "connectivity/home_block.html"}
