"""Sentences the system writes into stored rows, kept in English and in Hindi.

A sentence the system writes (an approval's reason, an automatic step's remark, a notice) is
stored twice when it is made: the English in the field (``remark``), the Hindi in its twin
(``remark_hi``), as master data keeps ``name`` and ``name_hi``. Pages show the reader's one with
the ``loc`` filter (``{{ event|loc:"remark" }}``); text a person typed goes into the field alone,
leaves the twin empty, and shows as typed in both languages. Rows written before the twins
existed have empty twins and so show as they were written.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import NamedTuple

from django.utils.functional import Promise
from django.utils.translation import override


class Bilingual(NamedTuple):
    """One sentence in English and in Hindi."""

    en: str
    hi: str

    def fields(self, name: str) -> dict[str, str]:
        """The keyword arguments that store it: {"remark": en, "remark_hi": hi}."""
        return {name: self.en, f"{name}_hi": self.hi}


LANGUAGES = ("en", "hi")


def in_both_languages(render: Callable[[], str]) -> Bilingual:
    """Render the same text under English and under Hindi (gettext, choice labels and
    master-data labels all follow the active language)."""
    texts = []
    for language in LANGUAGES:
        with override(language):
            texts.append(str(render()))
    return Bilingual(*texts)


def sentence(message: str | Promise, params: Mapping[str, object] | None = None) -> Bilingual:
    """``message % params`` in each language: a lazy message and lazy parameters (choice
    labels, other lazy messages) are translated; a parameter that is a function of no arguments
    is called under each language (``lambda: area.label``)."""

    def render() -> str:
        values = {key: _value(value) for key, value in (params or {}).items()}
        return str(message) % values if values else str(message)

    return in_both_languages(render)


def typed(text: str) -> Bilingual:
    """Text a person typed: stored as typed, the Hindi twin left empty."""
    return Bilingual(text, "")


def _value(value: object) -> object:
    if isinstance(value, Promise):
        return str(value)
    if callable(value):
        return value()
    return value
