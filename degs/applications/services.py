"""Writes of the applications app. Each is atomic, checks who may act, leaves an
``ApplicationEvent`` and, for actions on a filed application, checks the version the user saw.
Every change of an application's state is a step of its service version's workflow
(``applications.workflow``) taken by the one transition function (``core.workflow``); every
other event is written by ``record_event``.

Filing is idempotent on the form's ``client_token``: a double click or a retry after a timeout
returns the application the first request made. Filing posts the fee to the ledger as balanced
lines. Issue makes the signed certificate in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from degs.accounts.models import User
from degs.accounts.roles import Capability
from degs.accounts.selectors import require_capability
from degs.accounts.services import notice_send
from degs.applications import routing, signing
from degs.applications.choices import (
    AT_KIOSK,
    DRAFT,
    FINAL_STATES,
    ISSUED,
    REJECTED,
    SUBMITTED,
    Account,
    EventKind,
)
from degs.applications.models import (
    Application,
    ApplicationDocument,
    ApplicationEvent,
    Certificate,
    LedgerEntry,
)
from degs.applications.selectors import certified_facts
from degs.applications.validation import CheckedFile, check_document, clean_values
from degs.applications.workflow import (
    NEEDS_REMARK,
    OPERATOR,
    RESUBMIT,
    acting_post,
    known_parts,
    require_operator,
    workflow_of,
)
from degs.catalogue.choices import ActionKind, FieldType
from degs.catalogue.definition import Definition
from degs.catalogue.models import Service
from degs.centres.choices import CentreStatus
from degs.centres.models import Centre
from degs.core.bilingual import Bilingual, in_both_languages, sentence
from degs.core.exceptions import (
    ApplicationError,
    InvalidTransition,
    PermissionDenied,
    StaleVersion,
)
from degs.core.formatting import format_date
from degs.core.models import HeldUpload, known_related
from degs.core.scoping import district_path
from degs.core.text import clean_paragraphs
from degs.core.uploads import Accepted, NewFiles, held_file, held_release, hold
from degs.core.workflow import Transition, record_event, stale, transition
from degs.directory.choices import AreaKind
from degs.directory.models import Area, Post
from degs.directory.selectors import held_post_ids

__all__ = ["NEEDS_REMARK", "acting_post", "require_operator"]

FORM_AREA_KINDS = (
    AreaKind.GRAM_PANCHAYAT,
    AreaKind.VILLAGE,
    AreaKind.WARD,
    AreaKind.MUNICIPALITY,
)


class ApplicationRefused(ApplicationError):
    """The form has problems; ``extra["errors"]`` maps each field to its messages."""

    status = 422
    default_message = _("Please correct the marked fields. Nothing was saved.")


# --- who may do what ---------------------------------------------------------------------------


def _form_top(place: routing.Place) -> Area:
    """Where an applicant at a centre may live: under the centre's block, circle or town."""
    return place.nearest(AreaKind.BLOCK, AreaKind.MUNICIPALITY, AreaKind.TEHSIL) or place.area


def _area_value(area: Area) -> dict[str, Any]:
    return {"id": area.pk, "name": area.name, "name_hi": area.name_hi}


def form_areas(place: routing.Place) -> dict[str, dict[str, Any]]:
    """The villages, panchayats and wards an applicant at this centre may choose, by id."""
    rows = Area.objects.under(_form_top(place).path).filter(kind__in=FORM_AREA_KINDS)
    return {str(a.pk): _area_value(a) for a in rows.only("pk", "name", "name_hi").order_by("name")}


def _chosen_areas(definition: Definition, values: Mapping[str, Any]) -> list[int]:
    """The ids the form's area fields name, to be read with the centre's place."""
    chosen = (
        str(values.get(f.code) or "").strip() for f in definition.fields if f.type == FieldType.AREA
    )
    return [int(v) for v in chosen if v.isdigit() and v.isascii() and len(v) < 19]


def _form_area_finder(place: routing.Place) -> Any:
    """What the form's area field is checked against: one of ``form_areas`` (read with the
    place when it named the area, else one query)."""
    top = _form_top(place)

    def find(value: str) -> dict[str, Any] | None:
        if not value.isdigit():
            return None
        known = place.also.get(int(value))
        if known is not None:
            served = known.path.startswith(top.path) and known.kind in FORM_AREA_KINDS
            return _area_value(known) if served else None
        area = (
            Area.objects.under(top.path)
            .filter(pk=int(value), kind__in=FORM_AREA_KINDS)
            .only("pk", "name", "name_hi")
            .first()
        )
        return _area_value(area) if area else None

    return find


