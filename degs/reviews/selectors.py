"""Reads of the reviews app: committees, meetings, the directive register, "my directives",
the parts a user plays, and the district's compliance figures. Every one starts from
``visible_to(user)``."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import (
    Count,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from degs.accounts.selectors import manageable_areas
from degs.core.permissions import Capability, capabilities_of, user_can, user_may_open
from degs.core.scoping import district_path, jurisdiction_of, under_q
from degs.core.text import clean_text
from degs.directory.choices import AreaKind
from degs.directory.models import Area, Post
from degs.directory.selectors import district_of, held_post_ids, post_list, working_calendar
from degs.reviews import workflow
from degs.reviews.choices import AWAITING_OWNER, UNFINISHED, DirectiveStatus
from degs.reviews.deadlines import DeadlineError, period_bounds, resolve_deadline
from degs.reviews.models import (
    MEETING_ORDER,
    AddresseePost,
    Attachment,
    Committee,
    ComplianceUpdate,
    Directive,
    DirectiveEvent,
    Meeting,
    addressee_key,
)
from degs.reviews.pressnote import Found, Reading, read_note
from degs.reviews.pressnote_places import skeleton
from degs.reviews.sources import note_fingerprint

# --- who plays which part ----------------------------------------------------------------------


def meeting_parts(user: Any, meeting: Meeting) -> set[str]:
    """``secretary`` and/or ``verifier`` for this meeting (see ``workflow``)."""
    parts: set[str] = set()
    committee = meeting.committee
    manages = user_can(user, Capability.REVIEWS_MANAGE, committee.area)
    held = held_post_ids(user)
    if manages or committee.secretary_post_id in held:
        parts.add(workflow.SECRETARY)
    if manages or meeting.chair_post_id in held:
        parts.add(workflow.VERIFIER)
    return parts


def directive_parts(user: Any, directive: Directive) -> set[str]:
    """``owner`` and/or ``verifier`` for this directive (see ``workflow``)."""
    parts = meeting_parts(user, directive.meeting) - {workflow.SECRETARY}
    held = held_post_ids(user)
    if held and (
        directive.lead_post_id in held or directive.supporting_posts.filter(pk__in=held).exists()
    ):
        parts.add(workflow.OWNER)
    return parts


# --- committees and meetings ------------------------------------------------------------------


def committee_list(*, user: Any) -> QuerySet[Committee]:
    return (
        Committee.objects.visible_to(user)
        .filter(is_active=True)
        .select_related("area", "chair_post__designation", "chair_post__area")
        .annotate(meeting_count=Count("meetings"))
        .order_by("area__path", "name", "pk")
    )


def committee_get(*, user: Any, pk: int) -> Committee:
    return get_object_or_404(
        Committee.objects.visible_to(user).select_related(
            "area", "chair_post__designation", "chair_post__area", "secretary_post__designation"
        ),
        pk=pk,
    )


def meeting_list(
    *, user: Any, committee: Committee | None = None, status: str = ""
) -> QuerySet[Meeting]:
    meetings = Meeting.objects.visible_to(user).select_related(
        "committee__area", "chair_post__designation", "chair_post__area"
    )
    if committee is not None:
        meetings = meetings.filter(committee=committee)
    if status:
        meetings = meetings.filter(status=status)
    # An aggregate drops Meta.ordering from the query: the order is said again here.
    return meetings.annotate(directive_count=Count("directives")).order_by(*MEETING_ORDER)


def meeting_get(*, user: Any, pk: int) -> Meeting:
    return get_object_or_404(
        Meeting.objects.visible_to(user).select_related(
            "committee__area",
            "committee__secretary_post",
            "chair_post__designation",
            "chair_post__area",
        ),
        pk=pk,
    )


def _with_last_update(directives: QuerySet[Directive]) -> QuerySet[Directive]:
    last = ComplianceUpdate.objects.filter(directive=OuterRef("pk")).order_by("-created_at", "-pk")
    return directives.annotate(
        last_update_text=Subquery(last.values("text")[:1]),
        last_update_at=Subquery(last.values("created_at")[:1]),
        last_update_percent=Subquery(last.values("percent")[:1]),
    )


def _directive_rows(directives: QuerySet[Directive]) -> QuerySet[Directive]:
    return _with_last_update(
        directives.select_related(
            "meeting__committee",
            "lead_post__designation",
            "lead_post__area",
            "agenda_item",
        ).prefetch_related(
            Prefetch(
                "supporting_posts",
                queryset=Post.objects.select_related("designation", "area"),
            )
        )
    )


def carried_over(*, meeting: Meeting) -> QuerySet[Directive]:
    """Directives of the committee's earlier meetings that are still unfinished.

    A directive stays here "till finality": once verified and closed, or dropped, it is no
    longer carried over (reopened, it is again).
    """
    return _directive_rows(
        Directive.objects.filter(
            meeting__committee_id=meeting.committee_id,
            meeting__date__lt=meeting.date,
            status__in=UNFINISHED,
        )
    ).order_by("meeting__date", "meeting_id", "number")


@dataclass
class MeetingPage:
    """What the meeting page and the minutes show."""

    meeting: Meeting
    agenda: list[tuple[Any, list[Directive]]]
    attendance_present: list[Any]
    attendance_absent: list[Any]
    carried: list[Directive]
    directive_count: int = 0
    counts: dict[str, int] = field(default_factory=dict)


def meeting_page(*, meeting: Meeting) -> MeetingPage:
    """Agenda items with their directives (items without one last), attendance, carry-over."""
    directives = list(_directive_rows(meeting.directives.all()).order_by("number"))
    by_item: dict[int | None, list[Directive]] = defaultdict(list)
    for directive in directives:
        by_item[directive.agenda_item_id].append(directive)
    agenda: list[tuple[Any, list[Directive]]] = [
        (item, by_item.pop(item.pk, [])) for item in meeting.agenda_items.all()
    ]
    if by_item.get(None):
        agenda.append((None, by_item.pop(None)))
    attendance = list(meeting.attendance.select_related("post__designation", "post__area"))
    counts: dict[str, int] = defaultdict(int)
    for directive in directives:
        counts[directive.status] += 1
    return MeetingPage(
        meeting=meeting,
        agenda=agenda,
        attendance_present=[a for a in attendance if a.present],
        attendance_absent=[a for a in attendance if not a.present],
        carried=list(carried_over(meeting=meeting)),
        directive_count=len(directives),
        counts=dict(counts),
    )


# --- due dates ---------------------------------------------------------------------------------


def next_meeting_after(*, committee_id: int, day: dt.date) -> dt.date | None:
    """The date of the committee's next meeting after ``day``."""
    return (
        Meeting.objects.filter(committee_id=committee_id, date__gt=day)
        .order_by("date")
        .values_list("date", flat=True)
        .first()
    )


