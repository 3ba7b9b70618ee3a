"""Reads of the applications app: lists, the officer's inbox, reports, ledger statements, public
status and verification. Everything a signed-in user sees starts from ``visible_to`` (or, for
the officer who must act, from the posts they hold)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from degs.accounts.roles import Capability
from degs.accounts.selectors import user_can, user_may_open
from degs.applications import figures, signing
from degs.applications.choices import AT_KIOSK, DRAFT, ISSUED, Account
from degs.applications.disclosure import (
    WITHHELD,
    Disclosure,
    disclosure,
    on_paper,
    shown,
)
from degs.applications.models import (
    Application,
    ApplicationDocument,
    ApplicationEvent,
    Certificate,
    LedgerEntry,
    number_q,
)
from degs.applications.workflow import workflow_of
from degs.catalogue.choices import ActionKind, FieldType
from degs.catalogue.definition import FormField
from degs.catalogue.models import Service
from degs.centres.models import Centre
from degs.core.exceptions import PermissionDenied
from degs.core.formatting import format_iso_date, group_indian
from degs.core.memo import remembered
from degs.core.models import in_reader_language
from degs.core.scoping import ancestor_paths
from degs.core.workflow import Transition
from degs.directory.choices import AreaKind
from degs.directory.models import Area, Post
from degs.directory.selectors import held_post_ids

_RELATED = (
    "service",
    "service_version",
    "centre",
    "area",
    "district",
    "block",
    "assigned_post__designation",
    "assigned_post__area",
)


def _visible(user: Any) -> QuerySet[Application]:
    """Applications in the user's areas, and those with (or once with) a post they hold."""
    posts = held_post_ids(user)
    scoped = Application.objects.visible_to(user)
    if not posts:
        return scoped
    return Application.objects.filter(Q(pk__in=scoped.values("pk")) | _acted_on_q(posts))


def _acted_on_q(posts: Any) -> Q:
    """Applications with (or once with) one of these posts: what the posts' holders see
    wherever the applications are."""
    acted = ApplicationEvent.objects.filter(post_id__in=posts).values("application_id")
    return Q(assigned_post_id__in=posts) | Q(pk__in=acted)


def _acted_on(posts: Any) -> QuerySet[Application]:
    """The part of ``_visible`` that the held posts give: the list of a post's own
    applications reads from it."""
    return Application.objects.filter(_acted_on_q(posts))


def application_get(*, user: Any, pk: int) -> Application:
    return get_object_or_404(_visible(user).select_related(*_RELATED), pk=pk)


def application_with_events(*, user: Any, pk: int) -> Application:
    """``application_get`` with its events and who acted (``application.events.all()``)."""
    events = Prefetch("events", queryset=ApplicationEvent.objects.select_related("actor"))
    return get_object_or_404(
        _visible(user).select_related(*_RELATED).prefetch_related(events), pk=pk
    )


def document_get(*, user: Any, application_pk: int, pk: int) -> ApplicationDocument:
    """A document of an application the user may see, to open its file: only for those who
    see the application whole (``disclosure``); the others who see it are refused."""
    application = application_get(user=user, pk=application_pk)
    document = get_object_or_404(ApplicationDocument, application=application, pk=pk)
    if not disclosure(user=user, application=application).files:
        raise PermissionDenied(_NOT_YOURS_TO_OPEN)
    return document


_NOT_YOURS_TO_OPEN = _(
    "Only the centre that filed this application and the officers who act on it may open "
    "its documents and its certificate."
)


def certificate_get(*, user: Any, application_pk: int, to_print: bool = False) -> Certificate:
    """The certificate of an application the user may see, with what its PDF prints.
    ``to_print``: for its PDF, which prints the form's fields whole, so only for those who see
    the application whole."""
    application = application_get(user=user, pk=application_pk)
    if to_print and not disclosure(user=user, application=application).certificate:
        get_object_or_404(Certificate, application=application)  # none: 404 as ever
        raise PermissionDenied(_NOT_YOURS_TO_OPEN)
    return get_object_or_404(
        Certificate.objects.select_related(
            "application__service",
            "application__service_version",
            "application__district",
            "officer_post__designation",
            "officer_post__area",
            "issued_by",
        ),
        application=application,
    )