# --- filing ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Upload:
    code: str
    file: UploadedFile
    held: HeldUpload | None = None  # where the file waited while the form was corrected


_EXTENSION = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}


def uploads_hold(
    *,
    actor: User,
    token: str,
    definition: Definition,
    uploads: Sequence[Upload],
    remove: Iterable[str] = (),
) -> list[Upload]:
    """What a posted application form brings, with the files it held from earlier posts.

    Each new file the service would accept (checked by ``check_document``, as on filing) is
    held for this user's form under ``token`` (``core.uploads.hold``), in place of one held for
    the same document; ``remove`` lets go of held ones. Returns the uploads to file: the held
    ones (checked again when filed) and any new file that was refused, so that the filing
    refuses it with its message and the earlier file, if any, stays held."""
    allowed = {d.code for d in definition.documents} | {
        f.code for f in definition.fields if f.type == FieldType.FILE
    }

    def accept(file: UploadedFile) -> Accepted:
        item = check_document(file)
        return Accepted(item.content, item.content_type, _EXTENSION[item.content_type])

    held, refused = hold(
        owner=actor,
        token=token,
        uploads=[(u.code, u.file) for u in uploads if u.code in allowed],
        check=accept,
        remove=remove,
    )
    again = [u for u in uploads if u.code not in allowed] + [
        Upload(code=code, file=file) for code, file, _error in refused
    ]
    codes = {u.code for u in again}
    return [
        Upload(code=code, file=held_file(row), held=row)
        for code, row in held.items()
        if code not in codes
    ] + again


def _check_uploads(
    definition: Definition, uploads: Sequence[Upload], errors: dict[str, list[str]]
) -> list[tuple[str, CheckedFile, Upload]]:
    allowed = {d.code for d in definition.documents} | {
        f.code for f in definition.fields if f.type == FieldType.FILE
    }
    checked = []
    for upload in uploads:
        if upload.code not in allowed:
            errors.setdefault(upload.code, []).append(
                gettext("This service takes no such document.")
            )
            continue
        try:
            checked.append((upload.code, check_document(upload.file), upload))
        except ValidationError as error:
            errors.setdefault(upload.code, []).extend(str(m) for m in error.messages)
    return checked


def _missing_documents(
    definition: Definition, have: Iterable[str], errors: dict[str, list[str]]
) -> None:
    present = set(have)
    required = [d.code for d in definition.documents if d.required] + [
        f.code for f in definition.fields if f.type == FieldType.FILE and f.required
    ]
    for code in required:
        if code not in present and code not in errors:
            errors.setdefault(code, []).append(gettext("This document is required."))


def _store_documents(
    application: Application, checked: list[tuple[str, CheckedFile, Upload]], actor: User | None
) -> None:
    """Write the files and their rows, journaled (``degs.core.uploads``): a failure here removes
    the files at once, and the sweep removes those of a filing killed before its commit. Files
    held while the form was corrected are let go in the same transaction."""
    held_release([u.held for _c, _i, u in checked if u.held is not None], owner=actor)
    with NewFiles() as files:
        documents = []
        for code, item, _upload in checked:
            document = ApplicationDocument(
                application=application,
                code=code,
                content_type=item.content_type,
                size=len(item.content),
                sha256=item.sha256,
                uploaded_by=actor,
            )
            files.write(document.file, item.content, extension=_EXTENSION[item.content_type])
            documents.append(document)
        ApplicationDocument.objects.bulk_create(documents)


