"""The ledger's pages: the journal and its export, an entry with its reversal, the journal
entry form (lines added and kept on an error, posted once), month close, trial balance, fund
heads; out of scope is 404."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from degs.finance.choices import EntryKind
from degs.finance.models import Entry, FundHead, MonthClose
from degs.finance.services.ledger import entry_post
from tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def receipt(fund, world):  # type: ignore[no-untyped-def]
    acc = fund.accounts
    return entry_post(
        actor=fund.accountant_a,
        district=world.district_a,
        date=timezone.localdate(),
        kind=EntryKind.RECEIPT,
        narration="User charges of November",
        legs=[(acc["1100"], fund.uc_a, 1_23_456_78), (acc["4100"], fund.uc_a, -1_23_456_78)],
    )


def _lines(fund, rows):  # type: ignore[no-untyped-def]
    data = {"form-TOTAL_FORMS": str(len(rows)), "form-INITIAL_FORMS": "0"}
    for i, (code, head, debit, credit) in enumerate(rows):
        data |= {
            f"form-{i}-account": fund.accounts[code].pk if code else "",
            f"form-{i}-head": head.pk if head else "",
            f"form-{i}-debit": debit,
            f"form-{i}-credit": credit,
        }
    return data


def test_journal_detail_and_export(client, fund, world, receipt) -> None:  # type: ignore[no-untyped-def]
    client.force_login(fund.accountant_a)
    page = client.get(reverse("finance:entry_list"))
    assert page.status_code == 200 and "₹\u00a01,23,456.78" in page.content.decode()
    csv = client.get(reverse("finance:entry_list") + "?format=csv&kind=receipt")
    assert (
        "User charges of November" in csv.content.decode() and "1,23,456.78" in csv.content.decode()
    )
    detail = client.get(reverse("finance:entry_detail", args=[receipt.pk]))
    assert "Reverse this entry" in detail.content.decode()
    viewer_b = UserFactory(username="viewer_b")
    grant(viewer_b, "viewer", world.district_b)
    client.force_login(viewer_b)
    assert client.get(reverse("finance:entry_detail", args=[receipt.pk])).status_code == 404


def test_reverse_from_the_page(client, fund, receipt) -> None:  # type: ignore[no-untyped-def]
    client.force_login(fund.accountant_a)
    url = reverse("finance:entry_reverse", args=[receipt.pk])
    empty = client.post(url, {"reason": ""})
    assert empty.status_code == 400 and not Entry.objects.filter(reverses=receipt).exists()
    done = client.post(url, {"reason": "Credited to the wrong society"})
    assert done.status_code == 302
    again = client.post(url, {"reason": "twice"})
    assert again.status_code == 400 and "already reversed" in again.content.decode()
    assert Entry.objects.filter(reverses=receipt).count() == 1


def test_journal_form_adds_lines_keeps_them_and_posts_once(client, fund, world) -> None:  # type: ignore[no-untyped-def]
    client.force_login(fund.accountant_a)
    url = reverse("finance:entry_create")
    assert client.get(url).status_code == 200
    base = {
        "district": world.district_a.pk,
        "date": timezone.localdate().isoformat(),
        "kind": "journal",
        "narration": "Opening of the grant head",
        "token": "t" * 43,
    }
    rows = [("1100", fund.grant_a, "5,000", ""), ("3000", fund.grant_a, "", "4,000")]
    more = client.post(url, base | _lines(fund, rows) | {"more": "1"})
    body = more.content.decode()
    assert (
        'name="form-TOTAL_FORMS" value="3"' in body.replace("\n", " ")
        or 'value="3" name="form-TOTAL_FORMS"' in body
    )
    assert "Opening of the grant head" in body and "4,000" in body
    wrong = client.post(url, base | _lines(fund, rows))
    assert "do not balance" in wrong.content.decode() and "4,000" in wrong.content.decode()
    assert not Entry.objects.exists()
    rows[1] = ("3000", fund.grant_a, "", "5,000")
    first = client.post(url, base | _lines(fund, [*rows, ("", None, "", "")]))
    assert first.status_code == 302
    second = client.post(url, base | _lines(fund, rows))
    assert second.status_code == 302 and Entry.objects.count() == 1


def test_month_close_trial_balance_and_heads(client, fund, world, receipt) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.dio_a)
    assert client.get(reverse("finance:month_close")).status_code == 200
    month = (timezone.localdate().replace(day=1) - timezone.timedelta(days=1)).strftime("%Y-%m")
    done = client.post(
        reverse("finance:month_close"), {"district": world.district_a.pk, "month": month}
    )
    assert done.status_code == 302 and MonthClose.objects.filter(district=world.district_a).exists()
    tb = client.get(reverse("finance:trial_balance") + f"?district={world.district_a.pk}")
    assert tb.content.decode().count("₹\u00a01,23,456.78") >= 2
    assert client.get(reverse("finance:head_list")).status_code == 200
    added = client.post(
        reverse("finance:head_create"),
        {
            "district": world.district_a.pk,
            "code": "interest",
            "name": "Interest",
            "name_hi": "ब्याज",
        },
    )
    assert added.status_code == 302
    head = FundHead.objects.get(code="interest")
    assert client.get(reverse("finance:head_detail", args=[head.pk])).status_code == 200
    edit = client.post(
        reverse("finance:head_edit", args=[head.pk]), {"name": "Interest", "name_hi": "ब्याज"}
    )
    assert edit.status_code == 302 and not FundHead.objects.get(pk=head.pk).is_active
    client.force_login(fund.accountant_a)
    assert client.get(reverse("finance:head_edit", args=[head.pk])).status_code in (403, 404)


def test_pages_speak_hindi(client, fund, world, receipt) -> None:  # type: ignore[no-untyped-def]
    from tests.hindi_crawl import data_words, english_words, speak

    speak(client, world.dio_a, "hi")
    client.force_login(world.dio_a)
    allowed = data_words()
    for url in (
        reverse("finance:entry_list"),
        reverse("finance:entry_detail", args=[receipt.pk]),
        reverse("finance:entry_create"),
        reverse("finance:month_close"),
        reverse("finance:trial_balance"),
        reverse("finance:head_list"),
        reverse("finance:head_create"),
        reverse("finance:head_detail", args=[fund.uc_a.pk]),
        reverse("finance:head_edit", args=[fund.uc_a.pk]),
    ):
        body = client.get(url).content.decode()
        assert english_words(body, allowed) == set(), url
