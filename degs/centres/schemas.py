import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

from ninja import Field, Schema
from pydantic import ConfigDict

from degs.centres import selectors, workflow
from degs.centres.choices import IdStatus
from degs.core.api import Id
from degs.core.schemas import Text
from degs.directory.schemas import AreaRef

# --- shared pieces -----------------------------------------------------------------------------


class CentrePostRef(Schema):
    id: int
    label: str


class CentreRef(Schema):
    id: int
    code: str
    name: str
    name_hi: str


class OperatorSummary(Schema):
    """What a centre shows of its operator. Aadhaar only ever as its last four digits."""

    id: int
    name: str
    name_hi: str
    mobile: str
    aadhaar_last4: str
    is_active: bool


def _user_label(user: Any) -> str | None:
    return user.label if user is not None else None


# --- centres -----------------------------------------------------------------------------------


class CentreRow(Schema):
    id: int
    code: str
    name: str
    name_hi: str
    kind: str
    status: str
    status_since: dt.date
    premises: str
    area: AreaRef
    operator: OperatorSummary | None
    last_inspected_on: dt.date | None
    complaints_open: int
    version: int


class CentreEventOut(Schema):
    """One change to a centre or to its operator's IDs: the action, the status before and
    after, from when, why and on whose order, who and when."""

    id: int
    action: str
    action_label: str
    from_status: str
    to_status: str
    effective_on: dt.date | None
    reason: str
    order_reference: str
    centre_id: int | None
    operator_id: int | None
    actor: str | None
    created_at: dt.datetime

    # The shared event columns are ``remark`` and ``at``; the API keeps its names.
    @staticmethod
    def resolve_reason(obj: Any) -> str:
        return str(obj.remark)

    @staticmethod
    def resolve_created_at(obj: Any) -> dt.datetime:
        return obj.at

    @staticmethod
    def resolve_actor(obj: Any) -> str | None:
        return _user_label(obj.actor)


class CentreOut(CentreRow):
    address: str
    address_hi: str
    pincode: str
    latitude: Decimal | None
    longitude: Decimal | None
    phone: str
    opening_hours: str
    services: list[str] = Field(description="codes of the services offered")
    equipment: list[str]
    suspended_until: dt.date | None
    monthly_transactions: int | None
    actions: list[str] = Field(description="status changes the caller may make now")
    history: list[CentreEventOut] = Field(description="status changes and ID events, newest first")

    @staticmethod
    def resolve_services(obj: Any) -> list[str]:
        return [s.code for s in obj.services.all()]

    @staticmethod
    def resolve_actions(obj: Any, context: Any) -> list[str]:
        if not selectors.centre_can_manage(context["request"].user, obj):
            return []
        return [t.action for t in workflow.CENTRE.available(obj, context["request"].user)]

    @staticmethod
    def resolve_history(obj: Any) -> list[Any]:
        return selectors.centre_history(centre=obj)


class CentreIn(Schema):
    code: Text
    name: Text
    name_hi: Text = ""
    kind: Text
    area: Id = Field(description="id of the gram panchayat or ward the centre serves")
    premises: Text = "own"
    address: Text = ""
    address_hi: Text = ""
    pincode: Text = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    phone: Text = ""
    opening_hours: Text = ""
    services: list[Text] = Field([], description="service codes")
    equipment: list[Text] = []
    operator: Id | None = Field(None, description="operator id")
    complaints_open: int = 0
    monthly_transactions: int | None = None


class CentrePatch(Schema):
    """Only the fields sent are changed; ``operator: null`` removes the operator."""

    model_config = ConfigDict(extra="forbid")

    version: int
    name: Text | None = None
    name_hi: Text | None = None
    kind: Text | None = None
    area: Id | None = None
    premises: Text | None = None
    address: Text | None = None
    address_hi: Text | None = None
    pincode: Text | None = None
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    phone: Text | None = None
    opening_hours: Text | None = None
    services: list[Text] | None = None
    equipment: list[Text] | None = None
    operator: Id | None = None
    complaints_open: int | None = None
    monthly_transactions: int | None = None


class CentreTransitionIn(Schema):
    action: Text = Field(description="activate, suspend, restore, close or reopen")
    version: int
    effective_on: dt.date | None = Field(None, description="today when left out")
    reason: Text = ""
    order_reference: Text = ""
    suspended_until: dt.date | None = None


# --- operators and their IDs -------------------------------------------------------------------


class OperatorRow(Schema):
    id: int
    name: str
    name_hi: str
    mobile: str
    email: str
    aadhaar_last4: str
    area: AreaRef
    user_id: int | None
    is_active: bool
    version: int


class IdTypeRef(Schema):
    code: str
    name: str
    name_hi: str


class OperatorBrief(Schema):
    id: int
    name: str
    name_hi: str
    area_id: int


class OperatorIdOut(Schema):
    id: int
    operator: OperatorBrief
    id_type: IdTypeRef
    status: str
    applied_on: dt.date
    application_reference: str
    number: str
    decided_on: dt.date | None
    remarks: str
    days_pending: int | None
    version: int

    @staticmethod
    def resolve_days_pending(obj: Any) -> int | None:
        days: int | None = obj.days_pending()
        return days


class OperatorOut(OperatorRow):
    ids: list[OperatorIdOut]

    @staticmethod
    def resolve_ids(obj: Any) -> list[Any]:
        return selectors.operator_ids(operator=obj)


class OperatorIdIn(Schema):
    id_type: Text = Field(description="an ID type code of the operator's state")
    status: Text = "applied"
    applied_on: dt.date
    application_reference: Text = ""
    number: Text = ""
    decided_on: dt.date | None = None
    remarks: Text = ""