def _validated(
    *,
    place: routing.Place,
    definition: Definition,
    values: Mapping[str, Any],
    uploads: Sequence[Upload],
    have_documents: Iterable[str] = (),
    keep_aadhaar: tuple[str, str] | None = None,
    for_draft: bool = False,
) -> tuple[Any, list[tuple[str, CheckedFile, Upload]]]:
    """The form checked (for a draft, only what is filled in) and its uploads; refused with
    every field's messages, nothing saved."""
    cleaned = clean_values(
        definition,
        values,
        today=timezone.localdate(),
        find_area=_form_area_finder(place),
        keep_aadhaar=keep_aadhaar,
    )
    errors = cleaned.errors
    if for_draft:
        errors = {
            code: messages
            for code, messages in errors.items()
            if str(values.get(code) or "").strip()
        }
    checked = _check_uploads(definition, uploads, errors)
    if not for_draft:
        _missing_documents(definition, [*have_documents, *(c for c, _i, _n in checked)], errors)
    if errors:
        raise ApplicationRefused(extra={"errors": errors})
    return cleaned, checked


def _applicant(definition: Definition, cleaned: Any) -> tuple[str, str]:
    name = next(
        (cleaned.values.get(f.code, "") for f in definition.fields if f.type == FieldType.TEXT),
        "",
    )
    mobile = next(
        (cleaned.values.get(f.code, "") for f in definition.fields if f.type == FieldType.MOBILE),
        "",
    )
    return str(name)[:100], str(mobile)


def _offered(centre: Centre, service: Service) -> Definition:
    """The definition the application is filed under, once the centre may take it."""
    if centre.status != CentreStatus.ACTIVE:
        raise ApplicationError(_("This centre is not active and cannot file applications."))
    if not centre.area.path.startswith(service.area.path):
        raise ApplicationError(_("This service is not offered where this centre is."))
    if service.current is None or not service.is_active:
        raise ApplicationError(_("This service is not taking applications."))
    return service.current.parsed()


def _open_draft(draft: Application | None, centre: Centre) -> Application | None:
    if draft is None:
        return None
    locked = Application.objects.select_for_update().get(pk=draft.pk)
    if locked.state != DRAFT or locked.centre_id != centre.pk:
        raise InvalidTransition(_("This application has already been filed."))
    return locked


def _fill(
    application: Application,
    *,
    actor: User | None,
    service: Service,
    place: routing.Place,
    definition: Definition,
    cleaned: Any,
) -> None:
    """What a draft and a filing both keep: where, under which version, who, and the form."""
    application.service = service
    application.service_version = service.current  # type: ignore[assignment]
    application.area, application.district, application.block = (
        place.area,
        place.district,
        place.block,
    )
    application.filed_by = actor
    application.applicant_name, application.mobile = _applicant(definition, cleaned)
    application.data = cleaned.values
    application.aadhaar_last4 = cleaned.aadhaar_last4
    application.aadhaar_hash = cleaned.aadhaar_hash
    if application.pk is not None:
        application.version += 1


@dataclass
class _Form:
    application: Application  # filled in, not saved
    definition: Definition
    place: routing.Place
    checked: list[tuple[str, CheckedFile, Upload]]


def _form_at_centre(
    *,
    actor: User | None,
    centre: Centre,
    service: Service,
    values: Mapping[str, Any],
    uploads: Sequence[Upload],
    draft: Application | None,
    for_draft: bool,
) -> _Form:
    """What saving a draft and filing share: who may, whether the service is offered here,
    the form checked (a draft only for what is filled in) and the application filled in."""
    require_operator(actor, centre)
    definition = _offered(centre, service)
    draft = _open_draft(draft, centre)
    place = routing.place_of(centre.area, also=_chosen_areas(definition, values))
    cleaned, checked = _validated(
        place=place,
        definition=definition,
        values=values,
        uploads=uploads,
        have_documents=(
            draft.documents.values_list("code", flat=True) if draft and not for_draft else ()
        ),
        keep_aadhaar=(draft.aadhaar_last4, draft.aadhaar_hash) if draft else None,
        for_draft=for_draft,
    )
    application = draft or Application(centre=centre)
    _fill(
        application,
        actor=actor,
        service=service,
        place=place,
        definition=definition,
        cleaned=cleaned,
    )
    return _Form(application, definition, place, checked)


@transaction.atomic
def application_save_draft(
    *,
    actor: User | None,
    centre: Centre,
    service: Service,
    values: Mapping[str, Any],
    uploads: Sequence[Upload] = (),
    draft: Application | None = None,
) -> Application:
    """Keep what the operator has typed so far, unchecked for completeness; no number yet."""
    form = _form_at_centre(
        actor=actor,
        centre=centre,
        service=service,
        values=values,
        uploads=uploads,
        draft=draft,
        for_draft=True,
    )
    form.application.save()
    _store_documents(form.application, form.checked, actor)
    return form.application


