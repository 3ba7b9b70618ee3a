"""A service's definition is checked whole: fee split to the paisa, form fields, workflow
without unreachable states or dead ends. No database needed."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from degs.catalogue.definition import parse_definition, rupees
from degs.catalogue.demo_definitions import SERVICES


def income() -> dict[str, Any]:
    return copy.deepcopy(SERVICES[0]["definition"])


def problems(data: dict[str, Any]) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        parse_definition(data)
    return {key: [str(m) for m in messages] for key, messages in caught.value.message_dict.items()}


@pytest.mark.parametrize("service", SERVICES, ids=lambda s: s["code"])
def test_demo_services_are_consistent(service):
    definition = parse_definition(service["definition"])
    assert sum(s.paise for s in definition.shares) == definition.fee_paise == 3000
    assert {"submitted", "issued", "rejected"} <= {s.code for s in definition.states}
    assert definition.designations == {service["designated"]}


def test_shares_must_add_up_to_the_paisa():
    data = income()
    data["shares"][0]["paise"] += 1
    found = problems(data)
    assert found["shares"] == ["The shares add up to ₹30.01, not to the fee of ₹30.00."]


def test_amounts_are_whole_paise():
    data = income()
    data["shares"][1]["paise"] = 4.5
    assert "shares[1].paise" in problems(data)


def test_unreachable_state_and_dead_end_are_refused():
    data = income()
    data["workflow"]["states"].append({"code": "site_visit", "label": "Site visit"})
    found = problems(data)
    assert any("“site_visit” cannot be reached" in m for m in found["workflow.states"])
    data = income()
    data["workflow"]["steps"] = [s for s in data["workflow"]["steps"] if s["source"] != "verified"]
    found = problems(data)
    assert any(
        "From “verified” an application can never be issued" in m for m in found["workflow.states"]
    )


@pytest.mark.parametrize(
    ("change", "place"),
    [
        (lambda d: d["workflow"]["steps"][0].update(target="nowhere"), "workflow.steps[0].target"),
        (lambda d: d["workflow"]["steps"][0].update(level="village"), "workflow.steps[0].level"),
        (lambda d: d["workflow"]["steps"][0].update(days=0), "workflow.steps[0].days"),
        (lambda d: d["workflow"]["steps"][6].update(target="verified"), "workflow.steps[6].target"),
        (
            lambda d: d["workflow"]["steps"].append(
                {**d["workflow"]["steps"][0], "source": "issued"}
            ),
            "workflow.steps[8].source",
        ),
        (lambda d: d["fields"].append({**d["fields"][0]}), "fields[9]"),
        (lambda d: d["fields"][0].update(type="colour"), "fields[0].type"),
        (
            lambda d: d["fields"][-1].update(options=[{"value": "x", "label": "X"}]),
            "fields[8].options",
        ),
        (lambda d: d["fields"][0].update(code="Applicant Name"), "fields[0].code"),
        (lambda d: d["documents"][0].update(label=""), "documents[0].label"),
        (lambda d: d.pop("workflow"), "workflow"),
    ],
)
def test_each_problem_is_named_by_its_place(change, place):
    data = income()
    change(data)
    assert place in problems(data)


def test_every_problem_is_reported_at_once():
    data = income()
    data["shares"][0]["paise"] = 1
    data["fields"][0]["type"] = "colour"
    data["workflow"]["steps"][0]["level"] = "village"
    assert {"shares", "fields[0].type", "workflow.steps[0].level"} <= set(problems(data))


@pytest.mark.parametrize(
    ("paise", "text"), [(0, "0.00"), (5, "0.05"), (3050, "30.50"), (-120, "-1.20")]
)
def test_rupees_from_paise(paise, text):
    assert rupees(paise) == text


def test_each_field_says_what_those_who_do_not_act_see_by_default_from_its_type():
    # docs/accounts.md: mobile, Aadhaar and dates masked; area and PIN code open; the first
    # text field (the applicant's name) open; other text, numbers and choices hidden. The demo
    # says "purpose" is open.
    data = income()
    data["fields"].append(
        {"code": "address", "label": "Address", "type": "text", "required": False}
    )
    privacy = {f.code: f.privacy for f in parse_definition(data).fields}
    assert privacy == {
        "applicant_name": "open",
        "father_name": "hidden",
        "date_of_birth": "masked",
        "mobile": "masked",
        "aadhaar": "masked",
        "village": "open",
        "pincode": "open",
        "annual_income": "hidden",
        "purpose": "open",
        "address": "hidden",
    }


def test_a_field_may_say_its_own_privacy_and_nothing_else():
    data = income()
    data["fields"][1]["privacy"] = "masked"
    data["fields"][3]["privacy"] = "open"
    fields = parse_definition(data).fields
    assert (fields[1].privacy, fields[3].privacy) == ("masked", "open")
    data["fields"][2]["privacy"] = "secret"
    assert "fields[2].privacy" in problems(data)