class OperatorIdUpdateIn(Schema):
    version: int
    status: IdStatus
    application_reference: Text | None = None
    number: Text | None = None
    decided_on: dt.date | None = None
    applied_on: dt.date | None = None
    remarks: Text | None = None


# --- quotas and draws --------------------------------------------------------------------------


class QuotaOut(Schema):
    """One quota's progress in the current period (from ``selectors.quota_progress``)."""

    id: int
    post: CentrePostRef
    area: AreaRef = Field(description="where the post draws its centres from")
    count: int
    period: str
    period_start: dt.date
    period_end: dt.date
    done: int
    remaining: int
    draw_id: int | None
    holders: list[str]

    @staticmethod
    def resolve_id(obj: Any) -> int:
        pk: int = obj.quota.pk
        return pk

    @staticmethod
    def resolve_post(obj: Any) -> Any:
        return obj.quota.post

    @staticmethod
    def resolve_area(obj: Any) -> Any:
        return obj.quota.scope_area

    @staticmethod
    def resolve_count(obj: Any) -> int:
        count: int = obj.quota.count
        return count

    @staticmethod
    def resolve_period(obj: Any) -> str:
        return str(obj.quota.period)

    @staticmethod
    def resolve_period_start(obj: Any) -> dt.date:
        start: dt.date = obj.start
        return start

    @staticmethod
    def resolve_period_end(obj: Any) -> dt.date:
        end: dt.date = obj.end
        return end

    @staticmethod
    def resolve_draw_id(obj: Any) -> int | None:
        return obj.draw.pk if obj.draw is not None else None


class DrawOut(Schema):
    id: int
    post: CentrePostRef
    area_id: int
    period: str
    period_start: dt.date
    period_end: dt.date
    size: int
    candidates: int
    done: int = Field(description="drawn centres inspected so far")
    drawn_by: str | None
    drawn_at: dt.datetime

    @staticmethod
    def resolve_drawn_by(obj: Any) -> str | None:
        return _user_label(obj.drawn_by)


class DrawItemOut(Schema):
    rank: int
    centre: CentreRef
    weight: float
    reasons: list[str]
    reason_labels: list[str]
    inspected: bool
    inspection_id: int | None = Field(description="the latest inspection of it from this draw")

    @staticmethod
    def resolve_inspected(obj: Any) -> bool:
        return bool(obj.inspections.all())

    @staticmethod
    def resolve_inspection_id(obj: Any) -> int | None:
        inspections = list(obj.inspections.all())
        return inspections[0].pk if inspections else None


class DrawDetailOut(DrawOut):
    area: AreaRef
    items: list[DrawItemOut] = Field(description="the drawn centres in the order drawn")

    @staticmethod
    def resolve_items(obj: Any) -> list[Any]:
        items: list[Any] = obj.drawn_items  # set by the API from selectors.draw_items
        return items


# --- inspections -------------------------------------------------------------------------------


class InspectionRow(Schema):
    id: int
    centre: CentreRef
    visited_on: dt.date
    inspector: str
    post: CentrePostRef | None
    result: str
    recommendation: str
    decision: str
    faults: int
    version: int

    @staticmethod
    def resolve_inspector(obj: Any) -> str:
        return str(obj.inspector.label)


class InspectionOut(InspectionRow):
    recorded_at: dt.datetime
    answers: dict[str, str]
    remarks: str
    fine_amount: Decimal | None
    suspension_days: int | None
    decided_by: str | None
    decided_at: dt.datetime | None
    decision_remark: str
    photos: int = Field(description="how many photos; they are seen on the inspection page")
    latitude: Decimal | None
    longitude: Decimal | None
    accuracy_m: int | None
    position_check: str = Field(
        description='"within" the district\'s distance limit of the centre, "far", or '
        '"not_checked" (no recorded position, or a centre without coordinates)'
    )
    distance_m: int | None = Field(description="from the centre's coordinates, in metres")
    distance_limit_m: int | None = Field(description="the district's limit when recorded")
    fine_waived_at: dt.datetime | None
    draw_item_id: int | None
    client_token: uuid.UUID
    actions: list[str] = Field(
        description='"decide" while a recommendation awaits the caller; "waive_fine" while a '
        "fine is in force and the caller may waive it (on the inspection's page)"
    )

    @staticmethod
    def resolve_decided_by(obj: Any) -> str | None:
        return _user_label(obj.decided_by)

    @staticmethod
    def resolve_photos(obj: Any) -> int:
        return len(obj.photos.all())

    @staticmethod
    def resolve_actions(obj: Any, context: Any) -> list[str]:
        return sorted(selectors.inspection_parts(context["request"].user, obj))


class InspectionIn(Schema):
    centre: Id
    client_token: uuid.UUID = Field(
        description="made by the client once per visit; sending it again records nothing new"
    )
    visited_on: dt.date | None = Field(None, description="today when left out")
    answers: dict[Text, Text] = Field(
        {}, description='every checklist question\'s code: "yes", "no" or "na"'
    )
    result: Text = Field(description="functional, partly or non_functional")
    recommendation: Text = "none"
    remarks: Text = ""
    fine_amount: Decimal | None = None
    suspension_days: int | None = None
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    accuracy_m: int | None = Field(None, ge=0)


class DecideIn(Schema):
    version: int
    approve: bool
    remark: Text = ""
    order_reference: Text = ""
    acknowledge_position: bool = Field(
        False,
        description="needed to approve on an inspection whose position_check is not "
        '"within": recorded beyond the district\'s distance limit, or not checked',
    )