def application_submit(
    *,
    actor: User | None,
    centre: Centre,
    service: Service,
    values: Mapping[str, Any],
    uploads: Sequence[Upload] = (),
    client_token: uuid.UUID | None = None,
    draft: Application | None = None,
) -> tuple[Application, bool]:
    """File an application at a centre; returns it and whether this call filed it (False when
    the same ``client_token`` had already filed one: the token is unique, so a repeat stops
    at the insert and nothing of it is kept)."""
    try:
        with transaction.atomic():
            return _submit(
                actor=actor,
                centre=centre,
                service=service,
                values=values,
                uploads=uploads,
                client_token=client_token,
                draft=draft,
            ), True
    except IntegrityError:
        # The same form again (a double click, a retry), or two at once: one filed it.
        earlier = Application.objects.filter(client_token=client_token).first()
        if client_token is None or earlier is None:
            raise
        return _same_form(earlier, actor, centre), False


def _same_form(application: Application, actor: User | None, centre: Centre) -> Application:
    if application.centre_id != centre.pk or (actor and application.filed_by_id != actor.pk):
        raise ApplicationError(_("This form token was used for another application."))
    return application


def _submit(
    *,
    actor: User | None,
    centre: Centre,
    service: Service,
    values: Mapping[str, Any],
    uploads: Sequence[Upload],
    client_token: uuid.UUID | None,
    draft: Application | None,
) -> Application:
    form = _form_at_centre(
        actor=actor,
        centre=centre,
        service=service,
        values=values,
        uploads=uploads,
        draft=draft,
        for_draft=False,
    )
    application, definition = form.application, form.definition
    now = timezone.now()
    today = timezone.localdate(now)
    application.client_token = client_token
    application.fee_paise = definition.fee_paise
    application.submitted_at = now
    _start_clock(application, definition, form.place, today)
    application.save()
    _post_fee(application, definition, today)
    filed = record_event(
        ApplicationEvent,
        application,
        actor=actor,
        action="",
        from_status=DRAFT if draft else "",
        to_status=application.state,
        kind=EventKind.FILED,
    )
    if draft is None:  # a new application's only event: shown without reading it back
        known_related(application, "events", [filed])
    _store_documents(application, form.checked, actor)
    return application


def _start_clock(
    application: Application, definition: Definition, place: routing.Place, today: dt.date
) -> list[str]:
    """A complete application received today: its time limit runs from today. Returns the
    fields it set."""
    limit = application.service_version.time_limit_days
    calendar = routing.calendar_for(place, today, limit)
    application.due_date = calendar.add_working_days(today, limit)
    entered = _enter_state(
        application, definition, SUBMITTED, today, place=place, calendar=calendar
    )
    return ["due_date", *entered]


def _enter_state(
    application: Application,
    definition: Definition,
    state: str,
    today: dt.date,
    *,
    place: routing.Place | None = None,
    calendar: Any = None,
) -> list[str]:
    """Move to ``state``: who acts next and by when. Returns the fields it set (the workflow
    engine saves them with the state)."""
    application.state = state
    application.is_open = state not in FINAL_STATES and state != DRAFT
    application.step_started = today if application.is_open else None
    application.escalated_on = None
    days = routing.step_days(definition, state)
    if days:
        place = place or routing.place_of(application.area)
        calendar = calendar or routing.calendar_for(place, today, days)
        application.step_due = calendar.add_working_days(today, days)
        application.assigned_post = routing.post_for_state(definition, state, place)
    else:
        application.step_due = None
        application.assigned_post = None
    fields = ["state", "is_open", "step_started", "escalated_on", "step_due", "assigned_post"]
    if state in FINAL_STATES:
        application.decided_on = today
        application.within_limit = application.due_date is None or today <= application.due_date
        fields += ["decided_on", "within_limit"]
    return fields


