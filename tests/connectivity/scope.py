"""The connectivity app's entries for the jurisdiction tests (tests/scope_registry.py collects
them through the app's ``scope_tests``). Each part keeps its makers and URLs in its own section
below; MAKERS, SCOPED_URLS, NOT_AREA_BOUND and PUBLIC_URLS at the end join them."""

from __future__ import annotations

import itertools
from typing import Any

from degs.directory.models import Area
from tests.scope_entries import Maker, ScopedURL

# --- links, providers, maintenance windows (part "links") -------------------------------------


def _links_link(block: Area, tag: str, status: str = "active") -> Any:
    """A link of a new office of the block, its circuit ID the tag (upper case, as stored)."""
    from degs.connectivity.models import Link, Provider
    from tests.factories import make_office

    provider, _created = Provider.objects.get_or_create(
        code="scope-links", defaults={"name": "Scope links provider", "network": "swan"}
    )
    return Link.objects.create(
        provider=provider,
        circuit_id=tag.upper(),
        kind="swan_vertical",
        committed_kbps=2_000,
        office=make_office(block, f"Office {tag}"),
        area=block,
        status=status,
    )


def _links_down(block: Area, tag: str) -> Any:
    return _links_link(block, tag, status="down")


def _links_maintenance(block: Area, tag: str) -> Any:
    """A window on every link of a provider in the block, its reason the tag."""
    import datetime as dt

    from django.utils import timezone

    from degs.connectivity.models import MaintenanceWindow, Provider

    provider, _created = Provider.objects.get_or_create(
        code="scope-links", defaults={"name": "Scope links provider", "network": "swan"}
    )
    start = timezone.now() + dt.timedelta(days=1)
    return MaintenanceWindow.objects.create(
        provider=provider,
        area=block,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        reason=tag,
    )


LINKS_MAKERS: dict[str, Maker] = {
    "link": Maker(_links_link),
    "link_down": Maker(_links_down),
    "maintenance": Maker(_links_maintenance),
}
LINKS_URLS: list[ScopedURL] = [
    ScopedURL("connectivity:link_list", "link", "list", query="q={tag}"),
    ScopedURL("connectivity:link_detail", "link", "detail"),
    ScopedURL("connectivity:link_edit", "link", "detail", viewer="dc_a"),
    ScopedURL("connectivity:links_down", "link_down", "list"),
    ScopedURL("connectivity:maintenance_list", "maintenance", "list"),
    ScopedURL("api:list_links", "link", "list", query="q={tag}&limit=100"),
    ScopedURL("api:get_link", "link", "detail", kwarg="link_id"),
]
LINKS_NOT_AREA_BOUND: dict[str, str] = {
    "connectivity:link_create": "offices and panchayats offered are the user's own; service checks",
    "connectivity:link_transition": "POST; link through visible_to (connectivity/test_links_pages)",
    "connectivity:link_import": "the user's own uploads; each row checked against the user's areas",
    "connectivity:link_import_apply": "the uploader's own batch only",
    "connectivity:link_import_progress": "the uploader's own batch only",
    "connectivity:link_import_template": "an empty file: the columns only",
    "connectivity:provider_list": "providers are state-wide master data",
    "connectivity:provider_detail": "a provider is state-wide; its contacts through visible_to "
    "(connectivity/test_links)",
    "connectivity:provider_create": "state-wide master data; state network managers only",
    "connectivity:provider_edit": "state-wide master data; state network managers only",
    "connectivity:sla_create": "state-wide master data; state network managers only",
    "connectivity:sla_edit": "state-wide master data; state network managers only",
    "connectivity:contact_create": "state network managers only; areas offered are the user's",
    "connectivity:maintenance_create": "links and areas offered are the user's own; service checks",
    "api:create_link": "POST; office and panchayat through visible_to, else 422 "
    "(connectivity/test_links_api)",
    "api:update_link": "PATCH; link through visible_to (404 like get_link)",
    "api:step_link": "POST; link through visible_to (404 like get_link)",
    "api:list_providers": "providers are state-wide master data",
}

# --- outages (part "outages") ---------------------------------------------------------------


