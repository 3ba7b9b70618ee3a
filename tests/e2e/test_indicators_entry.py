"""The block officer of A1 reports last month's figures on a 360 px phone: the home page names
the two fair-price-shop figures their post owes for block A1, the link opens the entry page on
block A1 and last month; they type 14 shops and 9 on ePoS, save, and see both kept (and the home
page owing nothing for them). Then the panchayat of A1: women 6, men 4, transgender persons 0.
Worked by hand: 2 + 3 = 5 values, each version 1, entered by the BDO through the form.
Screenshots (360 and 1280 px, English and Hindi) go to DEGS_SCREENSHOTS."""

from __future__ import annotations

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from degs.indicators.choices import Origin
from degs.indicators.demos.elements import load_elements
from degs.indicators.models import DataElement, DataValue
from degs.indicators.periods import Period
from tests.e2e.conftest import sign_in

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
            path=str(screenshot_dir / f"values-{name}-{width}-{language}.png"), full_page=True
        )
    page.context.add_cookies([{"name": "degs_language", "value": "en", "url": page.base_url}])
    page.reload()


def test_block_officer_enters_a_months_figures_on_a_phone(
    world, phone, page, screenshot_dir
) -> None:
    load_elements()
    last = Period.current().previous()
    fps_total = DataElement.objects.get(code="fps_total")
    fps_epos = DataElement.objects.get(code="fps_on_epos")
    trained = DataElement.objects.get(code="pmgdisha_trained")

    sign_in(phone, "bdo_a1")
    owed = phone.locator("section[aria-labelledby=figures-owed]")
    expect(owed).to_contain_text("Fair-price shops on ePoS")
    expect(owed).to_contain_text("1 of 1 not reported")
    _no_sideways_scroll(phone, 360)
    owed.get_by_role("link", name="Enter Fair-price shops on ePoS").click()
    expect(phone.locator("h2")).to_contain_text(f"Block A1 · {last.label}")
    phone.locator(f"#id_v_{fps_total.pk}_total").fill("14")
    phone.locator(f"#id_v_{fps_epos.pk}_total").fill("9")
    _no_sideways_scroll(phone, 360)
    phone.get_by_role("button", name="Save figures").click()
    expect(phone.locator(".alert-success")).to_contain_text("Figures saved: 2.")
    expect(phone.locator(f"#id_v_{fps_total.pk}_total")).to_have_value("14")
    expect(phone.locator(f"#id_v_{fps_epos.pk}_total")).to_have_value("9")
    _shots(phone, screenshot_dir, "entry-block", 360)

    # the panchayat of A1, picked on the same page
    phone.locator("#id_area").select_option(str(world.gp_a1.pk))
    phone.get_by_role("button", name="Show").click()
    for category, number in (("female", "6"), ("male", "4"), ("transgender", "0")):
        phone.locator(f"#id_v_{trained.pk}_{category}").fill(number)
    phone.get_by_role("button", name="Save figures").click()
    expect(phone.locator(".alert-success")).to_contain_text("Figures saved: 3.")
    expect(phone.locator(f"#id_v_{trained.pk}_transgender")).to_have_value("0")
    _shots(phone, screenshot_dir, "entry-panchayat", 360)

    got = {
        (v.element_id, v.area_id, v.category): (v.value, v.version, v.origin, v.entered_by_id)
        for v in DataValue.objects.filter(period_start=last.start)
    }
    bdo = world.bdo_a1.pk
    assert got == {
        (fps_total.pk, world.block_a1.pk, ""): (Decimal(14), 1, Origin.FORM, bdo),
        (fps_epos.pk, world.block_a1.pk, ""): (Decimal(9), 1, Origin.FORM, bdo),
        (trained.pk, world.gp_a1.pk, "female"): (Decimal(6), 1, Origin.FORM, bdo),
        (trained.pk, world.gp_a1.pk, "male"): (Decimal(4), 1, Origin.FORM, bdo),
        (trained.pk, world.gp_a1.pk, "transgender"): (Decimal(0), 1, Origin.FORM, bdo),
    }

    # the home page owes nothing more for the block
    phone.goto(phone.base_url + "/")
    expect(phone.locator("section[aria-labelledby=figures-owed]")).not_to_contain_text(
        "not reported"
    )

    # the values list at 1280 px, as the DC of district A
    sign_in(page, "dc_a")
    page.goto(page.base_url + "/figures/values/")
    expect(page.locator("table")).to_contain_text("Panchayat A1")
    _shots(page, screenshot_dir, "list", 1280)
    page.goto(page.base_url + f"/figures/entry/?area={world.gp_a1.pk}&period={last.code}")
    _shots(page, screenshot_dir, "entry-panchayat", 1280)
