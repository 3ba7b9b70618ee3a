"""GIGW 3.0 / WCAG 2.1 AA, measured in the browser on every page a person reads.

The world is the demo district (`manage.py load_demo`'s loaders) plus the few rows it lacks.
Every named URL (tests/urlwalk.py) is either a page, visited with a real object by a role that
may see it, or listed in NOT_PAGES with the reason it is not one. Each page is opened once per
language at 1280 px and checked with axe-core (tests/e2e/vendor/axe-core, the wcag2a and wcag2aa
rules): a serious or critical violation fails the test, listed by rule, element, page and
language. The long-table pages are opened again at 360 px: no horizontal scroll, every cell of
the first rows inside the screen. The longest menus must be one line at 1280 px and fold on a
phone; the Circle Officer's action buttons are measured against 4.5:1 by the WCAG formula.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Error as PlaywrightError

from tests.e2e import (
    pages_assets,
    pages_dashboards,
    pages_finance,
    pages_indicators,
    pages_rollouts,
)
from tests.e2e.demo_rows import first
from tests.urlwalk import named_urls

pytestmark = pytest.mark.e2e

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
LANGUAGES = ("en", "hi")
# The roles whose pages are visited: most pages as the DC, the kiosk's as its operator, the
# acting officer's as the Circle Officer, the public pages signed out.
DC, OPERATOR, OFFICER, ADMIN, PUBLIC = "dc.jamtara", "operator.nala", "co.nala", "admin", None

# Named URLs that are not pages a person reads, and why.
NOT_PAGES = {
    "core:healthz": "a health probe answering text",
    "accounts:logout": "POST only",
    "accounts:token_create": "POST only",
    "accounts:token_revoke": "POST only",
    "accounts:role_grant_revoke": "POST only",
    "directory:area_children": "a fragment the area tree loads into itself (checked there)",
    "directory:import_apply": "POST only",
    "directory:import_progress": "an htmx fragment of the batch page, polled while it imports",
    "directory:export": "a spreadsheet download",
    "reviews:meeting_transition": "POST only",
    "reviews:agenda_add": "POST only",
    "reviews:deadline_preview": "a fragment the directive form loads into itself",
    "reviews:minutes_pdf": "a PDF download",
    "reviews:atr_pdf": "a PDF download",
    "reviews:directive_report": "POST only (the form is on the directive's page)",
    "reviews:directive_transition": "POST only",
    "reviews:attachment_download": "a file download",
    "centres:centre_transition": "POST only",
    "centres:inspection_decide": "POST only",
    "centres:inspection_fine_waive": "POST only",
    "centres:operator_id_add": "POST only",
    "centres:operator_id_update": "POST only",
    "centres:draw_create": "POST only",
    "centres:photo": "an image download",
    "centres:import_apply": "POST only",
    "centres:import_progress": "an htmx fragment of the import page, polled while it imports",
    "centres:export": "a spreadsheet download",
    "applications:application_act": "POST only",
    "applications:application_documents": "POST only",
    "applications:document_file": "a file download",
    "applications:receipt": "a PDF download",
    "applications:certificate_pdf": "a PDF download",
    "applications:certificate_revoke": "POST only",
    "set_language": "POST only",
    "connectivity:sla_report_pdf": "a PDF download (the SLA report)",
    "connectivity:sla_report_xlsx": "a spreadsheet download (the SLA report)",
    "javascript-catalog": "a script",
    "connectivity:outage_step": "POST only",
    "connectivity:room_test": "POST only (the form is on the room's page)",
    "connectivity:link_transition": "POST only (the buttons are on the link's page)",
    "connectivity:link_import_apply": "POST only",
    "connectivity:link_import_progress": "an htmx fragment of the import page, polled while it imports",
    "connectivity:link_import_template": "a spreadsheet download (the empty template)",
    "connectivity:target_follow": "POST only (the form is on the set's page)",
}

# Apps that keep their pages in a module of their own (``pages(district)``, ``NOT_PAGES``).
APP_PAGES = (pages_rollouts, pages_assets, pages_finance, pages_indicators, pages_dashboards)
for _module in APP_PAGES:
    NOT_PAGES.update(_module.NOT_PAGES)


@dataclass(frozen=True)
class Page:
    name: str  # the named URL
    role: str | None
    path: str


_first = first


def _rows_the_demo_lacks() -> dict[str, Any]:
    """A directory import, a saved set of centres, a surprise-inspection draw, an application
    sent back to the kiosk: the pages that show them need one."""
    from degs.accounts.models import User
    from degs.applications import services as applications
    from degs.applications.models import Application
    from degs.centres import services as centres
    from degs.centres.models import InspectionQuota
    from degs.directory.models import Area
    from degs.imports.services import batch_create as import_batch_create

    dc = User.objects.get(username=DC)
    officer = User.objects.get(username=OFFICER)
    district = _first(Area, kind="district", name="Jamtara")
    batch, _report = import_batch_create(
        actor=dc, kind="offices", filename="offices.csv", content=b"name,kind\nA,office\n"
    )
    centre_set = centres.centre_set_create(
        actor=dc, name="Panchayat kiosks", name_hi="पंचायत केंद्र", area=district, goal="inspected"
    )
    quota = _first(InspectionQuota, post__area=district)
    draw, _new = centres.draw_create(actor=None, quota=quota, seed=1)
    pending = _first(Application, state="submitted", centre__operator__user__username=OPERATOR)
    returned = applications.application_act(
        actor=officer, application=pending, action="return", target="at_kiosk",
        remark="Attach a clearer proof of address", version=pending.version,
    )  # fmt: skip
    return {"batch": batch, "set": centre_set, "draw": draw, "returned": returned}


def _uptime_provider(district: Any) -> Any:
    """A provider with a link in the district (its SLA report)."""
    from degs.connectivity.models import Provider

    return _first(Provider, links__area__path__startswith=district.path)


def page_addresses() -> list[Page]:
    """One address of every page, with a real object, and the role that opens it."""
    from degs.accounts.models import User
    from degs.applications.models import Application
    from degs.catalogue.models import Service
    from degs.centres.models import Centre, Inspection
    from degs.connectivity.models import IpPhone, Link, NetworkTarget, Outage, Provider, Sla, VcRoom
    from degs.directory.models import Area, Office
    from degs.reviews.models import Directive

    made = _rows_the_demo_lacks()
    district = _first(Area, kind="district", name="Jamtara")
    centre = _first(Centre, operator__user__username=OPERATOR)
    directive = _first(Directive, meeting__committee__area=district)
    meeting = directive.meeting
    service = _first(Service, code="income_certificate")
    issued = _first(Application, state="issued", centre__area__path__startswith=district.path)
    waiting = _first(Application, state="submitted", centre=centre)
    inspection = _first(Inspection, centre__area__path__startswith=district.path)
    paths: dict[str, tuple[str | None, str]] = {
        "dashboards:home": (DC, reverse("dashboards:home")),
        "accounts:login": (PUBLIC, reverse("accounts:login")),
        "accounts:password_change": (DC, reverse("accounts:password_change")),
        "accounts:profile": (DC, reverse("accounts:profile")),
        "accounts:notice_list": (DC, reverse("accounts:notice_list")),
        "accounts:user_list": (ADMIN, reverse("accounts:user_list")),
        "accounts:user_create": (ADMIN, reverse("accounts:user_create")),
        "accounts:user_detail": (ADMIN, reverse("accounts:user_detail", args=[User.objects.get(username=OPERATOR).pk])),
        "directory:area_tree": (DC, reverse("directory:area_tree")),
        "directory:area_list": (DC, reverse("directory:area_list") + "?q=Nala"),
        "directory:area_detail": (DC, reverse("directory:area_detail", args=[district.pk])),
        "directory:district_settings": (DC, reverse("directory:district_settings", args=[district.pk])),
        "directory:office_list": (DC, reverse("directory:office_list")),
        "directory:office_detail": (DC, reverse("directory:office_detail", args=[_first(Office, area__path__startswith=district.path).pk])),
        "directory:post_list": (DC, reverse("directory:post_list")),
        "directory:post_detail": (DC, reverse("directory:post_detail", args=[directive.lead_post_id])),
        "directory:designation_list": (DC, reverse("directory:designation_list")),
        "directory:holiday_list": (DC, reverse("directory:holiday_list")),
        "directory:import_start": (DC, reverse("directory:import_start")),
        "directory:import_detail": (DC, reverse("directory:import_detail", args=[made["batch"].pk])),
        "reviews:register": (DC, reverse("reviews:register")),
        "reviews:mine": (DC, reverse("reviews:mine")),
        "reviews:committee_list": (DC, reverse("reviews:committee_list")),
        "reviews:committee_create": (DC, reverse("reviews:committee_create")),
        "reviews:committee_detail": (DC, reverse("reviews:committee_detail", args=[meeting.committee_id])),
        "reviews:meeting_create": (DC, reverse("reviews:meeting_create")),
        "reviews:meeting_import": (DC, reverse("reviews:meeting_import")),
        "reviews:meeting_detail": (DC, reverse("reviews:meeting_detail", args=[meeting.pk])),
        "reviews:attendance": (DC, reverse("reviews:attendance", args=[meeting.pk])),
        "reviews:directive_create": (DC, reverse("reviews:directive_create", args=[meeting.pk])),
        "reviews:directive_detail": (DC, reverse("reviews:directive_detail", args=[directive.pk])),
        "centres:centre_list": (DC, reverse("centres:centre_list")),
        "centres:centre_create": (DC, reverse("centres:centre_create")),
        "centres:centre_detail": (DC, reverse("centres:centre_detail", args=[centre.pk])),
        "centres:centre_edit": (DC, reverse("centres:centre_edit", args=[centre.pk])),
        "centres:inspection_create": (DC, reverse("centres:inspection_create", args=[centre.pk])),
        "centres:operator_list": (DC, reverse("centres:operator_list")),
        "centres:operator_create": (DC, reverse("centres:operator_create")),
        "centres:operator_detail": (DC, reverse("centres:operator_detail", args=[centre.operator_id])),
        "centres:operator_edit": (DC, reverse("centres:operator_edit", args=[centre.operator_id])),
        "centres:report": (DC, reverse("centres:report", args=["without_id"])),
        "centres:inspections": (DC, reverse("centres:inspections")),
        "centres:inspection_detail": (DC, reverse("centres:inspection_detail", args=[inspection.pk])),
        "centres:draw_detail": (DC, reverse("centres:draw_detail", args=[made["draw"].pk])),
        "centres:set_list": (DC, reverse("centres:set_list")),
        "centres:set_detail": (DC, reverse("centres:set_detail", args=[made["set"].pk])),
        "centres:locator": (PUBLIC, reverse("centres:locator") + f"?district={district.pk}"),
        "centres:import": (DC, reverse("centres:import")),
        "catalogue:service_list": (DC, reverse("catalogue:service_list")),
        "catalogue:service_create": (ADMIN, reverse("catalogue:service_create")),
        "catalogue:service_detail": (DC, reverse("catalogue:service_detail", args=[service.pk])),
        "catalogue:service_edit": (ADMIN, reverse("catalogue:service_edit", args=[service.pk])),
        "catalogue:version_detail": (DC, reverse("catalogue:version_detail", args=[service.pk, service.current.number])),
        "verify:verify": (PUBLIC, reverse("verify:verify") + f"?p={issued.certificate.payload}"),
        "verify:key": (PUBLIC, reverse("verify:key")),
        "applications:application_list": (DC, reverse("applications:application_list")),
        "applications:application_create": (OPERATOR, reverse("applications:application_create", args=[centre.pk, service.pk])),
        "applications:inbox": (OFFICER, reverse("applications:inbox")),
        "applications:application_detail": (OFFICER, reverse("applications:application_detail", args=[waiting.pk])),
        "applications:application_edit": (OPERATOR, reverse("applications:application_edit", args=[made["returned"].pk])),
        "applications:report_pending": (DC, reverse("applications:report_pending")),
        "applications:report_disposal": (DC, reverse("applications:report_disposal")),
        "applications:ledger": (DC, reverse("applications:ledger")),
        "applications:centre_statement": (DC, reverse("applications:centre_statement", args=[centre.pk])),
        "connectivity:uptime": (DC, reverse("connectivity:uptime")),
        "connectivity:sla_report": (DC, reverse("connectivity:sla_report", args=[_uptime_provider(district).pk])),
        "status:check": (PUBLIC, reverse("status:check")),
        "connectivity:outage_list": (DC, reverse("connectivity:outage_list")),
        "connectivity:outage_create": (DC, reverse("connectivity:outage_create")),
        "connectivity:outage_detail": (DC, reverse("connectivity:outage_detail", args=[_first(Outage).pk])),
        "connectivity:link_token": (DC, reverse("connectivity:link_token", args=[_first(Outage).link_id])),
        "connectivity:speed_list": (DC, reverse("connectivity:speed_list")),
        "connectivity:speed_create": (DC, reverse("connectivity:speed_create")),
        "connectivity:speed_below": (DC, reverse("connectivity:speed_below")),
        "connectivity:room_list": (DC, reverse("connectivity:room_list")),
        "connectivity:room_create": (DC, reverse("connectivity:room_create")),
        "connectivity:room_detail": (DC, reverse("connectivity:room_detail", args=[_first(VcRoom).pk])),
        "connectivity:room_edit": (DC, reverse("connectivity:room_edit", args=[_first(VcRoom).pk])),
        "connectivity:phone_list": (DC, reverse("connectivity:phone_list")),
        "connectivity:phone_create": (DC, reverse("connectivity:phone_create")),
        "connectivity:phone_edit": (DC, reverse("connectivity:phone_edit", args=[_first(IpPhone).pk])),
        "connectivity:phone_offline": (DC, reverse("connectivity:phone_offline")),
        "connectivity:phone_directory": (OPERATOR, reverse("connectivity:phone_directory")),
        "connectivity:link_list": (DC, reverse("connectivity:link_list")),
        "connectivity:link_create": (DC, reverse("connectivity:link_create")),
        "connectivity:link_detail": (DC, reverse("connectivity:link_detail", args=[_first(Link, area__path__startswith=district.path).pk])),
        "connectivity:link_edit": (DC, reverse("connectivity:link_edit", args=[_first(Link, area__path__startswith=district.path).pk])),
        "connectivity:links_down": (DC, reverse("connectivity:links_down")),
        "connectivity:link_import": (DC, reverse("connectivity:link_import")),
        "connectivity:provider_list": (DC, reverse("connectivity:provider_list")),
        "connectivity:provider_detail": (DC, reverse("connectivity:provider_detail", args=[_first(Provider).pk])),
        "connectivity:provider_create": (ADMIN, reverse("connectivity:provider_create")),
        "connectivity:provider_edit": (ADMIN, reverse("connectivity:provider_edit", args=[_first(Provider).pk])),
        "connectivity:sla_create": (ADMIN, reverse("connectivity:sla_create", args=[_first(Provider).pk])),
        "connectivity:sla_edit": (ADMIN, reverse("connectivity:sla_edit", args=[_first(Sla).pk])),
        "connectivity:contact_create": (ADMIN, reverse("connectivity:contact_create", args=[_first(Provider).pk])),
        "connectivity:maintenance_list": (DC, reverse("connectivity:maintenance_list")),
        "connectivity:maintenance_create": (DC, reverse("connectivity:maintenance_create")),
        "connectivity:target_list": (DC, reverse("connectivity:target_list")),
        "connectivity:target_create": (DC, reverse("connectivity:target_create")),
        "connectivity:target_detail": (DC, reverse("connectivity:target_detail", args=[_first(NetworkTarget, area=district, what="rooms").pk])),
        "connectivity:engineer": ("engineer.jamtara", reverse("connectivity:engineer")),
    }  # fmt: skip
    # The rollouts, assets and finance pages: each app's own module beside this one.
    for module in APP_PAGES:
        paths.update(module.pages(district))
    pages = [Page(name, role, path) for name, (role, path) in paths.items()]
    # More of the same kind that read differently: an issued application with its
    # certificate, the kiosk's own list, the operator's home.
    pages += [
        Page("applications:application_detail", DC, reverse("applications:application_detail", args=[issued.pk])),
        Page("applications:application_list", OPERATOR, reverse("applications:application_list")),
        Page("dashboards:home", OPERATOR, reverse("dashboards:home")),
        Page("dashboards:home", OFFICER, reverse("dashboards:home")),
    ]  # fmt: skip
    return pages


# Pages kept as pictures (in DEGS_SCREENSHOTS, or pytest's temporary folder) for a person to look at.
SCREENSHOTS = (
    "dashboards:home",
    "reviews:register",
    "applications:application_detail",
    "applications:report_pending",
    "verify:verify",
)

# The pages whose long tables must read on a phone.
LONG_TABLES = (
    "reviews:register",
    "reviews:mine",
    "reviews:committee_detail",
    "applications:application_list",
    "applications:inbox",
    "applications:report_pending",
    "applications:report_disposal",
    "applications:ledger",
    "centres:centre_list",
    "centres:operator_list",
    "centres:inspections",
    "centres:report",
    "directory:post_list",
    "directory:office_list",
    "accounts:user_list",
    "connectivity:uptime",
    "connectivity:sla_report",
    "catalogue:service_list",
    "connectivity:outage_list",
    "connectivity:speed_list",
    "connectivity:speed_below",
    "connectivity:room_list",
    "connectivity:room_detail",
    "connectivity:phone_list",
    "connectivity:phone_offline",
    "connectivity:phone_directory",
    "connectivity:link_list",
    "connectivity:links_down",
    "connectivity:link_detail",
    "connectivity:maintenance_list",
    "connectivity:target_list",
    "connectivity:target_detail",
)

AXE_RUN = """
async () => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}, resultTypes: ['violations']});
  return result.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .flatMap(v => v.nodes.map(n => `${v.id} (${v.impact}) at ${n.target.join(' ')}: ${n.failureSummary.split('\\n')[1] || ''}`));
}
"""

# Cells of a phone's long tables: none past the screen's right edge, no horizontal scroll.
PHONE_JS = """
() => {
  const width = document.documentElement.clientWidth, problems = [];
  if (document.documentElement.scrollWidth > width) problems.push(`scrolls to ${document.documentElement.scrollWidth}px`);
  for (const table of document.querySelectorAll('main table')) {
    if (!table.classList.contains('degs-cards')) problems.push('a table without degs-cards');
    for (const row of [...table.tBodies].flatMap(b => [...b.rows]).slice(0, 3)) {
      for (const cell of row.cells) {
        const box = cell.getBoundingClientRect();
        if (box.width && box.right > width + 1) problems.push(`"${cell.textContent.trim().slice(0, 30)}" ends at ${Math.round(box.right)}px`);
      }
    }
  }
  return problems;
}
"""


def _signed_in(browser, live_server, role: str | None, language: str, width: int):  # type: ignore[no-untyped-def]
    """A browser context for ``role`` (None: signed out) in ``language``, ``width`` px wide."""
    from degs.accounts.models import User

    phone = width < 576
    context = browser.new_context(
        viewport={"width": width, "height": 900 if not phone else 740},
        is_mobile=phone,
        has_touch=phone,
    )
    # A signed-in user's own language wins over the cookie: set both.
    User.objects.filter(username=role).update(language=language)
    cookies = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    if role is not None:
        client = Client()
        client.force_login(User.objects.get(username=role))
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        cookies.append(
            {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}
        )
    context.add_cookies(cookies)
    # axe-core is loaded into every page the context opens (once per context, not per page).
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    page.set_default_timeout(20000)
    return context, page


@pytest.fixture
def demo_pages(db: None) -> list[Page]:
    from degs.accounts.demo import load_users
    from degs.applications.demo import load_applications_demo
    from degs.catalogue.demo import load_catalogue_demo
    from degs.centres.demo import load_centres_demo
    from degs.connectivity.demo import load as load_connectivity_demo
    from degs.directory.demo import load_demo
    from degs.reviews.demo import load_reviews_demo

    load_demo()
    load_users()  # the demo users are the accounts app's demo
    load_reviews_demo()
    load_centres_demo()
    load_catalogue_demo()
    load_applications_demo()
    load_connectivity_demo()  # after the users and meetings its sets and outages name
    from degs.core.registry import degs_app, load

    for label in ("rollouts", "assets", "finance", "indicators"):  # their demos, in this order
        load(degs_app(label).demo_loader)()
    return page_addresses()


def _by_role(pages: list[Page]) -> Iterator[tuple[str | None, list[Page]]]:
    roles: dict[str | None, list[Page]] = {}
    for page in pages:
        roles.setdefault(page.role, []).append(page)
    yield from roles.items()


@pytest.mark.django_db(transaction=True)
def test_every_page_in_both_languages(browser, live_server, demo_pages, screenshot_dir) -> None:  # type: ignore[no-untyped-def]
    """One demo world (loading it is the slow part) for all the browser checks of this file."""
    # given every named URL either a page with an address or not a page
    names = {u.name for u in named_urls() if not u.name.startswith("api:")}
    visited = {p.name for p in demo_pages}
    missing = sorted(names - visited - set(NOT_PAGES))
    assert not missing, "give these pages an address: " + ", ".join(missing)
    assert not (visited & set(NOT_PAGES)), visited & set(NOT_PAGES)
    # when each is opened and checked in each language
    problems = _axe_on_every_page(browser, live_server, demo_pages, screenshot_dir)
    problems += _long_tables_on_a_phone(browser, live_server, demo_pages, screenshot_dir)
    problems += _officer_action_buttons(browser, live_server, demo_pages)
    problems += _menu_fits(browser, live_server)
    # then nothing serious or critical
    assert not problems, f"{len(problems)} accessibility problems:\n" + "\n".join(problems)


def _axe_on_every_page(browser, live_server, demo_pages, screenshot_dir) -> list[str]:  # type: ignore[no-untyped-def]
    """axe-core's wcag2a and wcag2aa rules at 1280 px, one browser context per role."""
    problems: list[str] = []
    for language in LANGUAGES:
        for role, pages in _by_role(demo_pages):
            context, page = _signed_in(browser, live_server, role, language, 1280)
            for address in pages:
                where = f"{address.path} [{language}, {role or 'signed out'}]"
                try:
                    response = page.goto(live_server.url + address.path)
                except PlaywrightError as error:
                    problems.append(f"{where}: {error.message.splitlines()[0]}")
                    continue
                if response is None or response.status != 200:
                    problems.append(f"{where}: answered {response and response.status}")
                    continue
                problems += _checks(page, where, language)
                if address.name == "status:check":
                    problems += _status_result(page, where, language)
                if address.name in SCREENSHOTS:
                    name = address.path.strip("/").split("?")[0].replace("/", "-") or "home"
                    page.screenshot(path=str(screenshot_dir / f"a11y-{language}-{name}.png"))
            context.close()
    return problems