def _outage(block: Area, tag: str) -> Any:
    """An open outage (opened by the probe) on a new active link at the block's site."""
    from degs.connectivity.models import Link, Provider
    from degs.connectivity.services.outages import outage_open

    provider, _ = Provider.objects.get_or_create(
        code="scope-isp", defaults={"name": "Scope ISP", "network": "broadband"}
    )
    link = Link.objects.create(
        provider=provider,
        circuit_id=f"OUT-{tag}",
        kind="broadband",
        committed_kbps=1000,
        area=block,
        status="active",
    )
    return outage_open(actor=None, link=link, detected_by="probe", description=f"Outage {tag}")


OUTAGES_MAKERS: dict[str, Maker] = {"outage": Maker(_outage)}
OUTAGES_URLS: list[ScopedURL] = [
    ScopedURL("connectivity:outage_list", "outage", "list", query="q=OUT-{tag}"),
    ScopedURL("connectivity:outage_detail", "outage", "detail"),
    ScopedURL("api:list_outages", "outage", "list", query="q=OUT-{tag}&limit=100"),
    ScopedURL("api:get_outage", "outage", "detail", kwarg="outage_id"),
]
OUTAGES_NOT_AREA_BOUND: dict[str, str] = {
    "connectivity:outage_create": "links offered are those the user may report on; service checks",
    "connectivity:outage_step": "POST; outage through visible_to (tests/connectivity/test_outages_views)",
    "api:open_outage": "POST; link through visible_to, service checks the capability",
    "api:acknowledge_outage": "POST; outage through visible_to",
    "api:restore_outage": "POST; outage through visible_to",
    "api:cancel_outage": "POST; outage through visible_to",
}

# --- uptime and the SLA report (part "uptime") ------------------------------------------------


def _uptime_provider(block: Area, tag: str) -> Any:
    """A provider of its own with one active link in the block (circuit ID: the tag): the
    uptime page and API list the link, the provider's SLA report holds it."""
    import datetime as dt
    import hashlib

    from degs.connectivity.models import Link, Provider

    provider = Provider.objects.create(
        code="up-" + hashlib.sha256(tag.encode()).hexdigest()[:20],
        name=f"Uptime ISP {tag}",
        network="broadband",
    )
    Link.objects.create(
        provider=provider,
        circuit_id=tag,
        kind="broadband",
        committed_kbps=1000,
        area=block,
        status="active",
        install_date=dt.date(2026, 1, 1),
    )
    return provider


UPTIME_MAKERS: dict[str, Maker] = {"uptime_provider": Maker(_uptime_provider)}
UPTIME_URLS: list[ScopedURL] = [
    ScopedURL("connectivity:uptime", "uptime_provider", "list"),
    ScopedURL("api:uptime_report", "uptime_provider", "list"),
    # A provider's SLA report: found only by those who see one of its links.
    ScopedURL("connectivity:sla_report", "uptime_provider", "detail"),
    ScopedURL("connectivity:sla_report_pdf", "uptime_provider", "detail"),
    ScopedURL("connectivity:sla_report_xlsx", "uptime_provider", "detail"),
]
UPTIME_NOT_AREA_BOUND: dict[str, str] = {}

# --- heartbeats, probe tokens (part "health") -------------------------------------------------


def _probe_link(block: Area, tag: str) -> Any:
    """An active link at the block's site watched by a probe (its token page)."""
    import hashlib

    from degs.connectivity.models import Link, Provider

    provider, _ = Provider.objects.get_or_create(
        code="scope-probe-isp", defaults={"name": "Scope probe ISP", "network": "broadband"}
    )
    return Link.objects.create(
        provider=provider,
        circuit_id=f"PRB-{tag}",
        kind="broadband",
        committed_kbps=1000,
        area=block,
        status="active",
        probe_token_hash=hashlib.sha256(tag.encode()).hexdigest(),
        probe_token_hint=tag[:6],
    )


HEALTH_MAKERS: dict[str, Maker] = {"probe_link": Maker(_probe_link)}
HEALTH_URLS: list[ScopedURL] = [
    # For those who manage links (the BDO does not): the DC of district A.
    ScopedURL("connectivity:link_token", "probe_link", "detail", viewer="dc_a"),
]
HEALTH_NOT_AREA_BOUND: dict[str, str] = {
    # Not session-authenticated: the probe's own token for the link named (Authorization:
    # Bearer); no token answers 401, a link in no one's scope is 404 (test_health_api).
    "api:link_heartbeats": "the probe's token for the link, not a user: tests/connectivity/test_health_api",
    "api:link_push": "Uptime Kuma's push: the link's probe token in the path; text that cannot be a token answers 401",
}
HEALTH_PUBLIC: set[str] = set()