def _post_fee(application: Application, definition: Definition, day: dt.date) -> None:
    """The fee as balanced ledger lines: what was collected at the centre and what the state
    reimburses (debits), and each party's share (credits). They add up to zero."""
    lines = []
    common = {
        "application": application,
        "centre": application.centre,
        "district": application.district,
        "posted_on": day,
    }
    if definition.citizen_paise:
        lines.append(
            LedgerEntry(
                account=Account.CASH_AT_CENTRE, amount_paise=definition.citizen_paise, **common
            )
        )
    if definition.reimbursed_paise:
        lines.append(
            LedgerEntry(
                account=Account.DUE_FROM_STATE, amount_paise=definition.reimbursed_paise, **common
            )
        )
    for share in definition.shares:
        if share.paise:
            lines.append(
                LedgerEntry(
                    account=Account.SHARE,
                    party=share.party,
                    party_label=share.label,
                    party_label_hi=share.label_hi,
                    amount_paise=-share.paise,
                    **common,
                )
            )
    if sum(line.amount_paise for line in lines) != 0:  # the catalogue's check makes this so
        raise ApplicationError(_("The service's fee split does not add up; nothing was filed."))
    LedgerEntry.objects.bulk_create(lines)


# --- at the kiosk after filing -------------------------------------------------------------------


def _locked(application: Application, version: int | None) -> Application:
    locked = (
        Application.objects.select_for_update()
        .select_related("service_version", "district", "area", "centre", "service")
        .get(pk=application.pk)
    )
    if version is not None and locked.version != version:
        # Said in the application's words, with who changed it last and when (the engine's).
        raise StaleVersion(
            _(
                "Someone acted on this application after you opened it: it is now “%(state)s”. "
                "Nothing was saved."
            )
            % {"state": locked.state_label},
            extra=stale(ApplicationEvent, locked).extra,
        )
    return locked


@transaction.atomic
def application_resubmit(
    *,
    actor: User | None,
    application: Application,
    values: Mapping[str, Any],
    uploads: Sequence[Upload] = (),
    version: int | None,
    remark: str = "",
) -> Application:
    """The kiosk sends back an application returned for correction. The time limit starts
    again: it runs from the day a complete application is received."""
    locked = _locked(application, version)
    require_operator(actor, locked.centre)
    definition = locked.definition
    if workflow_of(definition).find(RESUBMIT, locked.state) is None:
        raise InvalidTransition(_("Only an application returned to the kiosk can be resubmitted."))
    place = routing.place_of(locked.area)
    cleaned, checked = _validated(
        place=place,
        definition=definition,
        values=values,
        uploads=uploads,
        have_documents=locked.documents.values_list("code", flat=True),
        keep_aadhaar=(locked.aadhaar_last4, locked.aadhaar_hash),
    )
    known_parts(locked, OPERATOR)  # require_operator said so, in its own words

    def correct(row: Application, _step: Transition) -> list[str]:
        row.data = cleaned.values
        row.applicant_name, row.mobile = _applicant(definition, cleaned)
        row.aadhaar_last4, row.aadhaar_hash = cleaned.aadhaar_last4, cleaned.aadhaar_hash
        return [
            "data",
            "applicant_name",
            "mobile",
            "aadhaar_last4",
            "aadhaar_hash",
            *_start_clock(row, definition, place, timezone.localdate()),
        ]

    transition(
        workflow_of(definition),
        locked,
        RESUBMIT,
        actor=actor,
        version=version,
        remark=remark,
        locked=locked,
        apply=correct,
        # Not a step of the service: the event keeps an empty action, as it always has.
        event={"kind": EventKind.RESUBMITTED, "action": ""},
    )
    _store_documents(locked, checked, actor)
    return locked


@transaction.atomic
def application_add_documents(
    *, actor: User | None, application: Application, uploads: Sequence[Upload], version: int | None
) -> Application:
    """Documents the officer called for (or any missing one), added at the kiosk."""
    locked = _locked(application, version)
    require_operator(actor, locked.centre)
    if not locked.is_open:
        raise InvalidTransition(_("This application is closed."))
    if not uploads:
        raise ApplicationRefused(extra={"errors": {"documents": [gettext("Choose a file.")]}})
    errors: dict[str, list[str]] = {}
    checked = _check_uploads(locked.definition, uploads, errors)
    if errors:
        raise ApplicationRefused(extra={"errors": errors})
    locked.version += 1
    locked.save(update_fields=["version", "updated_at"])
    record_event(
        ApplicationEvent,
        locked,
        actor=actor,
        action="",
        from_status=locked.state,
        to_status=locked.state,
        remark=_document_names(locked.definition, [code for code, _i, _n in checked]),
        kind=EventKind.DOCUMENTS_ADDED,
    )
    _store_documents(locked, checked, actor)
    return locked


