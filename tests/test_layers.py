"""The layers hold: import-linter's contracts (pyproject.toml, ``[tool.importlinter]``) pass,
with the apps' order taken from INSTALLED_APPS through the registry, and they fail when a
wrong-way import is added (core importing an app, an app importing one after it, a selectors
module importing its app's services)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from degs.core.registry import degs_apps

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = str(Path(sys.executable).parent / "lint-imports")


def _config() -> dict:
    """The project's contracts, with the apps' layers as INSTALLED_APPS orders them: so an app
    added with one line in INSTALLED_APPS is held to its place without editing the config."""
    with (ROOT / "pyproject.toml").open("rb") as handle:
        config = tomllib.load(handle)["tool"]["importlinter"]
    (apps,) = [c for c in config["contracts"] if c["id"] == "apps"]
    apps["layers"] = [app.name for app in reversed(degs_apps())]
    return config


def _toml(config: dict) -> str:
    def value(v: object) -> str:
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, list):
            return "[" + ", ".join(value(x) for x in v) + "]"
        return '"' + str(v).replace("\\", "\\\\").replace('"', '\\"') + '"'

    lines = ["[tool.importlinter]"]
    lines += [f"{k} = {value(v)}" for k, v in config.items() if k != "contracts"]
    for contract in config["contracts"]:
        lines += ["", "[[tool.importlinter.contracts]]"]
        lines += [f"{k} = {value(v)}" for k, v in contract.items()]
    return "\n".join(lines) + "\n"


def _lint(tree: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    config = tmp_path / "layers.toml"
    config.write_text(_toml(_config()), encoding="utf-8")
    return subprocess.run(
        [LINT_IMPORTS, "--config", str(config), "--no-cache", "--no-logo"],
        cwd=tree,
        env={**os.environ, "PYTHONPATH": str(tree)},
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_layers_hold(tmp_path: Path) -> None:
    result = _lint(ROOT, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "BROKEN" not in result.stdout


def test_the_static_config_lists_the_registry_order() -> None:
    """``lint-imports`` on its own reads pyproject.toml: its list is the registry's order for
    the apps it names (a new app is held by the test above until it is added there)."""
    with (ROOT / "pyproject.toml").open("rb") as handle:
        config = tomllib.load(handle)["tool"]["importlinter"]
    (apps,) = [c for c in config["contracts"] if c["id"] == "apps"]
    order = [app.name for app in reversed(degs_apps())]
    assert [name for name in order if name in apps["layers"]] == apps["layers"]


def _all_but_python(folder: str, names: list[str]) -> set[str]:
    """Copy the Python modules alone (no data, templates, static files or caches)."""
    return {
        name
        for name in names
        if not name.endswith(".py") and not (Path(folder) / name / "__init__.py").exists()
    }


@pytest.mark.parametrize(
    ("module", "bad_import", "message"),
    [
        ("core/scoping.py", "import degs.centres.models", "degs.core is not allowed to import"),
        (
            "directory/services.py",
            "import degs.accounts.selectors",
            "degs.directory is not allowed to import degs.accounts",
        ),
        (
            "reviews/selectors.py",
            "import degs.reviews.services",
            "degs.reviews.selectors is not allowed to import degs.reviews.services",
        ),
        ("centres/models.py", "import degs.centres.views", "is not allowed to import"),
    ],
)
def test_a_wrong_way_import_breaks_them(
    tmp_path: Path, module: str, bad_import: str, message: str
) -> None:
    tree = tmp_path / "tree"
    shutil.copytree(ROOT / "degs", tree / "degs", ignore=_all_but_python)
    target = tree / "degs" / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{bad_import}\n", encoding="utf-8")

    result = _lint(tree, tmp_path)

    assert result.returncode != 0
    assert "BROKEN" in result.stdout
    assert message in result.stdout.replace("\n", " ")
