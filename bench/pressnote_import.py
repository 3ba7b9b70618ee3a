"""Benchmark: how long reading a press note takes, and that the time grows in proportion to
the text's length (the import's aims: well under a second for a two-page note, 20,000
characters under 0.3 s, the same time per character at 2,000, 20,000 and 200,000).

    .venv/bin/python bench/pressnote_import.py [--repeat 50]

1. The note: the three shipped samples one after another (Hindi and English, about 8,000
   characters or 1,240 words: two to three printed pages), cleaned as pasted text
   (``sources.text_from_paste``) and read (``pressnote.read_note``) with Jharkhand's districts;
   the median and the slowest of ``--repeat`` runs, after one run to warm up (the first
   compiles the patterns). Times are CPU time (``time.process_time``), steady when other
   processes share the machine.
2. Length: the samples repeated to 2,000, 20,000 and 200,000 characters in three shapes, each
   read by ``read_note`` directly (200,000 is over the import's cap of 50,000 characters, which
   refuses it before reading; the reader itself is measured here):
   - ``paragraph``: all of it on one line (the shape that once took 6 s at 20,000);
   - ``lines``: the samples' own lines, each copy's lines numbered so that none is dropped as
     a repeat;
   - ``no stops``: the two Hindi samples on one line with every danda, full stop, ? and ! taken
     out and no attendee list ("उपस्थित" made "शामिल"): one sentence cut into pieces by length
     alone, on which every attendee pattern searches in vain (the shape of the report in
     issue 13: 6.4 s at 20,000 characters before the reader was made linear).
   - ``commas``: nothing but ", " (a pattern that starts with a run of separators must try
     each run once, not from each of its characters).
   The median CPU time of a few runs, and microseconds per character. No database is used.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SIZES = (2_000, 20_000, 200_000)


def _repeat_to(text: str, size: int) -> str:
    return (text * (size // len(text) + 1))[:size]


def shapes(note: str, hindi: str) -> dict[str, Callable[[int], str]]:
    paragraph = " ".join(note.split()) + " "
    lines = [line for line in note.splitlines() if line.strip()]
    unlisted = re.sub(r"[।॥.?!]", " ", hindi).replace("उपस्थित", "शामिल")
    no_stops = " ".join(unlisted.split()) + " "

    def numbered(size: int) -> str:
        copies, out, length = 0, [], 0
        while length < size:
            copies += 1
            for line in lines:
                out.append(f"{line} ({copies})")
                length += len(out[-1]) + 1
        return "\n".join(out)[:size]

    return {
        "paragraph": lambda size: _repeat_to(paragraph, size),
        "lines": numbered,
        "no stops": lambda size: _repeat_to(no_stops, size),
        # nothing but ", ": the list closes begin with "[\s,]+" and once tried every position
        # of such a run again (69 us a character before issue 19's review, square per piece)
        "commas": lambda size: _repeat_to(", ", size),
    }


def _median_ms(run: Callable[[], object], repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        started = time.process_time()
        run()
        samples.append((time.process_time() - started) * 1000)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DEGS_ENV", "test")
    import django

    django.setup()
    from degs.reviews.pressnote import read_note
    from degs.reviews.sources import text_from_paste

    folder = ROOT / "degs" / "reviews" / "data" / "press_notes"
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    note = "\n\n".join(texts)
    with (ROOT / "degs" / "directory" / "demo" / "areas.csv").open(encoding="utf-8") as rows:
        districts = [
            name
            for row in csv.DictReader(rows)
            if row["kind"] == "district"
            for name in (row["name"], row["name_hi"])
        ]
    published = dt.date(2020, 11, 13)

    def run() -> int:
        reading = read_note(text_from_paste(note), published=published, districts=districts)
        return len(reading.orders)

    started = time.process_time()
    orders = run()
    first = (time.process_time() - started) * 1000
    samples = []
    for _ in range(args.repeat):
        started = time.process_time()
        run()
        samples.append((time.process_time() - started) * 1000)
    words = len(note.split())
    print(f"note: {len(note):,} characters, {words:,} words, {orders} orders read")
    print(f"first run (patterns compiled): {first:.1f} ms")
    print(
        f"median of {args.repeat}: {statistics.median(samples):.1f} ms, slowest {max(samples):.1f} ms"
    )

    print()
    print(f"{'shape':<10} {'characters':>10} {'runs':>5} {'CPU ms':>10} {'µs/char':>8}")
    hindi = " ".join(text for text in texts if "उपायुक्त" in text)
    for shape, make in shapes(note, hindi).items():
        for size in SIZES:
            text = make(size)
            repeat = max(3, min(args.repeat, 40_000 // size))
            ms = _median_ms(
                lambda text=text: read_note(text, published=published, districts=districts),
                repeat,
            )
            print(f"{shape:<10} {size:>10,} {repeat:>5} {ms:>10.1f} {ms * 1000 / size:>8.2f}")


if __name__ == "__main__":
    main()
