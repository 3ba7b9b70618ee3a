"""Writes of speed tests recorded by hand (a probe's come through the health part)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from degs.connectivity.choices import SpeedSource
from degs.connectivity.models import Link, SpeedTest
from degs.connectivity.selectors.speed import TESTABLE
from degs.connectivity.services.times import when_tested
from degs.core.exceptions import AlreadyRecorded
from degs.core.permissions import require_capability
from degs.core.text import clean_text


@transaction.atomic
def speed_test_record(
    *,
    actor: Any,
    link: Link,
    down_kbps: int,
    up_kbps: int | None = None,
    latency_ms: int | None = None,
    place: str = "",
    at: dt.datetime | None = None,
) -> SpeedTest:
    """Record a speed test of ``link`` measured by hand at ``at`` (now when not given; never in
    the future) by a reporter of the link's area. The same link and time twice is refused."""
    require_capability(actor, "connectivity.report", link.area)
    errors: dict[str, Any] = {}
    if link.status not in TESTABLE:
        errors["link"] = _("Speed tests are recorded on links that are built or in service.")
    at = when_tested(at, errors)
    if errors:
        raise ValidationError(errors)
    test = SpeedTest(
        link=link,
        at=at,
        down_kbps=down_kbps,
        up_kbps=up_kbps,
        latency_ms=latency_ms,
        place=clean_text(place),
        source=SpeedSource.HAND,
        recorded_by=actor,
    )
    test.full_clean(validate_constraints=False)
    if SpeedTest.objects.filter(link=link, at=at).exists():
        raise AlreadyRecorded(_("A speed test of this link at this time is already recorded."))
    try:
        with transaction.atomic():
            test.save()
    except IntegrityError as error:  # the same test sent twice at once
        raise AlreadyRecorded(
            _("A speed test of this link at this time is already recorded.")
        ) from error
    return test
