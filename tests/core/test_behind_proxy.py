"""The client's address through a real proxy hop: the app served by the live server, a reverse
proxy in front of it adding X-Forwarded-For as nginx does, and clients connecting from their own
loopback addresses. Login lockout stays on user + address and each public look-up limit counts
per client, never per proxy; without a proxy configured, the header is ignored."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings as django_settings

from tests import proxyhop
from tests.applications.conftest import apps, centres, file_one  # noqa: F401 - fixtures
from tests.factories import UserFactory

X = "127.0.0.2"  # a kiosk in one block
Y = "127.0.0.3"  # an officer elsewhere
PASSWORD = "secret-pass-123"  # the factory's
LAST4 = "1234"  # of the conftest applicant's mobile


@pytest.fixture
def proxied(live_server, settings):  # type: ignore[no-untyped-def]
    """The app behind one proxy, set up as ``DEGS_PROXY_COUNT=1`` sets it up."""
    proxyhop.apply(settings, proxy_count=1)
    with proxyhop.reverse_proxy(live_server.url) as address:
        yield address


def _lock_out(browser: proxyhop.Browser, username: str, **headers: str) -> None:
    for _ in range(django_settings.AXES_FAILURE_LIMIT - 1):
        assert browser.sign_in(username, "wrong", headers=headers) == 200
    assert browser.sign_in(username, "wrong", headers=headers) == 429


def test_six_wrong_passwords_lock_the_user_out_from_that_address_only(proxied) -> None:
    # given the DC's account, reached through the proxy from two addresses
    UserFactory(username="dc.jamtara")
    from_x, from_y = proxyhop.Browser(proxied, X), proxyhop.Browser(proxied, Y)
    # when six wrong passwords come from X
    _lock_out(from_x, "dc.jamtara")
    # then the right password is refused from X, and accepted from Y
    assert from_x.sign_in("dc.jamtara", PASSWORD) == 429
    assert from_y.sign_in("dc.jamtara", PASSWORD) == 302


def test_a_forged_forwarded_address_cannot_lock_out_another_client(proxied) -> None:
    # given an attacker at X who writes Y's address in X-Forwarded-For
    UserFactory(username="dc.jamtara")
    attacker, officer = proxyhop.Browser(proxied, X), proxyhop.Browser(proxied, Y)
    _lock_out(attacker, "dc.jamtara", **{"X-Forwarded-For": Y})
    # then the lockout fell on X, where the attempts came from, and Y still signs in
    assert attacker.sign_in("dc.jamtara", PASSWORD) == 429
    assert officer.sign_in("dc.jamtara", PASSWORD) == 302


def _status(browser: proxyhop.Browser, number: str, **headers: str) -> int:
    browser.get("/status/", headers=headers)
    status, _ = browser.post("/status/", {"number": number, "last4": LAST4}, headers=headers)
    return status


def _verify(browser: proxyhop.Browser, number: str, **headers: str) -> int:
    browser.get("/verify/", headers=headers)
    status, _ = browser.post("/verify/", {"number": number, "last4": LAST4}, headers=headers)
    return status


@pytest.mark.parametrize(
    ("lookup", "setting"),
    [(_status, "DEGS_STATUS_LOOKUPS_PER_HOUR"), (_verify, "DEGS_VERIFY_LOOKUPS_PER_HOUR")],
)
def test_public_lookups_exhausted_from_one_address_leave_others_allowed(
    proxied,
    world,
    apps,  # noqa: F811 - the fixture
    settings,
    lookup: Any,
    setting: str,
) -> None:
    application = file_one(world, apps)
    number = str(application.number)
    setattr(settings, setting, 2)
    from_x, from_y = proxyhop.Browser(proxied, X), proxyhop.Browser(proxied, Y)
    # X uses up its look-ups, the last with Y's address forged in front
    assert lookup(from_x, number) != 429
    assert lookup(from_x, number, **{"X-Forwarded-For": Y}) != 429
    assert lookup(from_x, number) == 429
    # Y, behind the same proxy, is still answered
    assert lookup(from_y, number) != 429


def test_without_a_proxy_a_forged_forwarded_header_is_ignored(
    live_server,
    world,
    apps,  # noqa: F811 - the fixture
    settings,
) -> None:
    # given no proxy configured (DEGS_PROXY_COUNT=0) and clients reaching the app directly
    proxyhop.apply(settings, proxy_count=0)
    app = ("127.0.0.1", int(live_server.url.rsplit(":", 1)[1]))
    UserFactory(username="dc.jamtara")
    attacker, officer = proxyhop.Browser(app, X), proxyhop.Browser(app, Y)
    # when X sends six wrong passwords, each claiming another address
    for n in range(django_settings.AXES_FAILURE_LIMIT - 1):
        assert attacker.sign_in("dc.jamtara", "wrong", {"X-Forwarded-For": f"10.0.0.{n}"}) == 200
    assert attacker.sign_in("dc.jamtara", "wrong", {"X-Forwarded-For": Y}) == 429
    # then X is locked out whatever it claims, and Y is not
    assert attacker.sign_in("dc.jamtara", PASSWORD, {"X-Forwarded-For": "10.9.9.9"}) == 429
    assert officer.sign_in("dc.jamtara", PASSWORD) == 302
    # and the status look-ups count on X's own address too
    settings.DEGS_STATUS_LOOKUPS_PER_HOUR = 1
    number = str(file_one(world, apps).number)
    assert _status(attacker, number, **{"X-Forwarded-For": "10.0.0.1"}) == 200
    assert _status(attacker, number, **{"X-Forwarded-For": "10.0.0.2"}) == 429
    assert _status(officer, number) == 200
