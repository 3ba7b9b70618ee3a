"""Benchmark: how long ``manage.py aadhaar_recheck`` takes per ending of four digits.

The command hashes, for each ending present in the database, the ~2.4 million numbers that the
first (wrong) Verhoeff table accepted and the published one refuses (degs/core/aadhaar_recheck.py);
its time is that search times the number of distinct endings (at most 10,000), divided by
``--jobs``. This times the one-off table of digit runs and the search for a few endings:

    .venv/bin/python bench/aadhaar_recheck.py [--endings 3]

No database is needed.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--endings", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DEGS_ENV", "test")
    import django

    django.setup()
    from degs.core.aadhaar_recheck import _middles, hashes_only_the_first_table_accepts

    started = time.perf_counter()
    runs = sum(len(group) for group in _middles()) // 7
    print(f"table of {runs:,} digit runs: {time.perf_counter() - started:.1f} s (once)")
    times = []
    for n in range(args.endings):
        ending = f"{(n * 3797) % 10000:04d}"
        started = time.perf_counter()
        hashes_only_the_first_table_accepts(ending, {"0" * 64})
        times.append(time.perf_counter() - started)
        print(f"ending {ending}: {times[-1]:.1f} s")
    each = sum(times) / len(times)
    print(
        f"about {each:.1f} s per ending: 1,000 endings {each * 1000 / 3600:.1f} h, "
        f"10,000 endings {each * 10000 / 3600:.1f} h on one core"
    )


if __name__ == "__main__":
    main()
