"""The import kinds every app declares in its AppConfig's ``import_kinds``."""

from __future__ import annotations

from functools import cache

from django.apps import apps
from django.utils.module_loading import import_string

from degs.imports.kinds import ImportKind


@cache
def import_kinds() -> dict[str, ImportKind]:
    """Code -> kind, in INSTALLED_APPS order. Two apps may not declare the same code."""
    found: dict[str, ImportKind] = {}
    for config in apps.get_app_configs():
        for dotted in getattr(config, "import_kinds", ()):
            kind = import_string(dotted)
            if not isinstance(kind, ImportKind):
                raise TypeError(f"{dotted} is not an ImportKind")
            if kind.code in found:
                raise ValueError(f"Two apps declare the import kind {kind.code!r}")
            found[kind.code] = kind
    return found


def import_kind(code: str) -> ImportKind | None:
    return import_kinds().get(code)
