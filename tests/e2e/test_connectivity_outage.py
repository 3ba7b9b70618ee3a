"""The network engineer of district A records an outage on a 360 px phone in a real browser
(the link, since when, the cause, what is wrong), sees its clocks, and closes it when the link
works again; nothing on the pages scrolls sideways. The pictures go to DEGS_SCREENSHOTS."""

from __future__ import annotations

import re

import pytest

from degs.connectivity.choices import LinkStatus, OutageStatus
from degs.connectivity.models import Outage
from tests.connectivity.conftest import net  # noqa: F401 - the links of the test world
from tests.e2e.conftest import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _no_sideways_scroll(page) -> None:  # type: ignore[no-untyped-def]
    assert page.evaluate("document.documentElement.scrollWidth") <= 360 + 1


def test_engineer_records_and_restores_an_outage_on_a_phone(
    world,
    net,  # noqa: F811 - the fixture imported above
    phone,
    screenshot_dir,
) -> None:  # type: ignore[no-untyped-def]
    sign_in(phone, "engineer_a")
    phone.goto(phone.base_url + "/network/outages/")
    _no_sideways_scroll(phone)
    phone.get_by_role("link", name="Report an outage").click()
    phone.wait_for_url("**/network/outages/new/")
    # Only the links of district A are offered; "since when" is already now.
    options = phone.locator("#id_link option").all_inner_texts()
    assert any("BN-A1-001" in o for o in options)
    assert not any("BN-B1-001" in o for o in options)
    assert phone.locator("#id_started_at").input_value()
    phone.locator("#id_link").select_option(label=next(o for o in options if "BN-A1-001" in o))
    phone.locator("#id_cause").select_option("fibre_cut")
    phone.locator("#id_description").fill("Fibre cut near the Barakar bridge")
    _no_sideways_scroll(phone)
    phone.screenshot(path=str(screenshot_dir / "outage-report-phone.png"), full_page=True)
    phone.get_by_role("button", name="Record the outage").click()
    phone.wait_for_url("**/network/outages/*/")
    outage = Outage.objects.get(link=net.link_a1)
    assert outage.status == OutageStatus.OPEN and outage.reported_by == net.engineer_a
    # "Since when" is the form's minute, so a minute may turn between the form and the page.
    assert phone.get_by_text(re.compile(r"down for [0-2] min")).is_visible()
    assert phone.get_by_text("Respond by").is_visible()
    _no_sideways_scroll(phone)
    phone.screenshot(path=str(screenshot_dir / "outage-open-phone.png"), full_page=True)
    net.link_a1.refresh_from_db()
    assert net.link_a1.status == LinkStatus.DOWN

    # The link works again: close the outage.
    phone.locator("summary", has_text="Restored").click()
    phone.locator("#restore-resolution").select_option("repaired")
    phone.locator("#restore-remark").fill("Fibre spliced by the BSNL team")
    phone.get_by_role("button", name="Close the outage").click()
    phone.get_by_text("The outage is closed: the link works again.").wait_for()
    outage.refresh_from_db()
    assert outage.status == OutageStatus.RESTORED and outage.resolution == "repaired"
    net.link_a1.refresh_from_db()
    assert net.link_a1.status == LinkStatus.ACTIVE
    assert phone.get_by_text("was down for").is_visible()
    _no_sideways_scroll(phone)
    phone.screenshot(path=str(screenshot_dir / "outage-restored-phone.png"), full_page=True)
