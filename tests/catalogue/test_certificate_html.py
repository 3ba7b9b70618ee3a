"""Certificate templates are cleaned to an allow-list when published, and the administrator is
told, in their language, what was removed."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from degs.applications.documents import DEFAULT_TEMPLATE, DEFAULT_TEMPLATE_HI, facts_table
from degs.applications.signing import CertifiedFact
from degs.catalogue.certificate_html import clean_certificate_html
from degs.catalogue.demo_definitions import CERTIFICATES
from degs.catalogue.models import ServiceVersion
from tests.catalogue.conftest import edit, publish
from tests.factories import UserFactory
from tests.hindi_crawl import speak

pytestmark = pytest.mark.django_db

ATTACK = (
    '<link rel="attachment" href="file:///proc/self/environ">'
    '<style>@import url("http://127.0.0.1/i.css");</style>'
    '<p onclick="x()" style="color: #111; background-image: url(http://127.0.0.1/b.png)">'
    "{{ applicant_name }}</p>"
    '<img src="http://127.0.0.1/a.png"><!-- note -->'
    '<svg><image href="file:///etc/passwd"/></svg>'
)
# What the income service certifies, for a template that must otherwise pass.
FACTS = "<p>{{ certified_facts }}{{ valid_until }}</p>"


@pytest.mark.parametrize(
    "template",
    [
        *(t for pair in CERTIFICATES.values() for t in pair.values()),
        DEFAULT_TEMPLATE,
        DEFAULT_TEMPLATE_HI,
    ],
)
def test_the_demo_and_default_templates_pass_unchanged(template) -> None:
    cleaned = clean_certificate_html(template)
    assert cleaned.html == template
    assert not cleaned.removed


def test_text_layout_and_styling_are_kept() -> None:
    template = (
        '<h2 class="title" lang="hi">{{ service_name }}</h2>'
        '<table><tbody><tr><th scope="row">नाम</th><td colspan="2" style="text-align: right">'
        "{{ applicant_name }}</td></tr></tbody></table>"
        '<ol start="2"><li><strong>a</strong> <em>b</em></li></ol><br><hr>'
    )
    cleaned = clean_certificate_html(template)
    assert not cleaned.removed
    assert cleaned.html == template.replace("text-align: right", "text-align:right")


def test_whatever_fetches_or_runs_is_removed_and_told() -> None:
    cleaned = clean_certificate_html(ATTACK)
    assert cleaned.html == '<p style="color:#111">{{ applicant_name }}</p>'
    assert cleaned.removed.tags == ["image", "img", "link", "style", "svg"]
    assert cleaned.removed.attributes == [("p", "onclick")]
    assert cleaned.removed.styles == [("p", "background-image")]
    assert cleaned.removed.comments == 1
    again = clean_certificate_html(cleaned.html)
    assert again.html == cleaned.html and not again.removed


def test_publishing_refuses_a_template_that_is_not_clean(world, catalogue) -> None:
    with pytest.raises(ValidationError) as refused:
        publish(world.state, "attack", certificate_template_hi=ATTACK)
    messages = refused.value.message_dict["certificate_template_hi"]
    assert any("<link>" in m and "onclick" in m for m in messages)
    assert not ServiceVersion.objects.filter(service__code="attack").exists()


@pytest.mark.parametrize(
    ("language", "told"),
    [
        ("en", "“Certificate (English)”: removed <image>; <img>; <link>;"),
        ("hi", "“प्रमाण पत्र (अंग्रेज़ी)”: <image>; <img>; <link>;"),
    ],
)
def test_the_form_cleans_stores_and_tells_in_the_users_language(
    world,
    catalogue,
    client_as,
    language,
    told,
) -> None:
    client = speak(client_as(world.state_admin), world.state_admin, language)
    url, data = edit(client, catalogue.income)
    data.update(note="x", certificate_template=ATTACK + FACTS)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    version = ServiceVersion.objects.filter(service=catalogue.income).latest("number")
    assert version.certificate_template == '<p style="color:#111">{{ applicant_name }}</p>' + FACTS
    warnings = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert len(warnings) == 1
    assert told in warnings[0]
    assert "onclick" in warnings[0] and "background-image" in warnings[0]


def test_the_admin_adds_no_version(client) -> None:
    superuser = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(superuser)
    assert client.get(reverse("admin:catalogue_serviceversion_add")).status_code == 403


def test_a_certified_fact_typed_with_markup_is_printed_as_text() -> None:
    """What an applicant typed into a certified field reaches the PDF through
    {{ certified_facts }} after the template's cleaning: it must be escaped there, so it can
    neither add markup nor make the PDF renderer fetch anything."""
    typed = '<img src="http://127.0.0.1/x.png">Study & work'
    fact = CertifiedFact("purpose", "Purpose <b>", "प्रयोजन", typed, typed)
    table = facts_table([fact], "en")
    assert "<img" not in table and "<b>" not in table
    assert "&lt;img src=&quot;http://127.0.0.1/x.png&quot;&gt;Study &amp; work" in table
    assert "Purpose &lt;b&gt;" in table
