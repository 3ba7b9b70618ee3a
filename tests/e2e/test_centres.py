"""The centres story in a real browser at phone size: the CSC manager draws this month's 60
centres, records an inspection with a photo, loses the network while recording a closure and
loses nothing, the DC approves the closure, the locator stops showing the centre, and the
centre's history says who did what and when."""

from __future__ import annotations

import io
import math
import uuid
from decimal import Decimal

import pytest
from PIL import Image

from degs.centres import services
from degs.centres.choices import (
    CentreKind,
    CentreStatus,
    InspectionResult,
    Period,
    Premises,
    Recommendation,
)
from degs.centres.models import Centre, ChecklistItem, Inspection, InspectionQuota
from degs.directory.choices import AreaKind
from degs.directory.models import Post
from tests.e2e.conftest import sign_in
from tests.factories import make_area

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

QUESTIONS = [
    ("board", "Board displayed", "बोर्ड प्रदर्शित", "no"),
    ("rate_list", "Rate list displayed", "दर सूची प्रदर्शित", "no"),
    ("operator_id_card", "Operator present with ID card", "संचालक पहचान पत्र के साथ", "no"),
    ("internet", "Internet working", "इंटरनेट चालू", "no"),
    ("overcharging", "Overcharging complaints", "अधिक शुल्क की शिकायत", "yes"),
]


def _photo(path) -> str:  # type: ignore[no-untyped-def]
    # a phone camera's size: several megabytes, which the page scales down before sending
    image = Image.effect_noise((2400, 1800), 60).convert("RGB")
    exif = Image.Exif()
    exif.get_ifd(0x8825)[2] = (23.0, 57.0, 36.0)
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    path.write_bytes(out.getvalue())
    return str(path)


def _answer_all(page, faults: set[str] = frozenset()) -> None:  # type: ignore[no-untyped-def]
    for code, _text, _hi, fault in QUESTIONS:
        good = "no" if fault == "yes" else "yes"
        answer = fault if code in faults else good
        page.locator(f"label[for=id_q_{code}_{['yes', 'no', 'na'].index(answer)}]").click()


def _no_sideways_scroll(page) -> None:  # type: ignore[no-untyped-def]
    assert page.evaluate("document.documentElement.scrollWidth") <= 360 + 1


