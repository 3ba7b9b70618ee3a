"""The ledger API: entries (list with the journal's filters, one), posting (refusals as 422
with the reason), reversing once, the trial balance and the heads' balances; 404 outside the
caller's areas."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from degs.finance.models import Entry
from tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db


def send(client, method: str, name: str, body: object = None, **kwargs: object):  # type: ignore[no-untyped-def]
    return getattr(client, method)(
        reverse(name, kwargs=kwargs or None), body or {}, content_type="application/json"
    )


def test_post_list_reverse_and_balances(world, fund, client_as) -> None:  # type: ignore[no-untyped-def]
    client = client_as(fund.accountant_a)
    body = {
        "district": world.district_a.pk,
        "date": timezone.localdate().isoformat(),
        "kind": "receipt",
        "narration": "Grant instalment",
        "legs": [
            {"account": "1100", "head": fund.grant_a.pk, "amount_paise": 10_00_000_00},
            {"account": "4200", "head": fund.grant_a.pk, "amount_paise": -10_00_000_00},
        ],
        "source_key": "grant-1",
    }
    made = send(client, "post", "api:post_entry", body)
    assert made.status_code == 201, made.content
    entry = made.json()
    assert entry["number"] == 1 and len(entry["legs"]) == 2
    assert send(client, "post", "api:post_entry", body).json()["id"] == entry["id"]
    unbalanced = body | {
        "source_key": "",
        "legs": [body["legs"][0], {**body["legs"][1], "amount_paise": -1}],
    }
    refused = send(client, "post", "api:post_entry", unbalanced)
    assert refused.status_code == 422 and "do not balance" in refused.content.decode()
    listed = client.get(reverse("api:list_entries"), {"kind": "receipt"}).json()["items"]
    assert [row["id"] for row in listed] == [entry["id"]]
    back = send(client, "post", "api:reverse_entry", {"reason": "Wrong head"}, entry_id=entry["id"])
    assert back.status_code == 201 and back.json()["reverses_id"] == entry["id"]
    again = send(client, "post", "api:reverse_entry", {"reason": "again"}, entry_id=entry["id"])
    assert again.status_code == 422 and "already reversed" in again.content.decode()
    tb = client.get(reverse("api:trial_balance"), {"district": world.district_a.pk}).json()
    assert tb["debit_paise"] == tb["credit_paise"] == 0
    heads = client.get(reverse("api:head_balances"), {"district": world.district_a.pk}).json()
    assert {h["code"]: h["balance_paise"] for h in heads} == {"grant": 0, "uc": 0}
    assert Entry.objects.count() == 2

    viewer_b = UserFactory(username="viewer_b")
    grant(viewer_b, "viewer", world.district_b)
    other = client_as(viewer_b)
    assert send(other, "get", "api:get_entry", entry_id=entry["id"]).status_code == 404
    assert (
        other.get(reverse("api:trial_balance"), {"district": world.district_a.pk}).status_code
        == 404
    )
