"""Reading a press note takes time in proportion to its length, whatever its shape.

Tests do not time code (speed is measured in bench/pressnote_import.py). What makes reading
slow is a pattern given a long span: one with a lazy ``.+?`` or a bounded ``{0,160}?`` between
two parts tries every start again, so its work grows with the square of the span (the attendee
pattern once took 6 s for a 20,000-character paragraph). These tests hold the two facts that
keep the work linear, on texts hypothesis shapes (one paragraph, many lines, no punctuation,
repeated honorifics, names, "को", order verbs and attendee phrases):

- no pattern, except the few listed in ``WHOLE_LINE_PATTERNS`` that look at each character a
  fixed number of times, is ever handed more than ``MAX_SENTENCE`` characters;
- no pattern is handed, in all, more than a few times the text's length (a sentence, the
  clause and order read from it, a name in it), so no step rescans the text per sentence.

Every pattern the reader and the deadline finder use is counted: the compiled ones in both
modules and every call through their ``re``.
"""

from __future__ import annotations

import re
import types
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from degs.reviews import deadlines, pressnote, pressnote_people, pressnote_places
from degs.reviews.pressnote import MAX_SENTENCE, WHOLE_LINE_PATTERNS, read_note, sentences

# How many times, at most, one pattern may be handed each character of the text.
TIMES_PER_CHARACTER = 4
# Except the words that follow each figure: five words from every number, so in a text made
# of numbers each character is in at most five figures' words.
TIMES_FOR = {pressnote._FIVE_WORDS.pattern: 5}


class Counted:
    """A compiled pattern that records the span of text each call hands it."""

    def __init__(self, pattern: re.Pattern[str], log: dict[str, list[int]]) -> None:
        self._pattern, self._log = pattern, log
        self.pattern, self.flags, self.groupindex = (
            pattern.pattern,
            pattern.flags,
            pattern.groupindex,
        )

    def _seen(self, string: str, pos: int = 0, endpos: int | None = None) -> None:
        end = len(string) if endpos is None else min(endpos, len(string))
        self._log[self.pattern].append(max(0, end - pos))

    def _reach(self, found: Any, string: str, pos: int = 0, endpos: int | None = None) -> Any:
        """A search that stops at a match has looked at the text up to the match's end."""
        self._seen(string, pos, found.end() if found else endpos)
        return found

    def search(self, string: str, *args: Any) -> Any:
        return self._reach(self._pattern.search(string, *args), string, *args)

    def match(self, string: str, *args: Any) -> Any:
        return self._reach(self._pattern.match(string, *args), string, *args)

    def fullmatch(self, string: str, *args: Any) -> Any:
        return self._reach(self._pattern.fullmatch(string, *args), string, *args)

    def finditer(self, string: str, *args: Any) -> Any:
        self._seen(string, *args)
        return self._pattern.finditer(string, *args)

    def findall(self, string: str, *args: Any) -> Any:
        self._seen(string, *args)
        return self._pattern.findall(string, *args)

    def sub(self, repl: Any, string: str, *args: Any) -> Any:
        self._seen(string)
        return self._pattern.sub(repl, string, *args)

    def split(self, string: str, *args: Any) -> Any:
        self._seen(string)
        return self._pattern.split(string, *args)


def _counting_re(log: dict[str, list[int]]) -> types.SimpleNamespace:
    """The ``re`` module as the reader sees it, every pattern it compiles or calls counted."""

    def compiled(pattern: Any, flags: int = 0) -> Counted:
        return Counted(re.compile(pattern, flags), log)

    def call(name: str) -> Any:
        return lambda pattern, *args, flags=0: getattr(compiled(pattern, flags), name)(*args)

    names = ("search", "match", "fullmatch", "finditer", "findall", "sub", "split")
    functions = {name: call(name) for name in names}
    return types.SimpleNamespace(**{**vars(re), **functions, "compile": compiled})


