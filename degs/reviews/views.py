"""Review pages: the directive register, "my directives", committees, meetings, directives."""

from __future__ import annotations

import datetime as dt
import functools
import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from degs.core.downloads import stored_file_response
from degs.core.exceptions import (
    AlreadyRecorded,
    ImportRejected,
    InvalidTransition,
    PermissionDenied,
)
from degs.core.filters import ScopedFilterSet
from degs.core.forms import REFUSALS, add_service_errors, service_on_form
from degs.core.generic import ScopedDetailView, ServiceFormView, TransitionView
from degs.core.htmx import is_htmx
from degs.core.lists import ScopedListView
from degs.core.permissions import Capability, require_section, user_can
from degs.core.typing import AuthedRequest
from degs.reviews import documents, selectors, services, workflow
from degs.reviews.choices import MeetingStatus
from degs.reviews.filters import DirectiveFilterSet
from degs.reviews.forms import (
    AgendaItemForm,
    AttendanceForm,
    CommitteeForm,
    DeadlinePreviewForm,
    DirectiveForm,
    ImportAttendeeFormSet,
    ImportDirectiveForm,
    ImportDirectiveFormSet,
    ImportFigureFormSet,
    ImportReviewForm,
    ImportSourceForm,
    MeetingForm,
    ReportForm,
    TransitionForm,
    press_note_elements,
)
from degs.reviews.models import Committee, Directive, Meeting

# --- the register and my directives ------------------------------------------------------------


class RegisterView(ScopedListView):
    """Every directive the user may see, filtered; per-post compliance; XLSX export."""

    filterset_class = DirectiveFilterSet
    template_name = "reviews/register.html"
    export_formats = ("xlsx",)
    section = "reviews"

    def export(self, filterset: ScopedFilterSet, fmt: str) -> HttpResponse:
        return documents.register_xlsx(filterset.qs)

    def extra_context(self, request: HttpRequest, filterset: ScopedFilterSet) -> dict[str, Any]:
        return {
            "by_post": selectors.compliance_by_post(filterset.qs),
            "can_import": user_can(request.user, Capability.REVIEWS_MANAGE),
        }


register = RegisterView.as_view()


@login_required
@require_GET
def mine(request: AuthedRequest) -> HttpResponse:
    """The directives on the posts the user holds today, with the report form in place."""
    directives = list(selectors.my_directives(user=request.user)[:200])
    rows = [(d, ReportForm(prefix_pk=d.pk)) for d in directives]
    return render(request, "reviews/mine.html", {"rows": rows})


# --- committees --------------------------------------------------------------------------------


@login_required
@require_GET
def committee_list(request: AuthedRequest) -> HttpResponse:
    require_section(request.user, "reviews")
    committees = selectors.committee_list(user=request.user)
    return render(
        request,
        "reviews/committee_list.html",
        {
            "committees": committees,
            "can_manage": user_can(request.user, Capability.REVIEWS_MANAGE),
        },
    )


class CommitteeCreateView(ServiceFormView):
    form_class = CommitteeForm
    template_name = "reviews/committee_form.html"
    capability = Capability.REVIEWS_MANAGE
    success_message = gettext_lazy("The committee is set up.")
    success_url_name = "reviews:committee_detail"

    def get_form_kwargs(self, request: AuthedRequest) -> dict[str, Any]:
        areas, posts = selectors.committee_form_choices(user=request.user)
        return {"areas": areas, "posts": posts}

    def perform(self, request: AuthedRequest, form: Any) -> Committee:
        return services.committee_create(actor=request.user, **form.cleaned_data)


committee_create = CommitteeCreateView.as_view()


class CommitteeDetailView(ScopedDetailView):
    template_name = "reviews/committee_detail.html"

    def get_object(self, request: AuthedRequest) -> Committee:
        return selectors.committee_get(user=request.user, pk=self.kwargs["pk"])

    def get_context_data(self, request: AuthedRequest, obj: Committee) -> dict[str, Any]:
        return {
            "committee": obj,
            "members": obj.members.select_related("designation", "area"),
            "meetings": selectors.meeting_list(user=request.user, committee=obj),
            "can_manage": user_can(request.user, Capability.REVIEWS_MANAGE, obj.area),
        }


