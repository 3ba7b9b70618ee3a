"""The assets app's block of the home page: one function per part, each a section of the
dict (``register``: the register's figures; the tickets part adds its queue). The block is
``assets/home_block.html``, which includes each part's partial."""

from __future__ import annotations

from typing import Any

from django.db.models import Count

from degs.assets.choices import AssetStatus
from degs.assets.models import Asset
from degs.assets.selectors.register import financial_year, verified_in
from degs.core.permissions import user_may_open


def register_home(*, user: Any) -> dict[str, Any]:
    """Assets by status in the user's areas (one query), and how many of them are not
    verified this financial year (disposed ones are not verified)."""
    year = financial_year()
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
        "year": f"{year}-{(year + 1) % 100:02d}",
    }


def home_context(*, user: Any) -> dict[str, Any]:
    """The home page's equipment block (the registry's ``home_section``), for those who may
    open the section."""
    if not user_may_open(user, "assets"):
        return {}
    return {
        "assets_register": register_home(user=user),
        "template": "assets/home_block.html",
    }
