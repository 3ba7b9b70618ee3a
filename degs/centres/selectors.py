"""Reads of the centres app. Everything starts from ``visible_to(user)``, except the public
kiosk locator, which shows only active centres and only what a citizen needs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from degs.centres.choices import (
    ID_PENDING,
    SERVED_KINDS,
    CentreKind,
    CentreStatus,
    Decision,
    IdStatus,
    period_bounds,
)
from degs.centres.models import (
    Centre,
    CentreEvent,
    CentreService,
    CentreSet,
    Draw,
    DrawItem,
    IdType,
    Inspection,
    InspectionPhoto,
    InspectionQuota,
    Operator,
    OperatorId,
)
from degs.core.permissions import Capability, user_can
from degs.core.scoping import jurisdiction_of, root_path
from degs.directory.choices import AreaKind
from degs.directory.models import Area
from degs.directory.selectors import area_choices, held_post_ids

SERVED_AREA_KINDS = (AreaKind.GRAM_PANCHAYAT, AreaKind.WARD)

# --- centres -----------------------------------------------------------------------------------


def holds_issued_id(code: str, operator_ref: str = "operator") -> Exists:
    """Subquery: the centre's operator holds an issued ID of type ``code``."""
    return Exists(
        OperatorId.objects.filter(
            operator=OuterRef(operator_ref), id_type__code=code, status=IdStatus.ISSUED
        )
    )


def centre_list(*, user: Any) -> QuerySet[Centre]:
    """Centres the user sees, with what a list row shows (no query per row), by code; their
    filters are ``centres.filters.CentreFilterSet``."""
    return Centre.objects.visible_to(user).select_related("area", "operator").order_by("code")


def centre_get(*, user: Any, pk: int) -> Centre:
    """One centre the user may see (404 otherwise), with its operator and services."""
    return get_object_or_404(
        Centre.objects.visible_to(user)
        .select_related("area", "operator__user")
        .prefetch_related("services"),
        pk=pk,
    )


def centre_history(*, centre: Centre) -> list[CentreEvent]:
    """What happened to a centre and its operator's IDs, newest first."""
    condition = Q(centre=centre)
    if centre.operator_id:
        condition |= Q(operator_id=centre.operator_id, centre__isnull=True)
    events = list(CentreEvent.objects.filter(condition).select_related("actor")[:200])
    return _with_id_types(events, centre.area)


def operator_history(*, operator: Operator) -> list[CentreEvent]:
    """What happened to an operator's IDs and centres, newest first."""
    events = list(operator.events.select_related("actor", "centre")[:100])
    return _with_id_types(events, operator.area)


def _with_id_types(events: list[CentreEvent], area: Area) -> list[CentreEvent]:
    """Give each event about an operator's ID its ID type (``event.id_type``), so the page
    names it ("JharSeva ID") instead of showing the stored code; one query."""
    codes = {(e.data or {}).get("id_type") for e in events} - {None}
    types = {t.code: t for t in IdType.objects.for_state_of(area).filter(code__in=codes)}
    for event in events:
        event.id_type = types.get((event.data or {}).get("id_type"))  # type: ignore[attr-defined]
    return events


def centre_area_trail(centre: Centre) -> list[Area]:
    """District, block and panchayat names above a centre (one query)."""
    return [a for a in centre.area.ancestors() if a.kind != AreaKind.STATE] + [centre.area]


def centre_can_manage(user: Any, centre: Centre) -> bool:
    return user_can(user, Capability.CENTRES_MANAGE, centre.area)


def centre_can_inspect(user: Any, centre: Centre) -> bool:
    return user_can(user, Capability.CENTRES_INSPECT, centre.area)


def filter_areas(*, user: Any) -> QuerySet[Area]:
    """Areas a centre list can be narrowed to: the district's blocks for district users; for
    users of several districts (a state), the districts only, so the choice stays short (as
    every list's)."""
    return area_choices(user=user)


def served_areas(*, user: Any) -> QuerySet[Area]:
    """Panchayats, wards, blocks and towns the user sees: where a centre or operator can be."""
    return (
        Area.objects.visible_to(user).filter(kind__in=SERVED_KINDS, is_active=True).order_by("path")
    )


def centre_service_list() -> QuerySet[CentreService]:
    return CentreService.objects.all()


# --- operators and IDs -------------------------------------------------------------------------


