"""The QR label sheet: each label's QR code holds the asset page's absolute address (no
decoder is installed: the payload given to segno is checked), 24 labels a page, at most 240."""

from __future__ import annotations

import io

import pytest
from django.test import override_settings
from django.urls import reverse
from pypdf import PdfReader

from degs.assets.choices import Funding
from degs.assets.models import Asset
from degs.assets.services.register import assets_add_many
from degs.assets.views import register as views

pytestmark = pytest.mark.django_db


@override_settings(DEGS_SITE_URL="https://degs.example.in")
def test_label_payload_is_the_asset_page(world, kit) -> None:  # type: ignore[no-untyped-def]
    sheets = views.label_sheets([kit.projector_a1])
    label = sheets[0][0]
    assert label["url"] == f"https://degs.example.in/assets/equipment/{kit.projector_a1.pk}/"
    assert label["qr"].startswith("<svg")


def test_pdf_has_a_page_per_24_labels(world, kit, client_as) -> None:  # type: ignore[no-untyped-def]
    assets_add_many(
        actor=world.dio_a, count=25, model=kit.epson, office=world.office_a2, funding=Funding.OTHER
    )
    client = client_as(world.dio_a)
    response = client.get(reverse("assets:asset_labels"), {"area": world.block_a2.pk})
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 2  # 25 labels: 24 on the first page, 1 on the second
    text = "".join(reader.pages[1].extract_text().split())
    assert Asset.objects.filter(office=world.office_a2).order_by("tag").last().tag in text
    # the other district's asset is never on a sheet
    everything = client.get(reverse("assets:asset_labels"))
    assert "JB-PRJ-0001" not in "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(everything.content)).pages
    )


def test_at_most_240(monkeypatch, world, kit, client_as) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(views, "MOST_LABELS", 2)
    response = client_as(world.dio_a).get(reverse("assets:asset_labels"))
    assert len(PdfReader(io.BytesIO(response.content)).pages) == 1
    assert views.LABELS_PER_SHEET * 10 == 240
