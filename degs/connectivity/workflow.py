"""The connectivity app's workflows as data (degs.core.workflow): a link's life and an
outage's. ``docs/connectivity.md`` prints both tables; the link and outage pages draw their
buttons from them.

Who may act is a part the actor plays over the row's area:

- ``manager``: holds ``connectivity.manage`` there (the DIO, EDM, district administration);
- ``reporter``: holds ``connectivity.report`` there (the network engineer, a block or
  department office reporting its own link down).

Steps with no part are taken by the system (``actor=None``): the probe sweep marks a link not
reporting or heard again, and opening and closing an outage move its link down and back.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_lazy as _

from degs.connectivity.choices import LinkStatus as L
from degs.connectivity.choices import OutageStatus as O
from degs.connectivity.models import Link, LinkEvent, Outage, OutageEvent
from degs.core.permissions import user_can
from degs.core.workflow import Transition, Workflow

MANAGER = "manager"
REPORTER = "reporter"
SYSTEM = "system"  # a part no user plays: steps only the system (actor=None) takes

MANAGE = "connectivity.manage"
REPORT = "connectivity.report"


def _parts(actor: Any, area: Any) -> Iterable[str]:
    if user_can(actor, MANAGE, area):
        yield MANAGER
        yield REPORTER
    elif user_can(actor, REPORT, area):
        yield REPORTER


def link_parts(actor: Any, link: Link) -> Iterable[str]:
    return _parts(actor, link.area)


def outage_parts(actor: Any, outage: Outage) -> Iterable[str]:
    return _parts(actor, outage.link.area)


def status_since(at: Any) -> Any:
    """The ``apply`` of a link's step taken by the system: the new status holds since ``at``
    (the outage's start, the beat heard, the moment it fell silent)."""

    def apply(row: Link, step: Transition) -> list[str]:
        row.status_since = at
        return ["status_since"]

    return apply


LINKS = Workflow(
    "link",
    (
        Transition(
            "provision", (L.PLANNED,), L.PROVISIONING, _("Start provisioning"), frozenset({MANAGER})
        ),
        Transition(
            "commission",
            (L.PLANNED, L.PROVISIONING),
            L.ACTIVE,
            _("Commission (in service)"),
            frozenset({MANAGER}),
        ),
        Transition(
            "silent",
            (L.ACTIVE,),
            L.UNKNOWN,
            _("Stopped reporting"),
            frozenset({SYSTEM}),
            style="warning",
        ),
        Transition("heard", (L.UNKNOWN,), L.ACTIVE, _("Reporting again"), frozenset({SYSTEM})),
        Transition(
            "fail",
            (L.ACTIVE, L.UNKNOWN),
            L.DOWN,
            _("Outage opened"),
            frozenset({SYSTEM}),
            style="danger",
        ),
        Transition("restore", (L.DOWN,), L.ACTIVE, _("Outage closed"), frozenset({SYSTEM})),
        Transition(
            "decommission",
            (L.PLANNED, L.PROVISIONING, L.ACTIVE, L.UNKNOWN, L.DOWN),
            L.DECOMMISSIONED,
            _("Decommission"),
            frozenset({MANAGER}),
            needs_remark=True,
            style="danger",
        ),
    ),
    model=Link,
    event_model=LinkEvent,
    parts=link_parts,
    lock_related=("area", "provider"),
    statuses=L,
    doc="connectivity.md",
    refusal=_("A link that is “%(status)s” cannot be changed this way."),
)


OUTAGES = Workflow(
    "outage",
    (
        Transition(
            "acknowledge",
            (O.OPEN,),
            O.ACKNOWLEDGED,
            _("Provider acknowledged"),
            frozenset({REPORTER}),
        ),
        Transition(
            "restore",
            (O.OPEN, O.ACKNOWLEDGED),
            O.RESTORED,
            _("Restored"),
            frozenset({REPORTER}),
            needs_remark=True,
        ),
        Transition(
            "cancel",
            (O.OPEN, O.ACKNOWLEDGED),
            O.CANCELLED,
            _("Not an outage"),
            frozenset({MANAGER}),
            needs_remark=True,
            style="secondary",
        ),
        Transition(
            "recover",
            (O.OPEN, O.ACKNOWLEDGED),
            O.RESTORED,
            _("Probe reporting again"),
            frozenset({SYSTEM}),
        ),
    ),
    model=Outage,
    event_model=OutageEvent,
    parts=outage_parts,
    lock_related=("link", "link__area", "link__sla", "link__office"),
    statuses=O,
    doc="connectivity.md",
    refusal=_("An outage that is “%(status)s” cannot be changed this way."),
    remark_message=_("Say what was done."),
)