@dataclass(frozen=True)
class DueDate:
    """When a directive is due; for a repeating one, the first period (its first day and this
    due date, which ends it)."""

    due: dt.date
    period_start: dt.date | None = None


class DueDates:
    """``directive_due`` for the directives of one meeting: the committee's next meeting and
    its district's calendar are read once, however many directives (the import's rows)."""

    def __init__(self, *, committee: Committee, meeting_date: dt.date) -> None:
        self.committee, self.meeting_date = committee, meeting_date
        self._next_meeting: tuple[dt.date | None] | None = None
        self._calendar: Any = None
        self._calendar_end = meeting_date

    def next_meeting(self) -> dt.date | None:
        if self._next_meeting is None:
            day = next_meeting_after(committee_id=self.committee.pk, day=self.meeting_date)
            self._next_meeting = (day,)
        return self._next_meeting[0]

    def working_day(self, day: dt.date) -> dt.date:
        """``day``, or the next working day of the committee's district when it is a holiday
        or a weekly day off."""
        if self._calendar is None or day + dt.timedelta(days=30) > self._calendar_end:
            self._calendar_end = max(day, self.meeting_date + dt.timedelta(days=400)) + (
                dt.timedelta(days=30)
            )
            self._calendar = working_calendar(
                area=self.committee.area, start=self.meeting_date, end=self._calendar_end
            )
        while not self._calendar.is_working_day(day):
            day += dt.timedelta(days=1)
        return day

    def due(
        self, *, phrase: str = "", due_date: dt.date | None = None, recurrence: str = ""
    ) -> DueDate:
        """See ``directive_due``."""
        if due_date is not None:
            if due_date < self.meeting_date:
                raise ValidationError(
                    {"due_date": _("The deadline falls before the meeting date.")}
                )
            due = due_date
        elif clean_text(phrase):
            try:
                deadline = resolve_deadline(
                    clean_text(phrase),
                    meeting_date=self.meeting_date,
                    next_meeting=self.next_meeting(),
                    immediate_days=settings.DEGS_IMMEDIATE_DAYS,
                )
            except DeadlineError as error:
                raise ValidationError({"deadline_phrase": error.message}) from error
            due = deadline.due
            if deadline.rule != "next_meeting":
                due = self.working_day(due)
        elif recurrence:
            due = period_bounds(recurrence, self.meeting_date + dt.timedelta(days=1))[1]
        else:
            raise ValidationError({"due_date": _("Give a deadline: a date or the chair's words.")})
        if not recurrence:
            return DueDate(due)
        return DueDate(due, period_bounds(recurrence, due)[0])

    def period_due(self, *, phrase: str, start: dt.date, end: dt.date) -> dt.date:
        """When a later period of a repeating directive is due: on the day the chair named
        when the words name one of the period ("by the 20th" every month, "by Friday" every
        week), on the next working day; otherwise, and never past it, the period's last day."""
        if clean_text(phrase):
            try:
                deadline = resolve_deadline(
                    clean_text(phrase), meeting_date=start - dt.timedelta(days=1)
                )
            except DeadlineError:
                return end
            if deadline.rule in ("day_of_month", "weekday") and deadline.due <= end:
                return min(self.working_day(deadline.due), end)
        return end


