"""Every named URL of the project, with the keyword arguments it takes."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class NamedURL:
    name: str
    kwargs: tuple[str, ...]


def named_urls() -> list[NamedURL]:
    """Walk the URL tree; skip Django's admin (it has its own tests)."""
    found: list[NamedURL] = []

    def walk(patterns: list, namespace: str) -> None:  # type: ignore[type-arg]
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin" or pattern.app_name == "admin":
                    continue
                ns = pattern.namespace or ""
                walk(pattern.url_patterns, f"{namespace}{ns}:" if ns else namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                kwargs = tuple(sorted(pattern.pattern.regex.groupindex))
                found.append(NamedURL(f"{namespace}{pattern.name}", kwargs))

    walk(get_resolver().url_patterns, "")
    seen: dict[str, NamedURL] = {}
    for url in found:
        seen.setdefault(url.name, url)
    return list(seen.values())
