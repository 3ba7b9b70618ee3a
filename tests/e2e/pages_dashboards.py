"""The dashboards app's pages for tests/e2e/test_accessibility.py: one address of each page with a
real object of the demo district, and the role that opens it; NOT_PAGES: its named URLs that
are not pages a person reads, and why. The roles are demo users' names. Each part keeps its
lines in its own block."""

from __future__ import annotations

from typing import Any

DC, ADMIN = "dc.jamtara", "admin"

NOT_PAGES: dict[str, str] = {}


def pages(district: Any) -> dict[str, tuple[str, str]]:
    """Named URL -> (demo user, address) of the dashboards pages in ``district`` (Jamtara)."""
    pages: dict[str, tuple[str, str]] = {}
    # part "the DC's dashboard": the district's, a block's (the drill-down), the blocks ranked
    from django.urls import reverse as dashboard_reverse

    from degs.directory.models import Area as DashboardArea

    nala = DashboardArea.objects.get(parent=district, kind="block", name="Nala")
    pages["dashboards:dashboard"] = (DC, dashboard_reverse("dashboards:dashboard"))
    pages["dashboards:area"] = (DC, dashboard_reverse("dashboards:area", args=[nala.pk]))
    pages["dashboards:ranking"] = (
        DC,
        dashboard_reverse("dashboards:ranking", args=[district.pk, "services_pending_late"]),
    )
    return pages
