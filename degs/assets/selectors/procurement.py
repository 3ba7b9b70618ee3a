"""Reads of the procurement part: the cases a user sees, one case with its quotes and events,
and what was bought in a period (the DC's "what was bought" figures)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, QuerySet, Sum
from django.shortcuts import get_object_or_404

from degs.assets.choices import CaseStatus
from degs.assets.models import Asset, CaseEvent, ProcurementCase, Quote

# The statuses of a case whose goods have come: delivered, and closed after delivery.
BOUGHT = (CaseStatus.DELIVERED, CaseStatus.CLOSED)


def case_list(*, user: Any) -> QuerySet[ProcurementCase]:
    """The procurement cases of the user's areas, newest first."""
    return ProcurementCase.objects.visible_to(user).select_related(
        "area", "category", "supplier", "created_by"
    )


def case_get(*, user: Any, pk: int) -> ProcurementCase:
    """One case in the user's areas (404 outside them, as a missing one)."""
    return get_object_or_404(case_list(user=user), pk=pk)


def case_quotes(*, case: ProcurementCase) -> list[Quote]:
    """The case's quotes, lowest first."""
    return list(case.quotes.order_by("amount_paise", "pk"))


def case_events(*, case: ProcurementCase) -> QuerySet[CaseEvent]:
    return case.events.select_related("actor").order_by("-at", "-pk")


def case_assets(*, case: ProcurementCase) -> QuerySet[Asset]:
    """The assets the case's delivery put into the register."""
    return case.assets.select_related("model", "office").order_by("tag")


def order_event(*, case: ProcurementCase) -> CaseEvent | None:
    """The event of the case's order (its ``data`` holds the bid or reverse auction number)."""
    return case.events.filter(action="order").order_by("-at", "-pk").first()


@dataclass(frozen=True)
class CategoryBought:
    """One category's line of :func:`bought_in_period`."""

    category_id: int | None
    name: str
    name_hi: str
    cases: int
    quantity: int
    value_paise: int


@dataclass(frozen=True)
class Bought:
    """What was bought in a period: the cases delivered, their order value (paise), the items
    they brought, and the same per category (largest value first; cases without a category
    last, ``category_id`` None)."""

    start: dt.date
    end: dt.date
    cases: int
    quantity: int
    value_paise: int
    by_category: list[CategoryBought] = field(default_factory=list)


def bought_in_period(user: Any, start: dt.date, end: dt.date) -> Bought:
    """The "what was bought" figures of the cases ``user`` sees that were delivered between
    ``start`` and ``end`` (both days included), whether closed since or not; a cancelled
    case counts nothing. Value is the order value (what was paid), not the estimate. Two
    queries, whatever the number of cases."""
    rows = case_list(user=user).filter(
        status__in=BOUGHT, delivered_on__gte=start, delivered_on__lte=end
    )
    total = rows.aggregate(cases=Count("pk"), quantity=Sum("quantity"), value=Sum("order_paise"))
    lines = (
        rows.values("category_id", "category__name", "category__name_hi")
        .annotate(cases=Count("pk"), quantity=Sum("quantity"), value=Sum("order_paise"))
        .order_by()
    )
    by_category = sorted(
        (
            CategoryBought(
                category_id=line["category_id"],
                name=line["category__name"] or "",
                name_hi=line["category__name_hi"] or "",
                cases=line["cases"],
                quantity=line["quantity"] or 0,
                value_paise=line["value"] or 0,
            )
            for line in lines
        ),
        key=lambda c: (c.category_id is None, -c.value_paise, c.name),
    )
    return Bought(
        start=start,
        end=end,
        cases=total["cases"] or 0,
        quantity=total["quantity"] or 0,
        value_paise=total["value"] or 0,
        by_category=by_category,
    )


def case_areas(*, user: Any) -> QuerySet[Any]:
    """The districts where ``user`` may record a procurement case (holds ``assets.manage``)."""
    from degs.assets.workflow import MANAGE
    from degs.core.permissions import user_can
    from degs.directory.choices import AreaKind
    from degs.directory.models import Area

    districts = Area.objects.visible_to(user).filter(kind=AreaKind.DISTRICT, is_active=True)
    managed = [a.pk for a in districts if user_can(user, MANAGE, a)]
    return Area.objects.filter(pk__in=managed).order_by("name")


def delivery_offices(*, user: Any, case: ProcurementCase) -> QuerySet[Any]:
    """The offices of the case's district the user sees: where the delivery may be kept."""
    from degs.directory.models import Office

    return (
        Office.objects.visible_to(user)
        .filter(area__path__startswith=case.area.path, is_active=True)
        .select_related("area")
        .order_by("area__path", "kind", "name")
    )


def delivery_models(*, case: ProcurementCase) -> QuerySet[Any]:
    """The makes and models a delivery may be of: the case's category's, or all."""
    from degs.assets.models import EquipmentModel

    models = EquipmentModel.objects.select_related("category").order_by("make", "name")
    if case.category_id is not None:
        models = models.filter(category_id=case.category_id)
    return models


def district_store(*, case: ProcurementCase) -> Any:
    """The office a delivery is kept at unless told: the district's DC office (its store)."""
    from degs.directory.choices import OfficeKind
    from degs.directory.models import Office

    return (
        Office.objects.filter(area=case.area, kind=OfficeKind.DC_OFFICE, is_active=True)
        .order_by("pk")
        .first()
    )
