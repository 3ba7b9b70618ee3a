"""The times people and devices report (a test's, a phone's registration, a heartbeat's): the
sender's clock may run a little ahead of the server's, never more."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# A phone's or a probe's clock may run this far ahead of the server's.
FUTURE_SLACK = dt.timedelta(minutes=5)


def ahead_of_server(at: dt.datetime, now: dt.datetime | None = None) -> bool:
    """Whether ``at`` is later than a sender's clock may be: more than FUTURE_SLACK after
    ``now`` (the server's clock when not given)."""
    return at > (now or timezone.now()) + FUTURE_SLACK


def when_tested(at: dt.datetime | None, errors: dict[str, Any]) -> dt.datetime:
    """When a test (a speed test, a VC test) was made: ``at``, or now when not given; a time
    in the future is an error on ``at`` in ``errors``."""
    now = timezone.now()
    at = at or now
    if ahead_of_server(at, now):
        errors["at"] = _("The time of the test cannot be in the future.")
    return at
