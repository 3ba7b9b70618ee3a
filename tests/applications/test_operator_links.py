"""An operator's pages link only to what the operator may open."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.applications.conftest import file_one

pytestmark = pytest.mark.django_db


def test_every_link_on_an_operators_pages_answers_200(world, apps, client):
    """Walk every link from the operator's home (within the site, up to 300 pages)."""
    file_one(world, apps)
    client.force_login(world.operator_a1)
    seen: dict[str, int] = {}
    came_from: dict[str, str] = {}
    queue = [reverse("dashboards:home")]
    while queue and len(seen) < 300:
        url = queue.pop(0)
        if url in seen:
            continue
        response = client.get(url)
        seen[url] = response.status_code
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for href in re.findall(r'href="([^"#]+)"', response.content.decode()):
            href = href.replace("&amp;", "&")
            inside = href.startswith("/") and not href.startswith(("/static/", "/admin/"))
            if inside and href not in seen:
                came_from.setdefault(href, url)
                queue.append(href)
    broken = {url: (status, came_from.get(url)) for url, status in seen.items() if status != 200}
    assert broken == {}
    assert len(seen) > 10
