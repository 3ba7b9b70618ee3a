"""The one client address and the one look-up limit (degs.core.ratelimit).

The expected addresses are the chains the documented proxies write: nginx's
``$proxy_add_x_forwarded_for`` is what the client sent, a comma, then the address the client
connected from; each further proxy appends the address it was reached from.
"""

from __future__ import annotations

import datetime as dt
import types
import uuid

import pytest
from axes.helpers import get_client_ip_address
from django.core.cache import caches
from django.test import RequestFactory, override_settings

from degs.core import ratelimit
from degs.core.ratelimit import RateLimited, client_address, rate_limit
from tests import proxyhop

NGINX = "127.0.0.1"
CLIENT = "203.0.113.9"
FORGED = "198.51.100.77"

CASES = [
    # (proxies in front, REMOTE_ADDR, X-Forwarded-For or None, the client's address)
    (0, CLIENT, None, CLIENT),
    (0, CLIENT, FORGED, CLIENT),  # no proxy: whatever the client writes is ignored
    (1, NGINX, CLIENT, CLIENT),
    (1, NGINX, f"{FORGED}, {CLIENT}", CLIENT),  # a forged entry in front is ignored
    (1, NGINX, f"{FORGED}, 10.0.0.1, {CLIENT}", CLIENT),
    (1, NGINX, f"not-an-address, {CLIENT}", CLIENT),
    (1, NGINX, "2001:db8::7", "2001:db8::7"),
    (1, NGINX, "10.20.30.40", "10.20.30.40"),  # a kiosk on a private network behind nginx
    # a load balancer (10.0.0.5) in front of nginx: the client is second from the right
    (2, NGINX, f"{FORGED}, {CLIENT}, 10.0.0.5", CLIENT),
]


@pytest.mark.parametrize(("proxies", "remote", "forwarded", "expected"), CASES)
def test_the_client_address_is_read_like_the_lockout_reads_it(
    settings, proxies: int, remote: str, forwarded: str | None, expected: str
) -> None:
    proxyhop.apply(settings, proxy_count=proxies)
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    request = RequestFactory().get("/", **meta)
    assert client_address(request) == expected
    # django-axes keys its lockout on the same address
    assert get_client_ip_address(request) == expected


def test_the_settings_follow_the_number_of_proxies() -> None:
    direct = proxyhop.client_settings(0)
    assert direct["AXES_IPWARE_META_PRECEDENCE_ORDER"] == ("REMOTE_ADDR",)
    behind_nginx = proxyhop.client_settings(1)
    assert behind_nginx["AXES_IPWARE_META_PRECEDENCE_ORDER"] == ("HTTP_X_FORWARDED_FOR",)


@pytest.fixture(params=["locmem", "redis"])
def limit_cache(request):  # type: ignore[no-untyped-def]
    """The limit on each cache it runs on: the local-memory cache of a single process and the
    Redis every process shares (on 127.0.0.1:6379 on development and CI machines)."""
    backend = {
        "locmem": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "redis": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/0",
        },
    }[request.param]
    # A prefix of its own: other runs share the Redis, and its keys expire within the hour.
    with override_settings(CACHES={"default": {**backend, "KEY_PREFIX": uuid.uuid4().hex}}):
        yield caches["default"]


def _request(address: str):  # type: ignore[no-untyped-def]
    return RequestFactory().post("/status/", REMOTE_ADDR=address)


def test_the_limit_counts_per_scope_and_address_within_the_hour(limit_cache, monkeypatch) -> None:
    hour = dt.datetime(2026, 12, 2, 10, 59, tzinfo=dt.UTC)
    monkeypatch.setattr(ratelimit, "timezone", types.SimpleNamespace(now=lambda: hour))
    for _ in range(3):
        rate_limit(_request("10.0.0.1"), scope="status", per_hour=3)
    with pytest.raises(RateLimited) as refused:
        rate_limit(_request("10.0.0.1"), scope="status", per_hour=3)
    assert refused.value.status == 429
    # another address, and another kind of look-up, have their own count
    rate_limit(_request("10.0.0.2"), scope="status", per_hour=3)
    rate_limit(_request("10.0.0.1"), scope="verify", per_hour=3)
    # the refused tries count too, and the next clock hour starts afresh
    with pytest.raises(RateLimited):
        rate_limit(_request("10.0.0.1"), scope="status", per_hour=3)
    hour += dt.timedelta(minutes=1)
    rate_limit(_request("10.0.0.1"), scope="status", per_hour=3)
    assert limit_cache.get(f"degs:limit:status:10.0.0.1:{hour:%Y%m%d%H}") == 1
