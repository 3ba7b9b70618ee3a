"""The dashboards API: the dashboard's figures and the review packs, as JSON."""

from ninja import Router

router = Router(tags=["dashboards"])

# --- part "the review pack" ---
from degs.dashboards.api.packs import router as packs_router  # noqa: E402

router.add_router("", packs_router)

# --- part "the state's view" ---
from degs.dashboards.api.state import router as state_router  # noqa: E402

router.add_router("", state_router)

# --- part "the DC's dashboard" ---
from degs.dashboards.api.dashboard import router as dashboard_router  # noqa: E402

router.add_router("", dashboard_router)