MINE = "mine"  # the application list's ``issued_by``: the posts the user holds


def application_list(
    *,
    user: Any,
    service: int | None = None,
    state: str = "",
    block: int | None = None,
    centre: int | None = None,
    q: str = "",
    late: bool = False,
    post: int | None = None,
    decided: dt.date | None = None,
    district: int | None = None,
    issued_by: int | str | None = None,
    area: int | None = None,
    filed_from: dt.date | None = None,
    filed_to: dt.date | None = None,
    decided_from: dt.date | None = None,
    decided_to: dt.date | None = None,
    in_time: bool = False,
    pending_on: dt.date | None = None,
) -> QuerySet[Application]:
    """Applications the user sees, filtered. ``post``: those with that post now;
    ``issued_by``: those whose certificate that post (``MINE``: a post the user holds) issued.
    A post the user holds shows its applications wherever they are, as the inbox and the
    application's page do (``_visible``: the officers who act on an application see it).
    ``decided``: those decided in that date's month. ``area``: those filed in that area or
    below it; ``filed_*``/``decided_*``: filed or decided on or between those days;
    ``pending_on``: filed and not decided by that day, and with ``late`` past due on it (the
    programme figures' rows, ``figures``). The values are checked by
    ``filters.ApplicationFilterSet``, which the page and the API read them through."""
    held = held_post_ids(user)
    issuers: set[int] = (
        set(held) if issued_by == MINE else {issued_by} if isinstance(issued_by, int) else set()
    )
    own = issuers | ({post} if post else set())
    # Every row comes from a scoped queryset: the held posts' own, or the user's areas'.
    rows = _acted_on(own) if own and own <= held else Application.objects.visible_to(user)
    if post:
        rows = rows.filter(assigned_post_id=post)
    if issued_by:
        rows = rows.filter(certificate__officer_post_id__in=issuers)
    rows = rows.select_related(*_RELATED)
    if district:
        rows = rows.filter(district_id=district)
    if decided:
        start, end = _month_bounds(decided)
        rows = rows.filter(decided_on__gte=start, decided_on__lt=end)
    if service:
        rows = rows.filter(service_id=service)
    if state == "open":
        rows = rows.filter(is_open=True)
    elif state:
        rows = rows.filter(state=state)
    if block:
        rows = rows.filter(block_id=block)
    if centre:
        rows = rows.filter(centre_id=centre)
    if area:
        path = Area.objects.filter(pk=area).values_list("path", flat=True).first()
        rows = (
            rows.filter(area_id__in=Area.objects.under(path).values("pk")) if path else rows.none()
        )
    if filed_from:
        rows = rows.filter(submitted_at__gte=figures.day_start(filed_from))
    if filed_to:
        rows = rows.filter(submitted_at__lt=figures.day_start(filed_to + dt.timedelta(1)))
    if decided_from:
        rows = rows.filter(decided_on__gte=decided_from)
    if decided_to:
        rows = rows.filter(decided_on__lte=decided_to)
    if in_time:
        rows = rows.filter(figures.in_time_q())
    if pending_on:
        rows = rows.filter(
            figures.pending_beyond_q(pending_on) if late else figures.pending_q(pending_on)
        )
    elif late:
        rows = rows.filter(is_open=True, due_date__lt=timezone.localdate())
    if q:
        number = number_q(q)
        rows = (
            rows.filter(number | Q(applicant_name__icontains=q.strip()))
            if number
            else rows.filter(applicant_name__icontains=q.strip())
        )
    return rows.order_by("-created_at", "-pk")


# --- the application's page --------------------------------------------------------------------


