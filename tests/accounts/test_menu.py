"""The menu and the pages agree: for every role, every menu link answers 200, and every
top-level page the role can open is reached from its menu."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from degs.accounts.roles import Role
from tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db

# The top-level pages of each section, and the menu entry that leads to each.
TOP_LEVEL = {
    "directory:area_tree": "directory:area_tree",
    "directory:office_list": "directory:office_list",
    "directory:post_list": "directory:post_list",
    "directory:holiday_list": "directory:holiday_list",
    "reviews:register": "reviews:register",
    "reviews:committee_list": "reviews:register",
    "reviews:mine": "reviews:mine",
    "centres:centre_list": "centres:centre_list",
    "centres:operator_list": "centres:centre_list",
    "centres:inspections": "centres:centre_list",
    "centres:set_list": "centres:centre_list",
    "applications:application_list": "applications:application_list",
    "applications:inbox": "applications:application_list",
    "catalogue:service_list": "catalogue:service_list",
    "accounts:user_list": "accounts:user_list",
}


def _menu(body: str) -> set[str]:
    nav = body.split('id="degs-menu"', 1)[1].split("</nav>", 1)[0]
    return {urlsplit(h).path for h in re.findall(r'href="([^"#]+)"', nav)}


def _personas(world):  # type: ignore[no-untyped-def]
    viewer = UserFactory(username="viewer_a")
    grant(viewer, Role.VIEWER, world.district_a)
    engineer = UserFactory(username="engineer_a")
    grant(engineer, Role.NETWORK_ENGINEER, world.district_a)
    inspector = UserFactory(username="inspector_a")
    grant(inspector, Role.INSPECTOR, world.district_a)
    officer = UserFactory(username="department_a")
    grant(officer, Role.DEPARTMENT_OFFICER, world.district_a)
    return {
        "state admin": world.state_admin,
        "district admin": world.dc_a,
        "CSC manager": world.csc_manager_a,
        "block officer": world.bdo_a1,
        "kiosk operator": world.operator_a1,
        "viewer": viewer,
        "network engineer": engineer,
        "inspector": inspector,
        "department officer": officer,
    }


def test_every_roles_menu_and_pages_agree(world, client):
    for role, user in _personas(world).items():
        client.force_login(user)
        menu = _menu(client.get(reverse("dashboards:home")).content.decode())
        for path in menu:
            assert client.get(path).status_code == 200, (role, path)
        for name, entry in TOP_LEVEL.items():
            opens = client.get(reverse(name)).status_code == 200
            assert opens == (reverse(entry) in menu), (role, name, opens)


def test_the_viewer_sees_centres_and_directives_in_the_menu(world, client):
    viewer = UserFactory(username="viewer_a")
    grant(viewer, Role.VIEWER, world.district_a)
    client.force_login(viewer)
    menu = _menu(client.get(reverse("dashboards:home")).content.decode())
    assert reverse("centres:centre_list") in menu and reverse("reviews:register") in menu
    assert client.get(reverse("centres:centre_list")).status_code == 200


def test_the_api_lists_applications_on_the_pages_rule(world, client):
    personas = _personas(world)
    for role, status in (("network engineer", 403), ("viewer", 200), ("block officer", 200)):
        client.force_login(personas[role])
        for url in ("/api/applications/", "/api/applications/inbox/"):
            assert client.get(url).status_code == status, (role, url)
