"""The one import flow: upload → dry run → confirm → apply (in the task worker for big files)
→ batch history. Every kind (``degs.imports.kinds.ImportKind``) goes through it.

Permission: uploading, seeing the flow's pages and applying need the kind's capability
somewhere; without it the answer is 403 (``PermissionDenied``), the same for every app. Each
row is then checked against the areas where the actor holds it (the kind's ``plan``). A batch is
seen only by the person who uploaded it: anyone else is told "not found" (404).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from degs.core.exceptions import (
    ApplicationError,
    ImportRejected,
    OutOfJurisdiction,
    PermissionDenied,
)
from degs.core.permissions import user_can
from degs.core.tabular import Row, Table, read_table
from degs.imports.kinds import ImportKind, ImportReport, Progress, no_progress
from degs.imports.models import ImportBatch
from degs.imports.registry import import_kind, import_kinds

STORED = "degs.imports.table/1"
# Batches kept before the framework by the centres app: the same shape under its own name.
STORED_BEFORE = ("degs.centres.table/1",)


def kind_of(code: str) -> ImportKind:
    kind = import_kind(code)
    if kind is None:
        raise ApplicationError(_("Unknown kind of file."))
    return kind


def may_import(user: Any, code: str) -> bool:
    """Whether the user holds the kind's capability somewhere (pages show their links on it)."""
    kind = import_kind(code)
    return kind is not None and user_can(user, kind.capability)


def require_import(user: Any, codes: Iterable[str]) -> None:
    """The one permission answer of every import page: 403 without the capability of any of
    the page's kinds."""
    if not any(may_import(user, code) for code in codes):
        raise PermissionDenied


# Reading and keeping a file ---------------------------------------------------------------------


def read(kind: ImportKind, filename: str, content: bytes) -> Table:
    """The file as a table, prepared by the kind (ImportRejected when it cannot be read)."""
    return prepared(kind, read_table(filename, content))


def prepared(kind: ImportKind, table: Table) -> Table:
    """The table as read, prepared by the kind (``ImportKind.prepare``)."""
    return kind.prepare(table) if kind.prepare else table


def store(table: Table) -> bytes:
    """The table as kept in the batch: cells as read (and as the kind prepared them)."""
    data = {
        "format": STORED,
        "header": table.header,
        "rows": [[r.line, r.values, r.extra_cells] for r in table.rows],
    }
    return json.dumps(data, ensure_ascii=False).encode()


def load(batch: ImportBatch) -> Table:
    """The table kept in a batch. A batch kept as the uploaded file itself (before the
    framework, the directory's) is read again."""
    content = bytes(batch.content)
    try:
        data = json.loads(content.decode())
    except ValueError:
        data = None
    if isinstance(data, dict) and data.get("format") in (STORED, *STORED_BEFORE):
        return Table(
            header=list(data["header"]),
            rows=[
                Row(line=n, values=values, extra_cells=extra) for n, values, extra in data["rows"]
            ],
        )
    if batch.filename.lower().endswith((".csv", ".txt", ".xlsx")):
        return read(kind_of(batch.kind), batch.filename, content)
    raise ImportRejected(_("This upload cannot be read any more; upload the file again."))


# The flow ---------------------------------------------------------------------------------------


def check(*, kind: ImportKind, actor: Any, table: Table) -> ImportReport:
    """Dry run: every problem of every row, and what would be created or changed."""
    report, _steps = kind.check(actor, table)
    return report


def check_table(*, kind: ImportKind, actor: Any, table: Table) -> ImportReport:
    """The dry run of a table as read from a file (prepared by the kind first, as an upload
    is): an app's ``<kind>_check`` for the demo, its tests and its own callers."""
    return check(kind=kind, actor=actor, table=prepared(kind, table))


def apply_table(*, kind: ImportKind, actor: Any, table: Table) -> ImportReport:
    """Every row of a table as read from a file written, or none (prepared by the kind first,
    as an upload is): an app's ``<kind>_import``."""
    return apply(kind=kind, actor=actor, table=prepared(kind, table))


@transaction.atomic
def apply(
    *, kind: ImportKind, actor: Any, table: Table, progress: Progress = no_progress
) -> ImportReport:
    """Check every row again and write them all, in one transaction: all rows or none.

    ImportRejected (with the report in ``extra``) when any row is bad, before anything is
    written; a failure while writing rolls back every row written before it.
    """
    report, steps = kind.check(actor, table)
    if not report.ok:
        raise ImportRejected(extra={"report": report})
    kind.write(actor, steps, report, progress)
    if not report.ok:
        raise ImportRejected(extra={"report": report})
    return report


def batch_create(
    *, actor: Any, kind: str, filename: str, content: bytes, kinds: Iterable[str] | None = None
) -> tuple[ImportBatch, ImportReport]:
    """Keep an uploaded file and run its dry run. ``kinds``: the kinds the page offers.

    PermissionDenied (403) without the kind's capability anywhere; ImportRejected when the
    file cannot be read at all.
    """
    offered = list(kinds) if kinds is not None else list(import_kinds())
    if kind not in offered:
        raise ApplicationError(_("Choose what the file holds."))
    import_kind_ = kind_of(kind)
    if not user_can(actor, import_kind_.capability):
        raise PermissionDenied
    table = read(import_kind_, filename, content)
    report = check(kind=import_kind_, actor=actor, table=table)
    stored = store(table)
    batch = ImportBatch(
        kind=kind,
        uploaded_by=actor,
        filename=filename[:255],
        content=stored,
        sha256=hashlib.sha256(stored).hexdigest(),
        status=ImportBatch.Status.CHECKED if report.ok else ImportBatch.Status.REJECTED,
        rows=report.rows,
    )
    batch.full_clean(exclude=["content", "uploaded_by"])
    batch.save()
    return batch, report


