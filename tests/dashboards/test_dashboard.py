"""The DC's dashboard: whose area it opens on, the drill-down's scope, the words beside each
figure (target, last period, reports), the ranking of the area's children, the overdue block,
the period, the query budget at two sizes, the API, and the Hindi page.

Figures are written by hand (``put``): the words expected come from the numbers written here,
not from the code under test."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from degs.core.figures import FigureSource
from degs.directory.choices import AreaKind
from degs.indicators.models import Figure, Indicator
from degs.indicators.periods import Period
from tests.factories import make_area
from tests.hindi_crawl import data_words, english_words, speak

pytestmark = pytest.mark.django_db

LAST = Period.current().previous()  # the dashboard's default period
BEFORE = LAST.previous()


def put(
    indicator: Any,
    area: Any,
    period: Period,
    value: str | None,
    target: str | None = None,
    *,
    expected: int = 0,
    reported: int = 0,
    late: int = 0,
    is_demo: bool = False,
    at: dt.datetime | None = None,
) -> Figure:
    """One maintained figure, as the figures' keeper would leave it."""
    return Figure.objects.create(
        indicator=indicator,
        area=area,
        parent=area.parent,
        kind=area.kind,
        period_type=period.type,
        period_start=period.start,
        value=None if value is None else Decimal(value),
        target=None if target is None else Decimal(target),
        expected=expected,
        reported=reported,
        late=late,
        is_demo=is_demo,
        refreshed_at=at or timezone.now(),
    )


