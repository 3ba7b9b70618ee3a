"""What the move knows of the suite's tables beyond Django's own description of them.

Django's model metadata gives the tables, their foreign keys, unique fields and constraints,
generic relations and file fields; everything else a district's data holds by id (ids in JSON
payloads, in notice keys and links, a materialised path, numbers made from ids) is declared
here, by model label, so that the move code itself names no app and imports none.
``tests/core/test_move_district.py`` fails when a label or field named here no longer exists,
and when the laptop's events carry a number this table does not classify.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db.models import Q


@dataclass(frozen=True)
class Shared:
    """A table the state holds in common with its districts (the directory, the catalogues).

    A laptop row whose natural key (a unique field or constraint) finds a row in the state
    *is* that row when the ``same`` fields agree too: it is matched, not copied, and every
    reference to it points at the state's row. Where they disagree it is a clash. A laptop row
    whose key finds nothing is copied as a new row."""

    same: tuple[str, ...] = ()


# The shared tables. Everything else must be new: any natural key already in the state is a
# clash. The area tree is matched level by level (a district's blocks under the state's row of
# that district); a designation, a catalogue entry or a chart account by its code.
SHARED: dict[str, Shared] = {
    "contenttypes.ContentType": Shared(),
    "auth.Permission": Shared(),
    "directory.Area": Shared(same=("name", "parent")),
    "directory.Designation": Shared(same=("name",)),
    "directory.Holiday": Shared(same=("kind",)),
    "centres.CentreService": Shared(same=("name",)),
    "centres.IdType": Shared(same=("name",)),
    "centres.ChecklistItem": Shared(same=("text",)),
    "catalogue.Service": Shared(same=("name",)),
    # A published version never changes: the same number must mean the same definition.
    "catalogue.ServiceVersion": Shared(same=("definition",)),
    "connectivity.Provider": Shared(same=("name",)),
    "assets.Category": Shared(same=("name",)),
    "assets.Priority": Shared(same=("name",)),
    "assets.EquipmentModel": Shared(same=("category",)),
    "assets.Supplier": Shared(same=("name",)),
    "finance.Account": Shared(same=("name",)),
    "indicators.DataElement": Shared(same=("name",)),
    "indicators.Indicator": Shared(same=("name",)),
    # A district's figures queued for working out: queued once is enough.
    "indicators.FigureQueue": Shared(),
}

# Rows that belong to a row the state already has are not moved: the state's row keeps its own.
# The history rows of a matched shared row (django-simple-history's tables) are found without
# being named here; the figures of a matched area (the state's and the district's own rows, sums
# over every district) are worked out again by ``indicators_rebuild``.
BELONGS_TO: dict[str, str] = {
    "indicators.Figure": "area",
}


@dataclass(frozen=True)
class Skip:
    """A table whose rows are the laptop's alone and are not moved (said in the report)."""

    reason: str
    refuse_when: Q | None = None  # rows that must not be left behind: their presence refuses
    refusal: str = ""


SKIPPED: dict[str, Skip] = {
    "sessions.Session": Skip(
        "sign-ins on the laptop (they hold its user ids): people sign in again"
    ),
    "django_tasks_database.DBTaskResult": Skip(
        "the laptop's task queue (finished tasks are its log)",
        refuse_when=Q(status__in=("READY", "RUNNING")),
        refusal=(
            "the laptop has tasks not yet run, whose arguments hold its ids: run its worker "
            "(manage.py db_worker) until the queue is empty, then move"
        ),
    ),
}


@dataclass(frozen=True)
class JsonId:
    """An id kept in a JSON column: ``path`` walks objects by key; ``name[]`` walks each item of
    the list under ``name`` (``[]`` alone: the value itself is the list)."""

    path: str
    model: str


def _ids(model: str, *paths: str) -> tuple[JsonId, ...]:
    return tuple(JsonId(path, model) for path in paths)