committee_detail = CommitteeDetailView.as_view()


# --- meetings ----------------------------------------------------------------------------------


class MeetingCreateView(ServiceFormView):
    """A meeting of a committee the user records meetings for, with its agenda (a line an
    item); those who record none are refused."""

    form_class = MeetingForm
    template_name = "reviews/meeting_form.html"
    success_message = gettext_lazy("The meeting is recorded.")
    success_url_name = "reviews:meeting_detail"

    def gate(self, request: HttpRequest) -> None:
        self.committees = selectors.committees_to_record(user=request.user)
        if not self.committees.exists():
            raise PermissionDenied

    def get_initial(self, request: AuthedRequest) -> dict[str, Any]:
        return {"committee": request.GET.get("committee")}

    def get_form_kwargs(self, request: AuthedRequest) -> dict[str, Any]:
        return {"committees": self.committees}

    def perform(self, request: AuthedRequest, form: Any) -> Meeting:
        data = form.cleaned_data
        agenda = services.agenda_from_lines(data["agenda"].splitlines())
        return services.meeting_create(actor=request.user, **{**data, "agenda": agenda})


meeting_create = MeetingCreateView.as_view()


def _meeting_context(request: AuthedRequest, meeting: Meeting) -> dict[str, Any]:
    parts = selectors.meeting_parts(request.user, meeting)
    return {
        "meeting": meeting,
        "page": selectors.meeting_page(meeting=meeting),
        "parts": parts,
        "is_secretary": workflow.SECRETARY in parts
        and meeting.status != MeetingStatus.MINUTES_APPROVED,
        "can_add_directives": workflow.SECRETARY in parts
        and meeting.status in workflow.MEETING_OPEN_FOR_DIRECTIVES,
        "actions": workflow.MEETINGS.allowed(meeting.status, parts),
        "agenda_form": AgendaItemForm(),
    }


meeting_detail = ScopedDetailView.as_view(
    read=selectors.meeting_get,
    template_name="reviews/meeting_detail.html",
    page_context=_meeting_context,
)


class MeetingTransitionView(TransitionView):
    """A meeting's status change from its page's buttons; refused, the page again with why."""

    form_class = TransitionForm
    template_name = "reviews/meeting_detail.html"
    success_message = gettext_lazy("The meeting's status is changed.")
    read = staticmethod(selectors.meeting_get)
    service = staticmethod(services.meeting_transition)
    subject = "meeting"
    page_context = staticmethod(_meeting_context)
    success_url_name = "reviews:meeting_detail"


meeting_transition = MeetingTransitionView.as_view()


class AgendaAddView(TransitionView):
    """A topic added to a meeting's agenda from its page; refused, the page again with it."""

    form_class = AgendaItemForm
    template_name = "reviews/meeting_detail.html"
    success_message = gettext_lazy("The topic is on the agenda.")
    refusals = ()  # only the topic's own errors; the rest is the error page's
    read = staticmethod(selectors.meeting_get)
    service = staticmethod(services.agenda_item_add)
    subject = "meeting"
    page_context = staticmethod(_meeting_context)
    form_context_name = "agenda_form"
    success_url_name = "reviews:meeting_detail"