def text(response: Any) -> str:
    """The page's words, tags dropped and spaces squeezed."""
    html = response.content.decode()
    html = re.sub(r"<script.*?</script>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def ind(catalogue) -> dict[str, Indicator]:
    return {k.split(":", 1)[1]: v for k, v in catalogue.items() if k.startswith("indicator:")}


def dashboard_of(client: Any, area: Any, query: str = "") -> Any:
    return client.get(reverse("dashboards:area", args=[area.pk]) + query)


# --- whose area ------------------------------------------------------------------------------


def test_dc_opens_on_the_district_and_block_officer_on_the_block(world, client_as, ind) -> None:
    response = client_as(world.dc_a).get(reverse("dashboards:dashboard"))
    assert response.status_code == 200
    assert response.context["area"] == world.district_a
    response = client_as(world.dio_a).get(reverse("dashboards:dashboard"))
    assert response.context["area"] == world.district_a
    response = client_as(world.bdo_a1).get(reverse("dashboards:dashboard"))
    assert response.context["area"] == world.block_a1


def test_state_admin_gets_the_states_dashboard(world, client_as, ind) -> None:
    response = client_as(world.state_admin).get(reverse("dashboards:dashboard") + "?period=2026-04")
    assert response.status_code == 200
    assert response.context["area"] == world.state


def test_kiosk_operator_may_not_open_it(world, client_as, ind) -> None:
    client = client_as(world.operator_a1)
    assert client.get(reverse("dashboards:dashboard")).status_code == 403
    assert dashboard_of(client, world.gp_a1).status_code == 403


# --- scope -----------------------------------------------------------------------------------


def test_block_officer_sees_only_the_own_block(world, client_as, ind) -> None:
    client = client_as(world.bdo_a1)
    assert dashboard_of(client, world.block_a1).status_code == 200
    assert dashboard_of(client, world.gp_a1).status_code == 200
    for other in (world.block_a2, world.block_b1, world.district_a, world.gp_b1):
        assert dashboard_of(client, other).status_code == 404, other
        url = reverse("dashboards:ranking", args=[other.pk, "services_in_time"])
        assert client.get(url).status_code == 404, other


def test_dc_ranks_the_own_blocks_only(world, client_as, ind) -> None:
    # given figures for all four blocks of the state
    i = ind["services_in_time"]
    for block, value in ((world.block_a1, "70"), (world.block_a2, "90")):
        put(i, block, LAST, value, "80")
    for block in (world.block_b1, world.block_b2):
        put(i, block, LAST, "99", "80")
    client = client_as(world.dc_a)
    # when the DC of A ranks A's blocks
    response = client.get(reverse("dashboards:ranking", args=[world.district_a.pk, i.code]))
    # then A2 (90) comes before A1 (70), and nothing of district B is there
    assert response.status_code == 200
    words = text(response)
    assert words.index("Block A2") < words.index("Block A1")
    assert "Block B1" not in words and "Block B2" not in words
    assert (
        client.get(reverse("dashboards:ranking", args=[world.district_b.pk, i.code])).status_code
        == 404
    )


def test_ranking_orders_lower_is_better_ascending(world, client_as, ind) -> None:
    i = ind["services_pending_late"]  # lower is better
    put(i, world.block_a1, LAST, "3", "5")
    put(i, world.block_a2, LAST, "12", "5")
    response = client_as(world.dc_a).get(
        reverse("dashboards:ranking", args=[world.district_a.pk, i.code])
    )
    rows = [c.area for c in response.context["ranking"].children]
    assert rows == [world.block_a1, world.block_a2]
    words = text(response)
    assert "✓ reached (5)" in words and "✗ not reached (5)" in words


def test_unknown_indicator_answers_404(world, client_as, ind) -> None:
    url = reverse("dashboards:ranking", args=[world.district_a.pk, "no_such_thing"])
    assert client_as(world.dc_a).get(url).status_code == 404


# --- the words beside a figure ---------------------------------------------------------------


def test_target_last_period_and_reports_in_words(world, client_as, ind) -> None:
    a = world.district_a
    # higher is better: 82.5 against 80 reached; 85.0 last month, so down 2.5, worse
    put(ind["services_in_time"], a, LAST, "82.5", "80", is_demo=False)
    put(ind["services_in_time"], a, BEFORE, "85", "80")
    # lower is better: 12 against a limit of 10 missed; 20 last month, so down 8, better
    put(ind["services_pending_late"], a, LAST, "12", "10")
    put(ind["services_pending_late"], a, BEFORE, "20", "10")
    # reported by panchayats: 18 of 21, 2 late; no figure the month before
    put(ind["pmgdisha_trained"], a, LAST, "340", "300", expected=21, reported=18, late=2)
    # higher is better, below target, up 40 from 300: better
    put(ind["aadhaar_enrolments"], a, LAST, "340", "500", expected=2, reported=2)
    put(ind["aadhaar_enrolments"], a, BEFORE, "300", "500", expected=2, reported=2)
    response = dashboard_of(client_as(world.dc_a), a)
    assert response.status_code == 200
    board = {t.code: t for d in response.context["board"].domains for t in d.tiles}
    words = text(response)
    before = BEFORE.label
    assert "✓ Target reached (target 80.0 %)" in words
    assert f"▼ Down 2.5 from {before}: worse" in words
    assert "✗ Above the limit (limit 10 applications)" in words
    assert f"▼ Down 8 from {before}: better" in words
    assert "18 of 21 panchayats reported, 2 late" in words
    assert f"No figure for {before} to compare." in words
    assert "✗ Below target (target 500 enrolments)" in words
    assert f"▲ Up 40 from {before}: better" in words
    assert "2 of 2 blocks reported" in words
    # a figure counted from the records has no reports; an entered one with none due says so
    assert "Counted from the records." in words
    put(ind["aadhaar_updates"], a, LAST, "5")
    assert "No reports were due." in text(dashboard_of(client_as(world.dc_a), a))
    assert board["services_in_time"].reached is True
    assert board["services_pending_late"].reached is False
    assert board["services_pending_late"].better is True
    # colour follows the words: the reached target green, the missed one red
    html = response.content.decode()
    assert 'class="text-success fw-semibold" data-target="reached"' in html
    assert 'class="text-danger fw-semibold" data-target="missed"' in html


def test_domains_in_concern_order_and_trend_of_twelve(world, client_as, ind) -> None:
    a = world.district_a
    i = ind["services_in_time"]
    for n, p in enumerate(LAST.trend(12)):
        put(i, a, p, str(50 + n), "60")
    put(i, a, LAST.previous(12), "1", "60")  # thirteen months back: not in the trend
    response = dashboard_of(client_as(world.dc_a), a)
    board = response.context["board"]
    assert [d.code for d in board.domains] == [
        "centres", "services", "connectivity", "rollouts", "aadhaar", "indicators", "other",
    ]  # fmt: skip
    tile = next(t for d in board.domains for t in d.tiles if t.code == i.code)
    assert tile.chart["values"] == [float(50 + n) for n in range(12)]
    assert tile.chart["labels"][-1] == LAST.label
    html = response.content.decode()
    # the numbers reach the chart through json_script, and the same ones are in a table
    assert f'<script id="trend-{i.code}" type="application/json">' in html
    assert "chart.umd.min.js" in html and "charts.js" in html
    assert '<td class="text-end">61.0</td>' in html


def test_refreshed_time_and_demo_mark(world, client_as, ind) -> None:
    a = world.district_a
    at = dt.datetime(2026, 12, 4, 8, 35, tzinfo=dt.UTC)  # 14:05 in India
    put(ind["services_in_time"], a, LAST, "70", at=at, is_demo=True)
    put(ind["services_received"], a, LAST, "70", at=at + dt.timedelta(hours=2))
    words = text(dashboard_of(client_as(world.dc_a), a))
    assert "Figures as of 14:05, 04-12-2026 " in words  # the oldest, and no time after the day
    assert "Demo figures" in words
    put(ind["services_in_time"], world.district_b, LAST, "70")
    words = text(dashboard_of(client_as(world.state_admin), world.district_b))
    assert "Demo figures" not in words


def test_nothing_worked_out_yet(world, client_as, ind) -> None:
    words = text(dashboard_of(client_as(world.dc_a), world.district_a))
    assert "Figures not worked out yet." in words
    assert f"No figures have been worked out for {LAST.label} yet." in words


# --- period ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("", LAST),
        ("2026-10", Period.parse("2026-10")),
        ("2026-27-Q2", Period.parse("2026-27-Q2")),
        ("2025-26", Period.parse("2025-26")),
        ("not-a-period", LAST),
        ("2099-01", LAST),  # not yet begun
    ],
)
def test_period_from_the_address(world, client_as, ind, code: str, expected: Period) -> None:
    response = dashboard_of(client_as(world.dc_a), world.district_a, f"?period={code}")
    assert response.status_code == 200
    assert response.context["period"] == expected


