"""A service's definition as data: its form, documents, fee split and workflow, checked whole.

A definition is kept as JSON in each published ``ServiceVersion`` (so an application keeps the
exact version it was filed under) and read through ``parse_definition``, which refuses anything
inconsistent with one ValidationError naming every problem by its place ("workflow.steps[2]
.target"). No ORM here: checks that need the database (post types exist) are in the service.

Amounts are whole paise, never floats: Rs 30.00 is 3000.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from degs.catalogue.choices import (
    AT_KIOSK,
    DEFAULT_PRIVACY,
    FINAL_STATES,
    ISSUED,
    REJECTED,
    SUBMITTED,
    ActionKind,
    FieldType,
    Level,
    Privacy,
)
from degs.core.text import REFUSED_MESSAGE, ControlCharacters, typed_text

CODE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
MAX_STEP_DAYS = 90
# Never printed on a certificate nor signed into its QR code.
UNCERTIFIABLE = frozenset({FieldType.AADHAAR, FieldType.MOBILE, FieldType.FILE})


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    label_hi: str


@dataclass(frozen=True)
class FormField:
    code: str
    label: str
    label_hi: str
    type: str
    required: bool
    options: tuple[Option, ...] = ()
    max_length: int | None = None
    minimum: int | None = None
    maximum: int | None = None
    # What a reader who does not act on the application sees of it (``Privacy``): given in
    # the definition, else the default for the type (the applicant's name is shown).
    privacy: str = Privacy.HIDDEN
    # Stated by the certificate: its template must print it, and the signed payload (so the
    # verification page opened from the QR code) carries it.
    certified: bool = False


@dataclass(frozen=True)
class Document:
    code: str
    label: str
    label_hi: str
    required: bool


@dataclass(frozen=True)
class Share:
    party: str
    label: str
    label_hi: str
    paise: int


@dataclass(frozen=True)
class State:
    code: str
    label: str
    label_hi: str


@dataclass(frozen=True)
class Step:
    """A workflow step as a definition writes it. Applications run it as a row of the service
    version's ``Workflow`` (``degs.applications.workflow``), which every check reads."""

    action: str
    source: str
    target: str
    designation: str  # a Designation code: the post type that may take this action
    level: str
    days: int  # the step's own time limit, in working days
    auto_after_days: int | None = None  # taken by the system when the step is this late


@dataclass(frozen=True)
class Definition:
    fee_paise: int
    shares: tuple[Share, ...]
    fields: tuple[FormField, ...]
    documents: tuple[Document, ...]
    states: tuple[State, ...]
    steps: tuple[Step, ...]
    # What the citizen pays at the kiosk; the rest of the fee the state reimburses.
    citizen_paise: int = 0

    @property
    def designations(self) -> set[str]:
        return {s.designation for s in self.steps}

    @property
    def reimbursed_paise(self) -> int:
        return self.fee_paise - self.citizen_paise

    @property
    def certified_fields(self) -> tuple[FormField, ...]:
        return tuple(f for f in self.fields if f.certified)

    def field(self, code: str) -> FormField | None:
        return next((f for f in self.fields if f.code == code), None)

    def state_label(self, code: str) -> tuple[str, str]:
        state = next((s for s in self.states if s.code == code), None)
        return (state.label, state.label_hi) if state else (code, "")


class _Errors:
    def __init__(self) -> None:
        self.found: dict[str, list[Any]] = {}

    def add(self, where: str, message: Any) -> None:
        self.found.setdefault(where, []).append(message)

    def raise_if_any(self) -> None:
        if self.found:
            raise ValidationError(self.found)


def _text(
    data: Mapping[str, Any], key: str, where: str, errors: _Errors, required: bool = True
) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        errors.add(f"{where}.{key}", _("Write text here."))
        return ""
    try:  # JSON's "\u0000" is a NUL once read, which PostgreSQL's jsonb refuses
        value = typed_text(value).strip()
    except ControlCharacters:
        errors.add(f"{where}.{key}", REFUSED_MESSAGE)
        return ""
    if required and not value:
        errors.add(f"{where}.{key}", _("This is required."))
    return value


def _code(data: Mapping[str, Any], key: str, where: str, errors: _Errors) -> str:
    value = _text(data, key, where, errors)
    if value and not CODE.match(value):
        errors.add(
            f"{where}.{key}",
            _("A code is lower-case letters, digits and _, starting with a letter (at most 40)."),
        )
    return value


def _int(
    data: Mapping[str, Any], key: str, where: str, errors: _Errors, *, low: int, high: int
) -> int:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        errors.add(
            f"{where}.{key}",
            _("Give a whole number from %(low)s to %(high)s.") % {"low": low, "high": high},
        )
        return low
    return value


def _list(data: Mapping[str, Any], key: str, errors: _Errors) -> Sequence[Mapping[str, Any]]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        errors.add(key, _("Give a list."))
        return []
    return value


