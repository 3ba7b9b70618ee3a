"""Report every stored Aadhaar hash whose number the corrected Verhoeff check refuses.

Before its correction the check used a wrong table: about 30 % of real numbers were refused and as
many wrong ones accepted and stored (as last four digits and a keyed hash). This command finds
the stored ones, in operators, citizens' applications and operators' files uploaded but not yet
imported, and lists them so that a district can check the number with the person. It changes
nothing. What it can and cannot know is in docs/operations.md ("After the Verhoeff fix").

It lives in ``applications`` because that app already depends on ``centres`` and ``directory``,
whose rows it reads too.
"""

from __future__ import annotations

import multiprocessing
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from degs.applications.models import Application
from degs.centres.importing import sealed_aadhaar_awaiting_import
from degs.centres.models import Operator
from degs.core.aadhaar_recheck import hashes_only_the_first_table_accepts
from degs.core.tabular import csv_cell
from degs.directory.models import Area

HELP = """List the stored Aadhaar numbers (kept as last four digits and a keyed hash) that the
corrected Verhoeff check refuses. Nothing is changed. Each ending of four digits costs a few
seconds of one processor core (--jobs spreads them over more); at most 10,000 endings."""


@dataclass(frozen=True)
class _Found:
    kind: str
    reference: str
    district: str
    place: str
    last4: str


def _search(job: tuple[str, frozenset[str]]) -> set[str]:
    last4, hashes = job
    return hashes_only_the_first_table_accepts(last4, hashes)


def _stored() -> Iterator[tuple[str, str]]:
    """(last four, hash) of every stored Aadhaar hash."""
    for model in (Operator, Application):
        rows = model.objects.exclude(aadhaar_hash="").values_list("aadhaar_last4", "aadhaar_hash")
        yield from rows.iterator(chunk_size=5000)
    for _batch, _line, last4, keyed_hash in sealed_aadhaar_awaiting_import():
        yield last4, keyed_hash


def _district_labels(paths: set[str]) -> dict[str, str]:
    """Label of each district (the area two levels down the tree) above the given paths."""
    districts = {path[:18] for path in paths}
    return {area.path: area.label for area in Area.objects.filter(path__in=districts)}


def _rows(matched: set[str]) -> list[_Found]:
    hashes = sorted(matched)
    chunks = [hashes[i : i + 1000] for i in range(0, len(hashes), 1000)]
    found: list[_Found] = []
    operators = [
        operator
        for chunk in chunks
        for operator in Operator.objects.filter(aadhaar_hash__in=chunk).select_related("area")
    ]
    applications = [
        application
        for chunk in chunks
        for application in Application.objects.filter(aadhaar_hash__in=chunk).select_related(
            "centre", "district"
        )
    ]
    operators.sort(key=lambda o: o.pk)
    applications.sort(key=lambda a: a.pk)
    districts = _district_labels({o.area.path for o in operators})
    for operator in operators:
        found.append(
            _Found(
                "operator",
                f"{operator.pk} {operator.name}",
                districts.get(operator.area.path[:18], ""),
                operator.area.label,
                operator.aadhaar_last4,
            )
        )
    for application in applications:
        found.append(
            _Found(
                "application",
                application.number or f"draft {application.pk}",
                application.district.label,
                f"{application.centre.code} {application.centre.name}".strip(),
                application.aadhaar_last4,
            )
        )
    for batch, line, last4, keyed_hash in sealed_aadhaar_awaiting_import():
        if keyed_hash in matched:
            found.append(
                _Found(
                    "upload",
                    f"{batch.pk} line {line}",
                    "",
                    f"{batch.filename}, by {batch.uploaded_by.get_username()}",
                    last4,
                )
            )
    return found


class Command(BaseCommand):
    help = HELP

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--jobs",
            type=int,
            default=1,
            help="Processes to search in (the search is the slow part). Default 1.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        # By the first digit of the ending, so that a state's millions of hashes are held a
        # tenth at a time.
        matched: set[str] = set()
        stored = endings = 0
        for digit in "0123456789":
            by_ending: dict[str, set[str]] = defaultdict(set)
            for last4, keyed_hash in _stored():
                if last4[:1] == digit:
                    by_ending[last4].add(keyed_hash)
            stored += sum(len(h) for h in by_ending.values())
            endings += len(by_ending)
            jobs = [(last4, frozenset(h)) for last4, h in sorted(by_ending.items())]
            matched.update(*self._run(jobs, options["jobs"]))
            self.stderr.write(f"endings {digit}xxx searched: {endings} so far")
        found = _rows(matched)
        self.stdout.write(
            "Stored Aadhaar numbers the corrected Verhoeff check refuses "
            "(check each with the person and enter the right number again):"
        )
        self.stdout.write("\t".join(["kind", "reference", "district", "place", "last four"]))
        for row in found:
            # Names go out as in a spreadsheet export: this list is meant to be opened in one.
            cells = [row.kind, row.reference, row.district, row.place, row.last4]
            self.stdout.write("\t".join(str(csv_cell(cell)) for cell in cells))
        self.stdout.write(
            f"{len(found)} found among {stored} stored hashes ({endings} endings searched in "
            f"{time.monotonic() - started:.0f} s). Nothing was changed."
        )

    def _run(self, jobs: list[tuple[str, frozenset[str]]], processes: int) -> list[set[str]]:
        if processes <= 1 or len(jobs) <= 1:
            return [_search(job) for job in jobs]
        # Forked workers only compute; they never touch the database connection they inherit.
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            return pool.map(_search, jobs, chunksize=1)
