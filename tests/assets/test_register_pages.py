"""The register's pages: the list with its filters and exports, an asset's page (money in
rupees with Indian grouping, warranty), the form, status buttons, the move, the master lists;
in Hindi too."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from degs.assets.choices import AssetStatus, Condition
from degs.assets.models import Asset, Verification
from degs.core.tabular import read_table
from degs.core.years import financial_year_of
from tests.hindi_crawl import data_words, english_words, speak

pytestmark = pytest.mark.django_db


def test_list_filters_and_scope(world, kit, client_as) -> None:  # type: ignore[no-untyped-def]
    client = client_as(world.dio_a)
    page = client.get(reverse("assets:asset_list")).content.decode()
    assert "JA-PRJ-0001" in page and "JA-UPS-0001" in page
    assert "JB-PRJ-0001" not in page  # the other district's
    page = client.get(reverse("assets:asset_list"), {"status": "in_store"}).content.decode()
    assert "JA-UPS-0001" in page and "JA-PRJ-0001" not in page
    page = client.get(reverse("assets:asset_list"), {"q": "x51a"}).content.decode()
    assert "JA-PRJ-0001" in page and "JA-UPS-0001" not in page
    page = client.get(reverse("assets:asset_list"), {"area": world.block_a1.pk}).content.decode()
    assert "JA-PRJ-0001" in page and "JA-UPS-0001" not in page
    # warranty to 9 April 2029: before 10 April 2029 yes, before 9 April no
    page = client.get(reverse("assets:asset_list"), {"warranty_before": "2029-04-10"})
    assert "JA-PRJ-0001" in page.content.decode()
    page = client.get(reverse("assets:asset_list"), {"warranty_before": "2029-04-09"})
    assert "JA-PRJ-0001" not in page.content.decode()
    # the block officer of A1 sees only the block's
    page = client_as(world.bdo_a1).get(reverse("assets:asset_list")).content.decode()
    assert "JA-PRJ-0001" in page and "JA-UPS-0001" not in page


def test_not_verified_this_year_filter(world, kit, client_as) -> None:  # type: ignore[no-untyped-def]

    Verification.objects.create(
        asset=kit.ups_a,
        year=financial_year_of(),
        verified_on=timezone.localdate(),
        verified_by=world.dio_a,
        condition=Condition.WORKING,
    )
    page = client_as(world.dio_a).get(reverse("assets:asset_list"), {"unverified": "yes"})
    text = page.content.decode()
    assert "JA-PRJ-0001" in text and "JA-UPS-0001" not in text


def test_financial_year() -> None:

    assert financial_year_of(dt.date(2026, 3, 31)) == 2025
    assert financial_year_of(dt.date(2026, 4, 1)) == 2026
    assert financial_year_of(dt.date(2027, 1, 15)) == 2026


def test_export_csv_has_the_import_columns(world, kit, client_as) -> None:  # type: ignore[no-untyped-def]
    response = client_as(world.dio_a).get(reverse("assets:asset_list"), {"format": "csv"})
    table = read_table("a.csv", response.content)
    rows = {r.values["tag"]: r.values for r in table.rows}
    assert set(rows) == {"JA-PRJ-0001", "JA-UPS-0001"}
    # 8,50,000 paise = ₹ 8,500.00
    assert rows["JA-UPS-0001"]["cost_rupees"] == "8500.00"
    xlsx = client_as(world.dio_a).get(reverse("assets:asset_list"), {"format": "xlsx"})
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_detail_shows_money_in_indian_grouping(world, kit, client_as) -> None:  # type: ignore[no-untyped-def]
    page = client_as(world.dio_a).get(reverse("assets:asset_detail", args=[kit.projector_a1.pk]))
    text = page.content.decode()
    # 42,50,000 paise = ₹ 42,500.00
    assert "42,500.00" in text
    assert "09-04-2029" in text
    other = client_as(world.dio_a).get(reverse("assets:asset_detail", args=[kit.projector_b1.pk]))
    assert other.status_code == 404


def test_create_edit_and_stale(world, kit, client_as) -> None:  # type: ignore[no-untyped-def]
    client = client_as(world.dio_a)
    response = client.post(
        reverse("assets:asset_create"),
        {
            "model": kit.epson.pk,
            "office": world.office_a2.pk,
            "funding": "e_district",
            "cost_rupees": "42500.50",
        },
    )
    asset = Asset.objects.get(office=world.office_a2)
    assert response.status_code == 302
    assert asset.tag == "DIS-PROJECTOR-0001" and asset.cost_paise == 4_250_050
    url = reverse("assets:asset_edit", args=[asset.pk])
    data = {"model": kit.epson.pk, "funding": "e_district", "serial": "S1", "version": 1}
    assert client.post(url, data).status_code == 302
    stale = client.post(url, {**data, "serial": "S2"})
    assert stale.status_code == 200 and "changed this" in stale.content.decode()
    assert Asset.objects.get(pk=asset.pk).serial == "S1"
    assert client_as(world.bdo_a1).get(reverse("assets:asset_create")).status_code == 403


def test_step_and_move_from_the_page(world, kit, client_as) -> None:  # type: ignore[no-untyped-def]
    client = client_as(world.dio_a)
    ups = kit.ups_a
    client.post(
        reverse("assets:asset_step", args=[ups.pk]), {"action": "issue", "version": ups.version}
    )
    ups.refresh_from_db()
    assert ups.status == AssetStatus.ISSUED
    refused = client.post(
        reverse("assets:asset_step", args=[ups.pk]), {"action": "condemn", "version": ups.version}
    )
    assert refused.status_code == 400
    client.post(
        reverse("assets:asset_move", args=[ups.pk]),
        {"office": world.office_a1.pk, "version": ups.version, "remark": "For the camp"},
    )
    ups.refresh_from_db()
    assert ups.office == world.office_a1 and ups.area == world.block_a1
    page = client.get(reverse("assets:asset_detail", args=[ups.pk])).content.decode()
    assert "Collectorate A → Block Office A1" in page
    # a block officer may not move it
    response = client_as(world.bdo_a1).post(
        reverse("assets:asset_move", args=[ups.pk]),
        {"office": world.office_a2.pk, "version": ups.version},
    )
    assert response.status_code == 403


def test_master_lists(world, kit, client_as) -> None:  # type: ignore[no-untyped-def]
    client = client_as(world.dio_a)
    assert "Epson" in client.get(reverse("assets:category_list")).content.decode()
    assert "20AAACJ1234K1Z5" in client.get(reverse("assets:supplier_list")).content.decode()
    response = client.post(
        reverse("assets:supplier_create"), {"name": "Seller", "gstin": "27AAPFU0939F1ZW"}
    )
    assert response.status_code == 200 and "last character" in response.content.decode()
    response = client.post(
        reverse("assets:supplier_create"),
        {"name": "Seller", "gstin": "27AAPFU0939F1ZV", "is_active": "on"},
    )
    assert response.status_code == 302
    assert client_as(world.bdo_a1).get(reverse("assets:supplier_create")).status_code == 403


def test_pages_in_hindi(world, kit, client_as) -> None:  # type: ignore[no-untyped-def]
    client = speak(client_as(world.dio_a), world.dio_a, "hi")
    allowed = data_words()
    pk = kit.ups_a.pk
    for url in (
        reverse("assets:asset_list"),
        reverse("assets:asset_detail", args=[pk]),
        reverse("assets:asset_create"),
        reverse("assets:asset_edit", args=[pk]),
        reverse("assets:asset_import"),
        reverse("assets:category_list"),
        reverse("assets:category_create"),
        reverse("assets:model_create"),
        reverse("assets:supplier_list"),
        reverse("assets:supplier_edit", args=[kit.supplier.pk]),
        reverse("assets:verification_due"),
        reverse("assets:verification_create", args=[pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert 'lang="hi"' in html
        assert english_words(html, allowed) == set(), url
