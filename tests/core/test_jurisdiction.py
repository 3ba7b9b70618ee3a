"""The jurisdiction check: every registered list and detail, as the BDO of block A1."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from tests.scope_registry import MAKERS, NOT_AREA_BOUND, PUBLIC_URLS, SCOPED_URLS, ScopedURL
from tests.urlwalk import named_urls


def _tag() -> str:
    return "T" + uuid.uuid4().hex[:10]


@pytest.mark.parametrize("case", SCOPED_URLS, ids=lambda c: c.name)
def test_block_officer_sees_own_block_only(world, client_as, case: ScopedURL) -> None:
    # given one row in the officer's block, one in another block of the same district and one
    # in another district
    maker = MAKERS[case.maker]
    # One search word for the run; each row's name adds its own suffix, so a list filtered by
    # the word echoes only the word, and a row's full tag appears only if the row is listed.
    base = _tag()
    tags = {key: f"{base}{key}" for key in ("own", "sibling", "foreign")}
    rows = {
        "own": maker.make(world.block_a1, tags["own"]),
        "sibling": maker.make(world.block_a2, tags["sibling"]),
        "foreign": maker.make(world.block_b1, tags["foreign"]),
    }
    client = client_as(getattr(world, case.viewer))
    hidden = {"foreign"} if case.viewer == "dc_a" else {"sibling", "foreign"}

    if case.kind == "list":
        for key in ("own", "sibling", "foreign"):
            # when the officer asks for the list, filtered so the row would be on the first page
            url = reverse(case.name) + "?" + case.query.format(tag=base)
            response = client.get(url)
            assert response.status_code == 200, url
            body = response.content.decode()
            # then only their own block's row is there
            if key not in hidden:
                assert tags[key] in body, f"{case.name}: {key} row missing"
            else:
                assert tags[key] not in body, f"{case.name}: {key} row leaked"
    else:
        for key in ("own", "sibling", "foreign"):
            expected = 404 if key in hidden else case.own_status
            url = reverse(case.name, kwargs={case.kwarg: rows[key].pk})
            response = client.get(url)
            assert response.status_code == expected, f"{case.name} {key}: {response.status_code}"
        # and out of scope looks exactly like not found
        missing = client.get(reverse(case.name, kwargs={case.kwarg: 987654321}))
        out_of_scope = client.get(reverse(case.name, kwargs={case.kwarg: rows["foreign"].pk}))
        assert missing.status_code == out_of_scope.status_code == 404
        if case.name.startswith("api:"):
            assert missing.json() == out_of_scope.json()


def test_every_url_is_classified() -> None:
    """A new URL must be registered for the jurisdiction check or say why it needs none."""
    registered = {c.name for c in SCOPED_URLS} | set(NOT_AREA_BOUND)
    missing = sorted(u.name for u in named_urls() if u.name not in registered)
    assert not missing, f"register these in tests/scope_registry.py: {missing}"


def _fill(url) -> str:  # type: ignore[no-untyped-def]
    return reverse(url.name, kwargs=dict.fromkeys(url.kwargs, 1))


@pytest.mark.parametrize(
    "url", [u for u in named_urls() if u.name not in PUBLIC_URLS], ids=lambda u: u.name
)
def test_anonymous_is_refused(db, client, url) -> None:  # type: ignore[no-untyped-def]
    for method in ("get", "post"):
        response = getattr(client, method)(_fill(url))
        if response.status_code == 405:
            continue
        if url.name.startswith("api:"):
            assert response.status_code == 401, f"{method} {url.name}"
            assert "detail" in response.json()
        else:
            assert response.status_code == 302, f"{method} {url.name}: {response.status_code}"
            assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("name", sorted(PUBLIC_URLS))
def test_public_urls_answer_anonymous(db, client, name: str) -> None:
    response = client.get(reverse(name))
    assert response.status_code in (200, 404, 405)
