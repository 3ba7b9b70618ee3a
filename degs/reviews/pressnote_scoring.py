"""Scoring the press-note import against annotated notes (the ``.json`` beside each ``.txt``, as
in ``degs/reviews/data/press_notes/README.md``).

Orders are matched one to one, greedily, on the words they share: a pair counts when the F1 of
their word sets is at least ``MATCH``, since where a careful reader starts and ends an order is
itself a judgement. Addressees and deadline phrases are scored on the matched orders (a phrase
given where the reference has none is a false positive, and the other way round a miss). The
chair counts as right when the name is the same and the designations share most words
(``MATCH``); the date and district must be equal; attendees match on the name, or on the
designation when the reference has no name.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from degs.reviews.pressnote import Reading, read_note

MATCH = 0.5


def words(text: str | None) -> set[str]:
    text = unicodedata.normalize("NFC", text or "").lower()
    return {w for w in re.split(r"[^\w\u0900-\u097F]+", text) if w}


def overlap(a: str | None, b: str | None) -> float:
    x, y = words(a), words(b)
    if not x or not y:
        return 0.0
    common = len(x & y)
    return 2 * common / (len(x) + len(y))


@dataclass
class Tally:
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0

    def add(self, other: Tally) -> None:
        self.true_positive += other.true_positive
        self.false_positive += other.false_positive
        self.false_negative += other.false_negative

    @property
    def precision(self) -> float | None:
        found = self.true_positive + self.false_positive
        return self.true_positive / found if found else None

    @property
    def recall(self) -> float | None:
        wanted = self.true_positive + self.false_negative
        return self.true_positive / wanted if wanted else None


@dataclass
class Score:
    name: str
    orders: Tally = field(default_factory=Tally)
    addressees: Tally = field(default_factory=Tally)
    deadlines: Tally = field(default_factory=Tally)
    attendees: Tally = field(default_factory=Tally)
    chair: bool = False
    date: bool = False
    district: bool = False
    seconds: float = 0.0
    notes: int = 1  # how many notes the chair, date and district shares are over
    chairs: int = 0
    dates: int = 0
    districts: int = 0


def _pairs(found: list[str], wanted: list[str]) -> list[tuple[int, int]]:
    candidates = sorted(
        ((overlap(f, w), i, j) for i, f in enumerate(found) for j, w in enumerate(wanted)),
        reverse=True,
    )
    used_f: set[int] = set()
    used_w: set[int] = set()
    pairs = []
    for value, i, j in candidates:
        if value < MATCH or i in used_f or j in used_w:
            continue
        used_f.add(i)
        used_w.add(j)
        pairs.append((i, j))
    return pairs


def _phrase_tally(pairs: Iterable[tuple[Any, Any]]) -> Tally:
    tally = Tally()
    for found, wanted in pairs:
        if found and wanted and overlap(found, wanted) >= MATCH:
            tally.true_positive += 1
        else:
            tally.false_positive += bool(found)
            tally.false_negative += bool(wanted)
    return tally


def score(name: str, reading: Reading, reference: dict[str, Any]) -> Score:
    result = Score(name)
    wanted = reference.get("directives", [])
    found_texts = [o.text for o in reading.orders]
    pairs = _pairs(found_texts, [d["text"] for d in wanted])
    result.orders = Tally(len(pairs), len(found_texts) - len(pairs), len(wanted) - len(pairs))
    matched = [(reading.orders[i], wanted[j]) for i, j in pairs]
    result.addressees = _phrase_tally((o.responsible, d.get("responsible")) for o, d in matched)
    result.deadlines = _phrase_tally(
        (o.deadline_phrase, d.get("deadline_phrase")) for o, d in matched
    )
    chair = reference.get("chair") or {}
    same_name = (reading.chair.name or None) == (chair.get("name") or None) or (
        overlap(reading.chair.name, chair.get("name")) == 1.0
    )
    same_post = overlap(reading.chair.designation, chair.get("designation")) >= MATCH or (
        not reading.chair.designation and not chair.get("designation")
    )
    result.chair = same_name and same_post
    date = reference.get("meeting_date")
    result.date = (reading.meeting_date.isoformat() if reading.meeting_date else None) == date
    result.district = unicodedata.normalize("NFC", reading.district or "") == unicodedata.normalize(
        "NFC", reference.get("district") or ""
    )
    people = reference.get("attendees", [])
    keys_found = [p.name or p.designation or "" for p in reading.attendees]
    keys_wanted = [p.get("name") or p.get("designation") or "" for p in people]
    met = _pairs(keys_found, keys_wanted)
    result.attendees = Tally(len(met), len(keys_found) - len(met), len(keys_wanted) - len(met))
    result.chairs, result.dates = int(result.chair), int(result.date)
    result.districts = int(result.district)
    return result


def score_folder(folder: Path, districts: Iterable[str] = ()) -> list[Score]:
    import time

    names = list(districts)
    scores = []
    for text_file in sorted(folder.glob("*.txt")):
        reference = json.loads(text_file.with_suffix(".json").read_text(encoding="utf-8"))
        started = time.perf_counter()
        published = reference.get("published")
        reading = read_note(
            text_file.read_text(encoding="utf-8"),
            published=dt.date.fromisoformat(published) if published else None,
            districts=names,
        )
        seconds = time.perf_counter() - started
        result = score(text_file.stem, reading, reference)
        result.seconds = seconds
        scores.append(result)
    return scores


def total(scores: Iterable[Score], name: str = "all") -> Score:
    """The notes' tallies added up, with how many notes had the chair, the date and the
    district right."""
    whole = Score(name, notes=0)
    for item in scores:
        for part in ("orders", "addressees", "deadlines", "attendees"):
            getattr(whole, part).add(getattr(item, part))
        whole.notes += item.notes
        whole.chairs += item.chairs
        whole.dates += item.dates
        whole.districts += item.districts
    return whole
