"""Writes of the reviews app. Each one is atomic, checks who may act, and leaves an event row.

Every status change of a directive or a meeting is a step of its table in ``workflow``, taken by
the one transition function (``degs.core.workflow.transition``: row lock, the version the user
saw, the actor's part, ``update_fields``, the event row, notices after the commit); every other
event is written by ``record_event``. A stale version names who changed the row last. Compliance
updates are appended under a row lock, so two reports at once are both kept.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from degs.accounts.models import User
from degs.core import workflow as engine
from degs.core.bilingual import Bilingual
from degs.core.exceptions import (
    AlreadyRecorded,
    ApplicationError,
    ImportRejected,
    InvalidTransition,
    OutOfJurisdiction,
    PermissionDenied,
)
from degs.core.formatting import group_indian
from degs.core.models import HeldUpload
from degs.core.permissions import Capability, require_capability
from degs.core.registry import provided
from degs.core.scoping import root_path
from degs.core.text import clean_paragraphs, clean_text, has_devanagari
from degs.core.uploads import (
    Accepted,
    NewFiles,
    check_size,
    file_head,
    held_file,
    held_release,
    held_uploads,
    hold,
)
from degs.directory.choices import AreaKind
from degs.directory.models import Area, Post, PostHolding
from degs.directory.selectors import district_of, held_post_ids
from degs.reviews import workflow
from degs.reviews.choices import (
    FINISHED,
    UNFINISHED,
    DirectiveStatus,
    MeetingMode,
    MeetingStatus,
    Priority,
    Recurrence,
)
from degs.reviews.deadlines import period_bounds
from degs.reviews.models import (
    ADDRESSEE_MAX,
    AddresseePost,
    AgendaItem,
    Attachment,
    Attendance,
    Committee,
    ComplianceUpdate,
    Directive,
    DirectiveEvent,
    DirectivePeriod,
    Meeting,
    MeetingEvent,
    addressee_key,
)
from degs.reviews.selectors import (
    DueDates,
    Imported,
    directive_parts,
    imported_already,
    meeting_parts,
)
from degs.reviews.sources import note_fingerprint

# --- committees --------------------------------------------------------------------------------


def _require_manage(actor: User | None, area: Area) -> None:
    if actor is None:  # management commands and the demo
        return
    require_capability(
        actor, Capability.REVIEWS_MANAGE, area, _("Only the district administration may do this.")
    )


def _posts_under(area: Area, posts: Iterable[Post | None], field: str) -> None:
    for post in posts:
        if post is not None and not post.area.path.startswith(area.path):
            raise ValidationError({field: _("Choose a post of this district.")})


@transaction.atomic
def committee_create(
    *,
    actor: User | None,
    area: Area,
    kind: str,
    name: str,
    name_hi: str = "",
    chair_post: Post,
    secretary_post: Post | None = None,
    members: Sequence[Post] = (),
) -> Committee:
    """Set up a district's committee with its chair, secretary and member posts."""
    _require_manage(actor, area)
    if area.kind != AreaKind.DISTRICT and area.kind != AreaKind.BLOCK:
        raise ValidationError({"area": _("A committee belongs to a district or a block.")})
    _posts_under(area, [chair_post, secretary_post], "chair_post")
    _posts_under(area, members, "members")
    committee = Committee(
        area=area,
        kind=kind,
        name=clean_text(name),
        name_hi=clean_text(name_hi),
        chair_post=chair_post,
        secretary_post=secretary_post,
    )
    committee.full_clean()
    committee.save()
    committee.members.set(members)
    return committee


# --- meetings ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AttendanceRow:
    """One line of the attendance sheet: a post, or an invitee named by what they represent."""

    post: Post | None = None
    invitee: str = ""
    name: str = ""
    present: bool = True


def holder_names(posts: Iterable[Post], on: dt.date) -> dict[int, str]:
    """The names of whoever held each post on the day (one query; vacant posts left out)."""
    holdings = (
        PostHolding.objects.current(on)
        .filter(post__in=[p.pk for p in posts])
        .select_related("user")
        .order_by("charge")
    )
    names: dict[int, str] = {}
    for holding in holdings:
        names.setdefault(holding.post_id, holding.user.label)
    return names


