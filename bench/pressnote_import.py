"""Benchmark: how long reading a press note takes (the import's aim: well under a second for a
two-page note).

    .venv/bin/python bench/pressnote_import.py [--repeat 50]

The note is the three shipped samples one after another (Hindi and English, about 8,000
characters or 1,240 words: two to three printed pages). Each run cleans the pasted text
(``sources.text_from_paste``) and reads it (``pressnote.read_note``) with Jharkhand's districts;
the median and the slowest of ``--repeat`` runs are printed, after one run to warm up (the
first compiles the patterns). No database is used.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


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
    note = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt")))
    with (ROOT / "degs" / "directory" / "demo" / "areas.csv").open(encoding="utf-8") as rows:
        districts = [
            name
            for row in csv.DictReader(rows)
            if row["kind"] == "district"
            for name in (row["name"], row["name_hi"])
        ]

    def run() -> int:
        reading = read_note(
            text_from_paste(note), published=dt.date(2020, 11, 13), districts=districts
        )
        return len(reading.orders)

    started = time.perf_counter()
    orders = run()
    first = (time.perf_counter() - started) * 1000
    samples = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        run()
        samples.append((time.perf_counter() - started) * 1000)
    words = len(note.split())
    print(f"note: {len(note):,} characters, {words:,} words, {orders} orders read")
    print(f"first run (patterns compiled): {first:.1f} ms")
    print(
        f"median of {args.repeat}: {statistics.median(samples):.1f} ms, slowest {max(samples):.1f} ms"
    )


if __name__ == "__main__":
    main()
