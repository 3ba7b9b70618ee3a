"""The indicators API: data elements, indicators, values (read and write) and the maintained
figures per area and period as JSON and CSV."""

from ninja import Router

router = Router(tags=["figures"])

# --- part "values" ---
from degs.indicators.api.values import router as values_router  # noqa: E402

router.add_router("", values_router)

# --- part "figures" ---
from degs.indicators.api.figures import router as figures_router  # noqa: E402

router.add_router("", figures_router)

# --- part "catalogue" ---
from degs.indicators.api.catalogue import router as catalogue_router  # noqa: E402

router.add_router("", catalogue_router)