# --- speed tests, VC rooms, IP phones (parts "speed", "rooms", "phones") ----------------------


def _devices_link(block: Area, tag: str) -> Any:
    """An active 10,000 kbps link of a new office of the block, its circuit ID the tag."""
    from degs.connectivity.models import Link, Provider
    from tests.factories import make_office

    provider, _created = Provider.objects.get_or_create(
        code="scope-devices", defaults={"name": "Scope provider", "network": "broadband"}
    )
    office = make_office(block, f"Office {tag}")
    return Link.objects.create(
        provider=provider,
        circuit_id=tag,
        kind="broadband",
        committed_kbps=10_000,
        office=office,
        area=block,
        status="active",
    )


def _speed_test(block: Area, tag: str) -> Any:
    """A speed test below the committed speed, a day old, taken at a place named by the tag."""
    import datetime as dt

    from django.utils import timezone

    from degs.connectivity.models import SpeedTest

    return SpeedTest.objects.create(
        link=_devices_link(block, tag),
        at=timezone.now() - dt.timedelta(days=1),
        down_kbps=4_000,
        place=tag,
    )


def _vc_room(block: Area, tag: str) -> Any:
    from degs.connectivity.models import VcRoom

    link = _devices_link(block, tag)
    return VcRoom.objects.create(office=link.office, link=link, name=tag)


def _ip_phone(block: Area, tag: str) -> Any:
    """A phone of a new office of the block, its desk named by the tag (extensions are unique
    across the install: a new number each time)."""
    from degs.connectivity.models import IpPhone
    from tests.factories import make_office

    extension = str(next(_EXTENSIONS))
    return IpPhone.objects.create(
        office=make_office(block, f"Office {tag}"), extension=extension, place=tag
    )


_EXTENSIONS = itertools.count(70_000_000)


def _office_without_phone(block: Area, tag: str) -> Any:
    from tests.factories import make_office

    return make_office(block, f"Office {tag}")


DEVICES_MAKERS: dict[str, Maker] = {
    "speed_test": Maker(_speed_test),
    "vc_room": Maker(_vc_room),
    "ip_phone": Maker(_ip_phone),
    "office_without_phone": Maker(_office_without_phone),
}
DEVICES_URLS: list[ScopedURL] = [
    ScopedURL("connectivity:speed_list", "speed_test", "list"),
    ScopedURL("connectivity:speed_below", "speed_test", "list"),
    ScopedURL("connectivity:room_list", "vc_room", "list", query="q={tag}"),
    ScopedURL("connectivity:room_detail", "vc_room", "detail"),
    ScopedURL("connectivity:room_edit", "vc_room", "detail", viewer="dc_a"),
    ScopedURL("connectivity:phone_list", "ip_phone", "list", query="q={tag}"),
    ScopedURL("connectivity:phone_edit", "ip_phone", "detail", viewer="dc_a"),
    ScopedURL("connectivity:phone_offline", "office_without_phone", "list"),
    ScopedURL("api:list_speed_tests", "speed_test", "list", query="limit=100"),
    ScopedURL("api:get_speed_test", "speed_test", "detail", kwarg="test_id"),
    ScopedURL("api:list_links_below_committed", "speed_test", "list", query="limit=100"),
    ScopedURL("api:list_rooms", "vc_room", "list", query="q={tag}&limit=100"),
    ScopedURL("api:get_room", "vc_room", "detail", kwarg="room_id"),
    ScopedURL("api:list_phones", "ip_phone", "list", query="q={tag}&limit=100"),
    ScopedURL("api:get_phone", "ip_phone", "detail", kwarg="phone_id"),
]
DEVICES_NOT_AREA_BOUND: dict[str, str] = {
    "connectivity:speed_create": "links offered are testable_links (visible_to); the service "
    "checks connectivity.report at the link's area (connectivity/test_speed)",
    "connectivity:room_create": "offices and links offered through visible_to; the service "
    "checks connectivity.manage at the office's area (connectivity/test_rooms)",
    "connectivity:room_test": "POST; room through room_get (visible_to: 404 outside), the "
    "service checks connectivity.report at its area (connectivity/test_rooms)",
    "connectivity:phone_create": "offices and posts offered through visible_to; the service "
    "checks connectivity.manage at the office's area (connectivity/test_phones)",
    "connectivity:phone_directory": "the extension directory is for everyone signed in, in any "
    "area (the issue: searchable by anyone signed in); it shows extension, office, post and "
    "desk, never a person's name (connectivity/test_phones)",
    "api:list_phone_directory": "the extension directory, as its page: any signed-in caller, "
    "no person's name",
    "api:create_speed_test": "POST; link through testable_links (visible_to), else 422 "
    "(connectivity/test_speed)",
    "api:create_room": "POST; office and link through visible_to, else 422 "
    "(connectivity/test_rooms)",
    "api:create_room_test": "POST; room through room_get (visible_to: 404 outside)",
    "api:create_phone": "POST; office and post through visible_to, else 422 "
    "(connectivity/test_phones)",
    "api:report_phone_registrations": "POST; only phones visible_to the caller are touched, "
    "others answered as unknown; manage capability checked per phone (connectivity/test_phones)",
}