def _document_names(definition: Definition, codes: list[str]) -> Bilingual:
    """The documents' names, as the service calls them, in both languages."""
    named = {d.code: d for d in definition.documents}
    english = [named[c].label if c in named else c for c in codes]
    hindi = [(named[c].label_hi or named[c].label) if c in named else c for c in codes]
    return Bilingual(", ".join(english), ", ".join(hindi))


# --- officers --------------------------------------------------------------------------------------


@transaction.atomic
def application_act(
    *,
    actor: User | None,
    application: Application,
    action: str,
    target: str,
    remark: str = "",
    version: int | None,
) -> Application:
    """Take one step of the workflow. ``version`` is the one the officer saw: if someone acted
    first, StaleVersion says so and nothing changes."""
    locked = _locked(application, version)
    definition = locked.definition
    if not locked.is_open:
        raise InvalidTransition(
            _("This application is already “%(state)s”.") % {"state": locked.state_label}
        )
    step = workflow_of(definition).find(action, locked.state, target)
    if step is None:
        raise InvalidTransition
    post = locked.assigned_post
    if actor is not None:
        post = acting_post(actor, locked)
        if post.designation.code not in step.parts:
            raise PermissionDenied(_("This step is for another post."))
        # The post's own area: a circle officer acts on the panchayats of the coterminous block.
        require_capability(actor, Capability.APPLICATIONS_DECIDE, post.area)
        known_parts(locked, post.designation.code)
    if step.needs_remark and not clean_paragraphs(remark):
        raise ApplicationRefused(
            _("Give the reason: the kiosk and the citizen will be told."),
            extra={"errors": {"remark": [gettext("Give the reason.")]}},
        )
    return _move(locked, action=action, target=target, remark=remark, actor=actor, post=post)


def _move(
    locked: Application,
    *,
    action: str,
    target: str,
    remark: str | Bilingual,
    actor: User | None,
    post: Post | None,
    kind: str = EventKind.ACTED,
    place: routing.Place | None = None,
) -> Application:
    """Take a step of the application's workflow (``core.workflow.transition``: the state and
    what follows from it saved with ``update_fields``, the event, the kiosk told on commit);
    issuing makes the certificate in the same transaction."""
    definition = locked.definition
    today = timezone.localdate()
    transition(
        workflow_of(definition),
        locked,
        action,
        actor=actor,
        version=locked.version,
        remark=remark,
        target=target,
        locked=locked,
        apply=lambda row, step: _enter_state(row, definition, step.target, today, place=place),
        event={"kind": kind, "post": post},
        after_commit=_tell_kiosk,
    )
    if locked.state == ISSUED:
        certificate_issue(application=locked, actor=actor, post=post, day=today)
    return locked


def _tell_kiosk(application: Application, step: Transition) -> None:
    """After the commit: the kiosk is told of an application decided, returned to it or with
    documents called for."""
    told = (
        step.target in (ISSUED, REJECTED, AT_KIOSK) or step.action == ActionKind.CALL_FOR_DOCUMENTS
    )
    user = application.filed_by
    if user is None or not told:
        return
    url = reverse("applications:application_detail", args=[application.pk])
    text, text_hi = sentence(
        _("Application %(number)s is now “%(state)s”."),
        {"number": application.number, "state": lambda: application.state_label},
    )
    key = f"application:{application.pk}:{application.version}"
    notice_send(user=user, key=key, text=text, text_hi=text_hi, url=url)


# --- certificates ----------------------------------------------------------------------------------