def field_text(spec: FormField | None, value: Any) -> str:
    """A form value as pages and certificates show it, in the reader's language: an area by its
    name, a choice by its label, a date as day-month-year, a number grouped the Indian way."""
    if value is None or value == "":
        return ""
    if isinstance(value, dict):  # an area: {id, name, name_hi}
        return in_reader_language(str(value.get("name") or ""), str(value.get("name_hi") or ""))
    if spec is None:
        return str(value)
    if spec.type == FieldType.DATE:
        return format_iso_date(value)
    if spec.type == FieldType.CHOICE:
        option = next((o for o in spec.options if o.value == str(value)), None)
        return in_reader_language(option.label, option.label_hi) if option else str(value)
    if spec.type == FieldType.NUMBER:
        return group_indian(value)
    return str(value)


def certified_facts(application: Application) -> list[signing.CertifiedFact]:
    """The facts the application's service certifies (its fields marked ``certified``), each
    as the certificate prints it in each language, in the definition's order."""
    data = application.data or {}
    facts = []
    for spec in application.definition.certified_fields:
        value = on_paper(spec, data.get(spec.code))
        with override("en"):
            text = field_text(spec, value)
        with override("hi"):
            text_hi = field_text(spec, value)
        facts.append(
            signing.CertifiedFact(
                code=spec.code,
                label=spec.label,
                label_hi=spec.label_hi or spec.label,
                text=text,
                text_hi=text_hi,
            )
        )
    return facts


@dataclass
class ApplicationPage:
    """What the application's page shows a user, and what that user may do on it."""

    application: Application
    disclosure: Disclosure
    fields: list[tuple[str, str, bool]]  # label, text, withheld from this reader
    documents: list[ApplicationDocument]
    document_choices: list[tuple[str, str]]
    events: list[tuple[ApplicationEvent, str, str]]  # event, from, to (as the reader says)
    steps: list[Transition]  # the workflow steps the user may take now
    certificate: Certificate | None
    is_operator: bool
    can_revoke: bool


def application_page(*, user: Any, application: Application) -> ApplicationPage:
    definition = application.definition
    posts = held_post_ids(user)
    post = application.assigned_post
    can_act = (
        application.is_open
        and post is not None
        and post.pk in posts
        and user_can(user, Capability.APPLICATIONS_DECIDE, post.area)
    )
    certificate = getattr(application, "certificate", None) if application.state == ISSUED else None
    events = application.events.select_related("actor", "post__designation", "post__area")
    seen = disclosure(user=user, application=application)
    fields = []
    for spec in definition.fields:
        if spec.type == FieldType.FILE:
            continue
        value = shown(spec, application.data.get(spec.code), whole=seen.whole)
        withheld = value is WITHHELD
        fields.append(
            (
                in_reader_language(spec.label, spec.label_hi),
                "" if withheld else field_text(spec, value),
                withheld,
            )
        )
    return ApplicationPage(
        application=application,
        disclosure=seen,
        fields=fields,
        documents=list(application.documents.all()),
        document_choices=[
            (d.code, in_reader_language(d.label, d.label_hi)) for d in definition.documents
        ],
        events=[
            (e, application.label_of_state(e.from_status), application.label_of_state(e.to_status))
            for e in events
        ],
        # The buttons: the steps of the version's workflow the acting post's type may take.
        steps=workflow_of(definition).allowed(application.state, {post.designation.code})
        if can_act and post is not None
        else [],
        certificate=certificate,
        is_operator=seen.operator,
        can_revoke=certificate is not None
        and not certificate.is_revoked
        and (
            certificate.officer_post_id in posts
            or user_can(user, Capability.CATALOGUE_MANAGE, application.area)
        ),
    )


def centre_get(*, user: Any, pk: int) -> Centre:
    """A centre the user sees, with its area and operator (who may file there). Filing reads
    it on every request, so by key (``visible_one``)."""
    centre = Centre.objects.select_related("area", "operator").visible_one(user, pk=pk)
    if centre is None:
        raise Http404
    return centre


def area_shown(*, user: Any, pk: int | None) -> Area | None:
    """The area the list's ``area`` filter names, to say so above the list (one the user does
    not see is named by nobody: the list is empty anyway)."""
    return Area.objects.visible_to(user).filter(pk=pk).first() if pk else None


