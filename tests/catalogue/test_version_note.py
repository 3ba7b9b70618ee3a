"""The note the demo writes on each service version reads in the reader's language; a note an
administrator types shows as typed."""

from __future__ import annotations

from django.urls import reverse

from degs.accounts.roles import Role
from degs.catalogue.demo import load_catalogue_demo
from degs.catalogue.models import Service, ServiceVersion
from degs.directory.choices import AreaKind
from degs.directory.demo import load_designations
from tests.factories import UserFactory, grant, make_area

ENGLISH = "Demo values: confirm the time limit, fee and shares before use."
HINDI = "डेमो मान: उपयोग से पहले समय सीमा, शुल्क और हिस्सों की पुष्टि करें।"  # django.po


def test_the_demo_note_reads_in_the_readers_language(db, client) -> None:
    load_designations()
    jharkhand = make_area(AreaKind.STATE, "Jharkhand", lgd_code="20", name_hi="झारखंड")
    admin = UserFactory(username="jh_admin")
    grant(admin, Role.STATE_ADMIN, jharkhand)
    load_catalogue_demo()
    version = ServiceVersion.objects.first()
    assert version is not None and (version.note, version.note_hi) == (ENGLISH, HINDI)
    service = Service.objects.get(pk=version.service_id)
    url = reverse("catalogue:service_detail", args=[service.pk])
    client.force_login(admin)
    for language, shown, hidden in (("en", ENGLISH, HINDI), ("hi", HINDI, ENGLISH)):
        admin.language = language
        admin.save(update_fields=["language"])
        text = client.get(url).content.decode()
        assert shown in text and hidden not in text, language