def directive_due(
    *,
    committee: Committee,
    meeting_date: dt.date,
    phrase: str = "",
    due_date: dt.date | None = None,
    recurrence: str = "",
) -> DueDate:
    """The due date a directive gets: the one answer behind the page's preview, the import's
    review page and API, and the saved directive.

    A date typed by the user is kept as typed. The chair's words are resolved against the
    meeting date and land on the next working day of the committee's district ("by the next
    meeting" is that meeting's date). A repeating directive is first due by that date too;
    with neither, at the end of the first period after the meeting. Its first period is the
    one holding that due date. ValidationError, on the field, when none can be given.
    """
    return DueDates(committee=committee, meeting_date=meeting_date).due(
        phrase=phrase, due_date=due_date, recurrence=recurrence
    )


# --- directives --------------------------------------------------------------------------------


def directive_list(*, user: Any) -> QuerySet[Directive]:
    """The directive register: everything the user may see, with what a row shows, newest
    meeting first; its filters are ``reviews.filters.DirectiveFilterSet``."""
    directives = Directive.objects.visible_to(user)
    return _directive_rows(directives).order_by("-meeting__date", "-meeting_id", "number")


def directive_get(*, user: Any, pk: int) -> Directive:
    return get_object_or_404(
        _directive_rows(Directive.objects.visible_to(user)).select_related(
            "meeting__committee__area", "meeting__chair_post"
        ),
        pk=pk,
    )


def directive_updates(*, directive: Directive) -> QuerySet[ComplianceUpdate]:
    return directive.updates.select_related(
        "post__designation", "post__area", "period"
    ).prefetch_related("attachments")


def directive_events(*, directive: Directive) -> QuerySet[DirectiveEvent]:
    return directive.events.select_related("actor")


def my_directives(*, user: Any) -> QuerySet[Directive]:
    """Unfinished directives on the posts the user holds today: overdue first, then by date."""
    held = held_post_ids(user)
    if not held:
        return Directive.objects.none()
    today = timezone.localdate()
    return (
        _directive_rows(Directive.objects.assigned_to(list(held)).filter(status__in=UNFINISHED))
        .annotate(
            waiting=Q(status__in=AWAITING_OWNER),
            late=Q(status__in=AWAITING_OWNER, due_date__lt=today),
        )
        .order_by("-late", "-waiting", "due_date", "pk")
    )


def attachment_get(*, user: Any, pk: int) -> Attachment:
    """An attachment of a directive the user may see (404 otherwise)."""
    visible = Directive.objects.visible_to(user).values("pk")
    return get_object_or_404(
        Attachment.objects.select_related("update"), pk=pk, update__directive__in=visible
    )


def posts_for_committee(*, user: Any, committee: Committee) -> QuerySet[Post]:
    """Posts a directive of this committee may go to: the district's posts the user sees, with
    their current holders."""
    return post_list(user=user, under=committee.area).filter(is_active=True)


def import_posts(*, user: Any, committee: Committee) -> dict[int, Post]:
    """``posts_for_committee`` read once, by key, for every row of the import review page."""
    return {post.pk: post for post in posts_for_committee(user=user, committee=committee)}


def post_filter_choices(*, user: Any) -> QuerySet[Post]:
    """Posts to filter the register by: every post the user sees down to the panchayat."""
    return (
        Post.objects.visible_to(user)
        .filter(is_active=True)
        .exclude(area__kind__in=[AreaKind.VILLAGE, AreaKind.WARD])
        .select_related("designation", "area")
    )


