"""The app registry's one way for an app to reach a later one: ``provides`` / ``provided``."""

from __future__ import annotations

import pytest
from django.apps import apps

from degs.applications import services as ledger
from degs.core import registry


def test_the_ledger_app_provides_the_fine_postings() -> None:
    assert registry.provided("fines.post") is ledger.fine_post
    assert registry.provided("fines.reverse") is ledger.fine_reverse


def test_a_name_no_app_provides_is_none() -> None:
    assert registry.provided("nothing.here") is None


def test_two_apps_providing_one_name_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    centres = apps.get_app_config("centres")
    monkeypatch.setattr(
        type(centres), "provides", {"fines.post": "degs.applications.services.fine_post"}
    )
    with pytest.raises(RuntimeError, match="more than one app"):
        registry.provided("fines.post")


def test_centres_reach_the_ledger_only_through_the_registry(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Centres asks the registry for the ledger by name; without an app providing it, centres
    still works and posts nothing."""
    from degs.centres import services

    asked: list[str] = []
    posted: list[object] = []

    def provided(name: str) -> object:
        asked.append(name)
        return (lambda *, inspection: posted.append(inspection)) if name == "fines.post" else None

    monkeypatch.setattr(services, "provided", provided)
    inspection = object()
    services._ledger("fines.post", inspection)  # type: ignore[arg-type]
    services._ledger("fines.reverse", inspection)  # type: ignore[arg-type]
    assert asked == ["fines.post", "fines.reverse"]
    assert posted == [inspection]