def service_get(*, user: Any, pk: int) -> Service:
    """A service of the user's states and districts, with its current version. Read through
    the process's memo of reference data (``degs.core.memo``): filing reads it every time."""
    service = remembered(
        ("service", pk),
        lambda: Service.objects.select_related("area", "current").filter(pk=pk).first(),
    )
    if service is None or not service.seen_by(user):
        raise Http404
    return service


def list_choices(*, user: Any, post: int | None = None) -> dict[str, Any]:
    """The services and blocks the application list may be narrowed to, and the post it is
    narrowed to (one the user holds or sees)."""
    return {
        "services": Service.objects.for_user(user).order_by("name"),
        "blocks": Area.objects.visible_to(user).filter(kind="block").order_by("name")[:500],
        "with_post": (
            Post.objects.filter(
                Q(pk__in=held_post_ids(user)) | Q(pk__in=Post.objects.visible_to(user).values("pk"))
            )
            .select_related("designation", "area")
            .filter(pk=post)
            .first()
            if post
            else None
        ),
    }


def operator_centres(*, user: Any) -> QuerySet[Centre]:
    """The centres a kiosk operator files at: those they run."""
    return Centre.objects.filter(operator__user=user).select_related("area").order_by("code")


def operator_applications(*, user: Any, state: str = "") -> QuerySet[Application]:
    """The applications of the centres the user runs; ``state``: ``draft``, ``at_kiosk``
    (returned for correction) or ``documents`` (open, with documents called for)."""
    rows = Application.objects.filter(centre__operator__user=user)
    if state == DOCUMENTS_CALLED:
        rows = rows.filter(_documents_called())
    elif state in (DRAFT, AT_KIOSK):
        rows = rows.filter(state=state)
    return rows.select_related(*_RELATED).order_by("-created_at", "-pk")


DOCUMENTS_CALLED = "documents"


def _documents_called() -> Q:
    """Open, and still in the state an officer's call for documents put it in."""
    called = ApplicationEvent.objects.filter(
        application=OuterRef("pk"),
        action=ActionKind.CALL_FOR_DOCUMENTS,
        to_status=OuterRef("state"),
    )
    return Q(is_open=True) & Q(Exists(called))


def services_at(*, centre: Centre) -> QuerySet[Service]:
    """Services taking applications where the centre is."""
    paths = [*ancestor_paths(centre.area.path), centre.area.path]
    return (
        Service.objects.filter(is_active=True, current__isnull=False, area__path__in=paths)
        .select_related("current")
        .order_by("name")
    )


@dataclass
class Inbox:
    overdue: list[Application] = field(default_factory=list)
    due_soon: list[Application] = field(default_factory=list)
    pending: list[Application] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.overdue) + len(self.due_soon) + len(self.pending)


INBOX_LIMIT = 200
INBOX_COLUMNS = (  # the inbox page's rows and the API's ApplicationRow
    "state",
    "version",
    "is_open",
    "applicant_name",
    "submitted_at",
    "first_table_number",  # with the id and submitted_at, the number
    "former_number",  # the number before a move from a laptop, if any
    "due_date",
    "step_due",
    "service__name",
    "service__name_hi",
    "service__code",
    "service_version__created_at",
    "centre__code",
    "area__name",
    "area__name_hi",
    "assigned_post__seat",
    "assigned_post__designation__short_name",
    "assigned_post__designation__short_name_hi",
    "assigned_post__area__name",
    "assigned_post__area__name_hi",
)


def inbox(*, user: Any, today: dt.date | None = None, past_due: bool = False) -> Inbox:
    """Applications waiting for a post the user holds, soonest due first: past due, due within
    ``DEGS_DUE_SOON_DAYS``, and the rest (at most ``INBOX_LIMIT`` in all); ``past_due``: only
    those past the step's time limit."""
    today = today or timezone.localdate()
    posts = held_post_ids(user)
    result = Inbox()
    if not posts:
        return result
    soon = today + dt.timedelta(days=settings.DEGS_DUE_SOON_DAYS)
    waiting = Application.objects.filter(is_open=True, assigned_post_id__in=posts)
    if past_due:
        waiting = waiting.filter(step_due__lt=today)
    rows = (
        waiting.select_related(
            "service",
            "service_version",
            "centre",
            "area",
            "assigned_post__designation",
            "assigned_post__area",
        )
        # What an inbox row shows, not the form or the version's definition (parsed once per
        # process and kept: see ServiceVersion.parsed).
        .only(*INBOX_COLUMNS)
        .order_by("step_due", "pk")[:INBOX_LIMIT]
    )
    for application in rows:
        if application.step_due and application.step_due < today:
            result.overdue.append(application)
        elif application.step_due and application.step_due <= soon:
            result.due_soon.append(application)
        else:
            result.pending.append(application)
    return result


