"""Network links in the test world (conftest.py's two districts).

BSNL (BharatNet) with an SLA on working hours (10:00-18:00, respond in 2 hours, restore in 8,
5-minute drops not counted, a heartbeat every 5 minutes, 3 missed before "not reporting", 15
minutes silent before an outage). Active links at the block offices of A1, A2 and B1, the one
of A1 watched by a probe (its token in ``net.token_a1``), a planned link at the panchayat of A1.
A network engineer of district A (``engineer_a``) and of district B (``engineer_b``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

import pytest
from django.utils import timezone

from degs.accounts.models import User
from degs.accounts.roles import Role
from degs.connectivity.choices import LinkKind, LinkStatus, Network
from degs.connectivity.models import Link, Provider, Sla
from tests.factories import UserFactory, grant

TOKEN_A1 = "probe-token-of-link-a1-0123456789abcdef"
TOKEN_B1 = "probe-token-of-link-b1-0123456789abcdef"


def token_hash(token: str) -> str:
    """How a probe token is stored: its SHA-256, in hex."""
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass
class Net:
    bsnl: Provider
    sla: Sla
    link_a1: Link
    link_a2: Link
    link_b1: Link
    link_gp_a1: Link  # planned
    engineer_a: User
    engineer_b: User
    token_a1: str
    token_b1: str


def _link(provider: Provider, sla: Sla, circuit: str, office, area, **extra) -> Link:  # type: ignore[no-untyped-def]
    return Link.objects.create(
        provider=provider,
        sla=sla,
        circuit_id=circuit,
        kind=extra.pop("kind", LinkKind.BHARATNET_GPON),
        committed_kbps=extra.pop("committed_kbps", 10_000),
        office=office,
        area=area,
        status=extra.pop("status", LinkStatus.ACTIVE),
        install_date=dt.date(2026, 1, 15),
        status_since=timezone.now() - dt.timedelta(days=60),
        **extra,
    )


@pytest.fixture
def net(world) -> Net:  # type: ignore[no-untyped-def]
    bsnl = Provider.objects.create(
        code="bsnl", name="BSNL", name_hi="बीएसएनएल", network=Network.BHARATNET
    )
    sla = Sla.objects.create(
        provider=bsnl,
        name="BharatNet GP SLA",
        name_hi="भारतनेट जीपी एसएलए",
        target_uptime="98.00",
        respond_minutes=120,
        restore_minutes=480,
        escalate_every_minutes=240,
    )
    link_a1 = _link(
        bsnl,
        sla,
        "BN-A1-001",
        world.office_a1,
        world.block_a1,
        probe_token_hash=token_hash(TOKEN_A1),
        probe_token_hint=TOKEN_A1[:6],
    )
    link_a2 = _link(bsnl, sla, "BN-A2-001", world.office_a2, world.block_a2)
    link_b1 = _link(
        bsnl,
        sla,
        "BN-B1-001",
        world.office_b1,
        world.block_b1,
        probe_token_hash=token_hash(TOKEN_B1),
        probe_token_hint=TOKEN_B1[:6],
    )
    link_gp_a1 = _link(
        bsnl, sla, "BN-GPA1-001", None, world.gp_a1, status=LinkStatus.PLANNED, committed_kbps=2_000
    )
    engineer_a = UserFactory(username="engineer_a", full_name="Network Engineer A")
    grant(engineer_a, Role.NETWORK_ENGINEER, world.district_a)
    engineer_b = UserFactory(username="engineer_b", full_name="Network Engineer B")
    grant(engineer_b, Role.NETWORK_ENGINEER, world.district_b)
    return Net(
        bsnl=bsnl,
        sla=sla,
        link_a1=link_a1,
        link_a2=link_a2,
        link_b1=link_b1,
        link_gp_a1=link_gp_a1,
        engineer_a=engineer_a,
        engineer_b=engineer_b,
        token_a1=TOKEN_A1,
        token_b1=TOKEN_B1,
    )
