"""The reviews app's entries for the jurisdiction tests (tests/scope_registry.py collects
them through the app's ``scope_tests``)."""

from __future__ import annotations

from typing import Any

from degs.directory.models import Area
from tests.directory.scope import _post
from tests.scope_entries import Maker, ScopedURL


def _committee(block: Area, tag: str) -> Any:
    """A block-level committee (its chair the block's own post) and one held meeting."""
    import datetime as dt

    from degs.reviews import services as reviews

    post = _post(block, f"chair {tag}")
    committee = reviews.committee_create(
        actor=None, area=block, kind="other", name=f"Committee {tag}", chair_post=post
    )
    reviews.meeting_create(
        actor=None, committee=committee, date=dt.date(2026, 1, 5), venue=f"Venue {tag}"
    )
    return committee


def _meeting(block: Area, tag: str) -> Any:
    return _committee(block, tag).meetings.get()


def _directive(block: Area, tag: str) -> Any:
    """A directive given to a post in the block, in a meeting of the block's committee."""
    from degs.reviews import services as reviews

    meeting = _meeting(block, tag)
    return reviews.directive_create(
        actor=None,
        meeting=meeting,
        text=f"Directive {tag}",
        lead_post=meeting.chair_post,
        deadline_phrase="within a week",
    )


def _attachment(block: Area, tag: str) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from degs.reviews.models import Attachment, ComplianceUpdate
    from tests.factories import UserFactory

    directive = _directive(block, tag)
    update = ComplianceUpdate.objects.create(
        directive=directive, author=UserFactory(), post=directive.lead_post, percent=5, text=tag
    )
    return Attachment.objects.create(
        update=update,
        file=SimpleUploadedFile(f"{tag}.pdf", b"%PDF-1.4"),
        filename=f"{tag}.pdf",
        content_type="application/pdf",
        size=8,
    )


MAKERS: dict[str, Maker] = {
    "committee": Maker(_committee),
    "meeting": Maker(_meeting),
    "directive": Maker(_directive),
    "attachment": Maker(_attachment),
}


SCOPED_URLS: list[ScopedURL] = [
    ScopedURL("reviews:register", "directive", "list", query="q={tag}"),
    ScopedURL("reviews:committee_list", "committee", "list"),
    ScopedURL("reviews:committee_detail", "committee", "detail"),
    ScopedURL("reviews:meeting_detail", "meeting", "detail"),
    ScopedURL("reviews:minutes_pdf", "meeting", "detail"),
    ScopedURL("reviews:atr_pdf", "meeting", "detail"),
    ScopedURL("reviews:deadline_preview", "meeting", "detail"),
    ScopedURL("reviews:directive_detail", "directive", "detail"),
    ScopedURL("reviews:attachment_download", "attachment", "detail"),
    ScopedURL("api:list_committees", "committee", "list", query="limit=100"),
    ScopedURL("api:list_meetings", "meeting", "list", query="limit=100"),
    ScopedURL("api:get_meeting", "meeting", "detail", kwarg="meeting_id"),
    ScopedURL("api:get_attendance", "meeting", "detail", kwarg="meeting_id"),
    ScopedURL("api:list_directives", "directive", "list", query="q={tag}&limit=100"),
    ScopedURL("api:get_directive", "directive", "detail", kwarg="directive_id"),
    ScopedURL("api:list_updates", "directive", "detail", kwarg="directive_id"),
]


NOT_AREA_BOUND: dict[str, str] = {
    "reviews:mine": "directives on the user's own posts (tested in reviews/test_views)",
    "reviews:committee_create": "areas and posts offered are the user's own; service checks",
    "reviews:meeting_create": "committees offered are those the user administers",
    "reviews:meeting_import": "committees offered are those the user administers; "
    "another's committee is refused (tested in reviews/test_import)",
    "reviews:meeting_transition": "POST; meeting fetched through visible_to (404 tested)",
    "reviews:agenda_add": "POST; meeting fetched through visible_to",
    "reviews:attendance": "secretary only; meeting through visible_to (404 tested)",
    "reviews:directive_create": "secretary only; meeting through visible_to",
    "reviews:directive_report": "POST; directive through visible_to, holders only (tested)",
    "reviews:directive_transition": "POST; directive through visible_to (tested)",
    "api:create_meeting": "POST; committee through visible_to",
    "api:transition_meeting": "POST; meeting through visible_to",
    "api:put_attendance": "PUT; meeting through visible_to",
    "api:create_directive": "POST; meeting through visible_to (tested)",
    "api:transition_directive": "POST; directive through visible_to (tested)",
    "api:create_update": "POST; directive through visible_to (tested)",
    "api:read_press_note": "POST; saves nothing; the committee must be one the caller "
    "records (another's answers 404, tested in reviews/test_import)",
}
