"""The one workflow engine: a transition table per workflow and one function that takes a step.

A workflow is data: a tuple of :class:`Transition` rows (action, the statuses it may start from,
the status it leads to, its label in both languages, who may take it, whether a remark is
required, the step's time limit). The same table

- decides what a service allows (:func:`transition` refuses anything the table does not name),
- draws the action buttons (:meth:`Workflow.available`, ``core/partials/workflow_actions.html``),
- prints the workflow section of the app's doc (:meth:`Workflow.markdown`; a test holds each
  doc to its table).

:func:`transition` is the only code that changes a status. In one transaction it locks the row,
checks the actor's reach, the version the user saw, the status and the actor's part, writes the
new status with ``update_fields``, writes one event row through :func:`record_event` (the one
event writer; every event table has the columns of :class:`degs.core.models.WorkflowEvent`) and
defers side effects (notices, tasks) to after the commit.

Who may act is named by *parts*: a workflow's ``parts(actor, obj)`` gives the parts the actor
plays for that object ("owner", "verifier", a designation code…), and a transition names the
parts that may take it. Core knows no domain: each app builds its workflows from its own tables.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from degs.core.bilingual import Bilingual, typed
from degs.core.exceptions import (
    InvalidTransition,
    OutOfJurisdiction,
    PermissionDenied,
    StaleVersion,
)
from degs.core.models import build, in_reader_language
from degs.core.text import clean_paragraphs

# Every workflow built with ``register=True``, by name: the docs test walks them.
WORKFLOWS: dict[str, Workflow] = {}


@dataclass(frozen=True)
class Transition:
    """One row of a workflow's table."""

    action: str
    sources: tuple[str, ...]
    target: str
    label: Promise | str
    parts: frozenset[str] = frozenset()
    needs_remark: bool = False
    limit_days: int | None = None
    style: str = "primary"
    # The Hindi of ``label`` when the table is data (a catalogue's steps), not a translated
    # message.
    label_hi: str = ""
    # False: the step writes no event of its own, as the step it causes on another row writes
    # the history (approving a recommendation is told by the centre's closure).
    writes_event: bool = True

    @property
    def title(self) -> str:
        """The label in the reader's language."""
        if self.label_hi:
            return in_reader_language(str(self.label), self.label_hi)
        return str(self.label)

    def starts_from(self, status: str) -> bool:
        return status in self.sources


PartsOf = Callable[[Any, Any], Iterable[str]]


