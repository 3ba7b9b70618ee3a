"""The indicators app's pages for tests/e2e/test_accessibility.py: one address of each page with a
real object of the demo district, and the role that opens it; NOT_PAGES: its named URLs that
are not pages a person reads, and why. The roles are demo users' names. Each part keeps its
lines in its own block."""

from __future__ import annotations

from typing import Any

DC, ADMIN = "dc.jamtara", "admin"

NOT_PAGES: dict[str, str] = {}


def pages(district: Any) -> dict[str, tuple[str, str]]:
    """Named URL -> (demo user, address) of the indicators pages in ``district`` (Jamtara)."""
    pages: dict[str, tuple[str, str]] = {}
    # part "values": the entry page as the BDO of Nala (their block, last month), the values
    # of the district and the first of them with its history
    from django.urls import reverse as values_reverse

    from degs.indicators.models import DataValue
    from tests.e2e.demo_rows import first as first_row

    value = first_row(DataValue, district=district)
    pages["indicators:entry"] = ("bdo.nala", values_reverse("indicators:entry"))
    pages["indicators:value_list"] = (DC, values_reverse("indicators:value_list"))
    pages["indicators:value_detail"] = (
        DC,
        values_reverse("indicators:value_detail", args=[value.pk]),
    )
    return pages
