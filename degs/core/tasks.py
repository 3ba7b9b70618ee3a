"""Background work of core: the partitions of the coming months (docs/partitions.md)."""

from __future__ import annotations

from django_tasks import task

from degs.core.partitions import AHEAD_MONTHS, ensure_partitions


@task()
def partitions_ensure(ahead: int = AHEAD_MONTHS) -> list[str]:
    """Make the partitions of the coming months before any row needs them, and drop the empty
    old ones a table allows dropping. Queued daily by ``manage.py partitions_ensure --queue``
    (cron); running it twice, or on two workers at once, makes nothing twice. Returns the
    partitions made, and those dropped as "-name"."""
    return ensure_partitions(ahead=ahead)
