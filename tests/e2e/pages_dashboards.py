"""The dashboards app's pages for tests/e2e/test_accessibility.py: one address of each page with a
real object of the demo district, and the role that opens it; NOT_PAGES: its named URLs that
are not pages a person reads, and why. The roles are demo users' names. Each part keeps its
lines in its own block."""

from __future__ import annotations

from typing import Any

DC, ADMIN = "dc.jamtara", "admin"

NOT_PAGES: dict[str, str] = {
    # part "the review pack"
    "dashboards:pack_build": "POST only: the button is on the meeting's page",
    "dashboards:pack_pdf": "a PDF download of the review pack",
}


def pages(district: Any) -> dict[str, tuple[str, str]]:
    """Named URL -> (demo user, address) of the dashboards pages in ``district`` (Jamtara)."""
    pages: dict[str, tuple[str, str]] = {}
    # part "the review pack": a pack of the district's next meeting, built by its DC
    from django.urls import reverse
    from django.utils import timezone

    from degs.accounts.models import User
    from degs.dashboards.services.packs import pack_build
    from degs.reviews.models import Meeting
    from tests.e2e.demo_rows import first

    meeting = first(
        Meeting, committee__area=district, date__gt=timezone.localdate(), status="scheduled"
    )
    pack = pack_build(actor=User.objects.get(username=DC), meeting=meeting)
    pages["dashboards:pack_detail"] = (DC, reverse("dashboards:pack_detail", args=[pack.pk]))
    # part "the DC's dashboard": the district's, a block's (the drill-down), the blocks ranked
    from django.urls import reverse as dashboard_reverse

    from degs.directory.models import Area as DashboardArea

    nala = DashboardArea.objects.get(path__startswith=district.path, kind="block", name="Nala")
    pages["dashboards:dashboard"] = (DC, dashboard_reverse("dashboards:dashboard"))
    pages["dashboards:area"] = (DC, dashboard_reverse("dashboards:area", args=[nala.pk]))
    pages["dashboards:ranking"] = (
        DC,
        dashboard_reverse("dashboards:ranking", args=[district.pk, "services_pending_late"]),
    )
    # part "the state's view": Jharkhand's districts ranked, as its state admin sees them
    pages["dashboards:state"] = ("state.jharkhand", "/dashboard/state/")
    return pages
