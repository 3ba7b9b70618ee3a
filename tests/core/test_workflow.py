"""The one workflow engine (degs.core.workflow): its table, its transition function, its docs."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from django.apps import apps

from degs.core import workflow

ROOT = Path(__file__).resolve().parents[2]


def _load_all_workflows() -> dict[str, workflow.Workflow]:
    for config in apps.get_app_configs():
        if config.name.startswith("degs."):
            try:
                importlib.import_module(f"{config.name}.workflow")
            except ModuleNotFoundError as error:
                if error.name != f"{config.name}.workflow":
                    raise
    return dict(workflow.WORKFLOWS)


def test_table_lookup() -> None:
    t1 = workflow.Transition("go", ("a", "b"), "c", "Go", parts=frozenset({"x"}))
    t2 = workflow.Transition("go", ("c",), "d", "Go on")
    t3 = workflow.Transition("stop", ("a",), "z", "Stop", needs_remark=True)
    flow = workflow.Workflow(
        "test-lookup",
        (t1, t2, t3),
        model=object,
        event_model=object,
        register=False,  # type: ignore[arg-type]
    )
    assert flow.find("go", "b") is t1
    assert flow.find("go", "c") is t2
    assert flow.find("go", "z") is None
    assert flow.find("go", "a", target="d") is None
    assert flow.allowed("a", {"y"}) == [t3]
    assert flow.allowed("a", {"x"}) == [t1, t3]
    assert "| Stop (`stop`) | a | z | anyone who may change it | required |  |" in flow.markdown()


@pytest.mark.parametrize("name", sorted(_load_all_workflows()))
def test_each_doc_prints_its_table(name: str) -> None:
    """The workflow section of the app's doc is the table the code runs, row for row."""
    flow = workflow.WORKFLOWS[name]
    assert flow.doc, f"workflow {name} names no doc"
    text = (ROOT / "docs" / flow.doc).read_text(encoding="utf-8")
    assert flow.markdown() in text, (
        f"docs/{flow.doc} does not print the table of workflow {name}; paste:\n{flow.markdown()}"
    )


def test_a_change_that_takes_no_step_is_recorded_at_the_row_status() -> None:
    """``record_change``: the event of an edit names the row (or the workflow's subject) and
    its status as it is, from and to."""
    written: list[dict[str, object]] = []

    class Events:
        subject_field = "thing"

        class _default_manager:
            @staticmethod
            def create(**columns: object) -> dict[str, object]:
                written.append(columns)
                return columns

    class Row:
        status = "held"

    row = Row()
    flow = workflow.Workflow(
        "test-change",
        (),
        model=object,  # type: ignore[arg-type]
        event_model=Events,  # type: ignore[arg-type]
        register=False,
    )
    workflow.record_change(flow, row, actor=None, action="update", data={"fields": ["venue"]})  # type: ignore[arg-type]
    assert written == [
        {
            "actor": None,
            "action": "update",
            "from_status": "held",
            "to_status": "held",
            "remark": "",
            "remark_hi": "",
            "data": {"fields": ["venue"]},
            "thing": row,
        }
    ]