def committee_form_choices(*, user: Any) -> tuple[QuerySet[Area], QuerySet[Post]]:
    """Where a committee may be set up (districts and blocks the user manages), and the posts
    that may chair, serve as secretary or sit on it (district to block level, with holders)."""
    areas = manageable_areas(user=user).filter(kind__in=[AreaKind.DISTRICT, AreaKind.BLOCK])
    posts = post_list(user=user).filter(
        is_active=True,
        area__kind__in=[AreaKind.DISTRICT, AreaKind.SUBDIVISION, AreaKind.BLOCK, AreaKind.TEHSIL],
    )
    return areas, posts


@dataclass
class AttendanceSheet:
    """The attendance form's rows: (post, present, name) and the invitee lines as typed."""

    rows: list[tuple[Post, bool, str]]
    invitees: str


def attendance_sheet(*, meeting: Meeting) -> AttendanceSheet:
    """The chair, the committee's member posts and anyone recorded besides, each marked as
    recorded; before anything is recorded, nobody is ticked: the secretary ticks who came."""
    recorded = {
        a.post_id: a
        for a in meeting.attendance.select_related("post__designation", "post__area")
        if a.post_id
    }
    posts = list(
        meeting.committee.members.select_related("designation", "area").order_by(
            "designation__rank"
        )
    )
    if meeting.chair_post not in posts:
        posts.insert(0, meeting.chair_post)
    posts += [row.post for row in recorded.values() if row.post not in posts]
    rows = [
        (
            post,
            recorded[post.pk].present if post.pk in recorded else False,
            recorded[post.pk].name if post.pk in recorded else "",
        )
        for post in posts
    ]
    invitees = "\n".join(
        f"{a.invitee} | {a.name}" if a.name else a.invitee
        for a in meeting.attendance.filter(post__isnull=True)
    )
    return AttendanceSheet(rows=rows, invitees=invitees)


# --- compliance figures ------------------------------------------------------------------------


@dataclass
class PostCompliance:
    """How one post has answered its directives."""

    post: Post
    total: int = 0
    on_time: int = 0
    late: int = 0
    overdue: int = 0
    pending: int = 0

    @property
    def on_time_rate(self) -> int | None:
        done = self.on_time + self.late + self.overdue
        return round(100 * self.on_time / done) if done else None


def compliance_by_post(
    directives: QuerySet[Directive], today: dt.date | None = None
) -> list[PostCompliance]:
    """Per lead post: directives complied by their due date, late, overdue and still pending.

    One grouped query; a directive counts as on time when it was reported complied (or closed)
    on or before its due date.
    """
    day = today or timezone.localdate()
    complied = Q(reported_on__isnull=False) | Q(status=DirectiveStatus.CLOSED)
    rows = (
        directives.order_by()
        .values("lead_post")
        .annotate(
            total=Count("pk", distinct=True),
            on_time=Count(
                "pk",
                filter=Q(reported_on__isnull=False, reported_on__lte=F("due_date")),
                distinct=True,
            ),
            late=Count(
                "pk",
                filter=Q(reported_on__isnull=False, reported_on__gt=F("due_date")),
                distinct=True,
            ),
            overdue=Count(
                "pk", filter=Q(status__in=AWAITING_OWNER, due_date__lt=day), distinct=True
            ),
            pending=Count(
                "pk",
                filter=Q(status__in=AWAITING_OWNER, due_date__gte=day) & ~complied,
                distinct=True,
            ),
        )
    )
    figures = {row["lead_post"]: row for row in rows}
    posts = Post.objects.filter(pk__in=figures).select_related("designation", "area")
    result = [
        PostCompliance(
            post=post,
            total=figures[post.pk]["total"],
            on_time=figures[post.pk]["on_time"],
            late=figures[post.pk]["late"],
            overdue=figures[post.pk]["overdue"],
            pending=figures[post.pk]["pending"],
        )
        for post in posts
    ]
    return sorted(result, key=lambda c: (-c.overdue, -c.total, c.post.label))


