"""The dashboards' tests use the root conftest.py's ``world`` and the indicators' ``catalogue``
(the demo's data elements and indicators)."""

from __future__ import annotations

from tests.indicators.conftest import catalogue  # noqa: F401 - shared fixture