def inbox_count(*, user: Any) -> int:
    posts = held_post_ids(user)
    if not posts:
        return 0
    return Application.objects.filter(is_open=True, assigned_post_id__in=posts).count()


# --- the home page -------------------------------------------------------------------------------


@dataclass
class ApplicationsHome:
    """The home page's applications section: the user's own queue (``queue``: an officer's
    inbox, or the operator's centre) first, then the figures of the user's areas (``area``)."""

    month: dt.date
    queue: bool = False
    inbox: int = 0  # waiting for posts the user holds
    inbox_past_due: int = 0  # of those, past the step's time limit
    posts: list[int] = field(default_factory=list)  # the posts held, for the list's filter
    issued_by_me: int = 0  # certificates the user's posts issued this month
    kiosk: bool = False
    drafts: int = 0
    returned: int = 0  # returned to the kiosk for correction
    documents: int = 0  # documents called for
    area: bool = False
    area_open: int = 0
    area_beyond: int = 0  # open past the service's time limit
    area_issued: int = 0  # certificates issued this month
    reports: bool = False  # the user may open the pending and disposal reports


def home_section(*, user: Any, today: dt.date | None = None) -> ApplicationsHome | None:
    """What the home page shows of applications, or None for a user who sees none. At most
    four queries besides the user's posts and roles, whatever the number of applications."""
    day = today or timezone.localdate()
    month, next_month = _month_bounds(day)
    section = ApplicationsHome(month=month)
    posts = sorted(held_post_ids(user))
    if posts and user_can(user, Capability.APPLICATIONS_DECIDE):
        section.queue = True
        section.posts = posts
        waiting = Application.objects.filter(is_open=True, assigned_post_id__in=posts).aggregate(
            total=Count("pk"), past=Count("pk", filter=Q(step_due__lt=day))
        )
        section.inbox, section.inbox_past_due = waiting["total"], waiting["past"]
        section.issued_by_me = Certificate.objects.filter(
            officer_post_id__in=posts,
            application__decided_on__gte=month,
            application__decided_on__lt=next_month,
        ).count()
        # A post no application comes to (a DC's, say) has no inbox to show.
        section.queue = bool(section.inbox or section.issued_by_me)
    if user_can(user, Capability.CENTRE_OPERATE) and not user_can(
        user, Capability.APPLICATIONS_DECIDE
    ):
        mine = Application.objects.filter(centre__operator__user=user).aggregate(
            drafts=Count("pk", filter=Q(state=DRAFT)),
            returned=Count("pk", filter=Q(state=AT_KIOSK)),
            documents=Count("pk", filter=_documents_called()),
        )
        section.kiosk = True
        section.drafts, section.returned = mine["drafts"], mine["returned"]
        section.documents = mine["documents"]
    if any(
        user_can(user, c) for c in (Capability.APPLICATIONS_VIEW, Capability.APPLICATIONS_DECIDE)
    ):
        figures = Application.objects.visible_to(user).aggregate(
            open=Count("pk", filter=Q(is_open=True)),
            beyond=Count("pk", filter=Q(is_open=True, due_date__lt=day)),
            issued=Count(
                "pk", filter=Q(state=ISSUED, decided_on__gte=month, decided_on__lt=next_month)
            ),
        )
        section.reports = user_may_open(user, "reports")
        section.area_open, section.area_beyond = figures["open"], figures["beyond"]
        section.area_issued = figures["issued"]
        # An officer whose area holds no application (a circle beside its block) has only the
        # queue; zeros below it would only mislead.
        section.area = not section.queue or bool(section.area_open or section.area_issued)
    if not (section.queue or section.kiosk or section.area):
        return None
    return section


