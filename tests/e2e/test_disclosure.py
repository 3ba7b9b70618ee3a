"""The application's page in a real browser as the read-only viewer (limited: masked, "not
shown", documents by name only) and as the operator who filed it (whole), in Hindi and
English, on a phone and a desktop (docs/accounts.md: who sees citizens' applications)."""

from __future__ import annotations

import pytest

from degs.accounts.roles import Role
from tests.applications.conftest import file_one
from tests.e2e.conftest import sign_in
from tests.factories import UserFactory, grant

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["hi", "en"])
@pytest.mark.parametrize("width", [360, 1280])
def test_the_viewer_sees_masked_and_the_operator_whole(  # type: ignore[no-untyped-def]
    world, apps, browser, live_server, screenshot_dir, language, width
) -> None:
    application = file_one(world, apps)
    viewer = UserFactory(username="viewer_a", full_name="Viewer A", language=language)
    grant(viewer, Role.VIEWER, world.district_a)
    world.operator_a1.language = language
    world.operator_a1.save()
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.base_url = live_server.url
    url = f"{live_server.url}/applications/{application.pk}/"
    words = {
        "hi": {"not_shown": "नहीं दिखाया गया", "proof": "पहचान का प्रमाण"},
        "en": {"not_shown": "not shown", "proof": "Proof of identity"},
    }[language]

    sign_in(page, "viewer_a")
    page.goto(url)
    body = page.locator("main").inner_text()
    assert "XXXXXX1234" in body and "9876501234" not in body
    assert "XX-XX-1990" in body and "रामेश्वर" not in body
    assert words["not_shown"] in body and words["proof"] in body
    assert page.locator("a[href*='/documents/']").count() == 0
    if language == "hi":
        assert "not shown" not in body and "Personal details" not in body
    page.screenshot(
        path=str(screenshot_dir / f"application-viewer-{language}-{width}.png"), full_page=True
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    sign_in(page, "operator_a1")
    page.goto(url)
    body = page.locator("main").inner_text()
    assert "9876501234" in body and "रामेश्वर महतो" in body
    assert words["not_shown"] not in body
    assert page.locator("a[href*='/documents/']").count() == 2
    page.screenshot(
        path=str(screenshot_dir / f"application-operator-{language}-{width}.png"), full_page=True
    )
    context.close()
