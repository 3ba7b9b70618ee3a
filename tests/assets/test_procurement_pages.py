"""Procurement pages and API: the list (filters, CSV and Excel), recording a need in rupees,
the case's page with the route's rule and the lowest quote marked, each step from the page,
a refused step keeping what was typed, the Hindi page, and the API's cases, quotes and
steps."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from degs.assets.choices import CaseStatus, Route
from degs.assets.models import Asset, ProcurementCase
from degs.assets.services import procurement as services
from tests.hindi_crawl import english_words

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def make_case(world, kit, paise: int = 1_27_500_00, quantity: int = 3):  # type: ignore[no-untyped-def]
    return services.case_create(
        actor=world.dio_a,
        area=world.district_a,
        title="UPS batteries for block offices",
        category=kit.ups,
        quantity=quantity,
        estimated_paise=paise,
    )


def test_record_a_need_in_rupees(world, kit, client_as) -> None:  # type: ignore[no-untyped-def]
    client = client_as(world.dio_a)
    page = client.get(reverse("assets:case_create"))
    assert page.status_code == 200
    data = {
        "area": world.district_a.pk,
        "title": "Projector for the VC room",
        "category": kit.projector.pk,
        "quantity": "1",
        "estimated_paise": "50,000.01",
    }
    bad = client.post(reverse("assets:case_create"), {**data, "estimated_paise": "50,000.005"})
    assert bad.status_code == 200 and "Projector for the VC room" in bad.content.decode()
    assert not ProcurementCase.objects.exists()
    done = client.post(reverse("assets:case_create"), data)
    case = ProcurementCase.objects.get()
    assert done.status_code == 302 and done["Location"] == reverse(
        "assets:case_detail", args=[case.pk]
    )
    assert case.estimated_paise == 50_000_01 and case.route == Route.L1
    # Only district managers: the block officer may read the list but not record a need.
    assert client_as(world.bdo_a1).get(reverse("assets:case_create")).status_code == 403


def test_case_page_steps_and_refusals(world, kit, client_as) -> None:  # type: ignore[no-untyped-def]
    case = make_case(world, kit)
    client = client_as(world.dio_a)
    url = reverse("assets:case_detail", args=[case.pk])
    page = client.get(url).content.decode()
    assert "three different manufacturers" in page and "₹\u00a01,27,500.00" in page
    post = lambda name, **data: client.post(  # noqa: E731
        reverse(f"assets:case_{name}", args=[case.pk]), {"version": case.version, **data}
    )
    assert (
        post(
            "sanction",
            sanction_number="DEGS/7/2026",
            sanction_date=TODAY.isoformat(),
            sanctioned_paise="1,30,000",
        ).status_code
        == 302
    )
    for seller, make, amount in [
        ("Jharkhand Digital Supplies", "Exide", "1,21,000"),
        ("Santhal Pargana Traders", "Amaron", "1,18,400"),
        ("Ranchi Power", "Luminous", "1,24,900"),
    ]:
        case.refresh_from_db()
        assert post("quote", seller=seller, make=make, amount_paise=amount).status_code == 302
    page = client.get(url).content.decode()
    assert "lowest (L1)" in page
    # A quote typed twice by mistake is taken back.
    case.refresh_from_db()
    assert post("quote", seller="Typo Traders", make="Exide", amount_paise="1").status_code == 302
    typo = case.quotes.get(seller="Typo Traders")
    case.refresh_from_db()
    assert post("quote_remove", quote_id=typo.pk).status_code == 302
    assert not case.quotes.filter(seller="Typo Traders").exists()
    case.refresh_from_db()
    refused = post(
        "order",
        supplier=kit.supplier.pk,
        order_kind="gem_order",
        order_number="GEMC-5116877000999",
        order_date=TODAY.isoformat(),
        order_paise="1,21,000",
    )
    text = refused.content.decode()
    assert refused.status_code == 400 and "Santhal Pargana Traders" in text
    assert "GEMC-5116877000999" in text  # what was typed is kept
    # A page seen before the quotes: someone changed the case since.
    stale = client.post(
        reverse("assets:case_step", args=[case.pk]),
        {"version": 1, "action": "cancel", "remark": "Not needed"},
    )
    assert stale.status_code == 400 and "changed this at" in stale.content.decode()
    case.refresh_from_db()
    assert case.status == CaseStatus.SANCTIONED


def test_delivery_from_the_page(world, kit, client_as) -> None:  # type: ignore[no-untyped-def]
    case = make_case(world, kit, paise=45_000_00, quantity=2)
    case = services.case_sanction(
        actor=world.dio_a,
        case=case,
        version=case.version,
        sanction_number="S/1",
        sanction_date=TODAY,
        sanctioned_paise=45_000_00,
    )
    case = services.case_order(
        actor=world.dio_a,
        case=case,
        version=case.version,
        supplier=kit.supplier,
        order_kind="gem_order",
        order_number="GEMC-1",
        order_date=TODAY,
        order_paise=44_999_99,
    )
    client = client_as(world.dio_a)
    data = {
        "version": case.version,
        "delivered_on": TODAY.isoformat(),
        "model": kit.apc.pk,
        "office": world.office_a1.pk,
        "funding": "degs_fund",
        "serials": "BX9001\n\nBX9002\n",
    }
    done = client.post(reverse("assets:case_deliver", args=[case.pk]), data)
    assert done.status_code == 302
    made = Asset.objects.filter(procurement=case).order_by("tag")
    assert [a.cost_paise for a in made] == [22_500_00, 22_499_99]
    again = client.post(reverse("assets:case_deliver", args=[case.pk]), data)
    assert again.status_code == 400
    assert Asset.objects.filter(procurement=case).count() == 2
    page = client.get(reverse("assets:case_detail", args=[case.pk])).content.decode()
    assert made[0].tag in page and "BX9002" in page


def test_list_filters_and_exports(world, kit, client_as) -> None:  # type: ignore[no-untyped-def]
    make_case(world, kit)
    services.case_create(
        actor=world.dio_a,
        area=world.district_a,
        title="Repair of the e-Governance cell's rooms",
        quantity=1,
        estimated_paise=38_000_00,
    )
    client = client_as(world.dc_a)
    url = reverse("assets:case_list")
    page = client.get(url, {"route": "direct"}).content.decode()
    assert "e-Governance cell" in page and "UPS batteries" not in page
    csv = client.get(url, {"route": "l1", "format": "csv"})
    body = csv.content.decode("utf-8-sig")
    assert "UPS batteries" in body and "e-Governance" not in body and "1,27,500.00" in body
    xlsx = client.get(url, {"format": "xlsx"})
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert "UPS batteries" not in client_as(world.bdo_b1).get(url).content.decode()


def test_hindi_case_page(world, kit, client_as) -> None:  # type: ignore[no-untyped-def]
    case = make_case(world, kit)
    client = client_as(world.dio_a)
    client.cookies["django_language"] = "hi"
    for url in (
        reverse("assets:case_detail", args=[case.pk]),
        reverse("assets:case_list"),
        reverse("assets:case_create"),
        reverse("assets:case_edit", args=[case.pk]),
    ):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="hi")
        assert response.status_code == 200
        assert not english_words(
            response.content.decode(), allowed={"UPS", "batteries", "for", "block", "offices"}
        ), url


def test_api(world, kit, client_as) -> None:  # type: ignore[no-untyped-def]
    client = client_as(world.dio_a)
    made = client.post(
        "/api/assets/procurement/",
        {
            "area": world.district_a.pk,
            "title": "Desktops for the e-District counters",
            "quantity": 20,
            "estimated_paise": 14_60_000_00,
            "category": None,
        },
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    case = made.json()
    assert case["route"] == "bid"
    outside = client.post(
        "/api/assets/procurement/",
        {"area": world.district_b.pk, "title": "x", "quantity": 1, "estimated_paise": 100},
        content_type="application/json",
    )
    assert outside.status_code == 422
    base = f"/api/assets/procurement/{case['id']}/"
    quote = client.post(
        base + "quotes/",
        {"version": case["version"], "seller": "A", "make": "HP", "amount_paise": 100},
        content_type="application/json",
    )
    assert quote.status_code == 201
    sanctioned = client.post(
        base + "sanction/",
        {
            "version": case["version"] + 1,
            "sanction_number": "S/2",
            "sanction_date": TODAY.isoformat(),
            "sanctioned_paise": 15_00_000_00,
        },
        content_type="application/json",
    )
    assert sanctioned.status_code == 200 and sanctioned.json()["status"] == "sanctioned"
    stale = client.post(
        base + "act/",
        {"action": "cancel", "version": 1, "remark": "x"},
        content_type="application/json",
    )
    assert stale.status_code == 409
    listed = client.get("/api/assets/procurement/", {"route": "bid"}).json()
    assert [c["id"] for c in listed["items"]] == [case["id"]]
    assert client_as(world.bdo_b1).get(base).status_code == 404