def quarter_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    start_month = 3 * ((day.month - 1) // 3) + 1
    start = dt.date(day.year, start_month, 1)
    end_month = start_month + 3
    end = (
        dt.date(day.year + 1, 1, 1) if end_month > 12 else dt.date(day.year, end_month, 1)
    ) - dt.timedelta(days=1)
    return start, end


@dataclass
class DistrictSummary:
    """The home page's review figures for the areas a user sees."""

    overdue_by_post: list[PostCompliance]
    oldest_open: list[Directive]
    quarter_start: dt.date
    quarter_end: dt.date
    quarter_due: int
    quarter_on_time: int
    overdue_total: int

    @property
    def compliance_rate(self) -> int | None:
        return round(100 * self.quarter_on_time / self.quarter_due) if self.quarter_due else None


def district_summary(*, user: Any, today: dt.date | None = None) -> DistrictSummary | None:
    """Overdue directives by post, the oldest open ones, and this quarter's on-time rate.

    None for a user with no review rights anywhere (a kiosk operator's home has no such panel).
    """
    if not user_may_open(user, "reviews"):
        return None
    day = today or timezone.localdate()
    visible = Directive.objects.visible_to(user)
    start, end = quarter_bounds(day)
    due_in_quarter = visible.filter(due_date__gte=start, due_date__lte=min(end, day))
    quarter = due_in_quarter.aggregate(
        due=Count("pk"),
        on_time=Count("pk", filter=Q(reported_on__isnull=False, reported_on__lte=F("due_date"))),
    )
    overdue = [c for c in compliance_by_post(visible.overdue(day), day) if c.overdue]
    return DistrictSummary(
        overdue_by_post=overdue[:10],
        oldest_open=list(
            _directive_rows(visible.filter(status__in=UNFINISHED)).order_by(
                "meeting__date", "number"
            )[:5]
        ),
        quarter_start=start,
        quarter_end=end,
        quarter_due=quarter["due"],
        quarter_on_time=quarter["on_time"],
        overdue_total=sum(c.overdue for c in overdue),
    )


@dataclass
class ReviewsHome:
    """The home page's directives: the user's own first (``mine``, with how many wait and how
    many are overdue; ``to_verify``: reported complied in meetings the user verifies), then the
    figures of the user's areas (``summary``)."""

    mine: list[Directive]
    mine_total: int
    mine_overdue: int
    post: int | None  # the one post held, for the register's filter
    to_verify: int
    summary: DistrictSummary | None


def home_section(*, user: Any, today: dt.date | None = None) -> ReviewsHome:
    """What the home page shows of directives; a fixed number of queries."""
    day = today or timezone.localdate()
    held = held_post_ids(user)
    mine = my_directives(user=user)
    counts = (
        Directive.objects.assigned_to(list(held))
        .filter(status__in=UNFINISHED)
        .aggregate(
            total=Count("pk", distinct=True),
            overdue=Count(
                "pk", filter=Q(status__in=AWAITING_OWNER, due_date__lt=day), distinct=True
            ),
        )
        if held
        else {"total": 0, "overdue": 0}
    )
    reported = Directive.objects.visible_to(user).filter(status=DirectiveStatus.REPORTED)
    # Where the user verifies (``meeting_parts``): meetings they chair, committees of the
    # areas where they manage reviews.
    jurisdiction = jurisdiction_of(user)
    if jurisdiction.everywhere:
        to_verify = reported.count()
    else:
        managed = [
            path
            for role, path in jurisdiction.roles
            if Capability.REVIEWS_MANAGE in capabilities_of({role})
        ]
        verifies = under_q("meeting__committee__area__path", managed)
        if held:
            verifies |= Q(meeting__chair_post_id__in=held)
        to_verify = reported.filter(verifies).count()
    return ReviewsHome(
        mine=list(mine[:5]),
        mine_total=counts["total"],
        mine_overdue=counts["overdue"],
        post=next(iter(held)) if len(held) == 1 else None,
        to_verify=to_verify,
        summary=district_summary(user=user, today=day),
    )


def open_directives_in_district(*, user: Any, area: Area) -> QuerySet[Directive]:
    """Unfinished directives of committees of the district holding ``area``, newest first."""
    return (
        Directive.objects.visible_to(user)
        .filter(status__in=UNFINISHED, meeting__committee__area__path=district_path(area.path))
        .select_related("meeting")
        .order_by("-meeting__date", "-meeting_id", "number")
    )


def directives_about(*, user: Any, target: models.Model) -> QuerySet[Directive]:
    """The directives the user sees that point at ``target``."""
    return (
        Directive.objects.visible_to(user)
        .filter(target_type=ContentType.objects.get_for_model(target), target_id=target.pk)
        .select_related("meeting")
    )


# --- importing a meeting from a press note ---------------------------------------------------


def committees_to_record(*, user: Any) -> QuerySet[Committee]:
    """Committees whose meetings the user may record: those of areas they manage."""
    manageable = [
        c.pk for c in committee_list(user=user) if user_can(user, Capability.REVIEWS_MANAGE, c.area)
    ]
    return Committee.objects.filter(pk__in=manageable).select_related("area")


@dataclass(frozen=True)
class Imported:
    """A meeting that already holds a note: ``same_text`` when the very text was imported,
    else it is the committee's meeting on that day under the same chair."""

    meeting: Meeting
    same_text: bool


def imported_already(
    *, committee: Committee, fingerprint: str = "", date: dt.date | None = None
) -> Imported | None:
    """The committee's meeting this note was already imported as (the same text, see
    ``sources.note_fingerprint``), or its meeting on ``date`` under the committee's chair,
    recorded or imported; None when there is none."""
    meetings = Meeting.objects.filter(committee=committee).select_related(
        "chair_post__designation", "chair_post__area", "committee"
    )
    if fingerprint and (found := meetings.filter(source_hash=fingerprint).first()):
        return Imported(found, same_text=True)
    if date is not None:
        same_day = meetings.filter(date=date, chair_post_id=committee.chair_post_id)
        if found := same_day.order_by(*MEETING_ORDER).first():
            return Imported(found, same_text=False)
    return None


def district_names() -> list[str]:
    """Every district's English and Hindi name, for telling which district a note is about."""
    names: list[str] = []
    for name, name_hi in Area.objects.filter(kind=AreaKind.DISTRICT).values_list("name", "name_hi"):
        names.extend(n for n in (name, name_hi) if n)
    return names


_TOKEN = re.compile("[^\\s,.;:()/|\\-\u2013\u2014]+")


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.casefold())


