"""The links pages on a 360 px phone in a real browser: the DIO adds a link at a gram
panchayat, starts provisioning and commissions it from its page, and the list, the link's page,
the form, the links down now and the maintenance windows fit the screen (no sideways scroll),
in English and in Hindi."""

from __future__ import annotations

import pytest

from degs.connectivity.choices import LinkStatus
from degs.connectivity.models import Link
from tests.connectivity.conftest import net  # noqa: F401 - the fixture
from tests.e2e.conftest import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _fits(page) -> None:  # type: ignore[no-untyped-def]
    assert page.evaluate("document.documentElement.scrollWidth") <= 360 + 1, page.url


def test_add_and_commission_a_link_on_a_phone(world, net, phone) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    world.dio_a.set_password("secret-pass-123")
    world.dio_a.save()
    sign_in(phone, "dio_a")
    phone.goto(phone.base_url + "/network/links/new/")
    _fits(phone)
    phone.select_option("#id_provider", str(net.bsnl.pk))
    phone.fill("#id_circuit_id", "bn-gp-phone-1")
    phone.select_option("#id_kind", "bharatnet_gpon")
    phone.fill("#id_committed_kbps", "2000")
    phone.select_option("#id_panchayat", str(world.gp_a1.pk))
    phone.select_option("#id_sla", str(net.sla.pk))
    phone.get_by_role("button", name="Save").click()
    phone.wait_for_url("**/network/links/*/")
    link = Link.objects.get(circuit_id="BN-GP-PHONE-1")
    assert (link.area, link.status) == (world.gp_a1, LinkStatus.PLANNED)
    _fits(phone)
    phone.get_by_role("button", name="Start provisioning").click()
    phone.wait_for_load_state()
    phone.get_by_role("button", name="Commission (in service)").click()
    phone.wait_for_load_state()
    link.refresh_from_db()
    assert link.status == LinkStatus.ACTIVE
    Link.objects.filter(pk=net.link_a2.pk).update(status=LinkStatus.DOWN)
    for language in ("en", "hi"):
        phone.context.add_cookies(
            [{"name": "degs_language", "value": language, "url": phone.base_url}]
        )
        world.dio_a.refresh_from_db()
        world.dio_a.language = language
        world.dio_a.save(update_fields=["language"])
        for path in (
            "/network/links/",
            f"/network/links/{link.pk}/",
            f"/network/links/{link.pk}/edit/",
            "/network/links/down/",
            "/network/maintenance/",
            f"/network/providers/{net.bsnl.pk}/",
        ):
            phone.goto(phone.base_url + path)
            assert phone.locator("html").get_attribute("lang") == language
            _fits(phone)
