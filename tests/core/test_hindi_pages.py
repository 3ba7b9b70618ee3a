"""Every page in Hindi, as each role of the demo district sees it: no English word a reader
sees, but proper nouns and data from the database (tests/hindi_crawl.py says what counts).

The world is the demo (`manage.py load_demo`'s loaders): real names, meetings, centres,
inspections and applications in every state. Each role starts from every named URL that takes
no arguments and follows the links it finds, at most two addresses of each named URL, so detail
pages are reached too. To list what a running demo database shows instead:
`DEGS_DATA_DIR=... python -c "..."` with ``tests.hindi_crawl.crawl_hindi`` and a test client.
"""

from __future__ import annotations

import pytest
from django.test import Client

from degs.accounts.demo import load_users
from degs.accounts.models import User
from degs.applications.demo import load_applications_demo
from degs.catalogue.demo import load_catalogue_demo
from degs.centres.demo import load_centres_demo
from degs.directory.demo import load_demo
from degs.reviews.demo import load_reviews_demo
from tests.hindi_crawl import (
    Crawl,
    VisibleText,
    crawl_hindi,
    data_words,
    internal_keys,
    report,
)

# One user per role of the demo (README's demo users); None is a visitor not signed in.
ROLES = [
    "state.jharkhand",
    "dc.jamtara",
    "csc.jamtara",
    "dsp.jamtara",
    "bdo.nala",
    "co.nala",
    "dpro.jamtara",
    "engineer.jamtara",
    "operator.nala",
    "viewer.jamtara",
    None,
]


@pytest.fixture
def demo_world(db: None) -> None:
    load_demo()
    load_users()  # the demo users are the accounts app's demo
    load_reviews_demo()
    load_centres_demo()
    load_catalogue_demo()
    load_applications_demo()


def test_every_page_in_hindi_shows_no_english_ui_word(demo_world: None) -> None:
    allowed = data_words()
    keys = internal_keys()
    crawls: dict[str, Crawl] = {}
    for username in ROLES:
        client = Client()
        if username is not None:
            user = User.objects.get(username=username)
            user.language = "hi"
            user.save(update_fields=["language"])
            client.force_login(user)
        crawls[username or "visitor"] = crawl_hindi(client, allowed=allowed, keys=keys, budget=150)
    pages = sum(len(c.pages) for c in crawls.values())
    assert pages > 300, f"only {pages} pages were read: the crawl lost its way"
    errors = [e for c in crawls.values() for e in c.errors]
    assert not errors, errors
    leaks = [leak for c in crawls.values() for leak in c.leaks]
    assert not leaks, f"English on Hindi pages ({len(leaks)}):\n{report(leaks)}"


def test_the_reader_skips_machine_text_and_marked_english() -> None:
    """What the crawl reads: visible text and the four attributes; not code, scripts or an
    element marked lang="en"."""
    parser = VisibleText()
    parser.feed(
        '<p title="शीर्षक Title">पाठ Visible <code>aadhaar_last4</code>'
        '<span lang="en">English</span> <script>var x = "Hidden";</script>'
        '<img alt="Alt"><input placeholder="Placeholder"><input type="submit" value="Send">'
        "<select><option>Option</option></select> <br> After</p>"
    )
    text = " ".join(parser.pieces)
    for word in ("Title", "Visible", "Alt", "Placeholder", "Send", "Option", "After"):
        assert word in text
    for word in ("aadhaar_last4", "English", "Hidden"):
        assert word not in text
