"""Background work of the import framework: applying big files."""

from __future__ import annotations

from django_tasks import task

from degs.imports import services


@task()
def import_batch(batch_id: int) -> bool:
    """Apply one queued batch, all rows or none; the batch page shows its progress."""
    return services.batch_run(pk=batch_id) is not None
