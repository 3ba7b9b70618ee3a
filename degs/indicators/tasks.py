"""Background work of the indicators app: working the figures queue off after a change
(docs/indicators.md, "Summaries")."""

from __future__ import annotations

from django_tasks import task

from degs.indicators.services.figures import refresh_queued


@task()
def figures_refresh() -> int:
    """Refresh the figures queued by changed values (``services.figures.values_changed``
    enqueues it after the writer's commit). Running it twice does nothing twice: a taken key
    leaves the queue."""
    return refresh_queued()