def _unique(codes: list[str], where: str, errors: _Errors) -> None:
    seen: set[str] = set()
    for index, code in enumerate(codes):
        if code and code in seen:
            errors.add(f"{where}[{index}]", _("“%(code)s” appears twice.") % {"code": code})
        seen.add(code)


def _fields(data: Mapping[str, Any], errors: _Errors) -> tuple[FormField, ...]:
    result: list[FormField] = []
    for index, raw in enumerate(_list(data, "fields", errors)):
        where = f"fields[{index}]"
        kind = _text(raw, "type", where, errors)
        if kind and kind not in FieldType.values:
            errors.add(f"{where}.type", _("Unknown field type “%(type)s”.") % {"type": kind})
        options: list[Option] = []
        if kind == FieldType.CHOICE:
            for number, option in enumerate(raw.get("options") or []):
                spot = f"{where}.options[{number}]"
                if not isinstance(option, dict):
                    errors.add(spot, _("Give a value and its labels."))
                    continue
                options.append(
                    Option(
                        value=_code(option, "value", spot, errors),
                        label=_text(option, "label", spot, errors),
                        label_hi=_text(option, "label_hi", spot, errors, required=False),
                    )
                )
            if len(options) < 2:
                errors.add(f"{where}.options", _("A choice needs at least two options."))
            _unique([o.value for o in options], f"{where}.options", errors)
        limits: dict[str, int | None] = {"max_length": None, "minimum": None, "maximum": None}
        for key in limits:
            if raw.get(key) is not None:
                limits[key] = _int(raw, key, where, errors, low=-(10**12), high=10**12)
        privacy = raw.get("privacy")
        if privacy is None:
            # The first text field is the applicant's name (filing reads it so): the name an
            # application is known by in every list.
            is_name = kind == FieldType.TEXT and not any(f.type == FieldType.TEXT for f in result)
            privacy = Privacy.OPEN if is_name else DEFAULT_PRIVACY.get(kind, Privacy.HIDDEN)
        elif privacy not in Privacy.values:
            errors.add(
                f"{where}.privacy",
                _("Privacy is “open”, “masked” or “hidden”, not “%(value)s”.") % {"value": privacy},
            )
            privacy = Privacy.HIDDEN
        certified = raw.get("certified", False)
        if not isinstance(certified, bool):
            errors.add(f"{where}.certified", _("Write true or false."))
            certified = False
        elif certified and kind in UNCERTIFIABLE:
            errors.add(
                f"{where}.certified",
                _(
                    "A certificate does not state an Aadhaar number, a mobile number or a file: "
                    "its text is printed and shown to whoever scans its QR code."
                ),
            )
        result.append(
            FormField(
                code=_code(raw, "code", where, errors),
                label=_text(raw, "label", where, errors),
                label_hi=_text(raw, "label_hi", where, errors, required=False),
                type=kind,
                required=bool(raw.get("required", False)),
                options=tuple(options),
                privacy=str(privacy),
                certified=certified,
                **limits,
            )
        )
    _unique([f.code for f in result], "fields", errors)
    return tuple(result)


def _documents(data: Mapping[str, Any], errors: _Errors) -> tuple[Document, ...]:
    result = []
    for index, raw in enumerate(_list(data, "documents", errors)):
        where = f"documents[{index}]"
        result.append(
            Document(
                code=_code(raw, "code", where, errors),
                label=_text(raw, "label", where, errors),
                label_hi=_text(raw, "label_hi", where, errors, required=False),
                required=bool(raw.get("required", True)),
            )
        )
    _unique([d.code for d in result], "documents", errors)
    return tuple(result)


def _shares(data: Mapping[str, Any], fee: int, errors: _Errors) -> tuple[Share, ...]:
    result = []
    for index, raw in enumerate(_list(data, "shares", errors)):
        where = f"shares[{index}]"
        result.append(
            Share(
                party=_code(raw, "party", where, errors),
                label=_text(raw, "label", where, errors),
                label_hi=_text(raw, "label_hi", where, errors, required=False),
                paise=_int(raw, "paise", where, errors, low=0, high=10**9),
            )
        )
    _unique([s.party for s in result], "shares", errors)
    total = sum(s.paise for s in result)
    if total != fee:
        errors.add(
            "shares",
            _("The shares add up to ₹%(total)s, not to the fee of ₹%(fee)s.")
            % {"total": rupees(total), "fee": rupees(fee)},
        )
    return tuple(result)


