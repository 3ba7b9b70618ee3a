"""The catalogue in a real browser: the DC of district A sets a target on a 360 px phone from
the indicator's page, then a directive follows it; the indicator list, an element's page and the
target's page at 360 and 1280 px in English and Hindi, with no sideways scroll.
Screenshots go to DEGS_SCREENSHOTS."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from degs.indicators.models import Target
from tests.e2e.conftest import sign_in
from tests.indicators.conftest import catalogue  # noqa: F401 - the demo's elements and indicators

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _no_sideways_scroll(page, width: int) -> None:  # type: ignore[no-untyped-def]
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1


def _shots(page, screenshot_dir, name: str, width: int) -> None:  # type: ignore[no-untyped-def]
    for language in ("en", "hi"):
        page.context.add_cookies(
            [{"name": "degs_language", "value": language, "url": page.base_url}]
        )
        page.reload()
        _no_sideways_scroll(page, width)
        page.screenshot(
            path=str(screenshot_dir / f"catalogue-{name}-{width}-{language}.png"), full_page=True
        )
    page.context.add_cookies([{"name": "degs_language", "value": "en", "url": page.base_url}])
    page.reload()


def test_the_dc_sets_a_target_and_a_directive_follows_it(
    world,
    catalogue,  # noqa: F811 - the fixture imported above
    browser,
    live_server,
    screenshot_dir,
) -> None:
    from degs.reviews import services as reviews

    committee = reviews.committee_create(
        actor=None, area=world.district_a, kind="executive", name="DeGS", chair_post=world.post_dc_a
    )
    meeting = reviews.meeting_create(actor=None, committee=committee, date=timezone.localdate())
    reviews.directive_create(
        actor=None,
        meeting=meeting,
        text="Every block to enrol 300 children in Aadhaar",
        lead_post=world.post_bdo_a1,
        deadline_phrase="within a month",
    )
    indicator = catalogue["indicator:aadhaar_enrolments"]
    element = catalogue["element:pmgdisha_enrolled"]
    for width, height in ((360, 740), (1280, 900)):
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        page.set_default_timeout(15000)
        page.base_url = live_server.url
        sign_in(page, "dc_a")
        page.goto(live_server.url + "/figures/indicators/")
        expect(page.get_by_role("link", name="Aadhaar enrolments").first).to_be_visible()
        _shots(page, screenshot_dir, "indicators", width)
        page.goto(live_server.url + f"/figures/elements/{element.pk}/")
        _shots(page, screenshot_dir, "element", width)
        page.goto(live_server.url + f"/figures/indicators/{indicator.pk}/")
        if width == 360:
            page.select_option("#id_area", str(world.district_a.pk))
            page.fill("#id_period", "2026-04")
            page.fill("#id_value", "300")
            page.get_by_role("button", name="Save the target").click()
            expect(page.get_by_text("The target is saved.")).to_be_visible()
            page.select_option("#id_directive", index=1)
            page.get_by_role("button", name="Let the directive follow this target").click()
            expect(page.get_by_text("The directive now follows this target.")).to_be_visible()
        else:
            page.goto(live_server.url + f"/figures/targets/{Target.objects.get().pk}/")
        _shots(page, screenshot_dir, "target", width)
        context.close()
    target = Target.objects.get()
    assert (target.area, target.value, target.set_by) == (
        world.district_a,
        Decimal(300),
        world.dc_a,
    )
