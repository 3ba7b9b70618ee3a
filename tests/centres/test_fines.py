"""An inspection fine reaches the user-charge ledger once, is reversed once when waived, and
shows on the centre's statement with the rupee sign and Indian grouping."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from degs.applications import selectors as ledger
from degs.applications.choices import Account
from degs.applications.models import LedgerEntry
from degs.applications.services import fine_post
from degs.centres import services
from degs.centres.choices import InspectionResult, Recommendation
from degs.centres.models import CentreEvent, Inspection
from degs.core.exceptions import InvalidTransition, PermissionDenied
from tests.centres.test_services import ALL_FINE

pytestmark = pytest.mark.django_db

AMOUNT = Decimal("125000.50")  # 1,25,000.50 rupees: 1,25,00,050 paise
PAISE = 12_500_050


def fine(world, centres, token: uuid.UUID | None = None) -> tuple[Inspection, bool]:
    return services.inspection_record(
        actor=world.csc_manager_a,
        centre=centres.centre_a1,
        client_token=token or uuid.uuid4(),
        finding=services.Finding(
            answers={**ALL_FINE, "overcharging": "yes"},
            result=InspectionResult.PARTLY,
            recommendation=Recommendation.FINE,
            fine_amount=AMOUNT,
            remarks="Charged 50 for a 30 certificate.",
        ),
    )


def lines(inspection: Inspection) -> list[tuple[str, int, bool]]:
    return sorted(
        LedgerEntry.objects.filter(inspection=inspection).values_list(
            "account", "amount_paise", "reversal"
        )
    )


def test_a_fine_posts_one_balanced_pair_to_the_ledger(world, centres):
    inspection, created = fine(world, centres)
    assert created
    assert lines(inspection) == [
        (Account.FINE_DUE, PAISE, False),
        (Account.FINES, -PAISE, False),
    ]
    entry = LedgerEntry.objects.get(inspection=inspection, account=Account.FINE_DUE)
    assert (entry.centre, entry.district, entry.application) == (
        centres.centre_a1,
        world.district_a,
        None,
    )
    assert CentreEvent.objects.filter(centre=centres.centre_a1, action="fine_imposed").count() == 1


def test_the_same_form_again_and_a_second_posting_add_nothing(world, centres):
    token = uuid.uuid4()
    inspection, _ = fine(world, centres, token)
    again, created = fine(world, centres, token)
    assert (again.pk, created) == (inspection.pk, False)
    assert fine_post(inspection=inspection) is False
    assert LedgerEntry.objects.filter(inspection=inspection).count() == 2
    assert CentreEvent.objects.filter(centre=centres.centre_a1, action="fine_imposed").count() == 1


def test_a_waived_fine_is_reversed_once(world, centres):
    inspection, _ = fine(world, centres)
    with pytest.raises(PermissionDenied):
        services.inspection_fine_waive(
            actor=world.csc_manager_a, inspection=inspection, version=1, reason="Paid back."
        )
    with pytest.raises(ValidationError):
        services.inspection_fine_waive(
            actor=world.dc_a, inspection=inspection, version=1, reason=""
        )
    assert LedgerEntry.objects.filter(inspection=inspection).count() == 2
    waived = services.inspection_fine_waive(
        actor=world.dc_a, inspection=inspection, version=1, reason="Overcharge refunded."
    )
    assert waived.fine_waived_by == world.dc_a
    assert lines(inspection) == [
        (Account.FINE_DUE, -PAISE, True),
        (Account.FINE_DUE, PAISE, False),
        (Account.FINES, -PAISE, False),
        (Account.FINES, PAISE, True),
    ]
    with pytest.raises(InvalidTransition):
        services.inspection_fine_waive(
            actor=world.dc_a, inspection=waived, version=waived.version, reason="Again."
        )
    assert LedgerEntry.objects.filter(inspection=inspection).count() == 4


def test_other_recommendations_post_nothing(world, centres):
    inspection, _ = services.inspection_record(
        actor=world.csc_manager_a,
        centre=centres.centre_a1,
        client_token=uuid.uuid4(),
        finding=services.Finding(answers=dict(ALL_FINE), result=InspectionResult.FUNCTIONAL),
    )
    assert not LedgerEntry.objects.filter(inspection=inspection).exists()


def test_the_statement_counts_the_fine_and_balances(world, centres):
    fine(world, centres)
    statement = ledger.centre_statement(
        user=world.dc_a, centre=centres.centre_a1, month=timezone.localdate()
    )
    assert (statement.fines, statement.debits, statement.credits) == (PAISE, PAISE, PAISE)
    assert statement.applications == 0
    assert statement.balanced


@pytest.mark.parametrize(
    ("language", "heading", "row"),
    [
        ("en", "Inspection fines", "Fine due from the centre"),
        ("hi", "निरीक्षण जुर्माने", "केंद्र से देय जुर्माना"),
    ],
)
def test_the_centres_statement_page_shows_the_fine(client, world, centres, language, heading, row):
    inspection, _ = fine(world, centres)
    client.force_login(world.dc_a)
    client.cookies["degs_language"] = language
    url = reverse("applications:centre_statement", args=[centres.centre_a1.pk])
    text = client.get(url).content.decode()
    assert heading in text and row in text
    assert "₹\u00a01,25,000.50" in text  # the fine's line, with the sign and Indian grouping
    assert "1,25,000.50" in text
    assert reverse("centres:inspection_detail", args=[inspection.pk]) in text
    page = client.get(reverse("centres:inspection_detail", args=[inspection.pk])).content
    assert "₹\u00a01,25,000.50" in page.decode()


def test_the_admin_cannot_change_a_fine_behind_the_ledgers_back(client, world, centres):
    """The fine's amount and waiver are set by the services that post and reverse it."""
    from degs.accounts.models import User

    inspection, _ = fine(world, centres)
    client.force_login(User.objects.create_superuser("root", password="x"))
    page = client.get(reverse("admin:centres_inspection_change", args=[inspection.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    for field in ("fine_amount", "fine_waived_at", "fine_waived_by", "fine_waive_reason"):
        assert f'name="{field}' not in text, field