def operator_list(*, user: Any) -> QuerySet[Operator]:
    """Operators the user sees, by name; their filters are
    ``centres.filters.OperatorFilterSet``."""
    return Operator.objects.visible_to(user).select_related("area").order_by("name", "pk")


def operator_choices(*, user: Any) -> QuerySet[Operator]:
    """Active operators the user sees, to choose a centre's operator from."""
    return Operator.objects.visible_to(user).filter(is_active=True)


def operator_centres(*, user: Any, operator: Operator) -> QuerySet[Centre]:
    """The centres an operator runs, of those the user sees."""
    return Centre.objects.visible_to(user).filter(operator=operator).select_related("area")


def operator_get(*, user: Any, pk: int) -> Operator:
    return get_object_or_404(Operator.objects.visible_to(user).select_related("area"), pk=pk)


def operator_ids(*, operator: Operator) -> list[OperatorId]:
    return list(operator.ids.select_related("id_type"))


def operator_id_get(*, user: Any, pk: int) -> OperatorId:
    return get_object_or_404(
        OperatorId.objects.visible_to(user).select_related("operator__area", "id_type"), pk=pk
    )


def id_types_for(*, area: Area) -> QuerySet[IdType]:
    """The ID types configured for the state holding ``area``."""
    return IdType.objects.for_state_of(area).filter(is_active=True)


def id_types_visible(*, user: Any) -> QuerySet[IdType]:
    """ID types of the states the user works in."""
    jurisdiction = jurisdiction_of(user)
    queryset = IdType.objects.filter(is_active=True).select_related("state")
    if jurisdiction.everywhere:
        return queryset
    return queryset.filter(state__path__in={root_path(p) for p in jurisdiction.paths})


@dataclass
class OperatorWithoutId:
    operator: Operator
    centre: Centre
    record: OperatorId | None  # the application, if there is one (pending or rejected)


def centres_without_id(
    *, user: Any, id_code: str, premises: str = "", area: int | None = None
) -> QuerySet[Centre]:
    """Working centres (active or suspended) whose operator holds no issued ID of ``id_code``.

    "Operators sitting in panchayat bhawans without a JharSeva ID" is
    ``premises="panchayat_bhawan", id_code="jharseva"``.
    """
    centres = (
        Centre.objects.visible_to(user)
        .filter(status__in=[CentreStatus.ACTIVE, CentreStatus.SUSPENDED], operator__isnull=False)
        .exclude(holds_issued_id(id_code))
        .select_related("operator", "area")
        .order_by("area__path", "code")
    )
    if premises:
        centres = centres.filter(premises=premises)
    if area:
        chosen = Area.objects.visible_to(user).filter(pk=area).first()
        centres = centres.under(chosen.path) if chosen else centres.none()
    return centres


def with_id_records(centres: Any, id_code: str) -> list[OperatorWithoutId]:
    """Each centre of a (page of the) list above with its operator's application, if any."""
    rows = list(centres)
    records = {
        r.operator_id: r
        for r in OperatorId.objects.filter(
            operator_id__in=[c.operator_id for c in rows], id_type__code=id_code
        )
    }
    return [
        OperatorWithoutId(operator=c.operator, centre=c, record=records.get(c.operator_id))
        for c in rows
    ]


def operators_without_id(
    *, user: Any, id_code: str, premises: str = "", area: int | None = None
) -> list[OperatorWithoutId]:
    """All of ``centres_without_id`` with their applications (for exports and checks)."""
    centres = centres_without_id(user=user, id_code=id_code, premises=premises, area=area)
    return with_id_records(centres, id_code)


def pending_for(queryset: QuerySet[OperatorId], days: int) -> QuerySet[OperatorId]:
    """Of these IDs, those still applied for or under process after more than ``days`` days
    (``0``: every one still pending)."""
    cutoff = timezone.localdate() - dt.timedelta(days=days)
    return queryset.filter(
        status__in=ID_PENDING, applied_on__lt=cutoff if days else cutoff + dt.timedelta(1)
    )


def ids_pending(*, user: Any, days: int = 0, id_code: str = "") -> QuerySet[OperatorId]:
    """ID applications still applied or under process after more than ``days`` days."""
    queryset = pending_for(
        OperatorId.objects.visible_to(user)
        .select_related("operator__area", "id_type")
        .order_by("applied_on", "pk"),
        days,
    )
    if id_code:
        queryset = queryset.filter(id_type__code=id_code)
    return queryset