def agenda_from_lines(lines: Iterable[str]) -> list[tuple[str, str, str]]:
    """Agenda items from typed lines, one topic a line; a line in Devanagari is the Hindi topic.

    Leading bullets and numbers ("1.", "-", "•") are dropped; empty lines are skipped.
    """
    items = []
    for line in lines:
        topic = clean_text(clean_text(line).lstrip("-*•0123456789.) "))
        if topic:
            items.append(("", topic, "") if has_devanagari(topic) else (topic, "", ""))
    return items


def _check_posts_in_state(meeting: Meeting, posts: Iterable[Post], field: str) -> None:
    """Posts named in a meeting must be active posts of the committee's state."""
    state = root_path(meeting.committee.area.path)
    for post in posts:
        if not post.area.path.startswith(state) or not post.is_active:
            raise ValidationError({field: _("Choose a post that exists in this state.")})


@transaction.atomic
def meeting_create(
    *,
    actor: User | None,
    committee: Committee,
    date: dt.date,
    time: dt.time | None = None,
    venue: str = "",
    mode: str = MeetingMode.IN_PERSON,
    chair_name: str = "",
    agenda: Sequence[tuple[str, str, str]] = (),
    summary: str = "",
    source_hash: str = "",
) -> Meeting:
    """Schedule a committee's meeting, or record one already held (a date up to today).
    ``source_hash`` is the fingerprint of the note a meeting is imported from."""
    _require_manage(actor, committee.area)
    status = MeetingStatus.SCHEDULED if date > timezone.localdate() else MeetingStatus.HELD
    meeting = Meeting(
        committee=committee,
        date=date,
        time=time,
        venue=clean_text(venue),
        mode=mode,
        chair_post=committee.chair_post,
        chair_name=clean_text(chair_name)
        or holder_names([committee.chair_post], date).get(committee.chair_post_id, ""),
        status=status,
        summary=clean_paragraphs(summary),
        source_hash=source_hash,
        created_by=actor,
    )
    meeting.full_clean(validate_constraints=False)  # the database holds them (meeting_import)
    meeting._history_user = actor  # type: ignore[attr-defined]
    meeting.save()
    engine.record_event(MeetingEvent, meeting, actor=actor, action="create", to_status=status)
    for topic, topic_hi, concerns in agenda:
        agenda_item_add(
            actor=None, meeting=meeting, topic=topic, topic_hi=topic_hi, concerns=concerns
        )
    return meeting


def _lock_meeting(meeting: Meeting, version: int | None) -> Meeting:
    """The meeting under its row lock; StaleVersion (naming who changed it) when it moved on."""
    locked: Meeting = engine.lock(workflow.MEETINGS, meeting)
    engine.check_version(workflow.MEETINGS, locked, version)
    return locked


def _require_part(parts: set[str], needed: frozenset[str]) -> None:
    if not parts & needed:
        raise PermissionDenied


@transaction.atomic
def meeting_update(*, actor: User | None, meeting: Meeting, version: int, **fields: Any) -> Meeting:
    """Change a meeting's date, time, venue, mode, chair's name or summary (secretary)."""
    allowed = {"date", "time", "venue", "mode", "chair_name", "summary"}
    if set(fields) - allowed:
        raise ApplicationError(_("These fields cannot be changed here."))
    locked = _lock_meeting(meeting, version)
    if actor is not None:
        _require_part(meeting_parts(actor, locked), frozenset({workflow.SECRETARY}))
    if locked.status == MeetingStatus.MINUTES_APPROVED:
        raise InvalidTransition(_("The minutes are approved; the meeting can no longer change."))
    for key, value in fields.items():
        if key in {"venue", "chair_name"}:
            value = clean_text(value)
        elif key == "summary":
            value = clean_paragraphs(value)
        setattr(locked, key, value)
    if "date" in fields:
        if locked.status == MeetingStatus.SCHEDULED and locked.date < timezone.localdate():
            raise ValidationError({"date": _("A meeting in the past is recorded as held.")})
        if locked.directives.filter(due_date__lt=locked.date).exists():
            raise ValidationError({"date": _("Some directives fall due before this date.")})
    locked.version += 1
    locked.full_clean()
    locked._history_user = actor  # type: ignore[attr-defined]
    locked.save(update_fields=[*fields, "version", "updated_at"])
    engine.record_change(
        workflow.MEETINGS, locked, actor=actor, action="update", data={"fields": sorted(fields)}
    )
    return locked


