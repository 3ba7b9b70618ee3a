"""Two managers record the same case's delivery at the same moment, each in their own
connection and transaction, from the same page (the same version): one delivery, its
assets made once, and the other told who changed the case and when. (The same page posted
twice one after the other, on SQLite too: test_procurement.py and _pages.)"""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from degs.accounts.models import User
from degs.assets.choices import CaseStatus, Funding, OrderKind
from degs.assets.models import Asset, ProcurementCase
from degs.assets.services import procurement as services
from degs.core.exceptions import StaleVersion

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_managers_deliver_at_once(world, kit) -> None:  # type: ignore[no-untyped-def]
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: two connections at once")
    today = timezone.localdate()
    case = services.case_create(
        actor=world.dio_a,
        area=world.district_a,
        title="Projectors",
        category=kit.projector,
        quantity=4,
        estimated_paise=1_70_000_00,
    )
    case = services.case_sanction(
        actor=world.dio_a,
        case=case,
        version=case.version,
        sanction_number="S/9",
        sanction_date=today,
        sanctioned_paise=1_70_000_00,
    )
    for seller, make, paise in [
        (kit.supplier.name, "Epson", 1_66_000_00),
        ("B", "BenQ", 1_68_000_00),
        ("C", "ViewSonic", 1_69_000_00),
    ]:
        case = ProcurementCase.objects.get(pk=case.pk)
        services.quote_add(
            actor=world.dio_a,
            case=case,
            version=case.version,
            seller=seller,
            make=make,
            amount_paise=paise,
        )
    case = ProcurementCase.objects.get(pk=case.pk)
    case = services.case_order(
        actor=world.dio_a,
        case=case,
        version=case.version,
        supplier=kit.supplier,
        order_kind=OrderKind.GEM_ORDER,
        order_number="GEMC-7",
        order_date=today,
        order_paise=1_66_000_00,
    )
    seen = case.version
    barrier = threading.Barrier(2)
    results: list[Any] = []

    def deliver(user_id: int) -> None:
        try:
            user = User.objects.get(pk=user_id)
            row = ProcurementCase.objects.get(pk=case.pk)
            barrier.wait(timeout=10)
            results.append(
                services.case_deliver(
                    actor=user,
                    case=row,
                    version=seen,
                    delivered_on=today,
                    model=kit.epson,
                    office=world.dc_office_a,
                    funding=Funding.DEGS_FUND,
                )
            )
        except Exception as error:  # any other failure is shown by the assertion
            results.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=deliver, args=(u.pk,)) for u in (world.dio_a, world.dc_a)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    done = [r for r in results if isinstance(r, ProcurementCase)]
    stale = [r for r in results if isinstance(r, StaleVersion)]
    assert len(done) == 1 and len(stale) == 1, results
    assert "changed this at" in str(stale[0].message)
    assert ProcurementCase.objects.get(pk=case.pk).status == CaseStatus.DELIVERED
    made = Asset.objects.filter(procurement_id=case.pk)
    assert made.count() == 4
    assert sum(a.cost_paise for a in made) == 1_66_000_00
