"""Text clean-up applied to everything people type or import."""

from __future__ import annotations

import re
import unicodedata

DEVANAGARI = re.compile(r"[\u0900-\u097F]")
_SPACES = re.compile(r"\s+")


def clean_text(value: object) -> str:
    """NFC-normalise, trim and fold runs of white space (imports, forms)."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value))
    return _SPACES.sub(" ", text).strip()


def has_devanagari(value: str) -> bool:
    return bool(DEVANAGARI.search(value))


_LINE_END_SPACES = re.compile(r"[ \t\u00a0]+\n")
_MANY_BLANK_LINES = re.compile(r"\n{3,}")


def clean_paragraphs(value: object) -> str:
    """NFC-normalise longer text but keep its lines (reports, remarks)."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value)).replace("\r\n", "\n").replace("\r", "\n")
    text = _LINE_END_SPACES.sub("\n", text)
    return _MANY_BLANK_LINES.sub("\n\n", text).strip()