def meeting_transition(
    *, actor: User | None, meeting: Meeting, action: str, version: int, remark: str = ""
) -> Meeting:
    """Move a meeting along scheduled → held → minutes drafted → minutes approved (a step of
    ``workflow.MEETINGS``)."""

    def validate(locked: Meeting, step: engine.Transition, _remark: Bilingual) -> None:
        if step.action == "hold" and locked.date > timezone.localdate():
            raise InvalidTransition(_("A meeting cannot be marked held before its date."))

    def apply(locked: Meeting, step: engine.Transition) -> list[str]:
        locked._history_user = actor  # type: ignore[attr-defined]
        locked._change_reason = clean_text(remark)  # type: ignore[attr-defined]
        return []

    changed: Meeting = engine.transition(
        workflow.MEETINGS,
        meeting,
        action,
        actor=actor,
        version=version,
        remark=remark,
        validate=validate,
        apply=apply,
    )
    return changed


def _require_secretary(actor: User | None, meeting: Meeting) -> None:
    if actor is not None:
        _require_part(meeting_parts(actor, meeting), frozenset({workflow.SECRETARY}))
    if meeting.status == MeetingStatus.MINUTES_APPROVED:
        raise InvalidTransition(_("The minutes are approved; the meeting can no longer change."))


@transaction.atomic
def agenda_item_add(
    *, actor: User | None, meeting: Meeting, topic: str, topic_hi: str = "", concerns: str = ""
) -> AgendaItem:
    """Add a topic to the meeting's agenda."""
    _require_secretary(actor, meeting)
    if not clean_text(topic) and not clean_text(topic_hi):
        raise ValidationError({"topic": _("Write the topic in English or Hindi.")})
    last = meeting.agenda_items.aggregate(n=Max("position"))["n"] or 0
    item = AgendaItem(
        meeting=meeting,
        position=last + 1,
        topic=clean_text(topic) or clean_text(topic_hi),
        topic_hi=clean_text(topic_hi),
        concerns=concerns,
    )
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def attendance_record(
    *, actor: User | None, meeting: Meeting, rows: Sequence[AttendanceRow], version: int | None
) -> list[Attendance]:
    """Replace the meeting's attendance sheet with ``rows`` (the secretary's whole sheet)."""
    locked = _lock_meeting(meeting, version)
    _require_secretary(actor, locked)
    if locked.status == MeetingStatus.SCHEDULED:
        raise InvalidTransition(_("Attendance is recorded once the meeting is held."))
    posts = [row.post for row in rows if row.post is not None]
    _check_posts_in_state(locked, posts, "post")
    names = holder_names(posts, locked.date)
    seen: set[int] = set()
    made: list[Attendance] = []
    for row in rows:
        if row.post is not None:
            if row.post.pk in seen:
                continue
            seen.add(row.post.pk)
        elif not clean_text(row.invitee):
            continue
        made.append(
            Attendance(
                meeting=locked,
                post=row.post,
                invitee=clean_text(row.invitee),
                name=clean_text(row.name) or (names.get(row.post.pk, "") if row.post else ""),
                present=row.present,
            )
        )
    for attendance in made:
        attendance.full_clean(exclude=["meeting"], validate_constraints=False)
    locked.attendance.all().delete()
    Attendance.objects.bulk_create(made)
    locked.version += 1
    locked.save(update_fields=["version", "updated_at"])
    present = sum(a.present for a in made)
    engine.record_change(
        workflow.MEETINGS,
        locked,
        actor=actor,
        action="attendance",
        data={"present": present, "absent": len(made) - present},
    )
    meeting.version = locked.version
    return made


# --- directives --------------------------------------------------------------------------------