def _holds(words: list[str], part: list[str]) -> bool:
    """Whether ``part`` stands in ``words`` as whole words, in order."""
    n = len(part)
    return n > 0 and any(words[i : i + n] == part for i in range(len(words) - n + 1))


def _preferred(posts: list[Post], committee: Committee) -> Post | None:
    """The committee's own-area post among equal candidates, else the only one, else none."""
    own = [p for p in posts if p.area_id == committee.area_id]
    if len(own) == 1:
        return own[0]
    return posts[0] if len(posts) == 1 else None


def post_for_designation(text: str, posts: list[Post], committee: Committee) -> Post | None:
    """The post whose designation (English or Hindi, full or short name) is, or stands in
    whole words inside, ``text``; the longest name wins."""
    words = _tokens(text)
    best: list[Post] = []
    best_len = 0
    for post in posts:
        d = post.designation
        for name in (d.name, d.name_hi, d.short_name, d.short_name_hi):
            part = _tokens(name or "")
            if _holds(words, part):
                if len(part) > best_len:
                    best, best_len = [post], len(part)
                elif len(part) == best_len and post not in best:
                    best.append(post)
    return _preferred(best, committee) if best else None


def post_for_code(code: str | None, posts: list[Post], committee: Committee) -> Post | None:
    """The post of the designation code the reader guessed, in the committee's area."""
    if not code:
        return None
    return _preferred([p for p in posts if p.designation.code == code], committee)


@dataclass(frozen=True)
class Mark:
    """A stretch of the source to mark. Items' marks (a directive's sentence) are marked once
    where they overlap; a field's mark (``field``: the words the date, the chair or the district
    were read from) is marked whole, over any item's, in a colour of its own."""

    start: int
    end: int
    anchor: str = ""  # the id a link jumps to; "" keeps the stretch from being marked twice
    label: str = ""  # shown at the mark's start (a directive's number)
    field: bool = False


@dataclass
class SourcePart:
    """A stretch of the source text: plain (``kind`` ""), inside an item's mark ("item") or a
    field's ("field"). ``anchors``: the ids of the marks that start here; ``label`` what the
    item starting here shows."""

    text: str
    kind: str = ""
    anchors: tuple[str, ...] = ()
    label: str = ""

    @property
    def anchor(self) -> str:
        return self.anchors[0] if self.anchors else ""


def marked_source(text: str, marks: list[Mark]) -> list[SourcePart]:
    """The source text cut into plain and marked stretches. Overlapping items mark once (the
    later one starts where the earlier ends); fields are marked whole, over items and inside
    one another. An item without an anchor is not marked: it only keeps the stretch from
    another item."""
    items: list[Mark] = []
    at = 0
    for mark in sorted((m for m in marks if not m.field), key=lambda m: (m.start, m.end)):
        start, end = max(mark.start, at, 0), min(mark.end, len(text))
        if start < end:
            items.append(Mark(start, end, mark.anchor, mark.label))
            at = end
    fields = [
        Mark(max(m.start, 0), min(m.end, len(text)), m.anchor, m.label, True)
        for m in marks
        if m.field and max(m.start, 0) < min(m.end, len(text))
    ]
    cuts = sorted({0, len(text), *(p for m in items + fields for p in (m.start, m.end))})
    parts: list[SourcePart] = []
    next_item = 0  # items do not overlap and every edge is a cut: one walk finds each's
    for start, end in itertools.pairwise(cuts):
        while next_item < len(items) and items[next_item].end <= start:
            next_item += 1
        item: Mark | None = None
        if next_item < len(items) and items[next_item].start <= start and items[next_item].anchor:
            item = items[next_item]
        inside = [m for m in fields if m.start <= start and end <= m.end]
        starting = [m for m in (item, *inside) if m is not None and m.start == start and m.anchor]
        kind = "field" if inside else "item" if item else ""
        part = SourcePart(
            text[start:end],
            kind,
            tuple(m.anchor for m in starting),
            item.label if item is not None and item.start == start else "",
        )
        if not kind and parts and not parts[-1].kind:
            parts[-1].text += part.text  # plain text stays one stretch
        else:
            parts.append(part)
    return parts


