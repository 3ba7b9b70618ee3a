"""Programme figures in the test world (the root conftest.py's two districts).

``catalogue``: the demo's data elements and indicators (``degs.indicators.demos.elements``):
entered ones such as ``pmgdisha_trained`` (per gram panchayat, by sex, monthly),
``fps_on_epos`` (per block, a stock) and computed ones such as ``app_pending_beyond_limit``.
"""

from __future__ import annotations

import pytest

from degs.indicators.demos.elements import load_elements
from degs.indicators.models import DataElement, Indicator


@pytest.fixture
def catalogue(world) -> dict[str, DataElement | Indicator]:  # type: ignore[no-untyped-def]
    """Every data element and indicator by code (an element and an indicator may share one:
    the element is under ``element:<code>``, the indicator under ``indicator:<code>``)."""
    load_elements()
    found: dict[str, DataElement | Indicator] = {}
    for element in DataElement.objects.all():
        found[f"element:{element.code}"] = element
    for indicator in Indicator.objects.all():
        found[f"indicator:{indicator.code}"] = indicator
    return found
