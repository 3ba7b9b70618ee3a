"""The figure sources' lists in a real browser: the DC follows the "pending beyond the limit"
address of block A1 for a past month and lands on that block's applications past due then,
in Hindi and English, at 360 px and 1280 px, without sideways scrolling."""

from __future__ import annotations

import pytest

from degs.core.figures import figure_source
from tests.applications.test_figure_sources import FIRST, LAST, filed  # noqa: F401
from tests.e2e.conftest import sign_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]


@pytest.mark.parametrize("language", ["hi", "en"])
@pytest.mark.parametrize("width", [360, 1280])
def test_pending_beyond_limit_lands_on_the_blocks_list(  # type: ignore[no-untyped-def]
    world,
    filed,  # noqa: F811 - the fixture imported above
    page,
    screenshot_dir,
    language,
    width,
):
    world.dc_a.language = language
    world.dc_a.save(update_fields=["language"])
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, world.dc_a.username)
    source = figure_source("applications.pending_beyond_limit")
    assert source is not None and source.rows is not None
    page.goto(page.base_url + source.rows(world.block_a1, FIRST, LAST))
    # one application behind the figure: a2, filed on 31-08-2025
    rows = page.locator("table tbody tr")
    assert rows.count() == 1
    assert filed["a2"].number in rows.first.inner_text()
    banner = "30-09-2025"
    assert banner in page.locator("main, body").first.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
    page.screenshot(
        path=str(screenshot_dir / f"figure-rows-pending-{language}-{width}.png"), full_page=True
    )