# Ids in JSON columns, by table and column. Event payloads (``WorkflowEvent.data``) name the
# rows a step touched; a review pack's snapshot names its area, meeting, directives and the
# areas of its figures. Counts, amounts and entry numbers in the same payloads are not ids.
JSON_IDS: dict[str, dict[str, tuple[JsonId, ...]]] = {
    "centres.CentreEvent": {
        "data": (
            *_ids("centres.Inspection", "inspection"),
            *_ids("centres.Operator", "previous_operator"),
        )
    },
    "connectivity.LinkEvent": {
        "data": (
            *_ids("connectivity.Outage", "outage"),
            *_ids("connectivity.MaintenanceWindow", "window"),
        )
    },
    "rollouts.ProgrammeEvent": {"data": _ids("rollouts.Milestone", "milestone")},
    "rollouts.TargetEvent": {
        "data": (*_ids("rollouts.Milestone", "milestone"), *_ids("rollouts.Step", "step"))
    },
    "assets.AssetEvent": {
        "data": (
            *_ids("directory.Office", "office", "from_office", "to_office"),
            *_ids("directory.Post", "from_post", "to_post"),
            *_ids("assets.Verification", "verification"),
            *_ids("assets.Ticket", "ticket"),
        )
    },
    "assets.TicketEvent": {
        "data": (*_ids("assets.Schedule", "schedule"), *_ids("finance.Entry", "entry"))
    },
    "assets.CaseEvent": {
        "data": (*_ids("finance.Entry", "entry"), *_ids("directory.Office", "office"))
    },
    "dashboards.ReviewPack": {
        "data": (
            *_ids("directory.Area", "area.id", "overdue_figures[].areas[].id"),
            *_ids("reviews.Meeting", "meeting.id"),
            *_ids("reviews.Directive", "directives[].id", "overdue_directives[]"),
        )
    },
}

# A directive's event of "what it is about" keeps the target as the content type's natural key
# and the row's id: {"target_type": [app_label, model], "target_id": id}.
JSON_GENERIC_IDS: dict[str, dict[str, tuple[str, str]]] = {
    "reviews.DirectiveEvent": {"data": ("target_type", "target_id")},
}

# An application's form values: an area field keeps the chosen village, panchayat or ward as
# {"id", "name", "name_hi"}; which fields are area fields is in the service version's
# definition ({"fields": [{"code", "type": "area"}, ...]}).
FORM_AREAS = {
    "model": "applications.Application",
    "column": "data",
    "version": "service_version",
    "definition": "definition",
    "area": "directory.Area",
}

# Generic references Django's metadata does not declare (the admin's log names its object by
# content type and id as text). Every GenericForeignKey is found without being named here.
GENERIC_IDS: dict[str, tuple[str, str]] = {
    "admin.LogEntry": ("content_type", "object_id"),
}


@dataclass(frozen=True)
class KeyIds:
    """Ids inside a text column made by the suite (a notice's once-only key)."""

    column: str
    patterns: tuple[tuple[re.Pattern[str], str], ...]


# A notice is sent once per user and key; the keys hold the id of what they are about.
NOTICE_KEYS: dict[str, KeyIds] = {
    "accounts.Notice": KeyIds(
        "key",
        (
            (re.compile(r"^(inspection-)(\d+)(-.*)$"), "centres.Inspection"),
            (re.compile(r"^(assets\.ticket\.)(\d+)(\..*)$"), "assets.Ticket"),
            (re.compile(r"^(directive:)(\d+)(:.*)$"), "reviews.Directive"),
            (re.compile(r"^(application:)(\d+)(:.*)$"), "applications.Application"),
            (re.compile(r"^(outage:)(\d+)(:.*)$"), "connectivity.Outage"),
        ),
    )
}