@transaction.atomic
def directive_create(
    *,
    actor: User | None,
    meeting: Meeting,
    lead_post: Post,
    text: str = "",
    text_hi: str = "",
    supporting_posts: Sequence[Post] = (),
    agenda_item: AgendaItem | None = None,
    priority: str = Priority.NORMAL,
    deadline_phrase: str = "",
    due_date: dt.date | None = None,
    recurrence: str = Recurrence.NONE,
    target: models.Model | None = None,
    due_dates: DueDates | None = None,
) -> Directive:
    """Record a directive given in the meeting and tell the holders of its posts.
    ``due_dates``: the meeting's ``DueDates``, when several directives are recorded at once
    (an import), so the calendar and the next meeting are read once for all of them."""
    locked = (
        Meeting.objects.select_for_update().select_related("committee__area").get(pk=meeting.pk)
    )
    _require_secretary(actor, locked)
    if locked.status not in workflow.MEETING_OPEN_FOR_DIRECTIVES:
        raise InvalidTransition(_("Directives are recorded once the meeting is held."))
    text, text_hi = clean_paragraphs(text), clean_paragraphs(text_hi)
    if not text and not text_hi:
        raise ValidationError({"text": _("Write the directive in English or Hindi.")})
    if agenda_item is not None and agenda_item.meeting_id != locked.pk:
        raise ValidationError({"agenda_item": _("Choose an item of this meeting's agenda.")})
    _check_posts_in_state(locked, [lead_post], "lead_post")
    _check_posts_in_state(locked, supporting_posts, "supporting_posts")
    supporting = [p for p in dict.fromkeys(supporting_posts) if p.pk != lead_post.pk]
    if recurrence and recurrence not in Recurrence.values:
        raise ValidationError({"recurrence": _("Choose how often it repeats.")})
    if due_dates is None or (due_dates.committee.pk, due_dates.meeting_date) != (
        locked.committee_id,
        locked.date,
    ):
        due_dates = DueDates(committee=locked.committee, meeting_date=locked.date)
    due = due_dates.due(phrase=deadline_phrase, due_date=due_date, recurrence=recurrence)
    number = (locked.directives.aggregate(n=Max("number"))["n"] or 0) + 1
    directive = Directive(
        meeting=locked,
        agenda_item=agenda_item,
        number=number,
        text=text,
        text_hi=text_hi,
        lead_post=lead_post,
        priority=priority,
        deadline_phrase=clean_text(deadline_phrase),
        due_date=due.due,
        recurrence=recurrence,
        created_by=actor,
    )
    if target is not None:
        directive.target_type = ContentType.objects.get_for_model(target)
        directive.target_id = target.pk
    directive.full_clean()
    directive.save()
    directive.supporting_posts.set(supporting)
    if due.period_start is not None:
        DirectivePeriod.objects.create(
            directive=directive, starts_on=due.period_start, due_on=due.due
        )
    engine.record_event(
        DirectiveEvent, directive, actor=actor, action="create", to_status=directive.status
    )
    _after_commit_remind(directive.pk)
    return directive


def _after_commit_remind(directive_id: int) -> None:
    from degs.reviews.tasks import directive_remind

    transaction.on_commit(lambda: directive_remind.enqueue(directive_id))


@transaction.atomic
def directive_set_target(
    *, actor: User | None, directive: Directive, target: models.Model, version: int
) -> Directive:
    """Say what a directive is about (a saved set of centres, …): its progress is then read
    live from that data. The target must lie in the committee's district."""
    locked = _lock_directive(directive)
    if actor is not None:
        _require_part(directive_parts(actor, locked), frozenset({workflow.VERIFIER}))
    engine.check_version(workflow.DIRECTIVES, locked, version)
    area = getattr(target, "area", None)
    if area is None or not area.path.startswith(locked.meeting.committee.area.path):
        raise ValidationError({"target": _("Choose something in the committee's district.")})
    locked.target_type = ContentType.objects.get_for_model(target)
    locked.target_id = target.pk
    locked.version += 1
    locked.save(update_fields=["target_type", "target_id", "version", "updated_at"])
    engine.record_change(
        workflow.DIRECTIVES,
        locked,
        actor=actor,
        action="target",
        remark=str(target)[:200],
        data={"target_type": locked.target_type.natural_key(), "target_id": target.pk},
    )
    return locked


def _lock_directive(directive: Directive) -> Directive:
    locked: Directive = engine.lock(workflow.DIRECTIVES, directive)
    return locked


def _apply(directive: Directive, step: engine.Transition) -> list[str]:
    """What goes with the new status (the engine writes the status and the version); returns
    the fields it changed."""
    fields: list[str] = []
    if step.target == DirectiveStatus.REPORTED:
        directive.reported_on = directive.reported_on or timezone.localdate()
        directive.percent_done = 100
        fields += ["reported_on", "percent_done"]
    if step.target in FINISHED:
        directive.finished_at = timezone.now()
        fields.append("finished_at")
    if step.target == DirectiveStatus.REOPENED:
        directive.finished_at = None
        directive.reported_on = None
        fields += ["finished_at", "reported_on"]
    if step.action == "send_back":
        directive.reported_on = None
        directive.percent_done = min(directive.percent_done, 99)
        fields += ["reported_on", "percent_done"]
    return fields