def certificate_fields(
    application: Application,
    number: str,
    day: dt.date,
    valid_until: dt.date | None,
    post: Post | None,
) -> dict[str, Any]:
    """What the signed payload carries and the verification page shows: enough to check the
    paper in hand, nothing more (no Aadhaar, no mobile): the facts the certificate states."""
    service = application.service
    definition = application.definition
    relation_field = next(
        (f for f in definition.fields if f.code in ("father_name", "guardian_name", "spouse_name")),
        None,
    )
    relation = application.data.get(relation_field.code) if relation_field else ""
    # The name (the first text field, as filing reads it) and the relation travel as n and r.
    name_field = next((f for f in definition.fields if f.type == FieldType.TEXT), None)
    carried = {f.code for f in (name_field, relation_field) if f is not None}
    facts = [fact.signed() for fact in certified_facts(application) if fact.code not in carried]
    return {
        "c": number,
        "a": application.number,
        "s": service.code,
        "sn": service.name,
        "sh": service.name_hi,
        "n": application.applicant_name,
        "r": relation or "",
        "d": application.district.name,
        "dh": application.district.name_hi,
        "i": day.isoformat(),
        "v": valid_until.isoformat() if valid_until else "",
        "o": post.designation.short_name if post else "",
        "oa": post.area.name if post else "",
        # The officer in Hindi too (the directory's names), for a reader of the Hindi page.
        "oh": post.designation.short_name_hi if post else "",
        "oah": post.area.name_hi if post else "",
        # The other facts the service certifies: [code, label, label_hi, text, text_hi].
        **({"f": facts} if facts else {}),
    }


def certificate_issue(
    *, application: Application, actor: User | None, post: Post | None, day: dt.date
) -> Certificate:
    version = application.service_version
    number = f"{application.service.code[:3].upper()}/{application.number}"
    valid_until = day + dt.timedelta(days=version.validity_days) if version.validity_days else None
    fields = certificate_fields(application, number, day, valid_until, post)
    return Certificate.objects.create(
        application=application,
        number=number,
        issued_on=day,
        valid_until=valid_until,
        issued_by=actor,
        officer_post=post,
        fields=fields,
        payload=signing.sign_payload(fields),
        key_id=signing.key_id(),
    )


@transaction.atomic
def certificate_revoke(*, actor: User | None, certificate: Certificate, reason: str) -> Certificate:
    """Revoke an issued certificate; verification shows it revoked, with the reason."""
    locked = (
        Certificate.objects.select_for_update()
        .select_related("application__area")
        .get(pk=certificate.pk)
    )
    if actor is not None:
        post = locked.officer_post
        issuer = post is not None and post.pk in held_post_ids(actor)
        if issuer:
            require_capability(actor, Capability.APPLICATIONS_DECIDE, post.area)  # type: ignore[union-attr]
        else:
            require_capability(
                actor,
                Capability.CATALOGUE_MANAGE,
                locked.application.area,
                _("Only the issuing authority or the district administration may revoke."),
            )
    reason = clean_paragraphs(reason)
    if not reason:
        raise ApplicationRefused(extra={"errors": {"reason": [gettext("Give the reason.")]}})
    if locked.revoked_at is not None:
        raise InvalidTransition(_("This certificate is already revoked."))
    locked.revoked_at = timezone.now()
    locked.revoked_by = actor
    locked.revocation_reason = reason
    locked.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
    record_event(
        ApplicationEvent,
        locked.application,
        actor=actor,
        action="",
        from_status=ISSUED,
        to_status=locked.application.state,
        remark=reason,
        kind=EventKind.CERTIFICATE_REVOKED,
    )
    return locked


# --- past due ------------------------------------------------------------------------------------


@dataclass
class EscalationResult:
    automatic: int = 0
    escalated: int = 0


def _supervisor(application: Application, place: routing.Place) -> Post | None:
    appellate = application.service_version.appellate_post
    if appellate is None:
        return None
    return routing.post_for(designation=appellate.code, level=appellate.level, place=place)


def _holders(post: Post | None, day: dt.date) -> list[User]:
    if post is None:
        return []
    return [h.user for h in post.holdings.current(day).select_related("user")]