@dataclass
class Workflow:
    """A named transition table over one model's status field, with its event table."""

    name: str
    transitions: tuple[Transition, ...]
    model: type[models.Model]
    event_model: type[models.Model]
    status_field: str = "status"
    version_field: str | None = "version"
    # The parts ``actor`` plays for ``obj``; None: every actor past the gate may take any step.
    parts: PartsOf | None = None
    # Related rows read with the locked row (the parts and the scope check read them).
    lock_related: tuple[str, ...] = ()
    # Check that the actor sees the row (``visible_to``) before anything else.
    scoped: bool = True
    # The status labels, for the docs table and messages: a TextChoices class or a mapping.
    statuses: Any = None
    # Which doc prints this table (``docs/<file>``); the docs test compares them.
    doc: str = ""
    register: bool = True
    # What a refused step says (``%(status)s`` or ``%(before)s``: the status it is in;
    # ``%(after)s``: the status asked for when ``target`` names it); empty: the engine's.
    refusal: Any = ""
    # Where a missing remark is reported, and with which sentence (empty: "Say why.").
    remark_field: str = "remark"
    remark_message: Any = ""
    # Which row the events are about when it is not the row itself (an ID's events are its
    # operator's): ``subject(row)`` gives it, ``subject_field`` names its event column.
    subject: Callable[[Any], Any] | None = None
    subject_field: str = ""
    _by_action: dict[str, list[Transition]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_action = {}
        for t in self.transitions:
            self._by_action.setdefault(t.action, []).append(t)
        if self.register:
            WORKFLOWS[self.name] = self

    # --- reading the table -----------------------------------------------------------------

    def find(
        self, action: str, status: str | None = None, target: str | None = None
    ) -> Transition | None:
        """The row for ``action`` (from ``status``, to ``target`` where given), or None."""
        for t in self._by_action.get(action, ()):
            if status is not None and status not in t.sources:
                continue
            if target is not None and t.target != target:
                continue
            return t
        return None

    def from_status(self, status: str) -> list[Transition]:
        """Every step the table allows from ``status``, in table order."""
        return [t for t in self.transitions if status in t.sources]

    def allowed(self, status: str, parts: Iterable[str]) -> list[Transition]:
        """The steps someone playing ``parts`` may take from ``status``."""
        held = frozenset(parts)
        return [t for t in self.from_status(status) if not t.parts or t.parts & held]

    def parts_of(self, actor: Any, obj: Any) -> frozenset[str]:
        if self.parts is None or actor is None:
            return frozenset()
        return frozenset(self.parts(actor, obj))

    def available(self, obj: Any, actor: Any) -> list[Transition]:
        """The buttons ``actor`` sees on ``obj``."""
        status = getattr(obj, self.status_field)
        if self.parts is None:
            return self.from_status(status)
        return self.allowed(status, self.parts_of(actor, obj))

    def event_subject(self, row: Any) -> tuple[str, Any]:
        """The event column naming ``row``'s events, and the value it holds."""
        field_name = self.subject_field or self.event_model.subject_field  # type: ignore[attr-defined]
        return field_name, (self.subject(row) if self.subject is not None else row)

    def status_label(self, status: str) -> str:
        if not status:
            return ""
        labels = dict(getattr(self.statuses, "choices", None) or self.statuses or {})
        return str(labels.get(status, status))

    def markdown(self) -> str:
        """The table as the app's doc prints it (English)."""
        from django.utils import translation

        with translation.override("en"):
            rows = [
                "| action | from | to | who | remark | time limit |",
                "| --- | --- | --- | --- | --- | --- |",
            ]
            for t in self.transitions:
                limit = f"{t.limit_days} working days" if t.limit_days else ""
                rows.append(
                    "| {label} (`{action}`) | {sources} | {target} | {who} | {remark} | {limit} |".format(
                        label=str(t.label),
                        action=t.action,
                        sources=", ".join(self.status_label(s) for s in t.sources),
                        target=self.status_label(t.target),
                        who=", ".join(sorted(t.parts)) or "anyone who may change it",
                        remark="required" if t.needs_remark else "",
                        limit=limit,
                    )
                )
        return "\n".join(rows) + "\n"


# --- events --------------------------------------------------------------------------------


def event_columns(
    event_model: type[models.Model],
    subject: models.Model | None = None,
    *,
    actor: Any,
    action: str,
    from_status: str = "",
    to_status: str = "",
    remark: str | Bilingual = "",
    data: dict[str, Any] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """The columns of one event row, as :func:`record_event` and :func:`record_events` write
    them.

    A remark the system wrote (a :class:`Bilingual`) is stored in both languages; typed text is
    stored as typed (``remark_hi`` empty). ``extra`` carries an event table's own columns.
    """
    written = remark if isinstance(remark, Bilingual) else typed(remark)
    if subject is not None:
        extra[event_model.subject_field] = subject  # type: ignore[attr-defined]
    return {
        "actor": actor,
        "action": action,
        "from_status": from_status,
        "to_status": to_status,
        **written.fields("remark"),
        "data": data or {},
        **extra,
    }


def record_event(
    event_model: type[models.Model],
    subject: models.Model | None = None,
    *,
    actor: Any,
    action: str,
    **columns: Any,
) -> Any:
    """Write one event row: the one event writer of every app (:func:`record_events` writes
    many at once). ``columns``: :func:`event_columns`' statuses, ``remark``, ``data`` and the
    table's own columns."""
    return event_model._default_manager.create(
        **event_columns(event_model, subject, actor=actor, action=action, **columns)
    )


def record_events(
    event_model: type[models.Model],
    rows: Iterable[dict[str, Any]],
    *,
    write: Callable[[list[Any]], Any] | None = None,
) -> list[Any]:
    """Write many event rows at once: the bulk form of :func:`record_event`.

    Each of ``rows`` holds :func:`record_event`'s keywords (``subject``, ``actor``, ``action``,
    the statuses, ``remark``, ``data`` and the table's own columns; a related row as the row or
    by its id, ``centre_id``), and each event gets the same columns. The rows are built without
    the model's constructor (thousands at a time) and inserted by ``write`` (an import's own
    bulk insert), by default ``bulk_create``. Returns the events.
    """
    events = [build(event_model, **event_columns(event_model, **row)) for row in rows]
    if write is None:
        event_model._default_manager.bulk_create(events, batch_size=2000)
    else:
        write(events)
    return events


def last_change(
    event_model: type[models.Model], subject: models.Model, field_name: str = ""
) -> Any:
    """The newest event of ``subject`` (who changed it last, and when), or None.
    ``field_name``: the event column naming it, when not the table's ``subject_field``."""
    field_name = field_name or event_model.subject_field  # type: ignore[attr-defined]
    return (
        event_model._default_manager.filter(**{field_name: subject})
        .select_related("actor")
        .order_by("-at", "-pk")
        .first()
    )


def stale(
    event_model: type[models.Model] | None, subject: models.Model, field_name: str = ""
) -> StaleVersion:
    """The StaleVersion error for ``subject``, naming who changed it last and when."""
    if event_model is None:
        return StaleVersion()
    event = last_change(event_model, subject, field_name)
    if event is None:
        return StaleVersion()
    return StaleVersion(extra={"by": event.actor, "at": event.at})


def record_change(
    workflow: Workflow,
    row: models.Model,
    *,
    actor: Any,
    action: str,
    remark: str | Bilingual = "",
    data: dict[str, Any] | None = None,
    **extra: Any,
) -> Any:
    """Write the event of a change that takes no step of the table (an edit, an attendance
    sheet, a link to what it is about): from and to are ``row``'s status as it is, the subject
    as the workflow names it. A stale version then names who made this change too."""
    field_name, subject = workflow.event_subject(row)
    status = getattr(row, workflow.status_field)
    extra.setdefault(field_name, subject)
    return record_event(
        workflow.event_model,
        None,
        actor=actor,
        action=action,
        from_status=status,
        to_status=status,
        remark=remark,
        data=data,
        **extra,
    )


# --- the one transition function ---------------------------------------------------------------


def lock(workflow: Workflow, obj: models.Model) -> Any:
    """``obj`` read again under a row lock (SELECT … FOR UPDATE), with ``lock_related``.

    Only the row itself is locked (``FOR UPDATE OF`` its table): the related rows are read with
    it, and PostgreSQL refuses to lock the nullable side of the outer join a nullable relation
    is read through."""
    query = workflow.model._default_manager.select_for_update(of=("self",))
    if workflow.lock_related:
        query = query.select_related(*workflow.lock_related)
    return query.get(pk=obj.pk)


def check_version(workflow: Workflow, locked: models.Model, version: int | None) -> None:
    """StaleVersion (naming the last change) when the row moved on since the user saw it."""
    if version is None or workflow.version_field is None:
        return
    if getattr(locked, workflow.version_field) != version:
        field_name, subject = workflow.event_subject(locked)
        raise stale(workflow.event_model, subject, field_name)


def transition(
    workflow: Workflow,
    obj: models.Model,
    action: str,
    *,
    actor: Any,
    version: int | None = None,
    remark: str | Bilingual = "",
    target: str | None = None,
    gate: Callable[[Any], None] | None = None,
    validate: Callable[[Any, Transition, Bilingual], None] | None = None,
    apply: Callable[[Any, Transition], Sequence[str]] | None = None,
    event: dict[str, Any] | None = None,
    data: dict[str, Any] | None = None,
    after_commit: Callable[[Any, Transition], None] | None = None,
    locked: models.Model | None = None,
) -> Any:
    """Take the step ``action`` on ``obj`` for ``actor`` and return the changed row.

    In this order: the table names the action (InvalidTransition); the row is locked; the actor
    sees it (OutOfJurisdiction, answered like a missing row); ``gate(locked)`` (an app's own
    refusal, such as a capability); the version the user saw (StaleVersion, naming who changed
    it); the status allows the step (InvalidTransition); the actor plays a part the step names
    (PermissionDenied); a remark when the step needs one (ValidationError on ``remark``);
    ``validate(locked, step, remark)`` (the app's field checks). Then the status is written with
    ``apply``'s extra fields through ``update_fields``, one event row is written (``event``: the
    event table's own columns; it may also give the row's ``action`` or statuses where the
    app's table records the step otherwise; none for a step with ``writes_event=False``), and
    ``after_commit(locked, step)`` runs once the transaction commits. ``actor=None`` is the
    system (a sweep, an import): reach and parts are not asked.
    """
    if not workflow._by_action.get(action):
        raise InvalidTransition
    with transaction.atomic():
        row = locked if locked is not None else lock(workflow, obj)
        if (
            actor is not None
            and workflow.scoped
            and not workflow.model._default_manager.visible_to(actor)  # type: ignore[attr-defined]
            .filter(pk=row.pk)
            .exists()
        ):
            raise OutOfJurisdiction
        if gate is not None:
            gate(row)
        check_version(workflow, row, version)
        before = getattr(row, workflow.status_field)
        step = workflow.find(action, before, target)
        if step is None:
            raise InvalidTransition(
                (workflow.refusal or _("This action is not allowed while it is “%(status)s”."))
                % {
                    "status": workflow.status_label(before),
                    "before": workflow.status_label(before),
                    "after": workflow.status_label(target or ""),
                }
            )
        if actor is not None and step.parts and not step.parts & workflow.parts_of(actor, row):
            raise PermissionDenied
        written = remark if isinstance(remark, Bilingual) else typed(clean_paragraphs(remark or ""))
        errors: dict[str, Any] = {}
        if step.needs_remark and not written.en:
            errors[workflow.remark_field] = [workflow.remark_message or _("Say why.")]
        if validate is not None:
            try:
                validate(row, step, written)
            except ValidationError as error:
                if not errors:
                    raise
                # Every field's error at once: the missing remark and the app's own.
                for name, messages in error.update_error_dict({}).items():
                    errors.setdefault(name, []).extend(messages)
        if errors:
            raise ValidationError(errors)
        setattr(row, workflow.status_field, step.target)
        fields = [workflow.status_field]
        if workflow.version_field is not None:
            setattr(row, workflow.version_field, getattr(row, workflow.version_field) + 1)
            fields.append(workflow.version_field)
        if apply is not None:
            fields.extend(apply(row, step))
        if any(f.name == "updated_at" for f in row._meta.concrete_fields):
            fields.append("updated_at")
        row.save(update_fields=list(dict.fromkeys(fields)))
        # ``event`` may name the row's action or statuses otherwise (a step an app's table
        # records so).
        columns = {"action": action, "from_status": before, "to_status": step.target}
        columns.update(event or {})
        field_name, subject = workflow.event_subject(row)
        columns.setdefault(field_name, subject)
        if step.writes_event:
            record_event(
                workflow.event_model, None, actor=actor, remark=written, data=data, **columns
            )
        if after_commit is not None:
            transaction.on_commit(lambda: after_commit(row, step))
    return row