def _workflow(
    data: Mapping[str, Any], errors: _Errors
) -> tuple[tuple[State, ...], tuple[Step, ...]]:
    raw_flow = data.get("workflow")
    if not isinstance(raw_flow, dict):
        errors.add("workflow", _("Give the workflow: its states and steps."))
        return (), ()
    states = [
        State(
            code=_code(raw, "code", f"workflow.states[{i}]", errors),
            label=_text(raw, "label", f"workflow.states[{i}]", errors),
            label_hi=_text(raw, "label_hi", f"workflow.states[{i}]", errors, required=False),
        )
        for i, raw in enumerate(_list(raw_flow, "states", errors))
    ]
    _unique([s.code for s in states], "workflow.states", errors)
    known = {s.code for s in states}
    for needed in (SUBMITTED, ISSUED, REJECTED):
        if needed not in known:
            errors.add(
                "workflow.states", _("The states must include “%(code)s”.") % {"code": needed}
            )
    steps = []
    for index, raw in enumerate(_list(raw_flow, "steps", errors)):
        where = f"workflow.steps[{index}]"
        action = _text(raw, "action", where, errors)
        if action and action not in ActionKind.values:
            errors.add(f"{where}.action", _("Unknown action “%(action)s”.") % {"action": action})
        level = _text(raw, "level", where, errors)
        if level and level not in Level.values:
            errors.add(f"{where}.level", _("Unknown level “%(level)s”.") % {"level": level})
        auto = raw.get("auto_after_days")
        step = Step(
            action=action,
            source=_text(raw, "source", where, errors),
            target=_text(raw, "target", where, errors),
            designation=_code(raw, "designation", where, errors),
            level=level,
            days=_int(raw, "days", where, errors, low=1, high=MAX_STEP_DAYS),
            auto_after_days=None
            if auto is None
            else _int(raw, "auto_after_days", where, errors, low=1, high=MAX_STEP_DAYS),
        )
        for end in ("source", "target"):
            value = getattr(step, end)
            if value and value not in known | {AT_KIOSK}:
                errors.add(f"{where}.{end}", _("Unknown state “%(code)s”.") % {"code": value})
        if step.source in FINAL_STATES:
            errors.add(f"{where}.source", _("Nothing follows “issued” or “rejected”."))
        expected = {
            ActionKind.ISSUE: ISSUED,
            ActionKind.REJECT: REJECTED,
            ActionKind.RETURN: AT_KIOSK,
        }.get(action)  # type: ignore[call-overload]
        if expected and step.target != expected:
            errors.add(
                f"{where}.target", _("This action leads to “%(code)s”.") % {"code": expected}
            )
        if step.target == AT_KIOSK and action != ActionKind.RETURN:
            errors.add(f"{where}.target", _("Only “return to the kiosk” leads there."))
        steps.append(step)
    return tuple(states), tuple(steps)


def _check_graph(states: tuple[State, ...], steps: tuple[Step, ...], errors: _Errors) -> None:
    """Every state is reachable from "submitted", and every one can still end issued or
    rejected: no unreachable state, no dead end."""
    edges: dict[str, set[str]] = {}
    for step in steps:
        edges.setdefault(step.source, set()).add(step.target)
    edges.setdefault(AT_KIOSK, set()).add(SUBMITTED)  # the kiosk resubmits
    reached, todo = {SUBMITTED}, [SUBMITTED]
    while todo:
        for target in edges.get(todo.pop(), set()):
            if target not in reached:
                reached.add(target)
                todo.append(target)
    for state in states:
        if state.code not in reached:
            errors.add(
                "workflow.states",
                _("“%(code)s” cannot be reached from “submitted”.") % {"code": state.code},
            )
    ends = set(FINAL_STATES)
    changed = True
    while changed:
        changed = False
        for source, targets in edges.items():
            if source not in ends and targets & ends:
                ends.add(source)
                changed = True
    for state in states:
        if state.code in reached and state.code not in ends:
            errors.add(
                "workflow.states",
                _("From “%(code)s” an application can never be issued or rejected.")
                % {"code": state.code},
            )


def parse_definition(data: Mapping[str, Any]) -> Definition:
    """The definition in ``data``, or ValidationError naming every problem by its place."""
    errors = _Errors()
    fee = _int(data, "fee_paise", "definition", errors, low=0, high=10**9)
    citizen = fee
    if data.get("citizen_paise") is not None:
        citizen = _int(data, "citizen_paise", "definition", errors, low=0, high=fee)
    definition = Definition(
        fee_paise=fee,
        shares=_shares(data, fee, errors),
        fields=_fields(data, errors),
        documents=_documents(data, errors),
        states=(),
        steps=(),
    )
    states, steps = _workflow(data, errors)
    if not errors.found.get("workflow") and states:
        _check_graph(states, steps, errors)
    errors.raise_if_any()
    return Definition(
        fee_paise=definition.fee_paise,
        shares=definition.shares,
        fields=definition.fields,
        documents=definition.documents,
        states=states,
        steps=steps,
        citizen_paise=citizen,
    )


def rupees(paise: int) -> str:
    """Rs with two decimals from whole paise, without going through floats: 3050 -> 30.50."""
    sign = "-" if paise < 0 else ""
    whole, part = divmod(abs(paise), 100)
    return f"{sign}{whole}.{part:02d}"