def panchayats_without_centre(*, user: Any, area: int | None = None) -> QuerySet[Area]:
    """Gram panchayats and wards the user sees that no active centre serves."""
    queryset = Area.objects.visible_to(user).filter(kind__in=SERVED_AREA_KINDS, is_active=True)
    if area:
        chosen = Area.objects.visible_to(user).filter(pk=area).first()
        queryset = queryset.under(chosen.path) if chosen else queryset.none()
    active_here = Centre.objects.filter(area=OuterRef("pk"), status=CentreStatus.ACTIVE)
    return queryset.exclude(Exists(active_here)).order_by("path")


def ration_dealers_pending(*, user: Any) -> QuerySet[Centre]:
    """Ration (PDS) dealers being registered as CSCs that are not active yet."""
    return (
        Centre.objects.visible_to(user)
        .filter(kind=CentreKind.PDS_DEALER, status=CentreStatus.PROPOSED)
        .select_related("area", "operator")
        .order_by("status_since", "code")
    )


# --- saved sets (targets of directives) --------------------------------------------------------


def centre_set_progress(centre_set: CentreSet) -> tuple[int, int]:
    """(how many of the set have reached the goal, how many there are), read live."""
    return centre_set.progress()


def centre_set_list(*, user: Any) -> QuerySet[CentreSet]:
    return CentreSet.objects.visible_to(user).select_related("area", "goal_id_type")


def centre_set_get(*, user: Any, pk: int) -> CentreSet:
    return get_object_or_404(
        CentreSet.objects.visible_to(user).select_related("area", "goal_id_type"), pk=pk
    )


# --- quotas, draws and inspections -------------------------------------------------------------


@dataclass
class QuotaProgress:
    quota: InspectionQuota
    start: dt.date
    end: dt.date
    done: int
    draw: Draw | None
    holders: list[str] = field(default_factory=list)

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.done / self.quota.count)) if self.quota.count else 0

    @property
    def remaining(self) -> int:
        return max(0, self.quota.count - self.done)


def quota_progress(
    *, user: Any, on: dt.date | None = None, mine: bool = False
) -> list[QuotaProgress]:
    """Every visible quota with centres inspected this period and the period's draw (3 queries)."""
    day = on or timezone.localdate()
    quotas = list(
        InspectionQuota.objects.visible_to(user)
        .filter(is_active=True)
        .select_related("post__designation", "post__area", "area")
        .prefetch_related("post__holdings__user")
    )
    if mine:
        held = held_post_ids(user)
        quotas = [q for q in quotas if q.post_id in held]
    bounds = {q.pk: period_bounds(q.period, day) for q in quotas}
    condition = Q(pk__in=[])
    for quota in quotas:
        start, end = bounds[quota.pk]
        condition |= Q(post_id=quota.post_id, visited_on__gte=start, visited_on__lte=end)
    # Centres (not visits) count: a centre inspected twice in a period counts once.
    done: dict[int, set[int]] = {q.pk: set() for q in quotas}
    rows = Inspection.objects.filter(condition).values_list("post_id", "visited_on", "centre_id")
    for post_id, visited_on, centre_id in rows:
        for quota in quotas:
            start, end = bounds[quota.pk]
            if quota.post_id == post_id and start <= visited_on <= end:
                done[quota.pk].add(centre_id)
    draws = {
        (d.post_id, d.period_start): d
        for d in Draw.objects.filter(
            post_id__in=[q.post_id for q in quotas],
            period_start__in={b[0] for b in bounds.values()},
        )
    }
    result = []
    for quota in quotas:
        start, end = bounds[quota.pk]
        holders = [h.user.label for h in quota.post.holdings.all() if h.is_current(day)]
        result.append(
            QuotaProgress(
                quota=quota,
                start=start,
                end=end,
                done=len(done[quota.pk]),
                draw=draws.get((quota.post_id, start)),
                holders=holders,
            )
        )
    return result


def quota_get(*, user: Any, pk: int) -> InspectionQuota:
    return get_object_or_404(
        InspectionQuota.objects.visible_to(user).select_related("post__designation", "post__area"),
        pk=pk,
    )


def draw_get(*, user: Any, pk: int) -> Draw:
    return get_object_or_404(
        Draw.objects.visible_to(user).select_related("post__designation", "post__area", "area"),
        pk=pk,
    )


