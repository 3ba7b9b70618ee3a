"""The Django messages our Hindi catalogue translates are Django's own, to the letter: a
message that drifted from Django's text would never be looked up, and the page would show
Django's English or its "शब्दकूट" again."""

from __future__ import annotations

from pathlib import Path

import django
from django.utils import translation

from degs.accounts.django_messages import DJANGO_MESSAGES


def _django_source() -> str:
    root = Path(django.__file__).parent
    return "\n".join(
        path.read_text(encoding="utf-8")
        for pattern in ("contrib/auth/**/*.py", "contrib/admin/**/*.py", "contrib/admin/**/*.html")
        for path in root.glob(pattern)
    )


def _texts() -> list[str]:
    texts: list[str] = []
    for message in DJANGO_MESSAGES:
        if isinstance(message, str):
            texts.append(message)
        else:  # ngettext_lazy: its singular and plural, from the arguments it keeps
            kwargs = next(arg for arg in message.__reduce__()[1] if isinstance(arg, dict))
            texts += [kwargs["singular"], kwargs["plural"]]
    return texts


def test_each_message_is_in_django_source() -> None:
    source = _django_source()
    missing = [text for text in _texts() if text not in source]
    assert not missing


def test_each_message_has_hindi_without_shabdkoot() -> None:
    texts = iter(_texts())
    hindi: list[tuple[str, str]] = []
    with translation.override("hi"):
        for message in DJANGO_MESSAGES:
            if isinstance(message, str):
                text = next(texts)
                hindi.append((text, translation.gettext(text)))
            else:
                singular, plural = next(texts), next(texts)
                hindi.append((singular, translation.ngettext(singular, plural, 1)))
                hindi.append((plural, translation.ngettext(singular, plural, 5)))
    assert [text for text, said in hindi if said == text or "शब्दकूट" in said] == []