def _wrap(value: Any, log: dict[str, list[int]]) -> Any:
    if isinstance(value, re.Pattern):
        return Counted(value, log)
    if isinstance(value, tuple):
        return tuple(_wrap(item, log) for item in value)
    if isinstance(value, list):
        return [_wrap(item, log) for item in value]
    if isinstance(value, dict):
        return {key: _wrap(item, log) for key, item in value.items()}
    return value


@pytest.fixture
def spans(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, list[int]]]:
    """Each pattern's text -> the length of every span it was handed."""
    log: dict[str, list[int]] = defaultdict(list)
    for module in (pressnote, deadlines, pressnote_people, pressnote_places):
        monkeypatch.setattr(module, "re", _counting_re(log))
        for name, value in list(vars(module).items()):
            if isinstance(value, (re.Pattern, tuple, list, dict)):
                monkeypatch.setattr(module, name, _wrap(value, log))
    yield log


FRAGMENTS = [
    "उपायुक्त",
    "श्री",
    "डॉ०",
    "Dr.",
    "Shri",
    "को",
    "द्वारा",
    "ने",
    "बैठक में",
    "उपस्थित थे",
    "were present",
    "attended by",
    "की अध्यक्षता में",
    "chaired by",
    "निर्देश दिया कि",
    "सुनिश्चित करें",
    "was directed to",
    "directed the officer to",
    "प्रखंड विकास पदाधिकारी",
    "District Informatics Officer",
    "जामताड़ा",
    "Jamtara",
    "एक सप्ताह के अंदर",
    "within 15 days",
    "प्रत्येक माह",
    "12 नवंबर 2020",
    "21.02.2025",
    "4,521",
    "आवेदन",
    "Aadhaar",
    "राम कुमार",
    "x",
    "(भा.प्र.से.)",
    "कहा कि",
    "साथ ही",
    ",",
    ":",
]
SEPARATORS = [" ", " ", " ", "। ", ". ", "\n", ", "]
JHARKHAND = ["Jamtara", "जामताड़ा", "Gaya", "गया", "Ranchi", "रांची"]


@st.composite
def notes(draw: st.DrawFn) -> str:
    """A text of 2,500 to 6,000 characters: a run of fragments repeated, joined by what the
    draw chooses (only spaces gives one paragraph with no sentence end at all)."""
    words = draw(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=12))
    joins = draw(st.lists(st.sampled_from(SEPARATORS), min_size=1, max_size=4))
    length = draw(st.integers(min_value=2_500, max_value=6_000))
    parts: list[str] = []
    size = 0
    while size < length:
        word = words[len(parts) % len(words)] + joins[len(parts) % len(joins)]
        parts.append(word)
        size += len(word)
    return "".join(parts)[:length]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=notes())
# Found by this test: the figure check looked 60 characters past every number, so a text made
# of numbers was read ten times over.
@example(text=("4,521 " * 417)[:2500])
# And: each word of a list of those present asked "is it Devanagari?" by six steps, so a text
# of nothing but "attended by ," was read five times over by that one pattern.
@example(text=("attended by , " * 200)[:2500])
@example(text=("chaired by जामताड़ा उपायुक्त attended by " * 80)[:2500])
def test_no_pattern_sees_more_than_a_sentence_or_rescans_the_text(
    spans: dict[str, list[int]], text: str
) -> None:
    spans.clear()
    read_note(text, districts=JHARKHAND)
    assert spans, "the reader's patterns were not counted"
    for pattern, seen in spans.items():
        if pattern not in WHOLE_LINE_PATTERNS:
            assert max(seen) <= MAX_SENTENCE, pattern
        times = TIMES_FOR.get(pattern, TIMES_PER_CHARACTER)
        assert sum(seen) <= times * len(text) + 1_000, pattern


@settings(max_examples=60, deadline=None)
@given(text=notes())
def test_sentences_are_at_most_max_sentence_long_and_keep_every_word(text: str) -> None:
    line = " ".join(text.split())
    found = sentences(line)
    assert all(len(sentence.text) <= MAX_SENTENCE for sentence in found)
    assert all(line[s.start : s.end] == s.text for s in found)
    assert " ".join(s.text for s in found).split() == line.split()
