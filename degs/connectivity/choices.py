"""The connectivity app's fixed lists: kinds of network and link, a link's and an outage's
statuses, causes, who detected an outage and how it ended."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Network(models.TextChoices):
    """Which network a provider runs (its links may be of several kinds)."""

    BHARATNET = "bharatnet", _("BharatNet")
    SWAN = "swan", _("State wide area network (JharNet, RajNet, SWAN)")
    BROADBAND = "broadband", _("Broadband")
    MOBILE = "mobile", _("Mobile data")
    OTHER = "other", _("Other")


class LinkKind(models.TextChoices):
    BHARATNET_GPON = "bharatnet_gpon", _("BharatNet GPON")
    SWAN_VERTICAL = "swan_vertical", _("SWAN vertical")
    SWAN_HORIZONTAL = "swan_horizontal", _("SWAN horizontal")
    BROADBAND = "broadband", _("Broadband")
    LEASED_LINE = "leased_line", _("Leased line")
    MOBILE_4G = "mobile_4g", _("4G")


class LinkStatus(models.TextChoices):
    """A link's life (``workflow.LINKS``). ``unknown``: an active link whose probe stopped
    reporting; ``down``: an outage is open on it."""

    PLANNED = "planned", _("Planned")
    PROVISIONING = "provisioning", _("Provisioning")
    ACTIVE = "active", _("Active")
    UNKNOWN = "unknown", _("Not reporting")
    DOWN = "down", _("Down")
    DECOMMISSIONED = "decommissioned", _("Decommissioned")


# The statuses of a link that is in service (counted for uptime and "down now").
IN_SERVICE = (LinkStatus.ACTIVE, LinkStatus.UNKNOWN, LinkStatus.DOWN)


class SlaClock(models.TextChoices):
    """On which hours the time-to-respond and time-to-restore clocks run."""

    WORKING_HOURS = "working_hours", _("Working hours of working days")
    ROUND_THE_CLOCK = "round_the_clock", _("Round the clock")


class SlaPeriod(models.TextChoices):
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")


class OutageStatus(models.TextChoices):
    """An outage's life (``workflow.OUTAGES``)."""

    OPEN = "open", _("Open")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged by the provider")
    RESTORED = "restored", _("Restored")
    CANCELLED = "cancelled", _("Cancelled (not an outage)")


OUTAGE_OPEN = (OutageStatus.OPEN, OutageStatus.ACKNOWLEDGED)


class OutageCause(models.TextChoices):
    UNKNOWN = "unknown", _("Not known yet")
    FIBRE_CUT = "fibre_cut", _("Fibre cut")
    POWER = "power", _("Power")
    EQUIPMENT = "equipment", _("Equipment")
    UPSTREAM = "upstream", _("Upstream network")
    OTHER = "other", _("Other")


class DetectedBy(models.TextChoices):
    ENGINEER = "engineer", _("Network engineer")
    OFFICE = "office", _("The office")
    PROBE = "probe", _("Probe")


class Resolution(models.TextChoices):
    """How an outage ended (the closing reason; the remark says more)."""

    REPAIRED = "repaired", _("Repaired")
    POWER_RESTORED = "power_restored", _("Power restored")
    REPLACED = "replaced", _("Equipment replaced")
    RECOVERED = "recovered", _("Came back by itself")


class SpeedSource(models.TextChoices):
    HAND = "hand", _("Recorded by hand")
    PROBE = "probe", _("Probe")


class TargetWhat(models.TextChoices):
    """What a directive's target set holds, and so its goal."""

    LINKS = "links", _("Links: active")
    ROOMS = "rooms", _("Video-conference rooms: ready for VC")
    PHONES = "phones", _("IP phones: working (registered within the set hours)")