def test_a_quarter_reads_its_own_figures(world, client_as, ind) -> None:
    quarter = Period.parse("2026-27-Q1")
    put(ind["services_in_time"], world.district_a, quarter, "77.7", "70")
    put(ind["services_in_time"], world.district_a, Period.parse("2026-06"), "11.1", "70")
    words = text(dashboard_of(client_as(world.dc_a), world.district_a, "?period=2026-27-Q1"))
    assert "77.7" in words and "11.1" not in words


def test_month_selector_offers_the_last_twelve_months(world, client_as, ind) -> None:
    response = dashboard_of(client_as(world.dc_a), world.district_a)
    codes = re.findall(r'<option value="(\d{4}-\d{2})"', response.content.decode())
    assert codes[:12] == [LAST.previous(n).code for n in range(12)]


# --- overdue and drilling to the rows ----------------------------------------------------------


@pytest.fixture
def sources(monkeypatch) -> dict[str, FigureSource]:
    """Figure sources for the drill links: the rows' address names the area and the month."""

    def rows_of(code: str):
        return lambda area, first, last: f"/rows/{code}/?area={area.pk}&from={first:%Y-%m-%d}"

    made = {
        code: FigureSource(code, code, lambda *a: {}, rows=rows_of(code))
        for code in (
            "applications.pending_beyond_limit",
            "reviews.directives_overdue",
            "applications.disposed_in_time",
        )
    }
    monkeypatch.setattr(
        "degs.dashboards.selectors.dashboard.figure_source", lambda code: made.get(code)
    )
    return made


def test_overdue_block_reads_this_months_figures_and_links_to_rows(
    world, client_as, ind, sources
) -> None:
    a = world.district_a
    now = Period.current()
    put(ind["services_pending_late"], a, now, "7")
    put(ind["services_pending_late"], a, LAST, "40")  # last month's: not what is overdue now
    put(ind["directives_overdue"], a, now, "0")
    response = dashboard_of(client_as(world.dc_a), a)
    html = response.content.decode()
    link = (
        f'href="/rows/applications.pending_beyond_limit/?area={a.pk}&amp;from={now.start:%Y-%m-%d}"'
    )
    assert re.search(re.escape(link) + r'[^>]*data-overdue="services_pending_late">7<', html)
    assert "Nothing overdue" in text(response)
    # outages and rollouts: no figure this month, and the outages' source is not installed
    overdue = {t.code: t for t in response.context["board"].overdue}
    assert overdue["outages_past_clock"].figure is None
    assert overdue["outages_past_clock"].rows_url == ""
    assert list(overdue) == [
        "directives_overdue", "services_pending_late", "outages_past_clock", "rollout_late"
    ]  # fmt: skip


def test_figure_links_down_to_children_and_rows(world, client_as, ind, sources) -> None:
    i = ind["services_in_time"]
    put(i, world.district_a, LAST, "80")
    put(i, world.block_a1, LAST, "70")
    client = client_as(world.dc_a)
    html = dashboard_of(client, world.district_a).content.decode()
    ranking = reverse("dashboards:ranking", args=[world.district_a.pk, i.code])
    assert f'href="{ranking}?period={LAST.code}"' in html
    assert f"/rows/applications.disposed_in_time/?area={world.district_a.pk}" in html
    # the ranking links each block to its dashboard and its rows
    html = client.get(ranking).content.decode()
    assert reverse("dashboards:area", args=[world.block_a1.pk]) in html
    assert f"/rows/applications.disposed_in_time/?area={world.block_a1.pk}" in html
    # an indicator without a drill source has no rows link, and a panchayat no ranking
    put(ind["pmgdisha_trained"], world.gp_a1, LAST, "5")
    response = dashboard_of(client, world.gp_a1)
    tile = next(
        t
        for d in response.context["board"].domains
        for t in d.tiles
        if t.code == "pmgdisha_trained"
    )
    assert tile.rows_url == "" and tile.ranking_url == ""


