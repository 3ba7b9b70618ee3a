"""System checks of the project's own settings (``manage.py check``)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import CheckMessage, Error, register
from django.http.request import split_domain_port, validate_host


@register()
def site_address_is_served(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Every absolute link is made from DEGS_SITE_URL; a host not in ALLOWED_HOSTS would answer
    each of them with "Bad Request"."""
    netloc = urlsplit(settings.DEGS_SITE_URL).netloc.rpartition("@")[2]
    domain, _port = split_domain_port(netloc)
    if domain and validate_host(domain, settings.ALLOWED_HOSTS):
        return []
    return [
        Error(
            f"The host of DEGS_SITE_URL ({settings.DEGS_SITE_URL}) is not in ALLOWED_HOSTS "
            f"({', '.join(settings.ALLOWED_HOSTS)}): every link to the site would be refused.",
            hint="Add it to DEGS_ALLOWED_HOSTS, or correct DEGS_SITE_URL.",
            id="core.E001",
        )
    ]