def batch_list(*, actor: Any, kinds: Iterable[str]) -> models.QuerySet[ImportBatch]:
    """The actor's own uploads of these kinds, newest first: the batch history."""
    return ImportBatch.objects.filter(uploaded_by=actor, kind__in=list(kinds)).defer("content")


def batch_get(*, actor: Any, pk: int, kinds: Iterable[str]) -> ImportBatch:
    """A batch is seen only by the person who uploaded it ("not found" for anyone else)."""
    batch = ImportBatch.objects.filter(pk=pk, uploaded_by=actor, kind__in=list(kinds)).first()
    if batch is None:
        raise OutOfJurisdiction
    return batch


def batch_check(*, actor: Any, batch: ImportBatch) -> ImportReport:
    """The dry run again, against the data as it is now."""
    return check(kind=kind_of(batch.kind), actor=actor, table=load(batch))


def background_rows() -> int:
    return int(getattr(settings, "DEGS_IMPORT_BACKGROUND_ROWS", 5000))


def batch_apply(
    *, actor: Any, pk: int, kinds: Iterable[str]
) -> tuple[ImportBatch, ImportReport | None]:
    """Import the uploader's checked batch, all rows or none.

    A file of more than ``DEGS_IMPORT_BACKGROUND_ROWS`` rows is handed to the task worker: the
    batch becomes "queued" and the answer has no report. A second click finds the batch
    imported, queued or running (no report) and changes nothing. ImportRejected when a row is
    bad now (the data changed since the dry run): nothing was written.
    """
    with transaction.atomic():
        batch = (
            ImportBatch.objects.select_for_update()
            .filter(pk=pk, uploaded_by=actor, kind__in=list(kinds))
            .first()
        )
        if batch is None:
            raise OutOfJurisdiction
        kind = kind_of(batch.kind)
        if not user_can(actor, kind.capability):
            raise PermissionDenied
        if batch.status in (
            ImportBatch.Status.IMPORTED,
            ImportBatch.Status.QUEUED,
            ImportBatch.Status.RUNNING,
        ):
            return batch, None
        if batch.rows > background_rows():
            from degs.imports.tasks import import_batch

            batch.status, batch.done, batch.failure = ImportBatch.Status.QUEUED, 0, ""
            batch.save(update_fields=["status", "done", "failure", "updated_at"])
            transaction.on_commit(lambda: import_batch.enqueue(batch.pk))
            batch.just_queued = True
            return batch, None
        report = apply(kind=kind, actor=actor, table=load(batch))
        _imported(batch, report)
    return batch, report


def _imported(batch: ImportBatch, report: ImportReport) -> None:
    batch.status = ImportBatch.Status.IMPORTED
    batch.created, batch.updated = report.to_create, report.to_update
    batch.done = batch.rows
    batch.imported_at = timezone.now()
    batch.save(update_fields=["status", "created", "updated", "done", "imported_at", "updated_at"])


# The worker's side ------------------------------------------------------------------------------


def _progress_key(pk: int) -> str:
    return f"degs:import:{pk}:done"


def batch_progress(batch: ImportBatch) -> int:
    """Rows written so far. While the import runs its rows are in a transaction no one else
    sees, so the count is kept in the cache (shared by the web and the worker through Redis)."""
    if batch.status == ImportBatch.Status.RUNNING:
        done = cache.get(_progress_key(batch.pk))
        if isinstance(done, int):
            return min(done, batch.rows)
    return batch.done


def batch_run(*, pk: int) -> ImportBatch | None:
    """Apply a queued batch (the task worker calls this): all rows in one transaction.

    The batch is marked running before, and imported or failed after, outside that
    transaction, so the page sees each; progress goes to the cache between chunks.
    """
    claimed = ImportBatch.objects.filter(pk=pk, status=ImportBatch.Status.QUEUED).update(
        status=ImportBatch.Status.RUNNING, done=0, updated_at=timezone.now()
    )
    if not claimed:
        return None
    batch = ImportBatch.objects.select_related("uploaded_by").get(pk=pk)
    kind = kind_of(batch.kind)
    key = _progress_key(pk)
    cache.set(key, 0, timeout=24 * 3600)

    def progress(done: int) -> None:
        cache.set(key, done, timeout=24 * 3600)

    try:
        with transaction.atomic():
            report = apply(kind=kind, actor=batch.uploaded_by, table=load(batch), progress=progress)
            _imported(batch, report)
    except ImportRejected as error:
        _failed(batch, error.extra.get("report"), str(error.message))
    except Exception as error:  # the import stays all-or-nothing; the page says it failed
        _failed(batch, None, str(_("The import stopped on an error: nothing was imported.")))
        raise error
    finally:
        cache.delete(key)
    return batch


def _failed(batch: ImportBatch, report: ImportReport | None, message: str) -> None:
    if report is not None and report.errors:
        first = report.errors[0]
        message = f"{message} ({first.line}, {first.column}: {first.message})"
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=ImportBatch.Status.FAILED, done=0, failure=message[:2000], updated_at=timezone.now()
    )
    batch.refresh_from_db()