agenda_add = AgendaAddView.as_view()


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request: AuthedRequest, pk: int) -> HttpResponse:
    """The attendance sheet: the committee's member posts, then anyone recorded besides."""
    meeting = selectors.meeting_get(user=request.user, pk=pk)
    if workflow.SECRETARY not in selectors.meeting_parts(request.user, meeting):
        raise PermissionDenied
    sheet = selectors.attendance_sheet(meeting=meeting)
    form = AttendanceForm(
        request.POST or None,
        posts=sheet.rows,
        initial={"invitees": sheet.invitees, "version": meeting.version},
    )
    if request.method == "POST" and form.is_valid():
        rows = [
            services.AttendanceRow(
                post=post,
                present=form.cleaned_data[f"present_{post.pk}"],
                name=form.cleaned_data[f"name_{post.pk}"],
            )
            for post in form.post_rows
        ] + [services.AttendanceRow(invitee=w, name=n) for w, n in form.invitee_lines()]
        if service_on_form(
            form,
            lambda: services.attendance_record(
                actor=request.user,
                meeting=meeting,
                rows=rows,
                version=form.cleaned_data["version"],
            ),
        ):
            messages.success(request, _("Attendance is saved."))
            return redirect("reviews:meeting_detail", pk)
    return render(request, "reviews/attendance_form.html", {"meeting": meeting, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def directive_create(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, pk=pk)
    if workflow.SECRETARY not in selectors.meeting_parts(request.user, meeting):
        raise PermissionDenied
    posts = selectors.posts_for_committee(user=request.user, committee=meeting.committee)
    form = DirectiveForm(request.POST or None, posts=posts, agenda=meeting.agenda_items.all())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        directive = service_on_form(
            form,
            lambda: services.directive_create(
                actor=request.user,
                meeting=meeting,
                text=data["text"],
                text_hi=data["text_hi"],
                lead_post=data["lead_post"],
                supporting_posts=list(data["supporting_posts"]),
                agenda_item=data["agenda_item"],
                priority=data["priority"],
                deadline_phrase=data["deadline_phrase"],
                due_date=data["due_date"],
                recurrence=data["recurrence"] or "",
            ),
            REFUSALS,
        )
        if directive:
            messages.success(
                request,
                _("Directive %(n)s is recorded, due %(due)s.")
                % {"n": directive.number, "due": directive.due_date.strftime("%d-%m-%Y")},
            )
            if "another" in request.POST:
                return redirect("reviews:directive_create", pk)
            return redirect("reviews:meeting_detail", pk)
    return render(request, "reviews/directive_form.html", {"meeting": meeting, "form": form})


@login_required
@require_GET
def minutes_pdf(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, pk=pk)
    return documents.meeting_pdf(request, meeting, kind="minutes")


@login_required
@require_GET
def atr_pdf(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, pk=pk)
    return documents.meeting_pdf(request, meeting, kind="atr")


# --- one directive -----------------------------------------------------------------------------


def _directive_context(request: AuthedRequest, directive: Directive) -> dict[str, Any]:
    parts = selectors.directive_parts(request.user, directive)
    return {
        "directive": directive,
        "meeting_visible": Meeting.objects.visible_to(request.user)
        .filter(pk=directive.meeting_id)
        .exists(),
        "updates": selectors.directive_updates(directive=directive),
        "events": selectors.directive_events(directive=directive),
        "periods": directive.periods.all() if directive.recurrence else [],
        "actions": [
            t
            for t in workflow.DIRECTIVES.allowed(directive.status, parts)
            if workflow.OWNER not in t.parts
        ],
        "can_report": workflow.OWNER in parts
        and directive.status in ("open", "in_progress", "reopened"),
        "report_form": ReportForm(prefix_pk=directive.pk),
        "target_progress": directive.target_progress(),
    }


directive_detail = ScopedDetailView.as_view(
    read=selectors.directive_get,
    template_name="reviews/directive_detail.html",
    page_context=_directive_context,
)


@login_required
@require_POST
def directive_report(request: AuthedRequest, pk: int) -> HttpResponse:
    """A compliance update, from "My directives" (htmx, answers the card) or the detail page."""
    directive = selectors.directive_get(user=request.user, pk=pk)
    form = ReportForm(request.POST, request.FILES, prefix_pk=directive.pk)
    # Files that pass are held for this form first, so a report refused for its text or share
    # does not ask for them again (on a slow link, minutes of sending).
    form.held, refused = services.attachments_hold(
        actor=request.user,
        token=form.held_token(),
        files=request.FILES.getlist(form.add_prefix("attachments")),
        remove=form.removed_held(),
    )
    saved = False
    valid = form.is_valid()
    for problem in refused:
        form.add_error("attachments", problem)
    if valid and not refused:
        saved = service_on_form(
            form,
            lambda: services.directive_report(
                actor=request.user,
                directive=directive,
                percent=form.cleaned_data["percent"],
                text=form.cleaned_data["text"],
                held=form.held,
            ),
            (InvalidTransition, PermissionDenied),
        )
    status = 200 if saved else 400
    if is_htmx(request):
        directive = selectors.directive_get(user=request.user, pk=pk)
        return render(
            request,
            "reviews/partials/directive_card.html",
            {
                "directive": directive,
                "form": ReportForm(prefix_pk=pk) if saved else form,
                "saved": saved,
            },
            status=200 if saved else 422,
        )
    if saved:
        messages.success(request, _("Your report is saved."))
        return redirect("reviews:directive_detail", pk)
    context = _directive_context(request, directive)
    context["report_form"] = form
    return render(request, "reviews/directive_detail.html", context, status=status)


class DirectiveTransitionView(TransitionView):
    """A directive's verification step from its page; refused, the page again with why."""

    form_class = TransitionForm
    template_name = "reviews/directive_detail.html"
    success_message = gettext_lazy("The directive's status is changed.")
    read = staticmethod(selectors.directive_get)
    service = staticmethod(services.directive_transition)
    subject = "directive"
    page_context = staticmethod(_directive_context)
    success_url_name = "reviews:directive_detail"


directive_transition = DirectiveTransitionView.as_view()


@login_required
@require_GET
def attachment_download(request: AuthedRequest, pk: int) -> FileResponse:
    attachment = selectors.attachment_get(user=request.user, pk=pk)
    return stored_file_response(
        attachment.file, filename=attachment.filename, content_type=attachment.content_type
    )


@login_required
@require_GET
def deadline_preview(request: AuthedRequest, pk: int) -> HttpResponse:
    """The due date the directive will be saved with, from the phrase, the date and the
    repeat as typed so far (htmx, as the secretary types): ``selectors.directive_due``, the
    function the save uses."""
    meeting = selectors.meeting_get(user=request.user, pk=pk)
    form = DeadlinePreviewForm(request.GET)
    due, error = None, ""
    if not form.is_valid():
        error = " ".join(str(e) for errors in form.errors.values() for e in errors)
    elif any(form.cleaned_data.values()):
        try:
            due = selectors.directive_due(
                committee=meeting.committee,
                meeting_date=meeting.date,
                phrase=form.cleaned_data["deadline_phrase"],
                due_date=form.cleaned_data["due_date"],
                recurrence=form.cleaned_data["recurrence"] or "",
            ).due
        except ValidationError as exc:
            error = " ".join(exc.messages)
    return render(request, "reviews/partials/deadline_preview.html", {"due": due, "error": error})


# --- a meeting from a press note ---------------------------------------------------------------


def _sentence(source: str, form: ImportDirectiveForm) -> tuple[str, str, str]:
    """The directive's sentence cut around the order read from it, for highlighting."""
    s_start, s_end = form.offset("s_start"), min(form.offset("s_end"), len(source))
    o_start = min(max(form.offset("o_start"), s_start), s_end)
    o_end = min(max(form.offset("o_end"), o_start), s_end)
    return source[s_start:o_start], source[o_start:o_end], source[o_end:s_end]


FIELD_SOURCES = ("date", "chair", "district")  # each marked in the note as #src-<name>


def _field_places(source: str, review: ImportReviewForm) -> dict[str, tuple[int, int]]:
    """Where the date, the chair and the district were read, as the review carries them."""
    places = {}
    for name in FIELD_SOURCES:
        start = review.offset(f"{name}_start")
        end = min(review.offset(f"{name}_end"), len(source))
        if start < end:
            places[name] = (start, end)
    return places


def _chair_offers(review: ImportReviewForm) -> list[dict[str, Any]]:
    """The people who may have chaired, the reader's choice first: a button each, hidden for
    the one the fields hold now (the page's script keeps that so as they change)."""
    name, designation = review["chair_name"].value() or "", review["chair_designation"].value()
    offers = []
    for who, what in review.chair_choices():
        offers.append(
            {
                "name": who,
                "designation": what,
                "label": ", ".join(part for part in (who, what) if part),
                "current": (who, what) == (name, designation or ""),
            }
        )
    return offers


def _render_review(
    request: AuthedRequest,
    review: ImportReviewForm,
    attendees: Any,
    directives: Any,
    figures: Any,
    errors: str = "",
    already: selectors.Imported | None = None,
    *,
    committee: Committee,
    committees: Any,
) -> HttpResponse:
    source = review.source_text()
    places = _field_places(source, review)
    marks = (
        [
            selectors.Mark(f.offset("s_start"), f.offset("s_end"), f"src-d{i + 1}", str(i + 1))
            for i, f in enumerate(directives.forms)
        ]
        + [selectors.Mark(f.offset("start"), f.offset("end")) for f in attendees.forms]
        + [selectors.Mark(f.offset("start"), f.offset("end")) for f in figures.forms]
        + [
            selectors.Mark(start, end, f"src-{name}", field=True)
            for name, (start, end) in places.items()
        ]
    )
    published = review["published"].value()
    offers = _chair_offers(review)
    context = {
        "review": review,
        "attendees": attendees,
        "directives": directives,
        "figures": figures,
        "directive_rows": [(f, *_sentence(source, f)) for f in directives.forms],
        "source_parts": selectors.marked_source(source, marks),
        "errors": errors,
        "already": already,
        "date_phrase": review["date_phrase"].value(),
        "quotes": {name: source[start:end] for name, (start, end) in places.items()},
        "chair_offers": offers if any(not o["current"] for o in offers) else [],
        "chair_names": list(dict.fromkeys(o["name"] for o in offers if o["name"])),
        "chair_designations": list(
            dict.fromkeys(o["designation"] for o in offers if o["designation"])
        ),
        "district": selectors.note_district(
            user=request.user,
            committee=committee,
            name=review["district"].value() or "",
            committees=committees,
        ),
        "other_districts": review.other_districts(),
        "read_again": {
            "text": source,
            "published": published.isoformat()
            if isinstance(published, dt.date)
            else published or "",
        },
    }
    status = 400 if review.is_bound else 200
    return render(request, "reviews/meeting_import_review.html", context, status=status)


def _import_save(request: AuthedRequest, committees: Any) -> HttpResponse:
    review = ImportReviewForm(request.POST, committees=committees)
    try:
        committee = review.fields["committee"].clean(request.POST.get("committee"))
    except ValidationError as error:
        raise Http404 from error  # a committee the user may not record: as if it did not exist
    posts = selectors.import_posts(user=request.user, committee=committee)
    attendees = ImportAttendeeFormSet(request.POST, prefix="a", form_kwargs={"posts": posts})
    directives = ImportDirectiveFormSet(request.POST, prefix="d", form_kwargs={"posts": posts})
    figures = ImportFigureFormSet(
        request.POST, prefix="f", form_kwargs={"elements": press_note_elements()}
    )
    rerender = functools.partial(_render_review, committee=committee, committees=committees)
    if not all(f.is_valid() for f in (review, attendees, directives, figures)):
        return rerender(request, review, attendees, directives, figures)
    kept = [f for f in directives.forms if f.cleaned_data.get("keep")]
    try:
        meeting = services.meeting_import(
            actor=request.user,
            committee=committee,
            date=review.cleaned_data["date"],
            source=review.cleaned_data["source"],
            chair_name=review.cleaned_data["chair_name"],
            attendees=[
                services.AttendanceRow(
                    post=d["post"],
                    invitee="" if d["post"] else (d["designation"] or d["name"]),
                    name=d["name"],
                )
                for d in (f.cleaned_data for f in attendees.forms)
                if d.get("keep")
            ],
            directives=[
                services.ImportedDirective(
                    text=f.cleaned_data["text"],
                    responsible=f.cleaned_data["responsible"],
                    lead_post=f.cleaned_data["lead_post"],
                    deadline_phrase=f.cleaned_data["deadline_phrase"],
                    due_date=f.cleaned_data["due_date"],
                    recurrence=f.cleaned_data["recurrence"] or "",
                )
                for f in kept
            ],
            figures=[
                services.ImportedFigure(
                    value=d["value"],
                    text=d["text"],
                    programme=d["programme"] or "",
                    element=d.get("element"),
                )
                for d in (f.cleaned_data for f in figures.forms)
                if d.get("keep")
            ],
        )
    except AlreadyRecorded as error:
        return rerender(
            request,
            review,
            attendees,
            directives,
            figures,
            already=selectors.Imported(error.extra["meeting"], error.extra["same_text"]),
        )
    except ImportRejected as error:
        for index, row_error in error.extra.get("rows", {}).items():
            add_service_errors(kept[index], row_error)
        return rerender(request, review, attendees, directives, figures, str(error.message))
    except ValidationError as error:
        add_service_errors(review, error)
        return rerender(request, review, attendees, directives, figures)
    except InvalidTransition as error:
        return rerender(request, review, attendees, directives, figures, str(error.message))
    messages.success(
        request,
        _("The meeting is recorded with %(n)s directives.") % {"n": len(kept)},
    )
    return redirect("reviews:meeting_detail", meeting.pk)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_import(request: AuthedRequest) -> HttpResponse:
    """A meeting from a press note or minutes: read the text, review each item beside the
    sentence it came from, then save it all in one go. Nothing is written before the save."""
    committees = selectors.committees_to_record(user=request.user)
    if not committees.exists():
        raise PermissionDenied
    if request.method == "POST" and request.POST.get("step") == "save":
        return _import_save(request, committees)
    form = ImportSourceForm(
        request.POST or None,
        request.FILES or None,
        committees=committees,
        initial={"committee": request.GET.get("committee")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        committee = data["committee"]
        draft = selectors.import_draft(
            user=request.user, committee=committee, text=data["source"], published=data["published"]
        )
        if draft.already is not None and draft.already.same_text:
            context = {"form": form, "already": draft.already}
            return render(request, "reviews/meeting_import.html", context, status=409)
        posts = draft.posts
        read = [draft.chair_name, draft.chair_designation]
        chair = [read] if any(read) else []  # the reader's choice, offered back once changed
        review = ImportReviewForm(
            committees=committees,
            initial={
                "committee": committee.pk,
                "published": data["published"],
                "source": draft.reading.text,
                "date_phrase": draft.reading.date_phrase or "",
                "chair_designation": draft.chair_designation,
                "date": draft.date,
                "chair_name": draft.chair_name,
                **_source_initial("date", draft.date_source),
                **_source_initial("chair", draft.chair_source),
                **_source_initial("district", draft.district_source),
                "chair_candidates": json.dumps(
                    chair + [[c["name"], c["designation"]] for c in draft.chair_candidates],
                    ensure_ascii=False,
                ),
                "district": draft.district,
                "district_others": json.dumps(draft.district_others, ensure_ascii=False),
            },
        )
        return _render_review(
            request,
            review,
            ImportAttendeeFormSet(
                initial=draft.attendees, prefix="a", form_kwargs={"posts": posts}
            ),
            ImportDirectiveFormSet(
                initial=draft.directives, prefix="d", form_kwargs={"posts": posts}
            ),
            ImportFigureFormSet(
                initial=draft.figures,
                prefix="f",
                form_kwargs={"elements": press_note_elements()},
            ),
            already=draft.already,
            committee=committee,
            committees=committees,
        )
    if form.is_bound and form.cleaned_data.get("upload") and form.cleaned_data.get("source"):
        form = _with_text_read(form, committees)
    status = 400 if form.is_bound else 200
    return render(request, "reviews/meeting_import.html", {"form": form}, status=status)


def _source_initial(name: str, place: tuple[int, int] | None) -> dict[str, int]:
    start, end = place or (0, 0)
    return {f"{name}_start": start, f"{name}_end": end}


def _with_text_read(form: ImportSourceForm, committees: Any) -> ImportSourceForm:
    """A file that was read but came with another field to correct (the committee, the date):
    the form comes back with the text read from it in the text box, so the correction does not
    ask for the file again; the same messages are shown."""
    data = QueryDict(mutable=True)
    data.update(form.data)
    data[form.add_prefix("text")] = form.cleaned_data["source"]
    kept = ImportSourceForm(data, committees=committees)
    kept.is_valid()
    return kept
