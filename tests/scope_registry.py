"""The jurisdiction check's registry: every page and API endpoint that shows area-bound rows.

Each app registers, in its own module named by its AppConfig's ``scope_tests``
(``tests/<app>/scope.py``; see degs/core/registry.py), for each model it shows how to make one
row inside a given block (``Maker``), and then each list and detail URL that shows it
(``ScopedURL``), the URLs that show no area-bound rows (``NOT_AREA_BOUND``, with the reason) and
those reachable without signing in (``PUBLIC_URLS``). This module collects them. The check in
``tests/core/test_jurisdiction.py`` signs in as the BDO of block A1 and, for every registered
URL, asserts that rows made in block A1 are shown and rows made in block B1 (another district)
and block A2 (same district) are absent from lists and answer 404 in details.

Every URL of the project must be registered in an app's module (or here, for the project's
own URLs) or listed in ``NOT_AREA_BOUND`` with the reason; ``test_every_url_is_classified`` fails otherwise, so a later app cannot forget.
"""

from __future__ import annotations

from importlib import import_module

from degs.core.registry import degs_apps
from tests.scope_entries import Maker, ScopedURL

__all__ = ["MAKERS", "NOT_AREA_BOUND", "PUBLIC_URLS", "SCOPED_URLS", "Maker", "ScopedURL"]

# The project's own URLs (config/urls.py, config/api.py), not any app's.
MAKERS: dict[str, Maker] = {}
SCOPED_URLS: list[ScopedURL] = []
NOT_AREA_BOUND: dict[str, str] = {
    "set_language": "public language switch",
    "javascript-catalog": "public translations",
    "api:openapi-json": "public API description",
    "api:api-root": "django-ninja's root, answers 404",
    "api:openapi-view": "public API documentation",
}
PUBLIC_URLS = {
    "set_language",
    "javascript-catalog",
    "api:openapi-json",
    "api:openapi-view",
    "api:api-root",
}

# Each app's entries, in INSTALLED_APPS order.
for _config in degs_apps():
    if not _config.scope_tests:
        continue
    _module = import_module(_config.scope_tests)
    for _key, _maker in getattr(_module, "MAKERS", {}).items():
        assert _key not in MAKERS, f"two makers named {_key}"
        MAKERS[_key] = _maker
    SCOPED_URLS += getattr(_module, "SCOPED_URLS", [])
    NOT_AREA_BOUND.update(getattr(_module, "NOT_AREA_BOUND", {}))
    PUBLIC_URLS |= set(getattr(_module, "PUBLIC_URLS", set()))
