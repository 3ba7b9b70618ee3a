"""What the system writes about an application reads in the reader's language, whoever wrote
it in whichever language; the verify page names the issuing officer in the reader's language;
a document's type shows as people name it."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from degs.applications import services
from degs.applications.choices import EventKind
from degs.applications.models import Certificate
from degs.directory.models import Area
from tests.applications.conftest import documents, file_one, issue
from tests.factories import page_in

pytestmark = pytest.mark.django_db

# The demo service's two documents (degs/catalogue/demo_definitions.py), in each language.
DOCUMENTS_EN = "Proof of identity (voter card, ration card), Self-declaration"
DOCUMENTS_HI = "पहचान का प्रमाण (मतदाता पहचान पत्र, राशन कार्ड), स्व-घोषणा पत्र"


def test_documents_added_in_hindi_read_in_english_and_back(client, world, apps) -> None:
    application = file_one(world, apps)
    with translation.override("hi"):  # the operator works in Hindi
        services.application_add_documents(
            actor=world.operator_a1,
            application=application,
            uploads=documents(),
            version=application.version,
        )
    event = application.events.get(kind=EventKind.DOCUMENTS_ADDED)
    assert (event.remark, event.remark_hi) == (DOCUMENTS_EN, DOCUMENTS_HI)
    url = reverse("applications:application_detail", args=[application.pk])
    english = page_in(client, apps.co_a1, "en", url)
    assert DOCUMENTS_EN in english and DOCUMENTS_HI not in english
    hindi = page_in(client, apps.co_a1, "hi", url)
    assert DOCUMENTS_HI in hindi and DOCUMENTS_EN not in hindi
    # The files' type as people name it, not its MIME type.
    assert "application/pdf" not in hindi and "(PDF, " in hindi


def test_a_typed_remark_shows_as_typed_in_both_languages(client, world, apps) -> None:
    application = file_one(world, apps)
    services.application_act(
        actor=apps.co_a1,
        application=application,
        action="call_for_documents",
        target="documents_called",
        version=application.version,
        remark="आय प्रमाण पत्र की प्रति लगाएँ।",
    )
    event = application.events.get(action="call_for_documents")
    assert (event.remark, event.remark_hi) == ("आय प्रमाण पत्र की प्रति लगाएँ।", "")
    url = reverse("applications:application_detail", args=[application.pk])
    assert "आय प्रमाण पत्र की प्रति लगाएँ।" in page_in(client, apps.co_a1, "en", url)


def test_the_verify_page_names_the_officer_in_the_readers_language(client, world, apps) -> None:
    designation = apps.post_co_a1.designation
    designation.short_name, designation.short_name_hi = "CO", "अंचल अधिकारी"
    designation.save()
    Area.objects.filter(pk=apps.post_co_a1.area_id).update(name_hi="प्रखंड ए1 अंचल")
    application = file_one(world, apps)
    application = issue(apps, application)
    certificate = Certificate.objects.get(application=application)
    url = reverse("verify:verify") + f"?p={certificate.payload}"
    hindi = client.get(url, HTTP_ACCEPT_LANGUAGE="hi").content.decode()
    assert "अंचल अधिकारी, प्रखंड ए1 अंचल" in hindi
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"CO, {apps.post_co_a1.area.name}" in english


def test_an_applications_state_is_its_status_in_hindi_not_a_state_of_india(
    client, world, apps
) -> None:
    file_one(world, apps)
    page = page_in(client, apps.co_a1, "hi", reverse("applications:application_list"))
    assert '<th scope="col">स्थिति</th>' in page
    assert ">राज्य<" not in page


def test_the_password_page_in_hindi_says_password_and_gives_its_rules_in_hindi(
    client, world
) -> None:
    page = page_in(client, world.dc_a, "hi", reverse("accounts:password_change"))
    assert "शब्दकूट" not in page and "नया पासवर्ड" in page
    # Django's four validators' rules (settings.AUTH_PASSWORD_VALIDATORS), in Hindi.
    for rule in ("निजी जानकारी", "कम से कम 8 अक्षर", "आम तौर पर", "केवल अंकों"):
        assert rule in page, rule
    assert "Your password" not in page
