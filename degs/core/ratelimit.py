"""Who is asking, and how often they may ask: the one place that reads a client's address and the
one limit on public look-ups (status, certificate verification, and whatever else answers
without sign-in).

``client_address`` reads the address exactly as django-axes does for its lockout, through
django-ipware with the ``AXES_IPWARE_*`` settings (``config/settings.py`` derives them from
``DEGS_PROXY_COUNT``), so that a lockout and a look-up limit always count the same person. Behind
nginx that is the client nginx saw, read from the right-hand end of ``X-Forwarded-For`` where the
proxies wrote it; whatever a client put in front of it is ignored. Without a proxy the header is
never read.

``rate_limit`` counts tries per scope and address in the cache, in clock hours. The cache is
shared by every process when ``DEGS_REDIS_URL`` is set; without it (one process, tests) the
local-memory cache counts the same way.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Imported here, not lazily: without django-ipware axes silently keys every lockout on the
# proxy's address, so a missing package must stop the app from starting.
from ipware.ip import get_client_ip

from degs.core.exceptions import ApplicationError

UNKNOWN = "unknown"


class RateLimited(ApplicationError):
    """Too many tries from one address within the hour: nothing was looked up."""

    status = 429
    default_message = _("Too many look-ups from this connection. Please try again in an hour.")


def client_address(request: HttpRequest) -> str:
    """The client's address as the login lockout sees it (``"unknown"`` when none is given)."""
    address, _routable = get_client_ip(
        request,
        proxy_order="right-most"
        if settings.AXES_IPWARE_PROXY_ORDER == "right-most"
        else "left-most",
        proxy_count=settings.AXES_IPWARE_PROXY_COUNT,
        proxy_trusted_ips=settings.AXES_IPWARE_PROXY_TRUSTED_IPS,
        request_header_order=settings.AXES_IPWARE_META_PRECEDENCE_ORDER,
    )
    return address or UNKNOWN


def rate_limit(request: HttpRequest, *, scope: str, per_hour: int) -> None:
    """Count one try at ``scope`` from the client's address; RateLimited once this clock hour
    has seen more than ``per_hour`` of them (the refused tries count too)."""
    key = f"degs:limit:{scope}:{client_address(request)}:{timezone.now():%Y%m%d%H}"
    cache.add(key, 0, 3600)
    try:
        tries = cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.add(key, 1, 3600)
        tries = 1
    if tries > per_hour:
        raise RateLimited