# Links kept in rows (a notice's link to its page): the URL name → the model its ``pk`` is of.
LINK_COLUMNS: dict[str, str] = {"accounts.Notice": "url"}
URL_IDS: dict[str, str] = {
    "reviews:directive_detail": "reviews.Directive",
    "reviews:meeting_detail": "reviews.Meeting",
    "applications:application_detail": "applications.Application",
    "centres:inspection_detail": "centres.Inspection",
    "centres:centre_detail": "centres.Centre",
    "assets:ticket_detail": "assets.Ticket",
    "assets:asset_detail": "assets.Asset",
    "assets:case_detail": "assets.ProcurementCase",
    "assets:schedule_detail": "assets.Schedule",
    "connectivity:outage_detail": "connectivity.Outage",
    "connectivity:link_detail": "connectivity.Link",
    "connectivity:room_detail": "connectivity.VcRoom",
    "connectivity:target_detail": "connectivity.NetworkTarget",
    "rollouts:programme_detail": "rollouts.Programme",
}

# The area tree's materialised path is made of the rows' ids (core.scoping): written again from
# the new ids, the state's path for a matched area.
PATHS: dict[str, tuple[str, str, str]] = {"directory.Area": ("path", "depth", "parent")}


@dataclass(frozen=True)
class PostedLater:
    """A flag the database checks when it turns on (a ledger entry is posted only when its legs
    balance, and no leg is added to a posted entry): rows are written with it off, and it is
    turned on for the rows that had it once every table is in, so the database checks again."""

    column: str


POSTED_LATER: dict[str, PostedLater] = {"finance.Entry": PostedLater("posted")}

# Tables the database writes itself (triggers, as entries are posted): never copied; their rows
# are found by natural key after posting and must equal the laptop's.
BUILT_BY_DATABASE: dict[str, tuple[str, ...]] = {
    "finance.MonthTotal": ("district", "month", "head", "account"),
    "finance.SanctionMonth": ("sanction", "month"),
}


@dataclass(frozen=True)
class NumberFromId:
    """A number people hold on paper that the suite makes from the row's id (an application's
    number is the year of filing, the id and a check digit): it changes with the id, and the
    report lists each old number with its new one. ``former`` names the column that keeps the
    laptop's number on the moved row, so that the paper's number still finds it."""

    attribute: str
    needs: tuple[str, ...] = field(default_factory=tuple)
    former: str = ""


NUMBERS_FROM_IDS: dict[str, NumberFromId] = {
    "applications.Application": NumberFromId(
        "number", ("submitted_at", "first_table_number"), former="former_number"
    ),
}


@dataclass(frozen=True)
class AfterMove:
    """A line of the report saying what to run once rows of ``model`` have moved, with an option
    for each row the moved rows name in ``column`` (when given)."""

    model: str
    text: str
    column: str = ""
    option: str = ""


AFTER_MOVE: tuple[AfterMove, ...] = (
    AfterMove(
        "indicators.DataValue",
        "The figures of the state and of the moved districts count the moved values once "
        "worked out again (tonight's run, or now): manage.py indicators_rebuild {options}",
        column="district",
        option="--district {}",
    ),
    AfterMove(
        "applications.Certificate",
        "The moved certificates are signed with the laptop's certificate key: unless it was the "
        "state's DEGS_CERTIFICATE_KEY, run manage.py resign_certificates so that their PDFs "
        "verify here (papers printed before verify only against the laptop's published key).",
    ),
)

# The integer keys of JSON columns that are not ids (counts, amounts, levels, years, entry
# numbers, a service's fees): the test of this module holds every integer found in a laptop's
# JSON to ``JSON_IDS`` or to this list.
JSON_NOT_IDS: frozenset[str] = frozenset(
    {
        "present",
        "absent",
        "distance_m",
        "level",
        "count",
        "weight",
        "order",
        "year",
        "number",
        "estimated_paise",
        "amount_paise",
        "sanctioned_paise",
        "order_paise",
        "cost_paise",
        "received_paise",
        "fee_paise",
        "citizen_paise",
        "version",
    }
)
