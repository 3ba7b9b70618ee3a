"""The phone directory and a video-conference room on a 360 px phone, in Hindi, in a real
browser: the BDO of block A1 finds an office's extension in another district, then records a
test call from the block's VC room and sees it become ready for VC. Nothing scrolls sideways.
The pictures go to DEGS_SCREENSHOTS."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from degs.connectivity.models import IpPhone, VcRoom, VcTest
from degs.directory.models import Office
from tests.connectivity.conftest import net  # noqa: F401 - the links of the test world
from tests.e2e.conftest import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _no_sideways_scroll(page) -> None:  # type: ignore[no-untyped-def]
    assert page.evaluate("document.documentElement.scrollWidth") <= 360 + 1


def test_directory_and_room_on_a_phone_in_hindi(world, net, phone, screenshot_dir) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    # given offices with Hindi names, their phones, and the block's VC room failing its last test
    names = {
        world.office_a1: "प्रखंड कार्यालय, नाला",
        world.office_a2: "प्रखंड कार्यालय, कुंडहित",
        world.office_b1: "प्रखंड कार्यालय, पोटका",
        world.dc_office_a: "समाहरणालय, जामताड़ा",
    }
    for office, name_hi in names.items():
        Office.objects.filter(pk=office.pk).update(name_hi=name_hi)
    now = timezone.now()
    for office, extension, place, place_hi, post in (
        (world.dc_office_a, "6001", "Control room", "नियंत्रण कक्ष", world.post_dc_a),
        (world.office_a1, "6101", "", "", world.post_bdo_a1),
        (world.office_a2, "6201", "Reception", "स्वागत कक्ष", None),
        (world.office_b1, "7101", "", "", world.post_bdo_b1),
    ):
        IpPhone.objects.create(
            office=office,
            extension=extension,
            place=place,
            place_hi=place_hi,
            post=post,
            is_registered=True,
            last_registered_at=now,
        )
    room = VcRoom.objects.create(
        office=world.office_a1, link=net.link_a1, name="VC room", name_hi="वीसी कक्ष"
    )
    VcTest.objects.create(
        room=room,
        at=now - dt.timedelta(days=3),
        audio_ok=True,
        video_ok=True,
        sharing_ok=False,
        joined_from="NIC, Jamtara",
    )
    world.bdo_a1.language = "hi"
    world.bdo_a1.save(update_fields=["language"])

    # when the BDO of A1 opens the directory on a phone and searches another district's office
    sign_in(phone, "bdo_a1")
    phone.goto(phone.base_url + "/network/phone-directory/")
    assert phone.locator("html").get_attribute("lang") == "hi"
    for extension in ("6001", "6101", "6201", "7101"):
        assert phone.get_by_role("link", name=f"एक्सटेंशन {extension}").is_visible()
    _no_sideways_scroll(phone)
    phone.screenshot(path=str(screenshot_dir / "phone-directory-hi-360.png"), full_page=True)
    phone.locator("#id_q").fill("पोटका")
    phone.locator("form[role=search] button[type=submit]").click()
    phone.wait_for_url("**/phone-directory/?*")
    # then the office of district B is found, with its extension and post, no one's name
    assert phone.get_by_role("link", name="एक्सटेंशन 7101").is_visible()
    assert phone.get_by_role("link", name="एक्सटेंशन 6101").count() == 0
    assert "BDO B1" not in phone.locator("main").inner_text()
    _no_sideways_scroll(phone)

    # when they open the room: not ready, because its last test failed content sharing
    phone.goto(phone.base_url + f"/network/rooms/{room.pk}/")
    assert phone.get_by_text("अंतिम परीक्षण विफल: सामग्री साझा करना").is_visible()
    _no_sideways_scroll(phone)
    # and record a test call in which everything worked
    phone.locator("#id_audio_ok").check()
    phone.locator("#id_video_ok").check()
    phone.locator("#id_sharing_ok").check()
    phone.locator("#id_joined_from").fill("एनआईसी, जामताड़ा; बीडीओ, नाला")
    phone.get_by_role("button", name="परीक्षण सहेजें").click()
    phone.get_by_text("परीक्षण दर्ज हुआ।").wait_for()
    # then the room is ready for VC
    assert phone.locator(".badge", has_text="वीसी के लिए तैयार").is_visible()
    assert room.tests.count() == 2
    _no_sideways_scroll(phone)
    phone.screenshot(path=str(screenshot_dir / "vc-room-hi-360.png"), full_page=True)
