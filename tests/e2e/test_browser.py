"""Sign in, switch to Hindi, browse the area tree, in a real browser; screenshots are kept."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _sign_in(page, username: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(page.base_url + "/accounts/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill("secret-pass-123")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(page.base_url + "/")


def test_sign_in_switch_to_hindi_and_browse_tree(world, page, screenshot_dir) -> None:
    _sign_in(page, "dc_a")
    assert page.get_by_role("heading", name="Welcome, DC A").is_visible()
    page.screenshot(path=str(screenshot_dir / "home-en.png"), full_page=True)

    page.get_by_role("button", name="हिन्दी").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "hi"
    nav_text = (
        page.get_by_role("navigation", name="मुख्य नेविगेशन").inner_text()
        if page.get_by_role("navigation", name="मुख्य नेविगेशन").count()
        else page.locator("nav").first.inner_text()
    )
    assert any("\u0900" <= ch <= "\u097f" for ch in nav_text), nav_text
    page.screenshot(path=str(screenshot_dir / "home-hi.png"), full_page=True)

    page.goto(page.base_url + "/directory/")
    assert page.get_by_role("link", name="जिला ए").is_visible()
    # expand the district in place (htmx) and see its blocks
    page.locator(f"#area-{world.district_a.pk} button").first.click()
    page.get_by_role("link", name="प्रखंड A1").wait_for()
    assert page.get_by_role("link", name="प्रखंड A2").is_visible()
    assert page.get_by_text("प्रखंड B1").count() == 0
    # pressing again closes it
    toggle = page.locator(f"#area-{world.district_a.pk} button").first
    toggle.click()
    assert page.get_by_role("link", name="प्रखंड A1").count() == 0
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    page.get_by_role("link", name="प्रखंड A1").wait_for()
    page.screenshot(path=str(screenshot_dir / "tree-hi.png"), full_page=True)

    page.get_by_role("link", name="प्रखंड A1").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="कार्यालय और सार्वजनिक भवन").is_visible()
    assert (
        page.get_by_role("main").get_by_role("link", name="कार्यालय", exact=True).first.is_visible()
    )
    page.screenshot(path=str(screenshot_dir / "block-hi.png"), full_page=True)


def test_language_persists_after_sign_out(world, page) -> None:
    _sign_in(page, "bdo_a1")
    page.get_by_role("button", name="हिन्दी").click()
    page.wait_for_load_state()
    page.context.clear_cookies()
    _sign_in_hindi = page.goto(page.base_url + "/accounts/login/")
    assert _sign_in_hindi is not None
    page.locator("#id_username").fill("bdo_a1")
    page.locator("#id_password").fill("secret-pass-123")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(page.base_url + "/")
    assert page.locator("html").get_attribute("lang") == "hi"


def test_phone_width_has_no_horizontal_scroll(world, phone, screenshot_dir) -> None:
    _sign_in(phone, "dc_a")
    for path in ("/", "/directory/", f"/directory/areas/{world.block_a1.pk}/", "/directory/posts/"):
        phone.goto(phone.base_url + path)
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{path} is {width}px wide"
    phone.screenshot(path=str(screenshot_dir / "phone-posts.png"), full_page=True)
    # the menu opens from the toggler
    phone.get_by_role("button", name="Open the menu").click()
    phone.get_by_role("button", name="Directory").click()
    assert phone.get_by_role("link", name="Offices").is_visible()


def test_out_of_scope_page_is_not_found(world, page) -> None:
    _sign_in(page, "bdo_a1")
    response = page.goto(page.base_url + f"/directory/offices/{world.office_b1.pk}/")
    assert response is not None and response.status == 404
    assert page.get_by_role("heading", name="Not found").is_visible()
