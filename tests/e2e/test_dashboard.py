"""The DC's dashboard in a real browser, on the demo district (issue 18's "done when"): the DC
of Jamtara opens the dashboard, follows the pending-beyond-limit figure from the overdue block
to the ranking of the blocks and from Nala's figure to Nala's pending applications, and the
list holds exactly those. The page is looked at 1280 and 360 px wide, in English and Hindi:
charts drawn, no sideways scroll on a phone, the menu still one line at 1280 px."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.utils import timezone

from tests.e2e.demo_rows import first
from tests.e2e.test_accessibility import LANGUAGES, _menu_fits, _signed_in

pytestmark = pytest.mark.e2e

DC = "dc.jamtara"

NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
CHARTS_DRAWN = """
() => [...document.querySelectorAll('canvas[data-degs-chart]')].map(
  c => Boolean(window.Chart && window.Chart.getChart(c)) && c.getBoundingClientRect().width > 0)
"""


@pytest.fixture
def jamtara(db: None) -> Any:
    """The demo, as tests/e2e/test_accessibility.py loads it, with the programme figures."""
    from degs.accounts.demo import load_users
    from degs.applications.demo import load_applications_demo
    from degs.catalogue.demo import load_catalogue_demo
    from degs.centres.demo import load_centres_demo
    from degs.connectivity.demo import load as load_connectivity_demo
    from degs.core.registry import degs_app, load
    from degs.directory.demo import load_demo
    from degs.directory.models import Area
    from degs.reviews.demo import load_reviews_demo

    load_demo()
    load_users()
    load_reviews_demo()
    load_centres_demo()
    load_catalogue_demo()
    load_applications_demo()
    load_connectivity_demo()
    for label in ("rollouts", "assets", "finance", "indicators"):
        load(degs_app(label).demo_loader)()
    return first(Area, kind="district", name="Jamtara")


@pytest.mark.django_db(transaction=True)
def test_dc_follows_pending_beyond_limit_to_nalas_applications(  # type: ignore[no-untyped-def]
    browser, live_server, jamtara, screenshot_dir
) -> None:
    from degs.applications.models import Application
    from degs.directory.models import Area

    nala = first(Area, kind="block", name="Nala", path__startswith=jamtara.path)
    today = timezone.localdate()
    # Counted here from the applications themselves: open, and due before today.
    expected = set(
        Application.objects.filter(block=nala, is_open=True, due_date__lt=today).values_list(
            "pk", flat=True
        )
    )
    assert expected, "the demo has no application of Nala pending beyond its limit"

    context, page = _signed_in(browser, live_server, DC, "en", 1280)
    # given the DC's dashboard: Jamtara's, with the overdue block on top
    page.goto(live_server.url + "/dashboard/")
    assert "Jamtara" in page.locator("h1").inner_text()
    card = page.locator(".degs-overdue", has=page.locator("#overdue-services_pending_late"))
    district_count = card.locator("[data-overdue=services_pending_late]").inner_text()
    # when the DC follows the figure down to the blocks, then Nala's figure to its rows
    card.get_by_role("link", name="Blocks ranked").click()
    page.wait_for_url("**/indicator/services_pending_late/**")
    row = page.locator(f"tr[data-area='{nala.pk}']")
    nala_count = row.locator("[data-rows]").inner_text()
    ranked = page.locator("table[data-ranking] tbody tr th a").all_inner_texts()
    assert "Nala" in ranked and len(ranked) == 6, ranked  # Jamtara's six blocks
    page.screenshot(path=str(screenshot_dir / "dashboard-en-1280-ranking.png"), full_page=True)
    row.locator("[data-rows]").click()
    page.wait_for_url("**/applications/**")
    # then the list is Nala's pending applications past their limit, and only those
    assert f"block={nala.pk}" in page.url and "late=1" in page.url
    links = page.locator("main table tbody tr td:first-child a")
    hrefs = [links.nth(n).get_attribute("href") or "" for n in range(links.count())]
    shown = {int(m[1]) for h in hrefs if (m := re.search(r"/applications/(\d+)/", h))}
    assert len(shown) == len(hrefs), hrefs
    assert shown and shown <= expected, shown - expected
    assert len(shown) == min(len(expected), 25) or len(shown) == len(expected)
    assert int(nala_count.replace(",", "")) == len(expected)
    assert int(district_count.replace(",", "")) >= len(expected)
    context.close()
    _looked_at(browser, live_server, jamtara, screenshot_dir)


def _looked_at(browser, live_server, jamtara, screenshot_dir) -> None:  # type: ignore[no-untyped-def]
    """The dashboard and a ranking at 1280 and 360 px in both languages (one demo for both
    checks: loading it is the slow part)."""
    problems: list[str] = []
    pages = {
        "dashboard": "/dashboard/",
        "ranking": f"/dashboard/area/{jamtara.pk}/indicator/services_in_time/",
    }
    for language in LANGUAGES:
        for width in (1280, 360):
            context, page = _signed_in(browser, live_server, DC, language, width)
            for name, path in pages.items():
                page.goto(live_server.url + path)
                page.wait_for_load_state("networkidle")
                where = f"{path} [{language}, {width} px]"
                if not page.evaluate(NO_SIDEWAYS_SCROLL):
                    problems.append(f"{where}: scrolls sideways")
                if name == "dashboard":
                    drawn = page.evaluate(CHARTS_DRAWN)
                    if not drawn or not all(drawn):
                        problems.append(
                            f"{where}: {drawn.count(False)} of {len(drawn)} charts not drawn"
                        )
                    if page.locator("[data-refreshed]").inner_text().strip() == "":
                        problems.append(f"{where}: no time of the figures")
                page.screenshot(
                    path=str(screenshot_dir / f"dashboard-{language}-{width}-{name}.png"),
                    full_page=True,
                )
            context.close()
    problems += _menu_fits(browser, live_server)
    assert not problems, "\n".join(problems)
