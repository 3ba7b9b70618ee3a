"""Centres in two districts: configuration for the test state, operators, centres, a quota.

District A: two active centres in panchayat A1 (one in the panchayat bhawan, its operator
without a JharSeva ID), one proposed centre in block A2. District B: one active centre in
panchayat B1. The CSC manager of district A must inspect 3 centres a month.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from degs.centres import services
from degs.centres.choices import CentreKind, CentreStatus, IdStatus, Period, Premises
from degs.centres.models import (
    Centre,
    CentreService,
    ChecklistItem,
    IdType,
    InspectionQuota,
    Operator,
)
from degs.directory.models import Post


@dataclass
class Centres:
    jharseva: IdType
    bc: IdType
    certificates: CentreService
    centre_a1: Centre  # in the panchayat bhawan; operator has no JharSeva ID
    centre_a1b: Centre  # own premises; operator holds a JharSeva ID
    centre_a2: Centre  # proposed, block A2
    centre_b1: Centre
    operator_a1: Operator
    operator_a1b: Operator
    operator_b1: Operator
    post_csc: Post
    quota: InspectionQuota


@pytest.fixture
def centres(world) -> Centres:  # type: ignore[no-untyped-def]
    state = world.state
    jharseva = IdType.objects.create(state=state, code="jharseva", name="JharSeva ID", rank=1)
    IdType.objects.create(state=state, code="csc", name="CSC ID", rank=2)
    bc = IdType.objects.create(state=state, code="bc", name="BC ID", name_hi="बीसी आईडी", rank=3)
    for rank, (code, text, fault) in enumerate(
        [
            ("board", "Board displayed", "no"),
            ("rate_list", "Rate list displayed", "no"),
            ("operator_present", "Operator present with ID card", "no"),
            ("internet", "Internet working", "no"),
            ("overcharging", "Overcharging complaints", "yes"),
        ]
    ):
        ChecklistItem.objects.create(
            state=state,
            code=code,
            text=text,
            text_hi=f"{text} (हिंदी)",
            fault_answer=fault,
            rank=rank,
        )
    certificates = CentreService.objects.create(
        code="certificates", name="Certificates", name_hi="प्रमाण पत्र"
    )
    operator_a1 = services.operator_create(
        actor=None,
        area=world.gp_a1,
        name="Ramesh Kumar",
        mobile="9876543210",
        user=world.operator_a1,
    )
    operator_a1b = services.operator_create(
        actor=None, area=world.gp_a1, name="Sunita Devi", mobile="9876500001"
    )
    operator_b1 = services.operator_create(
        actor=None, area=world.gp_b1, name="Mohan Lal", mobile="9876500002"
    )
    since = timezone.localdate() - dt.timedelta(days=400)
    centre_a1 = services.centre_create(
        actor=None,
        code="JH-A1-001",
        name="Pragya Kendra A1",
        name_hi="प्रज्ञा केंद्र ए1",
        kind=CentreKind.PRAGYA_KENDRA,
        area=world.gp_a1,
        premises=Premises.PANCHAYAT_BHAWAN,
        operator=operator_a1,
        status=CentreStatus.ACTIVE,
        status_since=since,
        address="Panchayat Bhawan, A1",
        phone="9876543210",
        services=[certificates],
    )
    centre_a1b = services.centre_create(
        actor=None,
        code="JH-A1-002",
        name="CSC A1 Market",
        kind=CentreKind.CSC,
        area=world.gp_a1,
        operator=operator_a1b,
        status=CentreStatus.ACTIVE,
        status_since=since,
    )
    services.operator_id_record(
        actor=None,
        operator=operator_a1b,
        id_type=jharseva,
        status=IdStatus.ISSUED,
        applied_on=since,
        number="JS-1001",
        decided_on=since + dt.timedelta(days=10),
    )
    centre_a2 = services.centre_create(
        actor=None,
        code="JH-A2-001",
        name="Proposed centre A2",
        kind=CentreKind.PRAGYA_KENDRA,
        area=world.block_a2,
    )
    centre_b1 = services.centre_create(
        actor=None,
        code="JH-B1-001",
        name="Pragya Kendra B1",
        kind=CentreKind.PRAGYA_KENDRA,
        area=world.gp_b1,
        premises=Premises.PANCHAYAT_BHAWAN,
        operator=operator_b1,
        status=CentreStatus.ACTIVE,
        status_since=since,
    )
    post_csc = Post.objects.get(designation__code="csc_dm", area=world.district_a)
    quota = InspectionQuota.objects.create(post=post_csc, count=3, period=Period.MONTH)
    return Centres(
        jharseva=jharseva,
        bc=bc,
        certificates=certificates,
        centre_a1=centre_a1,
        centre_a1b=centre_a1b,
        centre_a2=centre_a2,
        centre_b1=centre_b1,
        operator_a1=operator_a1,
        operator_a1b=operator_a1b,
        operator_b1=operator_b1,
        post_csc=post_csc,
        quota=quota,
    )