# --- reports -------------------------------------------------------------------------------------


@dataclass
class PendingRow:
    key: Any
    label: str
    within: int = 0
    beyond: int = 0
    param: str = ""  # the application list's filter that shows this row's applications

    @property
    def total(self) -> int:
        return self.within + self.beyond


def _district_filter(user: Any, district: Area | None) -> QuerySet[Application]:
    rows = Application.objects.visible_to(user)
    if district is not None:
        rows = rows.filter(district=district)
    return rows


def pending_report(
    *, user: Any, by: str, district: Area | None = None, today: dt.date | None = None
) -> list[PendingRow]:
    """Open applications within and beyond their time limit, by ``service``, ``block`` or
    ``officer`` (the post they are with)."""
    today = today or timezone.localdate()
    column = {"service": "service_id", "block": "block_id", "officer": "assigned_post_id"}[by]
    counts = (
        _district_filter(user, district)
        .filter(is_open=True)
        .values(column)
        .annotate(
            # Counting a column of the covering index: no table row is read.
            beyond=Count("due_date", filter=Q(due_date__lt=today)),
            within=Count("due_date", filter=Q(due_date__gte=today)),
        )
        .order_by()
    )
    rows = {
        c[column]: PendingRow(
            key=c[column],
            label="",
            within=c["within"],
            beyond=c["beyond"],
            param="post" if by == "officer" else by,
        )
        for c in counts
    }
    labels = _labels(by, [k for k in rows if k is not None])
    for key, row in rows.items():
        row.label = labels.get(key, "—")
    return sorted(rows.values(), key=lambda r: (-r.beyond, -r.total, r.label))


def _labels(by: str, keys: list[int]) -> dict[int, str]:
    if by == "service":
        return {s.pk: s.label for s in Service.objects.filter(pk__in=keys)}
    if by == "block":
        return {a.pk: a.label for a in Area.objects.filter(pk__in=keys)}
    return {
        p.pk: p.label
        for p in Post.objects.filter(pk__in=keys).select_related("designation", "area")
    }


@dataclass
class DisposalRow:
    key: int
    label: str
    decided: int = 0
    within: int = 0

    @property
    def share(self) -> float | None:
        return round(100 * self.within / self.decided, 1) if self.decided else None


def disposal_report(
    *, user: Any, month: dt.date, by: str, district: Area | None = None
) -> list[DisposalRow]:
    """Applications decided in the month, and how many of them within the time limit, per
    district or per block, best first (the ranking UP publishes). Every district the user sees
    (or every block of ``district``) is ranked, those that decided nothing last."""
    start = month.replace(day=1)
    end = (start + dt.timedelta(days=32)).replace(day=1)
    column = {"district": "district_id", "block": "block_id"}[by]
    counts = (
        _district_filter(user, district)
        .filter(decided_on__gte=start, decided_on__lt=end)
        .values(column)
        .annotate(
            decided=Count("decided_on"),
            within=Count("decided_on", filter=Q(within_limit=True)),
        )
        .order_by()
    )
    figures = {c[column]: c for c in counts}
    ranked = (
        report_districts(user=user)
        if by == "district"
        else (Area.objects.under(district.path) if district else Area.objects.visible_to(user))
        .filter(kind__in=[AreaKind.BLOCK, AreaKind.MUNICIPALITY], is_active=True)
        .order_by("path")[:500]
    )
    areas = {a.pk: a for a in ranked}
    others = [k for k in figures if k is not None and k not in areas]
    areas.update({a.pk: a for a in Area.objects.filter(pk__in=others)})
    rows = [
        DisposalRow(
            key=pk,
            label=area.label,
            decided=figures[pk]["decided"] if pk in figures else 0,
            within=figures[pk]["within"] if pk in figures else 0,
        )
        for pk, area in areas.items()
    ]
    if None in figures:  # decided, but filed where no block is recorded
        rows.append(
            DisposalRow(
                key=0, label="—", decided=figures[None]["decided"], within=figures[None]["within"]
            )
        )
    return sorted(rows, key=lambda r: (-(r.share or 0), -r.decided, r.label))