def test_draw_inspect_close_approve_locator_history(  # type: ignore[no-untyped-def]
    world, page, phone, screenshot_dir, tmp_path
) -> None:
    for rank, (code, text, text_hi, fault) in enumerate(QUESTIONS):
        ChecklistItem.objects.create(
            state=world.state, code=code, text=text, text_hi=text_hi, fault_answer=fault, rank=rank
        )
    gp_a2 = make_area(AreaKind.GRAM_PANCHAYAT, "Panchayat A2", world.block_a2)
    for i in range(72):
        services.centre_create(
            actor=None,
            code=f"JH-A-{i:03d}",
            name=f"Pragya Kendra {i:03d}",
            kind=CentreKind.PRAGYA_KENDRA,
            area=world.gp_a1 if i % 2 else gp_a2,
            premises=Premises.PANCHAYAT_BHAWAN if i % 3 == 0 else Premises.OWN,
            status=CentreStatus.ACTIVE,
            address=f"Near the school, {i}",
            phone=f"98765{i:05d}",
            monthly_transactions=10 if i % 7 == 0 else 300,
        )
    post_csc = Post.objects.get(designation__code="csc_dm", area=world.district_a)
    InspectionQuota.objects.create(post=post_csc, count=60, period=Period.MONTH)
    phone.context.grant_permissions(["geolocation"], origin=phone.base_url)
    phone.context.set_geolocation({"latitude": 23.9561, "longitude": 86.8012, "accuracy": 25})

    # the CSC manager draws this month's 60 centres, on a phone
    sign_in(phone, "csc_a")
    phone.goto(phone.base_url + "/centres/inspections/")
    phone.get_by_role("button", name="Draw this period's 60 centres").click()
    phone.wait_for_url("**/centres/draws/*/")
    assert phone.locator("ol.list-group > li").count() == 60
    _no_sideways_scroll(phone)
    phone.screenshot(path=str(screenshot_dir / "draw-phone.png"), full_page=True)

    # records an inspection with a photo
    phone.get_by_role("link", name="Inspect", exact=True).first.click()
    phone.wait_for_url("**/centres/*/inspect/")
    first = Centre.objects.get(pk=int(phone.url.rstrip("/").split("/")[-2]))
    phone.get_by_text("Your position is recorded").wait_for()
    _answer_all(phone)
    phone.locator("#id_photos").set_input_files(_photo(tmp_path / "kiosk.jpg"))
    phone.locator("label", has_text="Functional").first.click()
    _no_sideways_scroll(phone)
    phone.screenshot(path=str(screenshot_dir / "inspection-form-phone.png"), full_page=True)
    phone.get_by_role("button", name="Send").click()
    phone.wait_for_url("**/centres/inspections/*/")
    phone.get_by_role("img", name="Photo 1 of the inspection").wait_for()
    inspection = Inspection.objects.get(centre=first)
    stored = inspection.photos.get()
    assert (stored.width, stored.height) == (1600, 1200)
    assert (tmp_path / "kiosk.jpg").stat().st_size > 1_000_000
    assert inspection.latitude is not None

    # marks a second centre non-functional and recommends closure; the network fails on send
    phone.go_back()
    phone.goto(phone.base_url + "/centres/inspections/")
    phone.get_by_role("link", name="This period's list").click()
    phone.get_by_role("link", name="Inspect", exact=True).first.click()
    phone.wait_for_url("**/centres/*/inspect/")
    closing = Centre.objects.get(pk=int(phone.url.rstrip("/").split("/")[-2]))
    _answer_all(phone, faults={"board", "operator_id_card", "internet"})
    phone.locator("label", has_text="Non-functional").click()
    phone.locator("#id_recommendation").select_option("closure")
    phone.locator("#id_remarks").fill("Shutter down on three visits; operator not found.")
    phone.context.set_offline(True)
    phone.get_by_role("button", name="Send").click()
    phone.get_by_text("No network: nothing you typed is lost").wait_for()
    assert phone.locator("#id_remarks").input_value().startswith("Shutter down")
    assert phone.locator("#id_recommendation").input_value() == "closure"
    assert not Inspection.objects.filter(centre=closing).exists()
    phone.screenshot(path=str(screenshot_dir / "inspection-offline-phone.png"), full_page=True)
    phone.context.set_offline(False)
    phone.get_by_role("button", name="Send").click()
    phone.wait_for_url("**/centres/inspections/*/")
    phone.get_by_text("Awaiting approval").wait_for()
    assert Inspection.objects.filter(centre=closing).count() == 1

    # the DC approves the closure, acknowledging that its position could not be checked (the
    # centre has no coordinates)
    sign_in(page, "dc_a")
    pending = Inspection.objects.get(centre=closing)
    page.goto(page.base_url + f"/centres/inspections/{pending.pk}/")
    page.locator("#position-warning").get_by_text("Position not checked").wait_for()
    page.locator("#id_order_reference").fill("DC/A/2026/41")
    page.locator("#id_acknowledge_position").check()
    page.get_by_role("button", name="Approve the closure").click()
    page.wait_for_url(f"**/centres/{closing.pk}/")
    closing.refresh_from_db()
    assert closing.status == CentreStatus.CLOSED

    # its history shows who did what and when
    history = page.locator("#history-heading").locator("..")
    history.get_by_text("Closed", exact=True).wait_for()
    text = history.inner_text()
    assert "DC A" in text and "DC/A/2026/41" in text
    assert "Inspected" in text and "CSC Manager A" in text
    page.screenshot(path=str(screenshot_dir / "centre-closed-history.png"), full_page=True)

    # the locator, without signing in, no longer shows it
    phone.context.clear_cookies()
    phone.goto(phone.base_url + "/centres/locator/")
    phone.locator("#district").select_option(str(world.district_a.pk))
    phone.wait_for_load_state()
    phone.locator("#block").select_option(str(closing.area.parent_id))
    phone.wait_for_url(f"**block={closing.area.parent_id}**")
    phone.get_by_text("centres in").first.wait_for()
    listed = phone.locator("#locator-results").inner_text()
    assert closing.name not in listed
    open_here = Centre.objects.filter(area=closing.area, status=CentreStatus.ACTIVE).first()
    phone.locator("#panchayat").select_option(str(closing.area_id))
    phone.wait_for_load_state()
    phone.get_by_text(open_here.name).first.wait_for()
    assert closing.name not in phone.locator("#locator-results").inner_text()
    _no_sideways_scroll(phone)
    phone.screenshot(path=str(screenshot_dir / "locator-phone.png"), full_page=True)


