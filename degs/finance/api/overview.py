"""The finance API's overview part: the DC's overview as figures."""

from __future__ import annotations

from ninja import Router

from degs.core.exceptions import PermissionDenied
from degs.core.permissions import require_section, user_can
from degs.core.typing import AuthedRequest
from degs.finance.schemas.overview import OverviewOut
from degs.finance.selectors.overview import overview as overview_of

router = Router(tags=["finance"])


@router.get("/overview/", response=OverviewOut, url_name="fund_overview")
def overview(request: AuthedRequest) -> object:
    """What was bought this financial year, the equipment by status and block, open and
    overdue tickets and pending technical cases, and each fund head's balance, in the caller's
    areas."""
    require_section(request.user, "finance")
    if not user_can(request.user, "finance.view"):
        raise PermissionDenied
    o = overview_of(user=request.user)
    return {
        "year_start": o.start,
        "today": o.today,
        "bought_cases": o.bought.cases,
        "bought_quantity": o.bought.quantity,
        "bought_value_paise": o.bought.value_paise,
        "bought": [
            {
                "category_id": c.category_id,
                "name": c.name,
                "cases": c.cases,
                "quantity": c.quantity,
                "value_paise": c.value_paise,
            }
            for c in o.bought.by_category
        ],
        "assets": o.assets,
        "statuses": [
            {"status": s.status, "label": s.label, "count": s.count, "value_paise": s.value_paise}
            for s in o.statuses
        ],
        "blocks": [
            {
                "block_id": b.block.pk if b.block else None,
                "name": str(b.block.label) if b.block else "",
                "count": b.count,
                "under_repair": b.broken,
            }
            for b in o.blocks
        ],
        "tickets_open": o.tickets_open,
        "tickets_overdue": o.tickets_overdue,
        "technical_cases_pending": o.technical_pending,
        "heads": [
            {
                "head_id": h.head.pk,
                "district_id": h.head.district_id,
                "code": h.head.code,
                "name": str(h.head.label),
                "balance_paise": h.balance,
            }
            for h in o.heads
        ],
        "fund_paise": o.fund_total,
    }
