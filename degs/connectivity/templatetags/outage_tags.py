"""Template filters of the outages pages: how long an outage lasted, in words."""

from __future__ import annotations

from typing import Any

from django import template

from degs.connectivity import workflow
from degs.connectivity.selectors.outages import OutageTimes, outage_times

register = template.Library()


@register.filter
def outage_clocks(outage: Any) -> OutageTimes:
    """{% with t=outage|outage_clocks %}: down for, and the respond and restore clocks."""
    return outage_times(outage)


@register.filter
def outage_step(event: Any) -> str:
    """The name of the step an outage event records (the workflow's label)."""
    step = workflow.OUTAGES.find(event.action)
    return str(step.label) if step is not None else event.action
