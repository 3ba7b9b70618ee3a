"""The fund statement's page and exports, the utilisation certificate's page, PDF and API,
in English and Hindi, on the hand-worked postings of statements_set.py."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from tests.finance.statements_set import posted_set  # noqa: F401  (the fixture "posted")
from tests.hindi_crawl import data_words, english_words, speak

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["en", "hi"])
def language(request):  # type: ignore[no-untyped-def]
    return request.param


def test_statement_page_and_exports(world, fund, posted, client_as, language) -> None:
    client = speak(client_as(world.dc_a), world.dc_a, language)
    query = {"district": world.district_a.pk, "year": 2025}
    body = client.get(reverse("finance:statement"), query).content.decode()
    # the grant head's closing balance and the society's total, as worked by hand
    assert "₹\u00a06,47,345.17" in body
    assert "₹\u00a06,87,345.17" in body
    assert "₹\u00a010,00,000.00" in body and "₹\u00a025,000.50" in body
    if language == "en":
        assert "Opening balance" in body and "Transfers and other movements" in body
    else:
        assert "प्रारंभिक शेष" in body and "अंतिम शेष" in body
        assert english_words(body, data_words()) == set()
    csv = client.get(reverse("finance:statement_csv"), query).content.decode("utf-8-sig")
    assert "647345.17" in csv and "1000000.00" in csv
    xlsx = client.get(reverse("finance:statement_xlsx"), query)
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_statement_of_a_quarter_and_of_a_month(world, fund, posted, client_as) -> None:
    client = client_as(world.dc_a)
    body = client.get(reverse("finance:statement"), {"year": 2026, "part": "q1"}).content.decode()
    assert "01-04-2026" in body and "30-06-2026" in body
    assert "₹\u00a08,37,345.17" in body  # 6,47,345.17 + 2,00,000 - 10,000
    body = client.get(reverse("finance:statement"), {"year": 2026, "part": "m9"}).content.decode()
    assert "30-09-2026" in body and "₹\u00a08,42,345.17" in body


def _pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_certificate_page_and_pdf(world, fund, posted, client_as, language) -> None:
    client = speak(client_as(world.dc_a), world.dc_a, language)
    query = {"head": fund.grant_a.pk, "year": 2026}
    body = client.get(reverse("finance:uc"), query).content.decode()
    for figure in ("6,47,345.17", "2,00,000.00", "5,000.00", "8,52,345.17", "10,000.00"):
        assert f"₹\u00a0{figure}" in body, figure
    assert "S-2/2026" in body and "01-04-2026" in body
    assert "₹\u00a08,42,345.17" in body  # (g) closing
    if language == "hi":
        assert "उपयोगिता प्रमाण-पत्र" in body
        assert english_words(body, data_words()) == set()
    response = client.get(reverse("finance:uc_pdf"), query)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    # opening, the sanction, interest, expenditure, closing, worked by hand
    for figure in ("6,47,345.17", "2,00,000.00", "5,000.00", "10,000.00", "8,42,345.17"):
        assert figure in text, figure
    assert "S-2/2026" in text
    if language == "en":
        assert "GFR 12-A" in text and "Chairman" in text
    else:
        assert "अध्यक्ष" in text


def test_certificate_api(world, fund, posted, client_as) -> None:
    client = client_as(world.dc_a)
    answer = client.get(
        reverse("api:utilisation_certificate"), {"head": fund.grant_a.pk, "year": 2025}
    )
    assert answer.status_code == 200
    data = answer.json()
    assert data["year"] == "2025-26"
    assert data["opening_total_paise"] == 0
    assert data["grants_received"] == [
        {
            "sanction_id": posted[0].pk,
            "number": "S-1/2025",
            "date": "2025-05-01",
            "received_paise": 100_000_000,
        }
    ]
    assert data["interest_earned_paise"] == 1_234_567
    assert data["expenditure_paise"] == 37_500_050
    assert data["capital_assets_paise"] == 35_000_000
    assert data["closing_paise"] == 64_734_517
    statement = client.get(reverse("api:fund_statement"), {"year": 2025}).json()
    assert statement["total"]["closing_paise"] == 68_734_517


def test_another_districts_head_is_not_found(world, fund, posted, client_as) -> None:
    client = client_as(world.dc_a)
    for name in ("finance:uc", "finance:uc_pdf"):
        assert client.get(reverse(name), {"head": fund.uc_b.pk, "year": 2025}).status_code == 404
        assert client.get(reverse(name), {"head": 987654, "year": 2025}).status_code == 404
    api = client.get(reverse("api:utilisation_certificate"), {"head": fund.uc_b.pk, "year": 2025})
    assert api.status_code == 404
    # district B's statement is not offered: district A's is shown
    body = client.get(
        reverse("finance:statement"), {"district": world.district_b.pk}
    ).content.decode()
    assert "DeGS, District A" in body and "DeGS, District B" not in body
    assert (
        client.get(reverse("api:fund_statement"), {"district": world.district_b.pk}).status_code
        == 404
    )


def test_a_block_officer_does_not_see_the_fund(world, fund, client_as) -> None:
    client = client_as(world.bdo_a1)
    assert client.get(reverse("finance:statement")).status_code == 403
    assert client.get(reverse("finance:uc")).status_code == 403
