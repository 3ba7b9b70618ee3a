"""The circle officer's home page in a real browser, in Hindi and English, on a phone (360 px)
and a desktop (1280 px): the inbox comes first with its count past the time limit, the count
opens the inbox's past-due rows, and nothing on the page is wider than the screen."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from degs.applications.models import Application
from tests.applications.conftest import file_one
from tests.e2e.conftest import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PAST_DUE = {"en": "2 past the time limit", "hi": "2 समय सीमा पार"}
HEADING = {"en": "Applications in my inbox", "hi": "मेरे इनबॉक्स के आवेदन"}


@pytest.mark.parametrize("language", ["hi", "en"])
@pytest.mark.parametrize("screen", ["phone", "page"])
def test_the_circle_officers_home_shows_the_queue_first(  # type: ignore[no-untyped-def]
    world, apps, request, screen, language, screenshot_dir
) -> None:
    filed = [file_one(world, apps) for _ in range(3)]
    past = timezone.localdate() - dt.timedelta(days=2)
    Application.objects.filter(pk__in=[filed[0].pk, filed[1].pk]).update(
        step_due=past, due_date=past
    )
    apps.co_a1.language = language
    apps.co_a1.save()
    page = request.getfixturevalue(screen)
    sign_in(page, "co_a1")
    main = page.locator("main")
    first_heading = main.locator("h2").first.inner_text()
    assert main.locator("h3").first.inner_text() == HEADING[language], first_heading
    link = main.get_by_role("link", name=PAST_DUE[language])
    assert link.is_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], width
    page.screenshot(path=str(screenshot_dir / f"home-co-{screen}-{language}.png"), full_page=True)
    link.click()
    page.wait_for_url("**/applications/inbox/?due=past")
    body = main.inner_text()
    assert filed[0].number in body and filed[1].number in body
    assert filed[2].number not in body