def draw_items(*, draw: Draw) -> list[DrawItem]:
    """The drawn centres in order, each with the inspection made of it (if any)."""
    return list(
        draw.items.select_related("centre__area", "centre__operator").prefetch_related(
            Prefetch("inspections", queryset=Inspection.objects.order_by("-visited_on"))
        )
    )


def draw_list(*, user: Any) -> QuerySet[Draw]:
    return (
        Draw.objects.visible_to(user)
        .select_related("post__designation", "post__area", "drawn_by")
        .annotate(done=Count("items__inspections__centre", distinct=True))
    )


def inspection_list(
    *, user: Any, centre: Centre | None = None, awaiting: bool = False
) -> QuerySet[Inspection]:
    queryset = Inspection.objects.visible_to(user).select_related(
        "centre__area", "inspector", "post__designation", "post__area"
    )
    if centre is not None:
        queryset = queryset.filter(centre=centre)
    if awaiting:
        queryset = queryset.filter(decision=Decision.PENDING)
    return queryset.order_by("-visited_on", "-pk")


def inspection_get(*, user: Any, pk: int) -> Inspection:
    return get_object_or_404(
        Inspection.objects.visible_to(user)
        .select_related(
            "centre__area",
            "centre__operator",
            "inspector",
            "decided_by",
            "fine_waived_by",
            "post__designation",
            "post__area",
        )
        .prefetch_related("photos"),
        pk=pk,
    )


def inspection_photo_get(*, user: Any, pk: int) -> InspectionPhoto:
    """A photo of an inspection the user may see (404 otherwise)."""
    return get_object_or_404(
        InspectionPhoto.objects.filter(inspection__in=Inspection.objects.visible_to(user)), pk=pk
    )


# --- the home page -----------------------------------------------------------------------------


@dataclass
class BlockRow:
    area: Area
    counts: dict[str, int]
    panchayats: int
    served: int

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class CentreSummary:
    blocks: list[BlockRow]
    panchayats: int
    served: int
    quotas: list[QuotaProgress]
    ids_pending: int
    ids_pending_long: int
    awaiting_decision: int

    @property
    def is_empty(self) -> bool:
        """Nothing to show: no panchayat, centre, quota, pending ID or inspection to decide."""
        return not (
            self.panchayats
            or self.quotas
            or self.ids_pending
            or self.awaiting_decision
            or any(row.total for row in self.blocks)
        )

    @property
    def served_percent(self) -> int:
        return round(100 * self.served / self.panchayats) if self.panchayats else 0

    @property
    def totals(self) -> dict[str, int]:
        result = dict.fromkeys(CentreStatus.values, 0)
        for row in self.blocks:
            for key, value in row.counts.items():
                result[key] += value
        return result


