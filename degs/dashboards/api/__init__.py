"""The dashboards API: the dashboard's figures and the review packs, as JSON."""

from ninja import Router

router = Router(tags=["dashboards"])

# --- part "the DC's dashboard" ---
from degs.dashboards.api.dashboard import router as dashboard_router  # noqa: E402

router.add_router("", dashboard_router)
