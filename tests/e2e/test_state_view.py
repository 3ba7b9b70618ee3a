"""The state's view in a real browser, on the demo: Jharkhand's state admin ranks Jharkhand's
districts (never Gonda or Churu) at 1280 and 360 px in English and Hindi, with no sideways
scroll on a phone; the DC of Jamtara is told only their district is shown. Screenshots go to
``DEGS_SCREENSHOTS`` (state-<language>-<width>-<who>.png)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.test_accessibility import LANGUAGES, _signed_in

pytestmark = pytest.mark.e2e

NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= document.documentElement.clientWidth"


@pytest.fixture
def demo(db: None) -> None:
    """The directory and users of the demo with the programme figures."""
    from degs.accounts.demo import load_users
    from degs.directory.demo import load_demo
    from degs.indicators.demo import load

    load_demo()
    load_users()
    load()


@pytest.mark.django_db(transaction=True)
def test_the_state_view_at_two_widths_in_both_languages(  # type: ignore[no-untyped-def]
    browser, live_server, demo: Any, screenshot_dir
) -> None:
    problems: list[str] = []
    for language in LANGUAGES:
        for width in (1280, 360):
            for who in ("state.jharkhand", "dc.jamtara"):
                context, page = _signed_in(browser, live_server, who, language, width)
                page.goto(live_server.url + "/dashboard/state/?indicator=aadhaar_enrolments")
                page.wait_for_load_state("networkidle")
                where = f"{who} [{language}, {width} px]"
                # at 1280 px the shared top menu is the menu test's (tests/e2e/test_dashboard.py)
                if width == 360 and not page.evaluate(NO_SIDEWAYS_SCROLL):
                    problems.append(f"{where}: scrolls sideways")
                text = page.locator("main").inner_text()
                if "Gonda" in text or "गोंडा" in text or "Churu" in text:
                    problems.append(f"{where}: another state's district shown")
                if width == 360 and who == "state.jharkhand":  # a phone: a list per district
                    page.locator("main details summary").first.click()
                ranked = page.locator("main table.degs-cards tbody tr").count()
                expected = 2 if who == "state.jharkhand" else 1
                if ranked != expected:
                    problems.append(f"{where}: {ranked} districts ranked, not {expected}")
                page.screenshot(
                    path=str(screenshot_dir / f"state-{language}-{width}-{who}.png"),
                    full_page=True,
                )
                context.close()
    assert not problems, "\n".join(problems)