def report_districts(*, user: Any) -> QuerySet[Area]:
    return Area.objects.visible_to(user).filter(kind="district").order_by("name")


# --- ledger ----------------------------------------------------------------------------------------


@dataclass
class StatementLine:
    account: str
    party: str
    label: str
    paise: int


@dataclass
class Statement:
    month: dt.date
    title: str
    applications: int
    collected: int  # at the centre
    reimbursed: int  # due from the state
    shares: list[StatementLine]
    by_service: list[tuple[str, int, int]]  # service, applications, fees
    fines: int = 0  # inspection fines due from centres, net of waivers

    @property
    def debits(self) -> int:
        return self.collected + self.reimbursed + self.fines

    @property
    def credits(self) -> int:
        return sum(line.paise for line in self.shares)

    @property
    def balanced(self) -> bool:
        return self.debits == self.credits


def _month_bounds(month: dt.date) -> tuple[dt.date, dt.date]:
    start = month.replace(day=1)
    return start, (start + dt.timedelta(days=32)).replace(day=1)


def statement(*, entries: QuerySet[LedgerEntry], month: dt.date, title: str) -> Statement:
    """The month's postings summed: debits (collected, reimbursed) and each party's credit."""
    start, end = _month_bounds(month)
    rows = entries.filter(posted_on__gte=start, posted_on__lt=end)
    sums = (
        rows.values("account", "party", "party_label", "party_label_hi")
        .annotate(total=Sum("amount_paise"))
        .order_by("account", "party")
    )
    collected = reimbursed = fines = 0
    shares = []
    for row in sums:
        if row["account"] == Account.CASH_AT_CENTRE:
            collected += row["total"]
        elif row["account"] == Account.DUE_FROM_STATE:
            reimbursed += row["total"]
        elif row["account"] == Account.FINE_DUE:
            fines += row["total"]
        elif row["account"] == Account.FINES:
            shares.append(
                StatementLine(
                    account=row["account"],
                    party="fines",
                    label=str(Account.FINES.label),
                    paise=-row["total"],
                )
            )
        else:
            shares.append(
                StatementLine(
                    account=row["account"],
                    party=row["party"],
                    label=in_reader_language(row["party_label"], row["party_label_hi"]),
                    paise=-row["total"],
                )
            )
    merged: dict[str, StatementLine] = {}
    for line in shares:  # one line per party even if its label changed between versions
        if line.party in merged:
            merged[line.party].paise += line.paise
        else:
            merged[line.party] = line
    per_service: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    debits = rows.filter(account__in=[Account.CASH_AT_CENTRE, Account.DUE_FROM_STATE])
    for row in (
        debits.values("application__service__name", "application__service__name_hi")
        .annotate(n=Count("application_id", distinct=True), fee=Sum("amount_paise"))
        .order_by()
    ):
        label = in_reader_language(
            row["application__service__name"], row["application__service__name_hi"]
        )
        per_service[label][0] += row["n"]
        per_service[label][1] += row["fee"]
    return Statement(
        month=start,
        title=title,
        applications=rows.filter(application__isnull=False)
        .values("application_id")
        .distinct()
        .count(),
        collected=collected,
        reimbursed=reimbursed,
        fines=fines,
        # the society's fines after every share of the user charges
        shares=sorted(merged.values(), key=lambda s: (s.account == Account.FINES, s.party)),
        by_service=sorted((k, v[0], v[1]) for k, v in per_service.items()),
    )


def centre_statement(*, user: Any, centre: Centre, month: dt.date) -> Statement:
    return statement(
        entries=LedgerEntry.objects.filter(centre=centre),
        month=month,
        title=f"{centre.code} {centre.label}",
    )


def centre_fines(*, centre: Centre, month: dt.date) -> QuerySet[LedgerEntry]:
    """The month's fine postings of a centre (imposed, and reversed when waived), each with its
    inspection: the lines due from the centre."""
    start, end = _month_bounds(month)
    return (
        LedgerEntry.objects.filter(
            centre=centre,
            account=Account.FINE_DUE,
            posted_on__gte=start,
            posted_on__lt=end,
        )
        .select_related("inspection")
        .order_by("posted_on", "pk")
    )


