"""The indicators app's pages for tests/e2e/test_accessibility.py: one address of each page with a
real object of the demo district, and the role that opens it; NOT_PAGES: its named URLs that
are not pages a person reads, and why. The roles are demo users' names. Each part keeps its
lines in its own block."""

from __future__ import annotations

from typing import Any

DC, ADMIN = "dc.jamtara", "admin"

NOT_PAGES: dict[str, str] = {
    # part "catalogue"
    "indicators:target_follow": "POST from the target's page",
    "indicators:import_values_apply": "POST from the import page's dry run",
    "indicators:import_values_progress": "a fragment the import page polls",
    "indicators:import_values_template": "an empty CSV or Excel file",
}


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
    # part "catalogue": the indicators and data elements (the state's lists) with their pages
    # and forms (the forms as the state's administrator), a target of the district, the form
    # that sets one, and the import of figures
    from django.urls import reverse as catalogue_reverse

    from degs.indicators.models import DataElement, Indicator, Target

    indicator = first_row(Indicator, code="services_pending_late")
    element = first_row(DataElement, code="pmgdisha_enrolled")
    target = first_row(Target, area=district)
    for name, who, args in [
        ("indicators:indicator_list", DC, []),
        ("indicators:indicator_detail", DC, [indicator.pk]),
        ("indicators:indicator_create", ADMIN, []),
        ("indicators:indicator_edit", ADMIN, [indicator.pk]),
        ("indicators:element_list", DC, []),
        ("indicators:element_detail", DC, [element.pk]),
        ("indicators:element_create", ADMIN, []),
        ("indicators:element_edit", ADMIN, [element.pk]),
        ("indicators:target_set", DC, [indicator.pk]),
        ("indicators:target_detail", DC, [target.pk]),
        ("indicators:import_values", DC, []),
    ]:
        pages[name] = (who, catalogue_reverse(name, args=args))
    return pages
