"""A committee of district A with a meeting held yesterday and the next one in two weeks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from degs.directory.models import Post
from degs.reviews import services
from degs.reviews.choices import CommitteeKind
from degs.reviews.models import Committee, Directive, Meeting


@dataclass
class Reviews:
    committee: Committee
    meeting: Meeting
    next_meeting: Meeting
    post_dc: Post
    post_dio: Post
    post_csc: Post
    post_bdo_a1: Post

    def directive(self, **extra: object) -> Directive:
        values: dict[str, object] = {
            "text": "Obtain BC ID for every operator",
            "lead_post": self.post_csc,
            "deadline_phrase": "within a week",
        }
        values.update(extra)
        return services.directive_create(actor=None, meeting=self.meeting, **values)  # type: ignore[arg-type]


@pytest.fixture
def reviews(world) -> Reviews:  # type: ignore[no-untyped-def]
    district = world.district_a
    post_dio = Post.objects.get(designation__code="dio", area=district)
    post_csc = Post.objects.get(designation__code="csc_dm", area=district)
    committee = services.committee_create(
        actor=None,
        area=district,
        kind=CommitteeKind.EXECUTIVE,
        name="DeGS executive committee",
        name_hi="डीईजीएस कार्यकारिणी समिति",
        chair_post=world.post_dc_a,
        secretary_post=post_dio,
        members=[world.post_dc_a, post_dio, post_csc, world.post_bdo_a1],
    )
    today = timezone.localdate()
    next_meeting = services.meeting_create(
        actor=None, committee=committee, date=today + dt.timedelta(days=14)
    )
    meeting = services.meeting_create(
        actor=None,
        committee=committee,
        date=today - dt.timedelta(days=1),
        venue="Collectorate",
        agenda=[("Kiosks and IDs", "प्रज्ञा केंद्र एवं आईडी", "centres")],
    )
    return Reviews(
        committee=committee,
        meeting=meeting,
        next_meeting=next_meeting,
        post_dc=world.post_dc_a,
        post_dio=post_dio,
        post_csc=post_csc,
        post_bdo_a1=world.post_bdo_a1,
    )
