"""The connectivity app's demo (``manage.py load_demo`` runs ``load`` after the apps named in
the AppConfig's ``demo_after``). Loading twice changes nothing."""

from __future__ import annotations


def load() -> list[str]:
    return []
