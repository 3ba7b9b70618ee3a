"""The review pack in a real browser: the DC opens the committee's next meeting, builds the pack
with one click (a double click builds one), reads its figures on a computer and on a phone in
Hindi, and downloads the Hindi PDF, whose first page is kept as a picture to look at: the
Devanagari must be shaped (conjuncts and vowel signs joined)."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from pypdf import PdfReader

from degs.dashboards.models import ReviewPack
from degs.indicators.demos.elements import load_elements
from degs.indicators.models import Figure, Indicator
from degs.indicators.periods import Period
from degs.reviews import services
from degs.reviews.choices import CommitteeKind, MeetingStatus
from tests.e2e.conftest import sign_in
from tests.factories import make_designation, make_post

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _put(indicator: Indicator, area: Any, period: Period, value: str, **extra: Any) -> None:
    Figure.objects.create(
        indicator=indicator,
        area=area,
        parent=area.parent,
        kind=area.kind,
        period_type=period.type,
        period_start=period.start,
        value=Decimal(value),
        **extra,
    )


def _first_page_png(pdf: bytes, folder: Path, stem: str) -> Path:
    """The PDF's first page as a PNG (poppler's pdftoppm, which `make browser-deps` installs)."""
    source = folder / f"{stem}.pdf"
    source.write_bytes(pdf)
    program = shutil.which("pdftoppm") or "pdftoppm"
    subprocess.run(
        [program, "-png", "-r", "110", "-f", "1", "-l", "1", "-singlefile", str(source),
         str(folder / stem)],
        check=True,
    )  # fmt: skip
    return folder / f"{stem}.png"


def test_dc_builds_the_pack_of_the_next_meeting_and_reads_it(
    world: Any, page: Any, phone: Any, screenshot_dir: Path
) -> None:
    for tab in (page, phone):
        tab.set_default_timeout(60_000)  # a loaded machine draws a PDF slowly
    load_elements()
    committee = services.committee_create(
        actor=None,
        area=world.district_a,
        kind=CommitteeKind.EXECUTIVE,
        name="DeGS executive committee",
        name_hi="डीईजीएस कार्यकारिणी समिति",
        chair_post=world.post_dc_a,
        secretary_post=make_post(make_designation("edm"), world.district_a),
    )
    meeting = services.meeting_create(
        actor=None,
        committee=committee,
        date=timezone.localdate() + dt.timedelta(days=14),
        agenda=[
            ("e-District services", "ई-डिस्ट्रिक्ट सेवाएं", "services"),
            ("Aadhaar", "आधार", "aadhaar"),
        ],
    )
    assert meeting.status == MeetingStatus.SCHEDULED
    month = Period.month_of(meeting.date).previous()  # the month the pack reviews
    in_time = Indicator.objects.get(code="services_in_time")
    _put(in_time, world.district_a, month, "82.5", target=Decimal(90), expected=4, reported=3)
    _put(in_time, world.district_a, month.previous(), "76.5")
    pending = Indicator.objects.get(code="services_pending_late")
    _put(pending, world.district_a, month, "1234")
    _put(pending, world.block_a1, month, "1200")
    _put(pending, world.block_a2, month, "34")

    # the DC opens the next meeting and builds the pack (a double click builds one)
    sign_in(page, "dc_a")
    page.goto(page.base_url + f"/reviews/meetings/{meeting.pk}/")
    page.get_by_role("button", name="Build review pack").dblclick()
    page.wait_for_url("**/dashboard/packs/*/")
    page.wait_for_load_state()
    assert ReviewPack.objects.filter(meeting=meeting).count() == 1
    pack = ReviewPack.objects.get(meeting=meeting)
    body = page.inner_text("body")
    (screenshot_dir / "review_pack_en_body.txt").write_text(body)
    assert "Applications disposed within time" in body
    assert "82.5" in body and "76.5" in body  # the month reviewed and the month before
    assert "1,234" in body and "1,200" in body  # pending beyond the limit, Block A1's share
    assert page.locator("svg.pack-spark").count() >= 1
    page.screenshot(path=str(screenshot_dir / "review_pack_en_1280.png"), full_page=True)

    # the meeting's page lists the pack
    page.goto(page.base_url + f"/reviews/meetings/{meeting.pk}/")
    page.get_by_role("link", name=f"Built on {timezone.localdate():%d-%m-%Y}").click()
    page.wait_for_url(f"**/dashboard/packs/{pack.pk}/")

    # the Hindi PDF: the names as text, and its first page as a picture to look at
    response = page.request.get(page.base_url + f"/dashboard/packs/{pack.pk}/pdf/?lang=hi")
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    pdf = response.body()
    reader = PdfReader(io.BytesIO(pdf))
    text = "".join(p.extract_text() for p in reader.pages)
    # an extractor reads back the vowel sign ि where it is drawn (before its consonant), and
    # splits words where glyphs are placed: both are left out of the comparison; the picture
    # below shows the shaping itself
    squeezed = re.sub(r"[\s\u093f]+", "", text)
    for words in ("समय-सीमा में निष्पादित आवेदन", "समय-सीमा से अधिक लंबित"):
        assert re.sub(r"[\s\u093f]+", "", words) in squeezed, words
    png = _first_page_png(pdf, screenshot_dir, "review_pack_hi_pdf_page1")
    assert png.exists() and png.stat().st_size > 10_000
    print(f"review pack, Hindi PDF first page: {png}")

    # on a phone, in Hindi: the pack fits the width
    world.dc_a.language = "hi"  # the DC's own setting, as the language switcher saves it
    world.dc_a.save(update_fields=["language"])
    sign_in(phone, "dc_a")
    phone.goto(phone.base_url + f"/dashboard/packs/{pack.pk}/")
    assert "समय-सीमा में निष्पादित आवेदन" in phone.inner_text("body")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 361
    phone.screenshot(path=str(screenshot_dir / "review_pack_hi_360.png"), full_page=True)
