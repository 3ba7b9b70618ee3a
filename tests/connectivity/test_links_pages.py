"""The links pages in both languages (no English word on a Hindi page but the data's), the
link form keeping what was typed when refused (the circuit taken, someone else's change), the
status buttons, the list's filters and its CSV/XLSX export, maintenance windows, and the links
down now page's query count."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from degs.connectivity.choices import LinkStatus
from degs.connectivity.models import Link, LinkEvent, MaintenanceWindow
from degs.connectivity.services import links as services
from tests.hindi_crawl import data_words, english_words, speak

pytestmark = pytest.mark.django_db


def pages(net, world):  # type: ignore[no-untyped-def]
    return [
        reverse("connectivity:link_list"),
        reverse("connectivity:link_create"),
        reverse("connectivity:link_detail", args=[net.link_a1.pk]),
        reverse("connectivity:link_edit", args=[net.link_a1.pk]),
        reverse("connectivity:links_down"),
        reverse("connectivity:link_import"),
        reverse("connectivity:provider_list"),
        reverse("connectivity:provider_detail", args=[net.bsnl.pk]),
        reverse("connectivity:maintenance_list"),
        reverse("connectivity:maintenance_create"),
    ]


@pytest.mark.parametrize("language", ["en", "hi"])
def test_pages_in_both_languages(world, net, client_as, language):
    Link.objects.filter(pk=net.link_a1.pk).update(status=LinkStatus.DOWN)
    client = speak(client_as(world.dio_a), world.dio_a, language)
    allowed = data_words()
    for url in pages(net, world):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert f'lang="{language}"' in html
        if language == "hi":
            assert english_words(html, allowed) == set(), url


@pytest.mark.parametrize("language", ["en", "hi"])
def test_state_pages_in_both_languages(world, net, client_as, language):
    client = speak(client_as(world.state_admin), world.state_admin, language)
    allowed = data_words()
    for url in (
        reverse("connectivity:provider_create"),
        reverse("connectivity:provider_edit", args=[net.bsnl.pk]),
        reverse("connectivity:sla_create", args=[net.bsnl.pk]),
        reverse("connectivity:sla_edit", args=[net.sla.pk]),
        reverse("connectivity:contact_create", args=[net.bsnl.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        if language == "hi":
            assert english_words(response.content.decode(), allowed) == set(), url


def test_district_may_not_change_providers(world, net, client_as):
    client = client_as(world.dio_a)
    assert client.get(reverse("connectivity:provider_create")).status_code == 403
    assert client.get(reverse("connectivity:sla_edit", args=[net.sla.pk])).status_code == 403


def test_engineer_sees_no_manage_buttons(world, net, client_as):
    client = client_as(net.engineer_a)
    html = client.get(reverse("connectivity:link_detail", args=[net.link_a1.pk])).content.decode()
    assert reverse("connectivity:link_edit", args=[net.link_a1.pk]) not in html
    assert reverse("connectivity:link_transition", args=[net.link_a1.pk]) not in html
    assert client.get(reverse("connectivity:link_edit", args=[net.link_a1.pk])).status_code == 403
    assert client.get(reverse("connectivity:link_create")).status_code == 403


def _form(net, world, **extra):  # type: ignore[no-untyped-def]
    data = {
        "provider": net.bsnl.pk,
        "circuit_id": "BN-A1-900",
        "kind": "broadband",
        "committed_kbps": "4000",
        "office": world.office_a1.pk,
        "panchayat": "",
        "install_date": "",
        "termination_date": "",
        "sla": net.sla.pk,
        "contact_name": "JTO Nala",
        "contact_phone": "9431000000",
    }
    data.update(extra)
    return data


def test_create_a_link(world, net, client_as):
    response = client_as(world.dio_a).post(reverse("connectivity:link_create"), _form(net, world))
    link = Link.objects.get(circuit_id="BN-A1-900")
    assert response.status_code == 302
    assert response["Location"] == reverse("connectivity:link_detail", args=[link.pk])
    assert (link.area, link.contact_name) == (world.block_a1, "JTO Nala")


def test_circuit_taken_is_said_on_the_field_in_hindi_and_typed_kept(world, net, client_as):
    client = speak(client_as(world.dio_a), world.dio_a, "hi")
    response = client.post(
        reverse("connectivity:link_create"), _form(net, world, circuit_id="BN-A2-001")
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "इस सेवा प्रदाता का इस सर्किट आईडी वाला लिंक पहले से है।" in html
    assert 'value="JTO Nala"' in html
    assert Link.objects.filter(circuit_id="BN-A2-001").count() == 1


def test_second_editor_is_told_who_changed_it_with_typed_kept(world, net, client_as):
    url = reverse("connectivity:link_edit", args=[net.link_a1.pk])
    first = client_as(world.state_admin)
    data = _form(net, world, circuit_id="BN-A1-001", version="1")
    assert first.post(url, {**data, "committed_kbps": "50000"}).status_code == 302
    second = client_as(world.dio_a)
    response = second.post(url, {**data, "committed_kbps": "70000", "contact_name": "SDE Nala"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "State Admin" in html  # who changed it
    assert 'value="SDE Nala"' in html and 'value="70000"' in html
    net.link_a1.refresh_from_db()
    assert net.link_a1.committed_kbps == 50_000


def test_status_button_and_refused_remark(world, net, client_as):
    client = client_as(world.dio_a)
    url = reverse("connectivity:link_transition", args=[net.link_gp_a1.pk])
    response = client.post(url, {"action": "decommission", "version": "1", "remark": ""})
    assert response.status_code == 400
    assert "Reason" in response.content.decode() or "Say why" in response.content.decode()
    response = client.post(url, {"action": "provision", "version": "1"})
    assert response.status_code == 302
    net.link_gp_a1.refresh_from_db()
    assert net.link_gp_a1.status == LinkStatus.PROVISIONING
    stale = client.post(url, {"action": "commission", "version": "1"})
    assert stale.status_code == 400
    assert "DIO A" in stale.content.decode()


def test_detail_shows_sla_terms_and_events(world, net, client_as):
    services.link_update(actor=world.dio_a, link=net.link_a1, version=1, contact_name="JTO")
    html = client_as(world.dio_a).get(reverse("connectivity:link_detail", args=[net.link_a1.pk]))
    text = html.content.decode()
    assert "A drop shorter than 5 minutes is not counted as downtime." in text
    assert "after 3 missed heartbeats" in text
    assert "Particulars changed" in text
    assert "probe-" in text  # the token's first characters (hint)


def test_list_filters_and_export_carry_the_same_query(world, net, client_as):
    client = client_as(world.dio_a)
    url = reverse("connectivity:link_list")
    html = client.get(url + "?q=a2").content.decode()
    assert "BN-A2-001" in html and "BN-A1-001" not in html
    html = client.get(url + "?status=planned").content.decode()
    assert "BN-GPA1-001" in html and "BN-A1-001" not in html
    html = client.get(url + f"?area={world.block_a1.pk}&office_kind=block_office").content.decode()
    assert "BN-A1-001" in html and "BN-GPA1-001" not in html and "BN-A2-001" not in html
    rows = list(
        csv.reader(io.StringIO(client.get(url + "?q=a2&format=csv").content.decode("utf-8-sig")))
    )
    assert rows[0][:2] == ["provider_code", "circuit_id"]
    assert [r[1] for r in rows[1:]] == ["BN-A2-001"]
    book = load_workbook(io.BytesIO(client.get(url + "?format=xlsx").content))
    circuits = sorted(r[1] for r in book.active.iter_rows(min_row=2, values_only=True))
    assert circuits == ["BN-A1-001", "BN-A2-001", "BN-GPA1-001"]  # not district B's


def test_maintenance_form_refuses_a_window_already_started(world, net, client_as):
    client = client_as(world.dio_a)
    start = timezone.localtime() - dt.timedelta(hours=1)
    response = client.post(
        reverse("connectivity:maintenance_create"),
        {
            "link": net.link_a1.pk,
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start + dt.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
            "reason": "Splicing",
        },
    )
    assert response.status_code == 200
    assert "not maintenance" in response.content.decode()
    later = timezone.localtime() + dt.timedelta(days=1)
    response = client.post(
        reverse("connectivity:maintenance_create"),
        {
            "link": net.link_a1.pk,
            "starts_at": later.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (later + dt.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
            "reason": "Splicing",
        },
    )
    assert response.status_code == 302
    assert MaintenanceWindow.objects.get().link == net.link_a1
    assert LinkEvent.objects.filter(link=net.link_a1, action="maintenance").count() == 1


def test_links_down_page_queries_do_not_grow_with_rows(world, net, client_as):
    client = client_as(world.dio_a)
    Link.objects.filter(pk=net.link_a1.pk).update(status=LinkStatus.DOWN)
    client.get(reverse("connectivity:links_down"))
    with CaptureQueriesContext(connection) as one:
        assert client.get(reverse("connectivity:links_down")).status_code == 200
    Link.objects.filter(pk__in=[net.link_a2.pk, net.link_gp_a1.pk]).update(
        status=LinkStatus.UNKNOWN
    )
    with CaptureQueriesContext(connection) as three:
        html = client.get(reverse("connectivity:links_down")).content.decode()
    assert html.count("BN-") == 3
    assert len(three) == len(one)