# --- queries: the same at two sizes ------------------------------------------------------------


def _grow(world: Any, ind: dict[str, Indicator], blocks: int, panchayats: int) -> None:
    """District A with ``blocks`` more blocks of ``panchayats`` panchayats each, every one with
    twelve months of every indicator's figures."""
    areas = [world.district_a]
    for b in range(blocks):
        block = make_area(AreaKind.BLOCK, f"Extra block {b}", world.district_a)
        areas.append(block)
        areas += [
            make_area(AreaKind.GRAM_PANCHAYAT, f"Extra GP {b}-{g}", block)
            for g in range(panchayats)
        ]
    Figure.objects.bulk_create(
        Figure(
            indicator=i, area=area, parent=area.parent, kind=area.kind, period_type="month",
            period_start=p.start, value=Decimal(7), target=Decimal(5), expected=3, reported=2,
        )
        for area in areas
        for i in ind.values()
        for p in [*LAST.trend(12), Period.current()]
    )  # fmt: skip


def _count(django_assert_max_num_queries, client, url: str) -> None:
    with django_assert_max_num_queries(QUERY_BUDGET):
        assert client.get(url).status_code == 200


# The most a dashboard or ranking page reads, whatever the size of the district.
QUERY_BUDGET = 16


@pytest.mark.parametrize(("blocks", "panchayats"), [(1, 1), (8, 12)])
def test_queries_do_not_grow_with_the_district(
    world, client_as, ind, sources, django_assert_max_num_queries, blocks, panchayats
) -> None:
    _grow(world, ind, blocks, panchayats)
    client = client_as(world.dc_a)
    client.get(reverse("dashboards:dashboard"))  # the session and menu warmed once
    for url in (
        reverse("dashboards:dashboard"),
        reverse("dashboards:area", args=[world.district_a.pk]),
        reverse("dashboards:ranking", args=[world.district_a.pk, "services_in_time"]),
    ):
        _count(django_assert_max_num_queries, client, url)


# --- Hindi -----------------------------------------------------------------------------------


def test_hindi_pages_have_no_english_word(world, client_as, ind, sources) -> None:
    a = world.district_a
    for code, value in (("services_in_time", "82.5"), ("services_pending_late", "12"),
                        ("pmgdisha_trained", "340")):  # fmt: skip
        put(ind[code], a, LAST, value, "10", expected=21, reported=18, late=2, is_demo=True)
        put(ind[code], a, BEFORE, "5", "10")
        put(ind[code], world.block_a1, LAST, value, "10", expected=3, reported=3, late=1)
    put(ind["services_pending_late"], a, Period.current(), "4")
    client = speak(client_as(world.dc_a), world.dc_a, "hi")
    allowed = data_words()
    for url in (
        reverse("dashboards:dashboard"),
        reverse("dashboards:area", args=[world.block_a1.pk]),
        reverse("dashboards:ranking", args=[a.pk, "services_pending_late"]),
        reverse("dashboards:ranking", args=[a.pk, "pmgdisha_trained"]) + "?period=2026-27-Q1",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        # the page's own part (the menu is every app's, checked by tests/core's Hindi crawl)
        main = response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]
        assert english_words("<main" + main + "</main>", allowed) == set(), url
    assert "आवेदन" in text(client.get(reverse("dashboards:dashboard")))  # the unit, in Hindi


def test_a_districts_ranking_is_of_its_blocks_through_subdivisions(world, client_as, ind) -> None:
    # given a subdivision of district A holding a block and a tehsil, beside A's own blocks
    subdivision = make_area(AreaKind.SUBDIVISION, "Subdivision S", world.district_a)
    block_s = make_area(AreaKind.BLOCK, "Block S1", subdivision)
    tehsil = make_area(AreaKind.TEHSIL, "Tehsil T1", subdivision)
    i = ind["services_pending_late"]
    for area, value in ((world.block_a1, "9"), (world.block_a2, "4"), (subdivision, "2"),
                        (block_s, "2"), (tehsil, "1")):  # fmt: skip
        put(i, area, LAST, value)
    # when the DC ranks the district's blocks
    response = client_as(world.dc_a).get(
        reverse("dashboards:ranking", args=[world.district_a.pk, i.code])
    )
    # then the three blocks, fewest pending first; no subdivision or tehsil among them
    ranked = [c.area for c in response.context["ranking"].children]
    assert ranked == [block_s, world.block_a2, world.block_a1]
    assert "Blocks ranked" in text(response)