def centre_summary(*, user: Any, today: dt.date | None = None) -> CentreSummary | None:
    """Centres by status per block, panchayats served, inspections against quota, IDs pending.

    None for users who neither see, manage nor inspect centres (an operator has their own
    centre instead). A fixed number of queries.
    """
    if not any(
        user_can(user, c)
        for c in (Capability.CENTRES_VIEW, Capability.CENTRES_MANAGE, Capability.CENTRES_INSPECT)
    ):
        return None
    day = today or timezone.localdate()
    blocks = list(
        Area.objects.visible_to(user)
        .filter(kind__in=[AreaKind.BLOCK, AreaKind.MUNICIPALITY], is_active=True)
        .order_by("path")[:60]
    )
    rows = {b.path: BlockRow(b, dict.fromkeys(CentreStatus.values, 0), 0, 0) for b in blocks}
    prefix = {len(p) for p in rows}

    def block_of(path: str) -> BlockRow | None:
        for length in prefix:
            row = rows.get(path[:length])
            if row is not None:
                return row
        return None

    for path, status, count in (
        Centre.objects.visible_to(user)
        .values_list("area__path", "status")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        row = block_of(path)
        if row is not None:
            row.counts[status] += count
    active_here = Centre.objects.filter(area=OuterRef("pk"), status=CentreStatus.ACTIVE)
    panchayats = served = 0
    for path, has_centre in (
        Area.objects.visible_to(user)
        .filter(kind__in=SERVED_AREA_KINDS, is_active=True)
        .annotate(served=Exists(active_here))
        .values_list("path", "served")
    ):
        panchayats += 1
        served += bool(has_centre)
        row = block_of(path)
        if row is not None:
            row.panchayats += 1
            row.served += bool(has_centre)
    pending = OperatorId.objects.visible_to(user).filter(status__in=ID_PENDING)
    ids = pending.aggregate(
        total=Count("pk"),
        long=Count("pk", filter=Q(applied_on__lt=day - dt.timedelta(days=30))),
    )
    return CentreSummary(
        blocks=list(rows.values()),
        panchayats=panchayats,
        served=served,
        quotas=quota_progress(user=user, on=day),
        ids_pending=ids["total"],
        ids_pending_long=ids["long"],
        awaiting_decision=Inspection.objects.visible_to(user)
        .filter(decision=Decision.PENDING)
        .count(),
    )


def my_centres(*, user: Any) -> list[Centre]:
    """The centres the user runs as their operator (a kiosk operator's home page)."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        Centre.objects.visible_to(user).filter(operator__user=user).select_related("area")[:10]
    )


@dataclass
class CentresHome:
    """The home page's centres: the user's own work first (the centres they run; the
    inspections their posts owe this period; recommendations they may decide), then the
    figures of their areas (``summary``)."""

    my_centres: list[Centre]
    my_quotas: list[QuotaProgress]
    to_decide: int
    summary: CentreSummary | None

    @property
    def inspections_due(self) -> int:
        return sum(q.remaining for q in self.my_quotas)


def home_section(*, user: Any, today: dt.date | None = None) -> CentresHome | None:
    """What the home page shows of centres, or None for a user with nothing here."""
    summary = centre_summary(user=user, today=today)
    if summary is not None and summary.is_empty:
        summary = None  # areas without panchayats or centres (a circle): zeros would mislead
    held = held_post_ids(user) if summary is not None else set()
    section = CentresHome(
        my_centres=my_centres(user=user),
        my_quotas=[q for q in summary.quotas if q.quota.post_id in held] if summary else [],
        to_decide=summary.awaiting_decision
        if summary is not None and user_can(user, Capability.CENTRES_APPROVE)
        else 0,
        summary=summary,
    )
    if not (section.my_centres or summary):
        return None
    return section


# --- the public locator ------------------------------------------------------------------------


def locator_choices(
    *, district: int | None, block: int | None
) -> tuple[list[Area], list[Area], list[Area]]:
    """Districts, the chosen district's blocks and the chosen block's panchayats and wards."""
    districts = list(Area.objects.filter(kind=AreaKind.DISTRICT, is_active=True).order_by("name"))
    blocks: list[Area] = []
    panchayats: list[Area] = []
    chosen_district = next((d for d in districts if d.pk == district), None)
    if chosen_district is not None:
        blocks = list(
            Area.objects.under(chosen_district.path)
            .filter(kind__in=[AreaKind.BLOCK, AreaKind.MUNICIPALITY], is_active=True)
            .order_by("name")
        )
        chosen_block = next((b for b in blocks if b.pk == block), None)
        if chosen_block is not None:
            panchayats = list(
                Area.objects.under(chosen_block.path)
                .filter(kind__in=SERVED_AREA_KINDS, is_active=True)
                .order_by("name")
            )
    return districts, blocks, panchayats


def locator_centres(*, area: Area | None, q: str = "") -> QuerySet[Centre]:
    """Active centres under the chosen area, with their services; nothing until one is chosen."""
    if area is None:
        return Centre.objects.none()
    queryset = (
        Centre.objects.listed_publicly()
        .under(area.path)
        .select_related("area")
        .prefetch_related("services")
        .order_by("area__name", "name", "pk")
    )
    if q:
        queryset = queryset.filter(Q(name__icontains=q) | Q(name_hi__icontains=q))
    return queryset


def home_context(*, user: Any) -> dict[str, Any]:
    """The home page's centres: the user's own work and their areas' figures (the registry's
    home_section)."""
    home = home_section(user=user)
    return {
        "work_centres": home,
        "centres": home.summary if home else None,
        "centre_statuses": CentreStatus.choices,
    }


def inspection_parts(actor: Any, inspection: Inspection) -> set[str]:
    """What the actor may do to an inspection: "decide" while a recommendation waits,
    "waive_fine" while a fine is in force."""
    parts = set()
    approver = user_can(actor, Capability.CENTRES_APPROVE, inspection.centre.area)
    if inspection.decision == Decision.PENDING and approver:
        parts.add("decide")
    if inspection.fine_in_force and approver:
        parts.add("waive_fine")
    return parts