# The steps whose people are told (after the commit): the owners of a directive sent back or
# reopened, the owners of one verified, the chair of one reported complied.
NOTIFIED = frozenset({"send_back", "verify", "reopen", "report"})


def _notify(directive: Directive, step: engine.Transition) -> None:
    from degs.reviews.tasks import directive_notify

    if step.action in NOTIFIED:
        directive_notify.enqueue(directive.pk, step.action)


def directive_transition(
    *, actor: User | None, directive: Directive, action: str, version: int, remark: str = ""
) -> Directive:
    """Verify, send back, drop or reopen a directive, from the version the user saw (a step of
    ``workflow.DIRECTIVES``)."""
    changed: Directive = engine.transition(
        workflow.DIRECTIVES,
        directive,
        action,
        actor=actor,
        version=version,
        remark=remark,
        apply=_apply,
        after_commit=_notify,
    )
    return changed


# --- compliance updates (the action-taken report) ---------------------------------------------

ALLOWED_ATTACHMENTS: dict[str, tuple[tuple[bytes, ...], str]] = {
    "pdf": ((b"%PDF-",), "application/pdf"),
    "jpg": ((b"\xff\xd8\xff",), "image/jpeg"),
    "jpeg": ((b"\xff\xd8\xff",), "image/jpeg"),
    "png": ((b"\x89PNG\r\n\x1a\n",), "image/png"),
    "docx": (
        (b"PK\x03\x04",),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "xlsx": ((b"PK\x03\x04",), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}


def check_attachment(upload: UploadedFile) -> str:
    """The file's checked content type; ValidationError if its kind or size is not allowed."""
    name = upload.name or ""
    check_size(upload, settings.DEGS_ATTACHMENT_MAX_BYTES, "attachments")
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    signatures, content_type = ALLOWED_ATTACHMENTS.get(extension, ((), ""))
    head = file_head(upload, 16)
    if not signatures or not any(head.startswith(s) for s in signatures):
        raise ValidationError(
            {
                "attachments": _(
                    "“%(name)s” is not a PDF, JPEG or PNG picture, Word or Excel file."
                )
                % {"name": name}
            }
        )
    return content_type


def attachments_hold(
    *, actor: User, token: str, files: Sequence[UploadedFile], remove: Iterable[str] = ()
) -> tuple[list[HeldUpload], list[str]]:
    """A compliance report's attachments held for the user's form under ``token``
    (``core.uploads.hold``) while another field is corrected, so they are not sent again:
    every file held now, and the messages of new files ``check_attachment`` refused."""
    held_before = held_uploads(owner=actor, token=token)
    last = max((int(c.split("-")[1]) for c in held_before if c[11:].isdigit()), default=0)

    def accept(file: UploadedFile) -> Accepted:
        content_type = check_attachment(file)
        file.seek(0)
        name = file.name or ""
        return Accepted(file.read(), content_type, name.rsplit(".", 1)[-1].lower())

    held, refused = hold(
        owner=actor,
        token=token,
        uploads=[(f"attachment-{last + n}", f) for n, f in enumerate(files, 1)],
        check=accept,
        remove=remove,
    )
    problems = [
        str(m) for _c, _f, error in refused for m in error.message_dict.get("attachments", [])
    ]
    return list(held.values()), problems


def _reporting_post(actor: User, directive: Directive, post: Post | None) -> Post:
    """The post the actor reports as: the one given, else their first post on the directive."""
    held = held_post_ids(actor)
    assigned = [directive.lead_post_id, *directive.supporting_posts.values_list("pk", flat=True)]
    mine = [pk for pk in assigned if pk in held]
    if not mine:
        raise PermissionDenied(_("Only the holders of the assigned posts report on a directive."))
    if post is not None:
        if post.pk not in mine:
            raise ValidationError({"post": _("You do not hold this post.")})
        return post
    return Post.objects.get(pk=mine[0])


@transaction.atomic
def directive_report(
    *,
    actor: User,
    directive: Directive,
    percent: int,
    text: str,
    files: Sequence[UploadedFile] = (),
    post: Post | None = None,
    held: Sequence[HeldUpload] = (),
) -> ComplianceUpdate:
    """Append a compliance update; 100% reports the directive complied. ``held`` are
    attachments held for the form (``attachments_hold``): saved with ``files`` and let go.

    Takes the directive's row lock but not its version: two people reporting at once are both
    kept, one after the other.
    """
    if not Directive.objects.visible_to(actor).filter(pk=directive.pk).exists():
        raise OutOfJurisdiction
    locked = _lock_directive(directive)
    reporting_post = _reporting_post(actor, locked, post)
    text = clean_paragraphs(text)
    errors: dict[str, Any] = {}
    if not text:
        errors["text"] = _("Say what was done.")
    if not isinstance(percent, int) or not 0 <= percent <= 100:
        errors["percent"] = _("Give a share done between 0 and 100.")
    checked: list[tuple[UploadedFile, str]] = []
    for upload in [*files, *(held_file(row) for row in held)]:
        try:
            checked.append((upload, check_attachment(upload)))
        except ValidationError as error:
            errors.setdefault("attachments", []).extend(error.message_dict["attachments"])
    if errors:
        raise ValidationError(errors)
    if locked.status not in UNFINISHED or locked.status == DirectiveStatus.REPORTED:
        raise InvalidTransition(
            _("This directive is not awaiting a report (it is “%(status)s”).")
            % {"status": locked.get_status_display()}
        )
    period = None
    if locked.recurrence:
        period = (
            locked.periods.filter(complied_on__isnull=True).order_by("starts_on").first()
            or locked.periods.order_by("-starts_on").first()
        )
    update = ComplianceUpdate.objects.create(
        directive=locked,
        period=period,
        author=actor,
        post=reporting_post,
        author_name=actor.label,
        percent=percent,
        text=text,
    )
    with NewFiles() as new_files:  # journaled: a kill before the commit leaves no file behind
        for upload, content_type in checked:
            attachment = Attachment(
                update=update,
                filename=clean_text(upload.name)[:200],
                content_type=content_type,
                size=upload.size or 0,
            )
            name = upload.name or ""
            new_files.write(attachment.file, upload, extension=name.rsplit(".", 1)[-1])
            attachment.save()
    held_release(held, owner=actor)
    if locked.recurrence:
        if period is not None and percent == 100 and period.complied_on is None:
            period.complied_on = timezone.localdate()
            period.save(update_fields=["complied_on"])
            _recurring_due_date(locked)
        target = DirectiveStatus.IN_PROGRESS
    else:
        locked.percent_done = percent
        target = DirectiveStatus.REPORTED if percent == 100 else DirectiveStatus.IN_PROGRESS
    if target == locked.status:
        locked.save(update_fields=["percent_done", "due_date", "updated_at"])
    else:
        # A report under 100% starts the work, one of 100% reports it complied (the chair,
        # who verifies, is told): a step of the table, on the row locked above.
        engine.transition(
            workflow.DIRECTIVES,
            locked,
            "report" if target == DirectiveStatus.REPORTED else "start",
            actor=actor,
            locked=locked,
            apply=lambda row, step: ["percent_done", "due_date", *_apply(row, step)],
            after_commit=_notify,
        )
    directive.version, directive.status = locked.version, locked.status
    return update


# --- recurring directives and reminders --------------------------------------------------------


def _recurring_due_date(directive: Directive) -> None:
    """A recurring directive is due when its oldest uncomplied period is."""
    oldest = directive.periods.filter(complied_on__isnull=True).order_by("due_on").first()
    latest = directive.periods.order_by("-due_on").first()
    chosen = oldest or latest
    if chosen is not None:
        directive.due_date = chosen.due_on


@transaction.atomic
def directive_periods_advance(*, today: dt.date | None = None) -> int:
    """Give every unfinished recurring directive its due item for the current period."""
    day = today or timezone.localdate()
    made = 0
    recurring = list(
        Directive.objects.filter(status__in=UNFINISHED)
        .exclude(recurrence="")
        .select_related("meeting__committee__area")
        .select_for_update(of=("self",))
    )
    # Each directive's periods, and each meeting's calendar, read once for the whole sweep.
    starts: dict[int, set[dt.date]] = defaultdict(set)
    periods = DirectivePeriod.objects.filter(directive__in=recurring)
    for directive_id, starts_on in periods.values_list("directive_id", "starts_on"):
        starts[directive_id].add(starts_on)
    dates_of: dict[int, DueDates] = {}
    for directive in recurring:
        start, end = period_bounds(directive.recurrence, day)
        held = starts[directive.pk]
        if held and (start < min(held) or start in held):
            continue  # the first period (the chair's deadline) has not begun, or it is there
        meeting = directive.meeting
        if (dates := dates_of.get(meeting.pk)) is None:
            dates = dates_of[meeting.pk] = DueDates(
                committee=meeting.committee, meeting_date=meeting.date
            )
        due = dates.period_due(phrase=directive.deadline_phrase, start=start, end=end)
        _period, created = DirectivePeriod.objects.get_or_create(
            directive=directive, starts_on=start, defaults={"due_on": due}
        )
        if created:
            made += 1
            _recurring_due_date(directive)
            directive.save(update_fields=["due_date", "updated_at"])
    return made


def reminders_sweep(*, today: dt.date | None = None) -> int:
    """Advance recurring directives and queue a reminder check for every unfinished directive.

    Run by cron or the worker (``manage.py reviews_sweep``); safe to run any number of times.
    """
    from degs.reviews.tasks import directive_remind

    day = today or timezone.localdate()
    directive_periods_advance(today=day)
    ids = list(Directive.objects.filter(status__in=UNFINISHED).values_list("pk", flat=True))
    for pk in ids:
        directive_remind.enqueue(pk, day.isoformat())
    return len(ids)


# --- a meeting imported from a press note ------------------------------------------------------


@dataclass(frozen=True)
class ImportedDirective:
    """One order of a press note as the secretary accepted it; Devanagari text is the Hindi."""

    text: str
    lead_post: Post | None
    deadline_phrase: str = ""
    due_date: dt.date | None = None
    recurrence: str = Recurrence.NONE
    responsible: str = ""  # the addressee as the note wrote it (remembered with the lead post)


@dataclass(frozen=True)
class ImportedFigure:
    """A figure the note reports, kept for the programme it concerns."""

    value: int
    text: str
    programme: str = ""
    # The data element it reports (the indicators app's id), or None: the summary only.
    element: int | None = None


def figures_summary(figures: Sequence[ImportedFigure]) -> str:
    """The kept figures as lines of the meeting's summary, in both languages' labels, until
    programme figures have a register of their own."""
    from degs.reviews.pressnote import PROGRAMMES

    labels = {code: f"{en} / {hi}" for code, en, hi, _words in PROGRAMMES}
    lines = [
        f"- {labels.get(f.programme, 'Other / अन्य')}: {group_indian(f.value)} ({clean_text(f.text)})"
        for f in figures
    ]
    return "Figures reported / बताए गए आंकड़े:\n" + "\n".join(lines) if lines else ""


def _figures_as_values(
    actor: User | None, meeting: Meeting, figures: Sequence[ImportedFigure]
) -> None:
    """The kept figures that name a data element become its values at the district (the
    indicators app decides which it can keep, ``provided("indicators.press_note_figures")``);
    every kept figure stays in the summary too, as the note said it."""
    chosen = [f for f in figures if f.element is not None]
    write = provided("indicators.press_note_figures") if chosen else None
    if write is not None:
        write(
            actor=actor,
            meeting=meeting,
            figures=[{"element_id": f.element, "value": f.value, "text": f.text} for f in chosen],
        )


def _already_imported(found: Imported) -> AlreadyRecorded:
    return AlreadyRecorded(
        _("This note is already imported for this committee.")
        if found.same_text
        else _("This committee already has a meeting on this day under the same chair."),
        extra={"meeting": found.meeting, "same_text": found.same_text},
    )


@transaction.atomic
def meeting_import(
    *,
    actor: User | None,
    committee: Committee,
    date: dt.date,
    source: str,
    chair_name: str = "",
    attendees: Sequence[AttendanceRow] = (),
    directives: Sequence[ImportedDirective] = (),
    figures: Sequence[ImportedFigure] = (),
) -> Meeting:
    """Record a held meeting read from a press note (``source``, its text as read): the
    meeting, who attended, and each accepted directive, all or nothing.

    A note is imported once: ``AlreadyRecorded`` (``extra["meeting"]``) when the committee
    has a meeting imported from the same text, or a meeting on that day under its chair. The
    committee's row is locked first, so two imports at once run one after the other and the
    second finds the first; the database's unique constraints hold it even so.

    Every directive is tried, so that the secretary sees each row's error at once; then
    ``ImportRejected`` with ``extra["rows"]`` (row index → ValidationError) undoes the lot.
    Once all are recorded, each directive's addressee as written is remembered for the
    committee's district with the lead post it was given (``addressee_remember``), in the
    same transaction: an import undone leaves no memory.
    """
    if date > timezone.localdate():
        raise ValidationError(
            {"date": _("The note reports a meeting held: give a date up to today.")}
        )
    _require_manage(actor, committee.area)
    committee = Committee.objects.select_for_update().select_related("area").get(pk=committee.pk)
    fingerprint = note_fingerprint(source)
    found = imported_already(committee=committee, fingerprint=fingerprint, date=date)
    if found is not None:
        raise _already_imported(found)
    try:
        with transaction.atomic():
            meeting = meeting_create(
                actor=actor,
                committee=committee,
                date=date,
                chair_name=chair_name,
                summary=figures_summary(figures),
                source_hash=fingerprint,
            )
    except IntegrityError as error:  # another import committed in between
        found = imported_already(committee=committee, fingerprint=fingerprint, date=date)
        if found is None:
            raise
        raise _already_imported(found) from error
    if attendees:
        attendance_record(actor=actor, meeting=meeting, rows=attendees, version=None)
    _figures_as_values(actor, meeting, figures)
    errors: dict[int, ValidationError] = {}
    due_dates = DueDates(committee=committee, meeting_date=date)
    for index, row in enumerate(directives):
        try:
            if row.lead_post is None:
                raise ValidationError({"lead_post": _("Choose the post that must act.")})
            text = clean_paragraphs(row.text)
            devanagari = has_devanagari(text)
            with transaction.atomic():
                directive_create(
                    actor=actor,
                    meeting=meeting,
                    lead_post=row.lead_post,
                    text="" if devanagari else text,
                    text_hi=text if devanagari else "",
                    deadline_phrase=row.deadline_phrase,
                    due_date=row.due_date,
                    recurrence=row.recurrence,
                    due_dates=due_dates,
                )
        except ValidationError as error:
            errors[index] = error
        except InvalidTransition as error:
            errors[index] = ValidationError(str(error.message))
    if errors:
        raise ImportRejected(
            _("Some directives need correcting. Nothing was saved."), extra={"rows": errors}
        )
    _remember_addressees(actor, committee, directives)
    return meeting


def _remember_addressees(
    actor: User | None, committee: Committee, directives: Sequence[ImportedDirective]
) -> None:
    """Each addressee of the saved directives, with the lead post it was given, becomes what
    the committee's district proposes next time. An addressee given two different posts in
    the same note says nothing about either: it is left as it was."""
    district = district_of(committee.area)
    if district is None:
        return
    chosen: dict[str, tuple[str, dict[int, Post]]] = {}  # key: (phrase, the posts given it)
    for row in directives:
        key = addressee_key(row.responsible)
        if key and row.lead_post is not None:
            chosen.setdefault(key, (row.responsible, {}))[1][row.lead_post.pk] = row.lead_post
    for phrase, posts in chosen.values():
        if len(posts) == 1:
            (post,) = posts.values()
            addressee_remember(actor=actor, district=district, phrase=phrase, post=post)


def _remembered(district: Area, key: str) -> AddresseePost | None:
    return AddresseePost.objects.select_for_update().filter(district=district, key=key).first()


@transaction.atomic
def addressee_remember(
    *, actor: User | None, district: Area, phrase: str, post: Post
) -> AddresseePost:
    """The district's addressee ``phrase`` (as written) is ``post``: the row is made, confirmed
    (``times`` + 1) or, for another post, changed to it (``times`` back to 1). Two imports
    writing the same phrase at once both succeed: the second finds the first's row when the
    unique constraint refuses its own."""
    _require_manage(actor, district)
    key = addressee_key(phrase)
    if not key:
        raise ValidationError({"phrase": _("Give the addressee as the note writes it.")})
    phrase = clean_text(phrase)[:ADDRESSEE_MAX]
    row: AddresseePost | None = _remembered(district, key)
    if row is None:
        row = AddresseePost(
            district=district, phrase=phrase, key=key, post=post, times=1, set_by=actor
        )
        row.full_clean(validate_constraints=False)  # the database holds the one per key
        row._history_user = actor  # type: ignore[attr-defined]
        try:
            with transaction.atomic():
                row.save()
            return row
        except IntegrityError:  # another import wrote it after we looked: update theirs
            row = AddresseePost.objects.select_for_update().get(district=district, key=key)
    changes = {
        "phrase": phrase,
        "post": post,
        "times": row.times + 1 if row.post_id == post.pk else 1,
        "set_by": actor,
    }
    for name, value in changes.items():
        setattr(row, name, value)
    row._history_user = actor  # type: ignore[union-attr]
    row.save(update_fields=["phrase", "post", "times", "set_by", "updated_at"])
    return row