def _within(text: str, part: str, start: int, end: int) -> tuple[int, int]:
    """Where ``part`` stands inside text[start:end]; the whole stretch when it is not found."""
    found = text.find(part, start, end) if part else -1
    return (found, found + len(part)) if found >= 0 else (start, end)


def _due_hint(dates: DueDates | None, phrase: str | None, recurrence: str) -> dt.date | None:
    """The due date the directive would be saved with (``directive_due``), to show beside
    its phrase; None when there is none yet or it cannot be given (the save says why)."""
    if dates is None or not (phrase or recurrence):
        return None
    try:
        return dates.due(phrase=phrase or "", recurrence=recurrence).due
    except ValidationError:
        return None


def remembered_posts(*, user: Any, committee: Committee, phrases: list[str]) -> dict[str, int]:
    """The post the committee's district gave each of these addressees in its saved imports
    (``AddresseePost``), by ``addressee_key``: the district's own rows only, as the user sees
    them."""
    keys = {key for key in map(addressee_key, phrases) if key}
    district = district_of(committee.area) if keys else None
    if district is None:
        return {}
    rows = AddresseePost.objects.visible_to(user).filter(district=district, key__in=keys)
    return dict(rows.values_list("key", "post_id"))


def _place(text: str, found: Found | None) -> tuple[int, int] | None:
    """Where ``found`` stands in the text, or None when nothing was found (or it lies
    outside)."""
    if found is None:
        return None
    start, end = max(found.start, 0), min(found.end, len(text))
    return (start, end) if start < end else None


def _place_key(name: str) -> str:
    """A district's name as the reader matches it: its spelling variants folded together."""
    return skeleton(clean_text(name))


@dataclass
class ImportDraft:
    """A press note read for review: initial values of the meeting, attendee and directive
    rows, each row with the offsets of what it was read from. ``*_source``: where the date,
    the chair and the district were read (start, end), None when they were not."""

    reading: Reading
    date: dt.date | None
    chair_name: str
    chair_designation: str
    attendees: list[dict[str, Any]]
    directives: list[dict[str, Any]]
    figures: list[dict[str, Any]]
    posts: dict[int, Post]  # the committee's posts, for the review page's selects
    already: Imported | None = None  # the meeting this note was already imported as
    date_source: tuple[int, int] | None = None
    chair_source: tuple[int, int] | None = None
    # name, designation and where the note names them (start, end) or None
    chair_candidates: list[dict[str, Any]] = field(default_factory=list)
    district: str = ""  # the district named, as the directory spells it
    district_source: tuple[int, int] | None = None
    district_others: list[str] = field(default_factory=list)  # other districts named


def _meeting_sources(draft: ImportDraft) -> None:
    """The places the reader found the date, the chair and the district, the other people
    who may have chaired and the other districts named (best first, as the reader gave them)."""
    reading = draft.reading
    draft.date_source = _place(reading.text, reading.date_source)
    draft.chair_source = _place(reading.text, reading.chair.source)
    chosen = {(draft.chair_name, draft.chair_designation)}
    for person in reading.chair_candidates:
        who = (person.name or "", person.designation or "")
        if any(who) and who not in chosen:
            chosen.add(who)
            draft.chair_candidates.append(
                {
                    "name": who[0],
                    "designation": who[1],
                    "source": _place(reading.text, person.source),
                }
            )
    candidates = reading.district_candidates
    draft.district = reading.district or (candidates[0].text if candidates else "")
    draft.district_source = _place(
        reading.text, reading.district_source or (candidates[0] if candidates else None)
    )
    named = {_place_key(draft.district)}
    for other in candidates:
        if _place_key(other.text) not in named:
            named.add(_place_key(other.text))
            draft.district_others.append(other.text)


