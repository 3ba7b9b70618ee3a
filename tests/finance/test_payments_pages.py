"""The payments and receipts pages: a payment beyond the head's balance is shown above the form
with everything typed kept; a sanction's money received and left; another district's sanction
answers 404; the pages in Hindi have no English words; the API pays and refuses likewise."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from degs.assets.choices import CaseStatus, Route
from degs.assets.models import ProcurementCase
from degs.finance.choices import EntryKind
from degs.finance.models import Entry
from degs.finance.services import receipts as receipt_services
from degs.finance.services.ledger import entry_post
from tests.factories import UserFactory, grant
from tests.hindi_crawl import data_words, english_words, speak

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 15)
NBSP = "\u00a0"


@pytest.fixture(autouse=True)
def _today(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)


def receive(fund, paise):  # type: ignore[no-untyped-def]
    head = fund.uc_a
    return entry_post(
        actor=fund.accountant_a,
        district=head.district,
        date=dt.date(2026, 5, 31),
        kind=EntryKind.RECEIPT,
        narration="Share of user charges, 05-2026",
        legs=[(fund.accounts["1100"], head, paise), (fund.accounts["4100"], head, -paise)],
    )


def form_data(fund, **changes):  # type: ignore[no-untyped-def]
    data = {
        "against": "",
        "payee": "Shree Stationers, Jamtara",
        "reference": "CHQ 004513",
        "head": fund.uc_a.pk,
        "expense": fund.accounts["5300"].pk,
        "date": "2026-06-12",
        "amount_paise": "2,00,000",
        "narration": "Printer toner and paper",
        "token": "t" * 43,
    }
    data.update(changes)
    return data


def test_payment_beyond_balance_shown_above_the_form_with_what_was_typed(client, world, fund):  # type: ignore[no-untyped-def]
    receive(fund, 12_345_678)
    client.force_login(fund.accountant_a)
    answer = client.post(reverse("finance:payment_create"), form_data(fund))
    body = answer.content.decode()
    assert answer.status_code == 200
    alert = body.split('class="alert alert-danger"', 1)[1].split("</div>", 1)[0]
    assert f"User charges has ₹{NBSP}1,23,456.78; this payment is ₹{NBSP}2,00,000.00." in alert
    assert 'value="Shree Stationers, Jamtara"' in body and 'value="2,00,000"' in body
    assert "Printer toner and paper" in body and 'value="CHQ 004513"' in body
    assert Entry.objects.filter(kind=EntryKind.PAYMENT).count() == 0
    # within the balance it posts, once however often the same form is sent
    for _ in range(2):
        answer = client.post(
            reverse("finance:payment_create"), form_data(fund, amount_paise="1500.50")
        )
        assert answer.status_code == 302
    (payment,) = Entry.objects.filter(kind=EntryKind.PAYMENT)
    assert payment.legs.get(account__code="5300").amount_paise == 150_050
    listing = client.get(reverse("finance:payment_list"), {"payee": "Shree"}).content.decode()
    assert "Shree Stationers, Jamtara" in listing and f"₹{NBSP}1,500.50" in listing


def test_paying_a_case_from_its_link_carries_its_version(client, world, fund):  # type: ignore[no-untyped-def]
    receive(fund, 20_000_000)
    case = ProcurementCase.objects.create(
        area=world.district_a,
        title="Projector for the DC's VC room",
        quantity=1,
        estimated_paise=12_500_000,
        route=Route.L1,
        status=CaseStatus.DELIVERED,
        order_paise=12_000_000,
    )
    client.force_login(fund.accountant_a)
    url = reverse("finance:payment_create") + f"?procurement={case.pk}"
    page = client.get(url).content.decode()
    assert 'name="version" value="1"' in page and "1,20,000.00" in page
    data = form_data(
        fund,
        against="procurement",
        procurement=case.pk,
        version=1,
        version_of=f"procurement:{case.pk}",
        expense=fund.accounts["5100"].pk,
        amount_paise="1,20,000",
    )
    assert client.post(url, data).status_code == 302
    # the same page sent again with another token: the case moved on, the payer is named
    again = client.post(url, {**data, "token": "u" * 43}).content.decode()
    assert "Accountant A changed this at" in again
    assert Entry.objects.filter(kind=EntryKind.PAYMENT).count() == 1


def test_sanction_pages_scope_and_hindi(client, world, fund):  # type: ignore[no-untyped-def]
    s = receipt_services.sanction_create(
        actor=world.dio_a,
        district=world.district_a,
        head=fund.grant_a,
        number="JAP-IT/2026/117",
        date=dt.date(2026, 4, 2),
        grantor="Department of IT, Jharkhand",
        amount_paise=50_000_000,
    )
    receipt_services.grant_receive(
        actor=fund.accountant_a,
        sanction=s,
        date=dt.date(2026, 4, 20),
        amount_paise=30_000_000,
        reference="UTR SBIN126110012345",
    )
    client.force_login(fund.accountant_a)
    page = client.get(reverse("finance:sanction_detail", args=[s.pk])).content.decode()
    assert f"₹{NBSP}3,00,000.00" in page and f"₹{NBSP}2,00,000.00" in page
    answer = client.post(
        reverse("finance:grant_receive", args=[s.pk]),
        {
            "date": "2026-05-02",
            "amount_paise": "2,00,000.01",
            "reference": "PFMS 1",
            "token": "v" * 43,
        },
    )
    assert "Only ₹" in answer.content.decode() and 'value="2,00,000.01"' in answer.content.decode()
    # district B's accountant sees none of A's
    accountant_b = UserFactory(username="accountant_b", full_name="Accountant B")
    grant(accountant_b, "accountant", world.district_b)
    client.force_login(accountant_b)
    for name in ("finance:sanction_detail", "finance:sanction_edit", "finance:grant_receive"):
        assert client.get(reverse(name, args=[s.pk])).status_code == 404, name
    assert "JAP-IT/2026/117" not in client.get(reverse("finance:sanction_list")).content.decode()
    speak(client, fund.accountant_a, "hi")
    client.force_login(fund.accountant_a)
    allowed = data_words()
    for url in (
        reverse("finance:sanction_list"),
        reverse("finance:sanction_detail", args=[s.pk]),
        reverse("finance:grant_receive", args=[s.pk]),
        reverse("finance:user_charges"),
        reverse("finance:interest_receive"),
        reverse("finance:payment_list"),
        reverse("finance:payment_create"),
    ):
        body = client.get(url).content.decode()
        assert english_words(body, allowed) == set(), url


def _api(user):  # type: ignore[no-untyped-def]
    from django.test import Client

    from degs.accounts.services import api_token_create

    _token, raw = api_token_create(actor=user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def test_api_sanction_grant_and_payment(world, fund):  # type: ignore[no-untyped-def]
    dio, accountant = _api(world.dio_a), _api(fund.accountant_a)
    made = dio.post(
        "/api/fund/sanctions/",
        {
            "district": world.district_a.pk,
            "head": fund.grant_a.pk,
            "number": "JAP-IT/2026/118",
            "date": "2026-04-02",
            "grantor": "Department of IT, Jharkhand",
            "amount_paise": 10_000_000,
        },
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    sanction_id = made.json()["id"]
    money = {"date": "2026-04-20", "amount_paise": 6_000_000, "reference": "UTR 1", "key": "k1"}
    url = f"/api/fund/sanctions/{sanction_id}/receipts/"
    first = accountant.post(url, money, content_type="application/json")
    again = accountant.post(url, money, content_type="application/json")
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
    over = accountant.post(url, {**money, "key": "k2"}, content_type="application/json")
    assert over.status_code == 422
    assert accountant.get(f"/api/fund/sanctions/{sanction_id}/").json()["left_paise"] == 4_000_000
    payment = {
        "head": fund.grant_a.pk,
        "expense": "5300",
        "date": "2026-06-01",
        "amount_paise": 7_000_000,
        "payee": "Shree Stationers",
    }
    refused = accountant.post("/api/fund/payments/", payment, content_type="application/json")
    assert refused.status_code == 422
    assert refused.json()["errors"]["__all__"] == [
        f"State grant has ₹{NBSP}60,000.00; this payment is ₹{NBSP}70,000.00."
    ]
    paid = accountant.post(
        "/api/fund/payments/", {**payment, "amount_paise": 50_000}, content_type="application/json"
    )
    assert paid.status_code == 201 and paid.json()["amount_paise"] == 50_000
    listed = accountant.get("/api/fund/payments/?payee=Shree&limit=100").json()["items"]
    assert [p["party"] for p in listed] == ["Shree Stationers"]
    # district B's accountant: another district's sanction and payments are not found
    accountant_b = UserFactory(username="accountant_b", full_name="Accountant B")
    grant(accountant_b, "accountant", world.district_b)
    other = _api(accountant_b)
    assert other.get(f"/api/fund/sanctions/{sanction_id}/").status_code == 404
    assert other.get("/api/fund/payments/?limit=100").json()["items"] == []
    assert (
        other.post(url, {**money, "key": "k3"}, content_type="application/json").status_code == 404
    )


def test_a_year_no_calendar_holds_is_refused_not_a_server_error(world, fund, client):  # type: ignore[no-untyped-def]
    api = _api(world.dio_a)
    assert api.get("/api/fund/sanctions/?year=0").status_code == 422
    assert api.get("/api/fund/sanctions/?year=2026").status_code == 200
    client.force_login(world.dio_a)
    page = client.get(reverse("finance:sanction_list") + "?year=0")
    assert page.status_code == 200
