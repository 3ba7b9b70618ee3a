"""Reviews API: committees, meetings, attendance, directives and their updates, scoped."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Router
from ninja.pagination import paginate

from degs.core.api import Pagination, act_on
from degs.core.filters import list_operation
from degs.core.typing import AuthedRequest
from degs.directory.models import Post
from degs.reviews import selectors, services
from degs.reviews.filters import DirectiveFilterSet, MeetingFilterSet
from degs.reviews.schemas import (
    AttendanceIn,
    AttendanceRowIO,
    CommitteeOut,
    DirectiveIn,
    DirectiveOut,
    MeetingIn,
    MeetingOut,
    PressNoteIn,
    PressNoteOut,
    TransitionIn,
    UpdateIn,
    UpdateOut,
)
from degs.reviews.sources import SourceError, text_from_paste

router = Router(tags=["reviews"])


def _post(request: AuthedRequest, pk: int, field: str) -> Post:
    post = Post.objects.visible_to(request.user).filter(pk=pk).select_related("area").first()
    if post is None:
        raise ValidationError({field: _("Unknown post.")})
    return post


@router.get("/committees/", response=list[CommitteeOut])
@paginate(Pagination)
def list_committees(request: AuthedRequest) -> object:
    return selectors.committee_list(user=request.user).select_related("secretary_post")


list_operation(router, "/meetings/", MeetingFilterSet, MeetingOut, name="list_meetings")


@router.get("/meetings/{meeting_id}/", response=MeetingOut)
def get_meeting(request: AuthedRequest, meeting_id: int) -> object:
    return selectors.meeting_get(user=request.user, pk=meeting_id)


@router.post("/meetings/", response={201: MeetingOut})
def create_meeting(request: AuthedRequest, payload: MeetingIn) -> object:
    committee = selectors.committee_get(user=request.user, pk=payload.committee_id)
    meeting = services.meeting_create(
        actor=request.user,
        committee=committee,
        date=payload.date,
        time=payload.time,
        venue=payload.venue,
        mode=payload.mode,
        chair_name=payload.chair_name,
        agenda=services.agenda_from_lines(payload.agenda),
    )
    return 201, meeting


@router.post("/meetings/{meeting_id}/transition/", response=MeetingOut)
def transition_meeting(request: AuthedRequest, meeting_id: int, payload: TransitionIn) -> object:
    return act_on(
        request,
        meeting_id,
        read=selectors.meeting_get,
        service=services.meeting_transition,
        subject="meeting",
        payload=payload,
    )


@router.get("/meetings/{meeting_id}/attendance/", response=list[AttendanceRowIO])
def get_attendance(request: AuthedRequest, meeting_id: int) -> object:
    meeting = selectors.meeting_get(user=request.user, pk=meeting_id)
    return list(meeting.attendance.all())


@router.put("/meetings/{meeting_id}/attendance/", response=list[AttendanceRowIO])
def put_attendance(request: AuthedRequest, meeting_id: int, payload: AttendanceIn) -> object:
    meeting = selectors.meeting_get(user=request.user, pk=meeting_id)
    rows = [
        services.AttendanceRow(
            post=_post(request, row.post_id, "post") if row.post_id else None,
            invitee=row.invitee,
            name=row.name,
            present=row.present,
        )
        for row in payload.rows
    ]
    return services.attendance_record(
        actor=request.user,
        meeting=meeting,
        rows=rows,
        version=payload.version,
    )


list_operation(router, "/directives/", DirectiveFilterSet, DirectiveOut, name="list_directives")


@router.get("/directives/{directive_id}/", response=DirectiveOut)
def get_directive(request: AuthedRequest, directive_id: int) -> object:
    return selectors.directive_get(user=request.user, pk=directive_id)


@router.post("/meetings/{meeting_id}/directives/", response={201: DirectiveOut})
def create_directive(request: AuthedRequest, meeting_id: int, payload: DirectiveIn) -> object:
    meeting = selectors.meeting_get(user=request.user, pk=meeting_id)
    agenda_item = (
        meeting.agenda_items.filter(pk=payload.agenda_item_id).first()
        if payload.agenda_item_id
        else None
    )
    if payload.agenda_item_id and agenda_item is None:
        raise ValidationError({"agenda_item": _("Choose an item of this meeting's agenda.")})
    directive = services.directive_create(
        actor=request.user,
        meeting=meeting,
        text=payload.text,
        text_hi=payload.text_hi,
        lead_post=_post(request, payload.lead_post_id, "lead_post"),
        supporting_posts=[
            _post(request, pk, "supporting_posts") for pk in payload.supporting_post_ids
        ],
        agenda_item=agenda_item,
        priority=payload.priority,
        deadline_phrase=payload.deadline_phrase,
        due_date=payload.due_date,
        recurrence=payload.recurrence,
    )
    return 201, selectors.directive_get(user=request.user, pk=directive.pk)


@router.post("/directives/{directive_id}/transition/", response=DirectiveOut)
def transition_directive(
    request: AuthedRequest, directive_id: int, payload: TransitionIn
) -> object:
    return act_on(
        request,
        directive_id,
        read=selectors.directive_get,
        service=services.directive_transition,
        subject="directive",
        payload=payload,
    )


@router.get("/directives/{directive_id}/updates/", response=list[UpdateOut])
def list_updates(request: AuthedRequest, directive_id: int) -> object:
    directive = selectors.directive_get(user=request.user, pk=directive_id)
    return list(selectors.directive_updates(directive=directive))


@router.post("/directives/{directive_id}/updates/", response={201: UpdateOut})
def create_update(request: AuthedRequest, directive_id: int, payload: UpdateIn) -> object:
    directive = selectors.directive_get(user=request.user, pk=directive_id)
    update = services.directive_report(
        actor=request.user,
        directive=directive,
        percent=payload.percent,
        text=payload.text,
    )
    return 201, update


def _placed(place: tuple[int, int] | None) -> dict[str, int] | None:
    return _span(*place) if place is not None else None


def _span(start: int, end: int) -> dict[str, int]:
    return {"start": start, "end": end}


@router.post("/press-notes/read/", response=PressNoteOut)
def read_press_note(request: AuthedRequest, payload: PressNoteIn) -> object:
    """Read a press note or minutes into a draft meeting for a committee whose meetings the
    caller records: the date, chair, attendees, directives (with the post each most likely
    means and the due date its deadline phrase sets) and figures, each with its place in the
    cleaned ``text``. Saves nothing: create the meeting, attendance and directives with the
    endpoints above once a person has checked them."""
    committee = get_object_or_404(
        selectors.committees_to_record(user=request.user), pk=payload.committee_id
    )
    try:
        text = text_from_paste(payload.text)
    except SourceError as error:
        raise ValidationError({"text": error.message}) from error
    draft = selectors.import_draft(
        user=request.user, committee=committee, text=text, published=payload.published
    )
    return {
        "text": draft.reading.text,
        "district": draft.district or None,
        "district_source": _placed(draft.district_source),
        "other_districts": draft.district_others,
        "meeting_date": draft.date,
        "date_phrase": draft.reading.date_phrase,
        "date_source": _placed(draft.date_source),
        "chair_name": draft.chair_name,
        "chair_designation": draft.chair_designation,
        "chair_source": _placed(draft.chair_source),
        "chair_candidates": [
            {
                "name": person["name"],
                "designation": person["designation"],
                "source": _placed(person["source"]),
            }
            for person in draft.chair_candidates
        ],
        "attendees": [
            {
                "name": a["name"],
                "designation": a["designation"],
                "post_id": a["post"],
                "source": _span(a["start"], a["end"]),
            }
            for a in draft.attendees
        ],
        "directives": [
            {
                "text": d["text"],
                "responsible": d["responsible"],
                "lead_post_id": d["lead_post"],
                "lead_post_remembered": d["remembered_post"] is not None,
                "deadline_phrase": d["deadline_phrase"],
                "due_date": d["due_hint"],
                "recurrence": d["recurrence"],
                "sentence": _span(d["s_start"], d["s_end"]),
                "order": _span(d["o_start"], d["o_end"]),
            }
            for d in draft.directives
        ],
        "figures": [
            {
                "value": f["value"],
                "text": f["text"],
                "programme": f["programme"],
                "source": _span(f["start"], f["end"]),
            }
            for f in draft.figures
        ],
        "already_imported": None
        if draft.already is None
        else {
            "meeting_id": draft.already.meeting.pk,
            "date": draft.already.meeting.date,
            "same_text": draft.already.same_text,
        },
    }