def import_draft(
    *, user: Any, committee: Committee, text: str, published: dt.date | None
) -> ImportDraft:
    """Read the note and match what it names to the committee's posts. Writes nothing."""
    reading = read_note(text, published=published, districts=district_names())
    by_key = import_posts(user=user, committee=committee)
    posts = list(by_key.values())
    attendees = []
    for person in reading.attendees:
        start, end = (0, 0)
        if person.source is not None:
            start, end = _within(
                reading.text, person.source.text, person.source.start, person.source.end
            )
        post = post_for_designation(person.designation or "", posts, committee)
        attendees.append(
            {
                "name": person.name or "",
                "designation": person.designation or "",
                "post": post.pk if post else None,
                "keep": True,
                "start": start,
                "end": end,
            }
        )
    directives = []
    dates = (
        DueDates(committee=committee, meeting_date=reading.meeting_date)
        if reading.meeting_date
        else None
    )
    remembered = remembered_posts(
        user=user, committee=committee, phrases=[o.responsible or "" for o in reading.orders]
    )
    for order in reading.orders:
        sentence = order.sentence
        o_start, o_end = _within(reading.text, order.text, sentence.start, sentence.end)
        post = post_for_code(order.post, posts, committee)
        memory = remembered.get(addressee_key(order.responsible or ""))
        if memory is not None and memory in by_key:  # the district corrected it before
            post = by_key[memory]
        directives.append(
            {
                "due_hint": _due_hint(dates, order.deadline_phrase, order.recurrence or ""),
                "text": order.text,
                "responsible": order.responsible or "",
                "lead_post": post.pk if post else None,
                "remembered_post": memory if memory in by_key else None,
                "deadline_phrase": order.deadline_phrase or "",
                "recurrence": order.recurrence or "",
                "keep": True,
                "s_start": sentence.start,
                "s_end": sentence.end,
                "o_start": o_start,
                "o_end": o_end,
            }
        )
    figures = []
    for figure in reading.figures:
        sentence = figure.sentence
        start, end = _within(reading.text, figure.text, sentence.start, sentence.end)
        figures.append(
            {
                "value": figure.value,
                "text": figure.text,
                "programme": figure.programme,
                "keep": True,
                "start": start,
                "end": end,
            }
        )
    draft = ImportDraft(
        reading=reading,
        date=reading.meeting_date,
        chair_name=reading.chair.name or "",
        chair_designation=reading.chair.designation or "",
        attendees=attendees,
        directives=directives,
        figures=figures,
        posts=by_key,
        already=imported_already(
            committee=committee,
            fingerprint=note_fingerprint(reading.text),
            date=reading.meeting_date,
        ),
    )
    _meeting_sources(draft)
    return draft


@dataclass(frozen=True)
class NoteDistrict:
    """The district a note names, held against the committee's: ``elsewhere`` when it is
    another district, with ``committees``: those of the named district whose meetings the
    user records (to read the note for one of them instead)."""

    name: str
    elsewhere: bool
    committee_district: Area | None
    committees: list[Committee] = field(default_factory=list)


def note_district(
    *, user: Any, committee: Committee, name: str, committees: QuerySet[Committee] | None = None
) -> NoteDistrict | None:
    """Whether the district ``name`` (as the directory spells it) is the committee's: its
    English or Hindi name, in any spelling the reader folds together (``skeleton``). None when no district was named. A committee
    above the districts (a state's) is never in another. ``committees``: the user's
    ``committees_to_record``, when already read."""
    if not clean_text(name):
        return None
    key = _place_key(name)

    def names(area: Area) -> set[str]:
        return {_place_key(n) for n in (area.name, area.name_hi) if n}

    own = district_of(committee.area)
    if own is None or own.kind != AreaKind.DISTRICT or key in names(own):
        return NoteDistrict(name, elsewhere=False, committee_district=own)
    recordable = [
        c
        for c in (committees if committees is not None else committees_to_record(user=user))
        if c.pk != committee.pk
    ]
    districts = {
        area.path: area
        for area in Area.objects.filter(
            path__in={district_path(c.area.path) for c in recordable}, kind=AreaKind.DISTRICT
        )
    }
    there = [
        c
        for c in recordable
        if (area := districts.get(district_path(c.area.path))) is not None and key in names(area)
    ]
    return NoteDistrict(name, elsewhere=True, committee_district=own, committees=there)


def home_context(*, user: Any) -> dict[str, Any]:
    """The home page's directives: the user's own and their areas' (the registry's
    home_section)."""
    home = home_section(user=user)
    return {"directives": home, "reviews": home.summary}