def _checks(page, where: str, language: str) -> list[str]:  # type: ignore[no-untyped-def]
    found = []
    if page.locator("html").get_attribute("lang") != language:
        found.append(f"{where}: html lang is not {language}")
    for landmark in ("banner", "main", "contentinfo"):
        if page.get_by_role(landmark).count() < 1:
            found.append(f"{where}: no {landmark} landmark")
    if page.locator("h1").count() != 1:
        found.append(f"{where}: {page.locator('h1').count()} h1 headings")
    found += [f"{where}: {line}" for line in page.evaluate(AXE_RUN)]
    return found


def _status_result(page, where: str, language: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The citizen's status page with an answer on it."""
    from degs.applications.models import Application

    application = _first(Application, state="submitted")
    page.locator("input[name=number]").fill(application.number)
    page.locator("input[name=last4]").fill(application.mobile[-4:])
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    return _checks(page, where + " (answered)", language)


def _long_tables_on_a_phone(browser, live_server, demo_pages, screenshot_dir) -> list[str]:  # type: ignore[no-untyped-def]
    """The long-table pages 360 px wide: no horizontal scroll, each row a card on the screen."""
    pages = [p for p in demo_pages if p.name in LONG_TABLES]
    assert {p.name for p in pages} == set(LONG_TABLES)
    problems = []
    for language in LANGUAGES:
        for role, role_pages in _by_role(pages):
            context, page = _signed_in(browser, live_server, role, language, 360)
            for address in role_pages:
                page.goto(live_server.url + address.path)
                where = f"{address.path} [{language}, 360 px]"
                problems += [f"{where}: {p}" for p in page.evaluate(PHONE_JS)]
                if address.name in ("reviews:register", "applications:report_pending"):
                    name = address.name.replace(":", "-")
                    page.screenshot(
                        path=str(screenshot_dir / f"phone-{language}-{name}.png"), full_page=True
                    )
            context.close()
    return problems


# --- contrast, by the published formula -------------------------------------------------------


def relative_luminance(rgb: tuple[float, float, float]) -> float:
    """WCAG 2.x relative luminance of an sRGB colour (0-255 channels)."""

    def linear(channel: float) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    """WCAG 2.x contrast ratio (L1 + 0.05) / (L2 + 0.05), L1 the lighter."""
    light, dark = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_formula_matches_published_values() -> None:
    # black on white is 21:1; #767676 on white is the lightest grey meeting 4.5:1 (4.54:1);
    # Bootstrap's #ffc107 warning yellow on white is 1.63:1
    assert round(contrast_ratio((0, 0, 0), (255, 255, 255)), 2) == 21.0
    assert round(contrast_ratio((0x76, 0x76, 0x76), (255, 255, 255)), 2) == 4.54
    assert round(contrast_ratio((0xFF, 0xC1, 0x07), (255, 255, 255)), 2) == 1.63


COLOURS_JS = """
el => {
  const rgb = c => (c.match(/[\\d.]+/g) || []).slice(0, 3).map(Number);
  let bg = null;
  for (let e = el; e && !bg; e = e.parentElement) {
    const c = getComputedStyle(e).backgroundColor.match(/[\\d.]+/g).map(Number);
    if (c.length === 3 || c[3] > 0.9) bg = c.slice(0, 3);
  }
  return {fg: rgb(getComputedStyle(el).color), bg: bg || [255, 255, 255]};
}
"""


def _officer_action_buttons(browser, live_server, demo_pages) -> list[str]:  # type: ignore[no-untyped-def]
    """The Circle Officer's buttons on a waiting application ("Return", "Call for documents",
    ...): each text at least 4.5:1 against its background, by the formula above."""
    (detail,) = [
        p for p in demo_pages if p.name == "applications:application_detail" and p.role == OFFICER
    ]
    problems = []
    for language in LANGUAGES:
        context, page = _signed_in(browser, live_server, OFFICER, language, 1280)
        page.goto(live_server.url + detail.path)
        buttons = page.locator("main summary.btn, main button.btn, main a.btn")
        if buttons.count() < 3:
            problems.append(f"{detail.path} [{language}]: only {buttons.count()} buttons")
        for i in range(buttons.count()):
            colours = buttons.nth(i).evaluate(COLOURS_JS)
            ratio = contrast_ratio(tuple(colours["fg"]), tuple(colours["bg"]))
            if ratio < 4.5:
                problems.append(
                    f"{detail.path} [{language}]: {buttons.nth(i).inner_text()!r} {ratio:.2f}:1"
                )
        context.close()
    return problems


# --- the top menu -------------------------------------------------------------------------------

MENU_LINES_JS = """
() => {
  // Lines the menu takes: entries side by side, none of them broken over two lines.
  const links = [...document.querySelectorAll('#degs-menu > ul > li > .nav-link')];
  const tops = new Set(links.map(link => Math.round(link.getBoundingClientRect().top)));
  const lines = links.map(link => {
    const style = getComputedStyle(link);
    const text = link.getBoundingClientRect().height - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
    return Math.round(text / parseFloat(style.lineHeight));
  });
  return Math.max(tops.size, ...lines);
}
"""


def _menu_fits(browser, live_server) -> list[str]:  # type: ignore[no-untyped-def]
    """The longest menus (system administrator, DC) on one line at 1280 px; on a phone folded
    behind one button that opens it."""
    problems = []
    for role in (ADMIN, DC):
        for language in LANGUAGES:
            context, page = _signed_in(browser, live_server, role, language, 1280)
            page.goto(live_server.url + "/")
            lines = page.evaluate(MENU_LINES_JS)
            if lines != 1:
                problems.append(f"menu of {role} [{language}, 1280 px]: {lines} lines")
            context.close()
            context, page = _signed_in(browser, live_server, role, language, 360)
            page.goto(live_server.url + "/")
            if page.locator("#degs-menu").is_visible():
                problems.append(f"menu of {role} [{language}, 360 px]: not folded")
            page.locator(".navbar-toggler").click()
            page.locator("#degs-menu").wait_for(state="visible")
            if page.evaluate("document.documentElement.scrollWidth") > 360:
                problems.append(f"menu of {role} [{language}, 360 px]: wider than the screen")
            context.close()
    return problems
