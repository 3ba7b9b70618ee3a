"""The centres demo: loads over the demo districts, is idempotent, and holds what the pages need.

One test, because loading the demo districts is the slow part.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from stdnum.in_ import aadhaar as stdnum_aadhaar

from degs.accounts.demo import load_users
from degs.centres.choices import CentreStatus, Decision, IdStatus, Premises, Recommendation
from degs.centres.demo import DISTRICTS, Planner, _served_areas, load_centres_demo
from degs.centres.models import (
    Centre,
    CentreEvent,
    CentreService,
    ChecklistItem,
    IdType,
    Inspection,
    InspectionQuota,
    Operator,
    OperatorId,
)
from degs.core.aadhaar import aadhaar_hash
from degs.directory.choices import AreaKind
from degs.directory.demo import load_demo
from degs.directory.models import Area

TWELVE_DIGITS = re.compile(r"\d{12}")


def _counts() -> tuple[int, ...]:
    return (
        Centre.objects.count(),
        Operator.objects.count(),
        OperatorId.objects.count(),
        CentreEvent.objects.count(),
        Inspection.objects.count(),
        InspectionQuota.objects.count(),
        CentreService.objects.count(),
        IdType.objects.count(),
        ChecklistItem.objects.count(),
        Centre.history.count(),
        Operator.history.count(),
    )


def _state(path: str) -> str:
    return path[:9]


@pytest.mark.django_db
def test_centres_demo_loads_once_with_every_status_and_history() -> None:
    load_demo()
    load_users()  # the demo users are the accounts app's demo
    first = load_centres_demo()
    counts = _counts()
    snapshot = list(Centre.objects.order_by("pk").values())

    again = load_centres_demo()

    assert first["centres"] == Centre.objects.count()
    assert all(value == 0 for value in again.values())
    assert _counts() == counts  # nothing new
    assert list(Centre.objects.order_by("pk").values()) == snapshot  # nothing changed

    # the same seed gives the same centres
    districts = [
        (d, a, _served_areas(a))
        for d in DISTRICTS
        for a in Area.objects.filter(kind=AreaKind.DISTRICT, name=d.name)
    ]
    plans = Planner(timezone.localdate()).build(districts)
    assert [(p.code, p.name, p.status) for p in plans] == list(
        Centre.objects.order_by("pk").values_list("code", "name", "status")
    )

    # the demo's Aadhaar numbers pass the published check (python-stdnum's, not this project's),
    # and are the ones whose last four digits and hash the operators keep
    numbers = {p.code: p.operator["aadhaar"] for p in plans if p.operator["aadhaar"]}
    assert len(numbers) >= 100
    assert [n for n in numbers.values() if not stdnum_aadhaar.is_valid(n)] == []
    kept = dict(Centre.objects.values_list("code", "operator__aadhaar_hash"))
    assert all(kept[code] == aadhaar_hash(n) for code, n in numbers.items())

    # a few hundred centres, every status
    assert 250 <= Centre.objects.count() <= 400
    assert set(Centre.objects.values_list("status", flat=True)) == set(CentreStatus.values)
    assert Operator.objects.count() == Centre.objects.count()

    # every ID status in every state that has centres
    states_with_centres = {_state(p) for p in Centre.objects.values_list("area__path", flat=True)}
    assert len(states_with_centres) >= 2
    for state_path in states_with_centres:
        statuses = set(
            OperatorId.objects.filter(operator__area__path__startswith=state_path).values_list(
                "status", flat=True
            )
        )
        assert statuses == set(IdStatus.values), state_path

    # the closure awaiting the DC of Jamtara
    jamtara = Area.objects.get(kind=AreaKind.DISTRICT, name="Jamtara")
    today = timezone.localdate()
    pending = Inspection.objects.awaiting_decision().get()
    assert pending.recommendation == Recommendation.CLOSURE
    assert pending.centre.status == CentreStatus.ACTIVE
    assert pending.centre.area.path.startswith(jamtara.path)
    assert pending.visited_on == today - dt.timedelta(days=5)
    assert not Inspection.objects.filter(visited_on__gte=today).exists()

    # a closure the DC approved on an inspection
    approved = Inspection.objects.get(
        decision=Decision.APPROVED, recommendation=Recommendation.CLOSURE
    )
    assert approved.decided_by.username == "dc.jamtara"
    assert approved.centre.status == CentreStatus.CLOSED
    assert approved.centre.events.filter(action="close", data__inspection=approved.pk).exists()

    # every suspended or closed centre got there by a person's order
    for centre in Centre.objects.filter(
        status__in=[CentreStatus.SUSPENDED, CentreStatus.CLOSED]
    ).prefetch_related("events"):
        assert any(
            e.to_status == centre.status and e.actor_id and e.order_reference and e.remark
            for e in centre.events.all()
        ), centre.code

    # a surprise draw of 60 in Jamtara has enough centres not inspected within 60 days
    eligible = (
        Centre.objects.under(jamtara.path)
        .filter(status=CentreStatus.ACTIVE)
        .exclude(last_inspected_on__gt=today - dt.timedelta(days=60))
    )
    assert eligible.count() >= 120
    inspected = Centre.objects.filter(last_inspected_on__isnull=False)
    assert inspected.count() == Inspection.objects.values("centre").distinct().count()

    # operators in Jamtara's panchayat bhawans: some with no JharSeva record, some refused or
    # waiting
    in_bhawans = Operator.objects.filter(
        area__path__startswith=jamtara.path,
        centres__premises=Premises.PANCHAYAT_BHAWAN,
        centres__status__in=[CentreStatus.ACTIVE, CentreStatus.SUSPENDED],
    ).distinct()
    assert in_bhawans.exclude(ids__id_type__code="jharseva").exists()
    for status in (IdStatus.REJECTED, IdStatus.APPLIED, IdStatus.UNDER_PROCESS):
        assert in_bhawans.filter(ids__id_type__code="jharseva", ids__status=status).exists()

    # the demo kiosk operator runs an active Pragya Kendra in Nala block
    operator = Operator.objects.get(user__username="operator.nala")
    nala = Area.objects.get(kind=AreaKind.BLOCK, name="Nala")
    assert operator.centres.get().status == CentreStatus.ACTIVE
    assert operator.area.path.startswith(nala.path)

    # Aadhaar is never kept whole: no 12-digit number in any operator field or history row
    # (the keyed hash is hex, not a number, and is not in the history)
    rows = [
        *Operator.objects.values(),
        *Operator.history.values(),
    ]
    assert Operator.objects.exclude(aadhaar_last4="").count() >= 100
    for row in rows:
        for key, value in row.items():
            if key != "aadhaar_hash" and isinstance(value, str):
                assert not TWELVE_DIGITS.search(value), (key, value)

    # "Operators in panchayat bhawans without a JharSeva ID", counted by hand (plain Python over
    # every centre and ID) matches the list the CSC manager of Jamtara sees
    from degs.accounts.models import User
    from degs.centres.selectors import operators_without_id

    issued = {
        operator_id
        for operator_id, code, status in OperatorId.objects.values_list(
            "operator_id", "id_type__code", "status"
        )
        if code == "jharseva" and status == IdStatus.ISSUED
    }
    by_hand = sorted(
        centre.operator_id
        for centre in Centre.objects.select_related("area")
        if centre.area.path.startswith(jamtara.path)
        and centre.premises == Premises.PANCHAYAT_BHAWAN
        and centre.status in (CentreStatus.ACTIVE, CentreStatus.SUSPENDED)
        and centre.operator_id is not None
        and centre.operator_id not in issued
    )
    manager = User.objects.get(username="csc.jamtara")
    listed = operators_without_id(user=manager, id_code="jharseva", premises="panchayat_bhawan")
    assert sorted(row.operator.pk for row in listed) == by_hand
    assert len(by_hand) > 10
    print(f"hand count: {len(by_hand)} operators in Jamtara's panchayat bhawans without JharSeva")