# (language, viewport width, the warning's heading, the distance as written, the refusal, the tick)
WARNINGS = [
    ("en", 1280, "Recorded far from the centre", "17,000 m", "Tick that you have seen this"),
    ("en", 360, "Recorded far from the centre", "17,000 m", "Tick that you have seen this"),
    ("hi", 1280, "केंद्र से दूर दर्ज", "17,000 मीटर", "टिक करें"),
    ("hi", 360, "केंद्र से दूर दर्ज", "17,000 मीटर", "टिक करें"),
]


@pytest.mark.parametrize(("language", "width", "heading", "distance", "refusal"), WARNINGS)
def test_closure_far_from_the_kiosk_warns_the_approver(  # type: ignore[no-untyped-def]
    world, browser, live_server, screenshot_dir, language, width, heading, distance, refusal
) -> None:
    for rank, (code, text, text_hi, fault) in enumerate(QUESTIONS):
        ChecklistItem.objects.create(
            state=world.state, code=code, text=text, text_hi=text_hi, fault_answer=fault, rank=rank
        )
    centre = services.centre_create(
        actor=None,
        code="JH-JMT-017",
        name="Pragya Kendra Jamtara",
        name_hi="प्रज्ञा केंद्र जामताड़ा",
        kind=CentreKind.PRAGYA_KENDRA,
        area=world.gp_a1,
        status=CentreStatus.ACTIVE,
        latitude=Decimal("23.960000"),
        longitude=Decimal("86.800000"),
    )
    # 17 km due north along the meridian: R x angle, R the WGS84 mean radius
    north = Decimal(str(round(23.96 + math.degrees(17_000 / 6_371_008.8), 6)))
    inspection, _ = services.inspection_record(
        actor=world.csc_manager_a,
        centre=centre,
        client_token=uuid.uuid4(),
        finding=services.Finding(
            answers={code: ("yes" if fault == "no" else "no") for code, *_r, fault in QUESTIONS},
            result=InspectionResult.NON_FUNCTIONAL,
            recommendation=Recommendation.CLOSURE,
            remarks="Shutter down; operator not found.",
        ),
        latitude=north,
        longitude=Decimal("86.800000"),
        accuracy_m=15,
    )
    context = browser.new_context(
        viewport={"width": width, "height": 900}, is_mobile=width < 400, has_touch=width < 400
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    page.base_url = live_server.url
    sign_in(page, "dc_a")  # clears the cookies: the language is chosen after
    page.context.add_cookies([{"name": "degs_language", "value": language, "url": page.base_url}])
    page.goto(page.base_url + f"/centres/inspections/{inspection.pk}/")
    warning = page.locator("#position-warning")
    warning.get_by_text(heading).wait_for()
    assert distance in warning.inner_text()
    assert distance in page.locator("#position").inner_text()
    if width < 400:
        _no_sideways_scroll(page)
    page.screenshot(
        path=str(screenshot_dir / f"closure-far-{language}-{width}.png"), full_page=True
    )

    # approving without the tick is refused, in the reader's language, and changes nothing
    page.locator("#id_order_reference").fill("DC/A/2026/77")
    page.locator("#decide-heading").locator("..").locator("button.btn-danger").click()
    page.locator("#id_acknowledge_position_error").wait_for()
    assert refusal in page.locator("#id_acknowledge_position_error").inner_text()
    assert page.locator("#id_order_reference").input_value() == "DC/A/2026/77"
    centre.refresh_from_db()
    assert centre.status == CentreStatus.ACTIVE
    page.screenshot(
        path=str(screenshot_dir / f"closure-far-refused-{language}-{width}.png"), full_page=True
    )

    # with the tick the closure is approved
    page.locator("#id_acknowledge_position").check()
    page.locator("#decide-heading").locator("..").locator("button.btn-danger").click()
    page.wait_for_url(f"**/centres/{centre.pk}/")
    centre.refresh_from_db()
    assert centre.status == CentreStatus.CLOSED
    context.close()