# --- directive targets, the engineer's page (parts "targets", "engineer") ---------------------


def _network_target(block: Area, tag: str) -> Any:
    """A set of the block's links (a directive target)."""
    from degs.connectivity.models import NetworkTarget

    return NetworkTarget.objects.create(name=f"Set {tag}", area=block, what="links")


def _untested_room(block: Area, tag: str) -> Any:
    """A VC room in a new office of the block, never tested: due for a test on the network
    engineer's page (the BDO reports on their block's network)."""
    from degs.connectivity.models import VcRoom
    from tests.factories import make_office

    return VcRoom.objects.create(office=make_office(block, f"Office {tag}"), name=f"Room {tag}")


TARGETS_MAKERS: dict[str, Maker] = {
    "network_target": Maker(_network_target),
    "untested_room": Maker(_untested_room),
}
TARGETS_URLS: list[ScopedURL] = [
    ScopedURL("connectivity:target_list", "network_target", "list", query="q={tag}"),
    ScopedURL("connectivity:target_detail", "network_target", "detail"),
    ScopedURL("connectivity:engineer", "untested_room", "list"),
    ScopedURL("api:list_network_targets", "network_target", "list", query="q={tag}&limit=100"),
    ScopedURL("api:get_network_target", "network_target", "detail", kwarg="target_id"),
]
TARGETS_NOT_AREA_BOUND: dict[str, str] = {
    "connectivity:target_create": "areas offered are the user's own; the service checks "
    "connectivity.manage at the area (tests/connectivity/test_targets.py)",
    "connectivity:target_follow": "POST; the set through target_get (visible_to), the "
    "directive among the user's own (tests/connectivity/test_targets.py)",
    "api:create_network_target": "POST; area through visible_to, else 422 "
    "(tests/connectivity/test_targets.py)",
}


def _unused(block: Area, tag: str) -> Any:  # keeps the shared imports used until parts add makers
    return None


MAKERS: dict[str, Maker] = {
    **LINKS_MAKERS,
    **OUTAGES_MAKERS,
    **UPTIME_MAKERS,
    **HEALTH_MAKERS,
    **DEVICES_MAKERS,
    **TARGETS_MAKERS,
}
SCOPED_URLS: list[ScopedURL] = [
    *LINKS_URLS,
    *OUTAGES_URLS,
    *UPTIME_URLS,
    *HEALTH_URLS,
    *DEVICES_URLS,
    *TARGETS_URLS,
]
NOT_AREA_BOUND: dict[str, str] = {
    **LINKS_NOT_AREA_BOUND,
    **OUTAGES_NOT_AREA_BOUND,
    **UPTIME_NOT_AREA_BOUND,
    **HEALTH_NOT_AREA_BOUND,
    **DEVICES_NOT_AREA_BOUND,
    **TARGETS_NOT_AREA_BOUND,
}
PUBLIC_URLS: set[str] = set(HEALTH_PUBLIC)
