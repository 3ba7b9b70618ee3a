"""The assets app's fixed lists: an asset's status and funding, how it was ordered, the
condition found at a physical verification, a ticket's kind and status, and a procurement
case's route and status (GFR 2017, rule 149)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AssetStatus(models.TextChoices):
    """An asset's life (``workflow.ASSETS``)."""

    IN_STORE = "in_store", _("In store")
    ISSUED = "issued", _("Issued")
    UNDER_REPAIR = "under_repair", _("Under repair")
    CONDEMNED = "condemned", _("Condemned")
    DISPOSED = "disposed", _("Disposed of")


class Funding(models.TextChoices):
    E_DISTRICT = "e_district", _("e-District")
    DEGS_FUND = "degs_fund", _("DeGS fund")
    STATE_GRANT = "state_grant", _("State grant")
    CENTRAL_GRANT = "central_grant", _("Central grant")
    MLA_MP_FUND = "mla_mp_fund", _("MLA / MP fund")
    OTHER = "other", _("Other")


class OrderKind(models.TextChoices):
    GEM_ORDER = "gem_order", _("GeM order")
    INVOICE = "invoice", _("Invoice")
    SUPPLY_ORDER = "supply_order", _("Supply order")


class Condition(models.TextChoices):
    """What a physical verification found."""

    WORKING = "working", _("Found, working")
    FAULTY = "faulty", _("Found, not working")
    NOT_FOUND = "not_found", _("Not found")


class TicketKind(models.TextChoices):
    FAULT = "fault", _("Fault")
    TECHNICAL_CASE = "technical_case", _("Technical case (district technical committee)")
    MAINTENANCE = "maintenance", _("Scheduled maintenance")


class TicketStatus(models.TextChoices):
    """A ticket's life (``workflow.TICKETS``): the time-to-own clock stops when someone owns
    it, the time-to-resolve clock when it is resolved."""

    OPEN = "open", _("Open")
    OWNED = "owned", _("Being handled")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


class Clock(models.TextChoices):
    """On which clock a priority's minutes run (the values of connectivity's SLA clock, which
    ``directory.clock.clock_for`` reads)."""

    WORKING_HOURS = "working_hours", _("Working hours of working days")
    ROUND_THE_CLOCK = "round_the_clock", _("Round the clock")


class Route(models.TextChoices):
    """How goods of a value may be bought (GFR 2017, rule 149, as amended in 2024)."""

    DIRECT = "direct", _("Direct purchase on GeM")
    L1 = "l1", _("Lowest price of three sellers on GeM")
    BID = "bid", _("Bid or reverse auction on GeM")


class CaseStatus(models.TextChoices):
    """A procurement case's life (``workflow.CASES``)."""

    NEED = "need", _("Need recorded")
    SANCTIONED = "sanctioned", _("Sanctioned")
    ORDERED = "ordered", _("Ordered")
    DELIVERED = "delivered", _("Delivered")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")
