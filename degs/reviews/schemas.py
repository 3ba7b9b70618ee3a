import datetime as dt

from ninja import Schema

from degs.core.api import Id, LocalTime
from degs.core.schemas import Text


class PostRef(Schema):
    id: int
    label: str


class CommitteeOut(Schema):
    id: int
    kind: str
    name: str
    name_hi: str
    area_id: int
    chair_post: PostRef
    secretary_post: PostRef | None
    is_active: bool


class MeetingOut(Schema):
    id: int
    committee_id: int
    date: dt.date
    time: dt.time | None
    venue: str
    mode: str
    chair_post: PostRef
    chair_name: str
    status: str
    version: int


class MeetingIn(Schema):
    committee_id: Id
    date: dt.date
    time: LocalTime | None = None
    venue: Text = ""
    mode: Text = "in_person"
    chair_name: Text = ""
    agenda: list[Text] = []


class TransitionIn(Schema):
    action: Text
    version: int
    remark: Text = ""


class AttendanceRowIO(Schema):
    post_id: Id | None = None
    invitee: str = ""
    name: str = ""
    present: bool = True


class AttendanceRowIn(AttendanceRowIO):
    """A row as sent: its text checked (core.schemas.Text). Rows read back are plain text, so
    a row kept before the check still answers."""

    invitee: Text = ""
    name: Text = ""


class AttendanceIn(Schema):
    version: int
    rows: list[AttendanceRowIn]


class DirectiveOut(Schema):
    id: int
    meeting_id: int
    number: int
    text: str
    text_hi: str
    lead_post: PostRef
    supporting_post_ids: list[int]
    priority: str
    deadline_phrase: str
    due_date: dt.date
    recurrence: str
    status: str
    overdue: bool
    percent_done: int
    reported_on: dt.date | None
    version: int

    @staticmethod
    def resolve_supporting_post_ids(obj: object) -> list[int]:
        return [p.pk for p in obj.supporting_posts.all()]  # type: ignore[attr-defined]

    @staticmethod
    def resolve_overdue(obj: object) -> bool:
        return bool(obj.is_overdue())  # type: ignore[attr-defined]


class DirectiveIn(Schema):
    text: Text = ""
    text_hi: Text = ""
    lead_post_id: Id
    supporting_post_ids: list[Id] = []
    agenda_item_id: Id | None = None
    priority: Text = "normal"
    deadline_phrase: Text = ""
    due_date: dt.date | None = None
    recurrence: Text = ""


class UpdateIn(Schema):
    percent: int
    text: Text


class UpdateOut(Schema):
    id: int
    directive_id: int
    post: PostRef
    author_name: str
    percent: int
    text: str
    created_at: dt.datetime


class PressNoteIn(Schema):
    committee_id: Id
    text: Text
    published: dt.date | None = None


class NoteSpan(Schema):
    start: int
    end: int


class NotePersonOut(Schema):
    name: str
    designation: str
    post_id: int | None
    source: NoteSpan


class NoteDirectiveOut(Schema):
    text: str
    responsible: str
    lead_post_id: int | None
    # The lead post is the one the committee's district gave this addressee in its saved
    # imports, not the reader's guess.
    lead_post_remembered: bool = False
    deadline_phrase: str
    due_date: dt.date | None  # what the phrase sets from the meeting date, when it can be read
    recurrence: str
    sentence: NoteSpan
    order: NoteSpan


class NoteCandidateOut(Schema):
    """Someone else the reader weighed as the chair, and where the note names them."""

    name: str
    designation: str
    source: NoteSpan | None


class NoteFigureOut(Schema):
    value: int
    text: str
    programme: str
    source: NoteSpan


class NoteImportedOut(Schema):
    """The committee's meeting that already holds this note: imported from the same text
    (``same_text``), or the meeting on the note's date under the committee's chair."""

    meeting_id: int
    date: dt.date
    same_text: bool


class PressNoteOut(Schema):
    """A note read for review; nothing is saved. Offsets point into ``text``.
    ``already_imported`` names the meeting that holds it already: do not record it again."""

    text: str
    district: str | None
    # Where each was read in ``text`` (null when it was not), and what else the reader weighed.
    district_source: NoteSpan | None = None
    other_districts: list[str] = []
    meeting_date: dt.date | None
    date_phrase: str | None
    date_source: NoteSpan | None = None
    chair_name: str
    chair_designation: str
    chair_source: NoteSpan | None = None
    chair_candidates: list[NoteCandidateOut] = []
    attendees: list[NotePersonOut]
    directives: list[NoteDirectiveOut]
    figures: list[NoteFigureOut]
    already_imported: NoteImportedOut | None = None