def district_statement(*, user: Any, district: Area, month: dt.date) -> Statement:
    return statement(
        entries=LedgerEntry.objects.filter(district=district), month=month, title=district.label
    )


def centre_month_totals(*, district: Area, month: dt.date) -> list[dict[str, Any]]:
    """Per centre in a district: applications and fees posted in the month."""
    start, end = _month_bounds(month)
    rows = (
        LedgerEntry.objects.filter(district=district, posted_on__gte=start, posted_on__lt=end)
        .values("centre_id", "centre__code", "centre__name", "centre__name_hi")
        .annotate(
            applications=Count("application_id", distinct=True),
            collected=Sum("amount_paise", filter=Q(account=Account.CASH_AT_CENTRE)),
            reimbursed=Sum("amount_paise", filter=Q(account=Account.DUE_FROM_STATE)),
            operator=Sum("amount_paise", filter=Q(account=Account.SHARE, party="operator")),
        )
        .order_by("centre__code")
    )
    return list(rows)


# --- public ----------------------------------------------------------------------------------------


def public_status(*, number: str, last4: str) -> Application | None:
    """The application with this number filed with a mobile ending in ``last4``, or None (the
    caller cannot tell a wrong number from a wrong mobile)."""
    number = number.strip()
    if not number or len(last4) != 4 or not last4.isdigit():
        return None
    # A number names one application, or several when moved applications' former numbers are
    # also others' (each district's laptop numbered from 1; docs/laptop-to-state.md): the
    # mobile tells them apart.
    return (
        Application.objects.numbered(number)
        .filter(mobile__endswith=last4)
        .select_related("service", "service_version", "district", "centre")
        .order_by("pk")
        .first()
    )


# What a certificate number with its second fact confirms: which certificate it is, of what
# service, for which dates. The name and the rest are what the QR code carries and shows.
CONFIRMED_BY_NUMBER = ("c", "s", "sn", "sh", "i", "v")


def verification(*, payload: str = "", number: str = "", last4: str = "") -> dict[str, Any]:
    """What the public verification page and API answer.

    A QR payload signed with our key shows the fields it carries (what the certificate shows).
    A number typed by hand must come with the last four digits of the mobile given in the
    application, and then confirms only ``CONFIRMED_BY_NUMBER``: numbers can be counted, so a
    number alone answers nothing. A wrong number, a number no certificate has and wrong digits
    answer the same, after the same one query."""
    answer: dict[str, Any] = {
        "valid": False,
        "status": "unknown",
        "public_key": signing.public_key_text(),
    }
    certificate = None
    if payload.strip():
        try:
            fields = signing.verify_payload(payload, signing.public_key_bytes())
        except signing.BadPayload:
            answer["status"] = "invalid"
            return answer
        certificate = Certificate.objects.filter(number=str(fields.get("c", ""))).first()
        shown = certificate.fields if certificate is not None else {}
    else:
        number = number.strip().upper()
        if not number or len(last4) != 4 or not last4.isascii() or not last4.isdigit():
            return answer
        certificate = Certificate.objects.filter(
            number=number, application__mobile__endswith=last4
        ).first()
        shown = (
            {
                key: certificate.fields[key]
                for key in CONFIRMED_BY_NUMBER
                if key in certificate.fields
            }
            if certificate is not None
            else {}
        )
    if certificate is None:
        return answer
    answer.update(
        number=certificate.number,
        fields=shown,
        status="revoked" if certificate.is_revoked else "issued",
        valid=not certificate.is_revoked,
    )
    if certificate.revoked_at:
        answer["revoked_on"] = timezone.localdate(certificate.revoked_at)
        answer["revocation_reason"] = certificate.revocation_reason
    return answer


def home_context(*, user: Any) -> dict[str, Any]:
    """The home page's applications (the registry's home_section)."""
    return {"applications": home_section(user=user)}