def applications_escalate(*, today: dt.date | None = None) -> EscalationResult:
    """Daily: take the automatic step of applications late enough for one; tell the officer
    and the supervising post of every other application past its step's due date (once per
    step). Safe to run twice: the second run finds nothing new."""
    today = today or timezone.localdate()
    result = EscalationResult()
    late = (
        Application.objects.open()
        .filter(step_due__lt=today)
        .filter(escalated_on__isnull=True)
        .select_related(
            "service_version", "district", "area", "assigned_post__designation", "service"
        )
        .order_by("step_due", "pk")
    )
    places: dict[int, routing.Place] = {}  # one read of the area tree per area in the run
    for application in late.iterator(chunk_size=500):
        with transaction.atomic():
            locked = _locked(application, application.version)
            definition = locked.definition
            if locked.area_id not in places:
                places[locked.area_id] = routing.place_of(locked.area)
            place = places[locked.area_id]
            auto = next(
                (s for s in routing.steps_now(definition, locked.state) if s.auto_after_days),
                None,
            )
            if auto is not None and locked.step_started is not None:
                calendar = routing.calendar_for(
                    place, locked.step_started, auto.auto_after_days or 0
                )
                if today >= calendar.add_working_days(
                    locked.step_started, auto.auto_after_days or 0
                ):
                    _move(
                        locked,
                        action=auto.action,
                        target=auto.target,
                        remark=sentence(
                            _("Taken automatically: no action within %(days)s working days."),
                            {"days": auto.auto_after_days},
                        ),
                        actor=None,
                        post=locked.assigned_post,
                        kind=EventKind.AUTOMATIC,
                        place=place,
                    )
                    result.automatic += 1
                    continue
            _escalate(locked, today, place)
            result.escalated += 1
    return result


def _escalate(application: Application, today: dt.date, place: routing.Place) -> None:
    supervisor = _supervisor(application, place)
    url = reverse("applications:application_detail", args=[application.pk])
    text, text_hi = sentence(
        _("Application %(number)s is past due (step due %(due)s)."),
        {"number": application.number, "due": format_date(application.step_due)},
    )
    key = f"application:{application.pk}:late:{application.step_started}"
    for user in {*_holders(application.assigned_post, today), *_holders(supervisor, today)}:
        notice_send(user=user, key=key, text=text, text_hi=text_hi, url=url)
    application.escalated_on = today
    application.save(update_fields=["escalated_on", "updated_at"])
    record_event(
        ApplicationEvent,
        application,
        actor=None,
        action="",
        from_status=application.state,
        to_status=application.state,
        remark=in_both_languages(lambda: supervisor.label) if supervisor else "",
        kind=EventKind.ESCALATED,
        post=supervisor,
    )


# --- inspection fines ----------------------------------------------------------------------------


def _fine_lines(inspection: Any, *, reversal: bool, on: dt.date | None = None) -> list[LedgerEntry]:
    """A fine as two balanced lines: due from the centre (debit), owed to the society (credit);
    a reversal is the same with the signs turned."""
    paise = int((inspection.fine_amount * 100).to_integral_value())
    sign = -1 if reversal else 1
    common = {
        "inspection": inspection,
        "centre": inspection.centre,
        "district": Area.objects.get(path=district_path(inspection.centre.area.path)),
        "posted_on": on or timezone.localdate(),
        "reversal": reversal,
    }
    return [
        LedgerEntry(account=Account.FINE_DUE, amount_paise=sign * paise, **common),
        LedgerEntry(account=Account.FINES, party="degs", amount_paise=-sign * paise, **common),
    ]


def _post_once(inspection: Any, *, reversal: bool, on: dt.date | None = None) -> bool:
    if LedgerEntry.objects.filter(inspection=inspection, reversal=reversal).exists():
        return False
    try:
        with transaction.atomic():
            LedgerEntry.objects.bulk_create(_fine_lines(inspection, reversal=reversal, on=on))
    except IntegrityError:  # the same fine posted a moment ago by a retry
        return False
    return True


def fine_post(*, inspection: Any, on: dt.date | None = None) -> bool:
    """Post an inspection's fine to the ledger (dated ``on``, by default today), once: a retry
    or a second call adds nothing. Returns whether lines were added. The centres service that
    imposes the fine calls it as ``provided("fines.post")`` (this app's config provides it)."""
    if not inspection.fine_amount or inspection.fine_amount <= 0:
        return False
    return _post_once(inspection, reversal=False, on=on)


def fine_reverse(*, inspection: Any) -> bool:
    """Reverse a posted fine (waived), once; nothing to reverse when it was never posted.
    The centres service calls it as ``provided("fines.reverse")``."""
    if not LedgerEntry.objects.filter(inspection=inspection, reversal=False).exists():
        return False
    return _post_once(inspection, reversal=True)
