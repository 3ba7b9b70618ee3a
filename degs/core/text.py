"""Text clean-up applied to everything people type or import."""

from __future__ import annotations

import re
import unicodedata

from django.utils.translation import gettext_lazy as _

DEVANAGARI = re.compile(r"[\u0900-\u097F]")
_SPACES = re.compile(r"\s+")

# Devanagari vowel signs are not \w, so \b cuts Hindi words apart: these look-arounds treat
# any Devanagari letter or sign (not the danda "।", "॥") as part of a word.
WORD_LETTER = r"[\w\u0900-\u0963\u0966-\u097F]"
WORD_START, WORD_END = rf"(?<!{WORD_LETTER})", rf"(?!{WORD_LETTER})"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def text_pattern(pattern: str) -> re.Pattern[str]:
    """A case-blind pattern compiled on the NFC form, as clean_text() gives the text (a
    nukta letter typed as two code points would otherwise never match)."""
    return re.compile(nfc(pattern), re.IGNORECASE)


def clean_text(value: object) -> str:
    """NFC-normalise, trim and fold runs of white space (imports, forms)."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value))
    return _SPACES.sub(" ", text).strip()


_DEVANAGARI_DIGITS = str.maketrans("०१२३४५६७८९", "0123456789")
_JOINERS = "\u200c\u200d"  # zero-width non-joiner and joiner


def ascii_digits(value: str) -> str:
    """Devanagari digits read as the ASCII digits 0 to 9; everything else unchanged."""
    return value.translate(_DEVANAGARI_DIGITS)


class ControlCharacters(ValueError):
    """Typed text holds NUL or another control character, which is never kept."""


# What text may not carry, wherever it comes from (forms, API bodies and query strings, files):
# the C0 and C1 control characters (Unicode category Cc: NUL, which PostgreSQL refuses in text,
# escape, backspace...) except tab, line feed and carriage return; and the surrogate halves
# U+D800 to U+DFFF (a JSON "\ud800" decodes to one, which cannot be encoded to UTF-8 for the
# database). No one types these; they come from bad bytes or from an attacker.
# Kept, as real text needs them and the database stores them: the zero-width joiner and
# non-joiner (they shape Devanagari conjuncts), the direction marks, embeddings and isolates
# (Urdu text carries them; phones put U+202A...U+202C around numbers copied from WhatsApp, so a
# pasted press note would be refused for something the user cannot see). That an override can
# make a name display in another order than it is stored is a matter of how pages show text.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


REFUSED_MESSAGE = _(
    "This contains invisible control characters (such as NUL) that cannot be kept. "
    "Remove them and try again."
)


def has_control_characters(value: str) -> bool:
    return CONTROL_CHARACTERS.search(value) is not None


def typed_text(value: str) -> str:
    """Text as it enters the suite (form field, API field, query string, imported cell): NFC
    normalised, as DESIGN.md asks; ControlCharacters when it carries anything in
    CONTROL_CHARACTERS. Refused, never stripped: what a person typed is not silently changed."""
    if has_control_characters(value):
        raise ControlCharacters
    return unicodedata.normalize("NFC", value)


def _devanagari_letter(char: str) -> bool:
    return "\u0900" <= char <= "\u097f" or "\ua8e0" <= char <= "\ua8ff"


def clean_name(value: object) -> str:
    """A name as typed, made safe to keep: ``clean_text``, and zero-width joiners kept only
    between two Devanagari characters (where they shape the word) and dropped elsewhere.
    NFC already makes both spellings of a nukta letter (क़ or क + ़) one text.
    ControlCharacters for NUL and other control characters."""
    text = typed_text("" if value is None else str(value))
    kept = [
        char
        for index, char in enumerate(text)
        if char not in _JOINERS
        or (
            0 < index < len(text) - 1
            and _devanagari_letter(text[index - 1])
            and _devanagari_letter(text[index + 1])
        )
    ]
    return clean_text("".join(kept))


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
