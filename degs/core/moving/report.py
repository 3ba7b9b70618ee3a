"""What a move did or would do, table by table, as the command prints it and the report file
keeps it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class TableProof:
    """One table: rows in the laptop, matched to the state's rows, left (belonging to matched
    rows), moved; and the checksum of the moved rows as the laptop's rows say they must be and
    as the state's database holds them."""

    label: str
    laptop: int = 0
    matched: int = 0
    left: int = 0
    moved: int = 0
    read_back: int = 0
    laptop_sum: str = ""
    state_sum: str = ""
    note: str = ""
    error: str = ""  # why the proof cannot hold, beyond the figures

    @property
    def proven(self) -> bool:
        return (
            not self.error
            and self.moved == self.read_back == self.laptop - self.matched - self.left
            and self.laptop_sum == self.state_sum
        )


@dataclass(frozen=True)
class Clash:
    """A laptop row whose natural key the state already holds."""

    label: str
    fields: str
    value: str
    detail: str = ""

    def line(self) -> str:
        return f"{self.label}  {self.fields} = {self.value}" + (
            f"  ({self.detail})" if self.detail else ""
        )


@dataclass
class MoveReport:
    source: str
    target: str
    dry_run: bool
    started_at: dt.datetime
    seconds: float = 0.0
    outcome: str = ""  # "moved", "dry run", "refused", "rolled back"
    tables: list[TableProof] = field(default_factory=list)
    clashes: list[Clash] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    skipped: list[tuple[str, int, str]] = field(default_factory=list)
    files: int = 0
    file_bytes: int = 0
    numbers: list[tuple[str, str, str]] = field(default_factory=list)  # table, old, new
    after: list[str] = field(default_factory=list)  # what to run once moved

    @property
    def refused(self) -> bool:
        return bool(self.clashes or self.problems)

    @property
    def proven(self) -> bool:
        return all(t.proven for t in self.tables)

    def totals(self) -> TableProof:
        total = TableProof("total")
        for t in self.tables:
            total.laptop += t.laptop
            total.matched += t.matched
            total.left += t.left
            total.moved += t.moved
            total.read_back += t.read_back
        return total

    def table_lines(self, *, all_tables: bool = False) -> list[str]:
        """The proof as a table: every table with rows in the laptop (``all_tables``: every
        table), then the totals."""
        rows = sorted(
            (t for t in self.tables if all_tables or t.laptop or t.moved), key=lambda t: t.label
        )
        width = max([len(t.label) for t in rows] + [5])
        head = (
            f"{'table':<{width}}  {'laptop':>8}  {'matched':>7}  {'left':>6}  {'moved':>8}  "
            f"{'read back':>9}  {'checksum (laptop)':<16}  {'checksum (state)':<16}  proof"
        )
        lines = [head, "-" * len(head)]
        for t in [*rows, self.totals()]:
            proof = ""
            if t.label != "total":
                proof = ("ok" if t.proven else "MISMATCH") if t.laptop_sum or t.error else ""
                proof = f"{proof} {t.note} {t.error}".strip()
            lines.append(
                f"{t.label:<{width}}  {t.laptop:>8}  {t.matched:>7}  {t.left:>6}  {t.moved:>8}  "
                f"{t.read_back:>9}  {t.laptop_sum[:16]:<16}  {t.state_sum[:16]:<16}  {proof}"
            )
        return lines

    def text(self) -> str:
        """The whole report (the report file)."""
        lines = [
            f"Moving {self.source} into {self.target}",
            f"Started {self.started_at.isoformat(timespec='seconds')}, "
            f"took {self.seconds:.1f} s: {self.outcome}"
            + (" (a dry run: nothing was kept)" if self.dry_run else ""),
            "",
        ]
        if self.problems:
            lines += ["Refused:", *(f"  {p}" for p in self.problems), ""]
        if self.clashes:
            lines += [
                f"Refused: {len(self.clashes)} clash(es) with rows the state already has",
                *(f"  {c.line()}" for c in self.clashes),
                "",
            ]
        lines += self.table_lines(all_tables=True)
        lines += [
            "",
            "Checksums: the sum (mod 2^256) of the SHA-256 of every moved row's values, ids "
            "written as the state's ids; the laptop's side is read from the laptop again after "
            "the move, the state's side read back from the state's database.",
            f"Files copied: {self.files} ({self.file_bytes} bytes)",
        ]
        if self.skipped:
            lines += ["", "Not moved:"]
            lines += [f"  {label} ({count} rows): {why}" for label, count, why in self.skipped]
        if self.after:
            lines += ["", "Next:", *(f"  {line}" for line in self.after)]
        if self.numbers:
            lines += [
                "",
                "Numbers made from ids, which changed with the ids (table, old, new):",
                *(f"  {label} {old} {new}" for label, old, new in self.numbers),
            ]
        if self.tables:
            lines += ["", "Full checksums:"]
            lines += [
                f"  {t.label} {t.laptop_sum} {t.state_sum}" for t in self.tables if t.laptop_sum
            ]
        return "\n".join(lines) + "\n"

    def write(self, path: Path) -> None:
        path.write_text(self.text(), encoding="utf-8")
