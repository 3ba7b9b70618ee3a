"""The issue's first "done when": a rollout of projectors tracked end to end in a real browser.

The test world's programme (tests/rollouts/conftest.py ``roll``): projectors in the block
offices of A1 and A2 of district A, three milestones each (delivered: photo; installed: photo;
staff trained: document). At A1 "delivered" and "staff trained" are already submitted by the
block officer and verified by the DIO; a directive of the district's DeGS committee follows the
programme (``reviews.services.directive_set_target``).

The block officer of A1, on a 360 x 740 phone with the phone's place granted, opens the home
page, finds "Installed" at their office to do, submits a photo taken by the camera field; the
DIO, at 1280 px, finds it in the queue and verifies it. A1's last milestone is verified, so A1
is done. Worked by hand: targets in the set today are A1 and A2 (2), done is A1 (1): the
programme's page and the directive's read "1 of 2"; the block officer sees their block's
targets only: "1 of 1". Before the verification they read 0 of 2 and 0 of 1.
Screenshots (both widths, both languages) go to DEGS_SCREENSHOTS."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from degs.rollouts.choices import StepStatus
from degs.rollouts.models import Evidence, Step, Target
from degs.rollouts.services import steps as services
from tests.e2e.conftest import sign_in
from tests.rollouts.conftest import roll, steps_for  # noqa: F401 - the rollout of the test world

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PLACE = {"latitude": 23.962345, "longitude": 86.803456, "accuracy": 15}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _jpeg(colour: str = "navy") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (320, 240), colour).save(out, format="JPEG")
    return out.getvalue()


def _done_and_verified(step: Step, world) -> None:  # type: ignore[no-untyped-def]
    step = Step.objects.select_related("target__programme", "milestone").get(pk=step.pk)
    upload = (
        {"photo": SimpleUploadedFile("p.jpg", _jpeg(), content_type="image/jpeg")}
        if step.milestone.evidence == "photo"
        else {"document": SimpleUploadedFile("t.pdf", PDF, content_type="application/pdf")}
    )
    step = services.step_submit(
        actor=world.bdo_a1,
        step=step,
        version=step.version,
        done_on=timezone.localdate() - dt.timedelta(days=2),
        **upload,
    )
    services.step_verify(actor=world.dio_a, step=step, version=step.version)


def _directive_following(world, programme):  # type: ignore[no-untyped-def]
    from degs.reviews import services as reviews

    committee = reviews.committee_create(
        actor=None, area=world.district_a, kind="executive", name="DeGS", chair_post=world.post_dc_a
    )
    meeting = reviews.meeting_create(actor=None, committee=committee, date=timezone.localdate())
    directive = reviews.directive_create(
        actor=None,
        meeting=meeting,
        text="A projector in every block office by the end of the month",
        lead_post=world.post_bdo_a1,
        deadline_phrase="within a month",
    )
    return reviews.directive_set_target(
        actor=None, directive=directive, target=programme, version=directive.version
    )


def _no_sideways_scroll(page, width: int) -> None:  # type: ignore[no-untyped-def]
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1


def _shots(page, screenshot_dir, name: str, width: int) -> None:  # type: ignore[no-untyped-def]
    """The page in English and in Hindi (the language switch kept in the session)."""
    for language in ("en", "hi"):
        page.context.add_cookies(
            [{"name": "degs_language", "value": language, "url": page.base_url}]
        )
        page.reload()
        _no_sideways_scroll(page, width)
        page.screenshot(
            path=str(screenshot_dir / f"rollout-{name}-{width}-{language}.png"), full_page=True
        )
    page.context.add_cookies([{"name": "degs_language", "value": "en", "url": page.base_url}])
    page.reload()


def test_projector_rollout_end_to_end(world, roll, browser, live_server, screenshot_dir) -> None:  # noqa: F811
    a1 = steps_for(roll.target_a1)
    _done_and_verified(a1["Delivered"], world)
    _done_and_verified(a1["Staff trained"], world)
    directive = _directive_following(world, roll.programme)
    installed = a1["Installed"]

    # The block officer, on a phone that gives its place.
    phone_context = browser.new_context(
        viewport={"width": 360, "height": 740},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        locale="en-IN",
    )
    phone_context.grant_permissions(["geolocation"], origin=live_server.url)
    phone_context.set_geolocation(PLACE)
    phone = phone_context.new_page()
    phone.set_default_timeout(20000)
    phone.base_url = live_server.url  # type: ignore[attr-defined]
    sign_in(phone, "bdo_a1")
    block = phone.locator("#rollouts-home-block")
    assert "0 of 1" in block.inner_text()
    to_do = phone.locator("#rollouts-to-do")
    assert "To do: 1" in to_do.inner_text()
    _no_sideways_scroll(phone, 360)
    to_do.get_by_role("link", name="Installed: Block Office A1").click()
    phone.wait_for_url(f"**/rollouts/steps/{installed.pk}/")
    _shots(phone, screenshot_dir, "step-pending", 360)
    phone.get_by_role("link", name="Submit with evidence").click()
    phone.wait_for_url(f"**/rollouts/steps/{installed.pk}/submit/")
    photo = phone.locator("#id_photo")
    assert photo.get_attribute("capture") == "environment"
    assert photo.get_attribute("accept") == "image/*"
    phone.get_by_text("The phone gave its place").wait_for()
    assert phone.locator("#id_done_on").input_value() == timezone.localdate().isoformat()
    photo.set_input_files(
        files=[{"name": "projector.jpg", "mimeType": "image/jpeg", "buffer": _jpeg("teal")}]
    )
    _shots(phone, screenshot_dir, "submit", 360)
    photo.set_input_files(
        files=[{"name": "projector.jpg", "mimeType": "image/jpeg", "buffer": _jpeg("teal")}]
    )
    phone.get_by_text("The phone gave its place").wait_for()
    phone.get_by_role("button", name="Submit", exact=True).click()
    phone.wait_for_url(f"**/rollouts/steps/{installed.pk}/")
    assert phone.locator("#step-status").inner_text() == "Awaiting verification"
    # The photo is lazy-loaded: wait until the browser has drawn it, then check it decoded.
    shown = phone.locator("img[src*='/rollouts/evidence/']")
    expect(shown).to_be_visible()
    phone.wait_for_function(
        "() => { const i = document.querySelector(\"img[src*='/rollouts/evidence/']\");"
        " return i && i.complete && i.naturalWidth > 0; }"
    )
    evidence = Evidence.objects.get(step=installed)
    assert evidence.latitude == Decimal("23.962345") and evidence.longitude == Decimal("86.803456")
    assert evidence.accuracy_m == 15 and evidence.uploaded_by == world.bdo_a1
    # The submitter is not offered "Verify" (the block officer does not verify at all).
    assert phone.get_by_role("button", name="Verify").count() == 0

    # The DIO verifies it at 1280 px.
    desk_context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-IN")
    desk = desk_context.new_page()
    desk.set_default_timeout(20000)
    desk.base_url = live_server.url  # type: ignore[attr-defined]
    sign_in(desk, "dio_a")
    queue = desk.locator("#rollouts-to-verify")
    assert "Waiting: 1" in queue.inner_text()
    queue.get_by_role("link", name="Installed: Block Office A1").click()
    desk.wait_for_url(f"**/rollouts/steps/{installed.pk}/")
    _shots(desk, screenshot_dir, "step-submitted", 1280)
    programme_url = f"{live_server.url}/rollouts/{roll.programme.pk}/"
    directive_url = f"{live_server.url}/reviews/directives/{directive.pk}/"
    desk.goto(programme_url)
    assert "0 of 2 targets done" in desk.locator("#progress-total").inner_text()
    desk.goto(f"{live_server.url}/rollouts/steps/{installed.pk}/")
    desk.get_by_role("button", name="Verify", exact=True).click()
    desk.wait_for_url(f"**/rollouts/steps/{installed.pk}/")
    assert desk.locator("#step-status").inner_text() == "Verified"
    assert Step.objects.get(pk=installed.pk).status == StepStatus.VERIFIED
    # A1 is done on the latest day its milestones were done: today (installed) after two days
    # ago (delivered, trained).
    assert Target.objects.get(pk=roll.target_a1.pk).done_on == timezone.localdate()

    # Progress: on the programme, on the directive that ordered it, in the block officer's view.
    desk.goto(programme_url)
    assert "1 of 2 targets done" in desk.locator("#progress-total").inner_text()
    _shots(desk, screenshot_dir, "programme", 1280)
    desk.goto(directive_url)
    assert "1 of 2 have reached the goal" in desk.locator(".degs-target-progress").inner_text()
    phone.goto(live_server.url + "/")
    assert "1 of 1" in phone.locator("#rollouts-home-block").inner_text()
    assert phone.locator("#rollouts-to-do").count() == 0 or (
        "Installed" not in phone.locator("#rollouts-to-do").inner_text()
    )
    _shots(phone, screenshot_dir, "home", 360)
    phone_context.close()
    desk_context.close()
