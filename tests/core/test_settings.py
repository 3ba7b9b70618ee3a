"""Production mode refuses to start half-configured."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _check(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DEGS_", "PYTEST", "DATABASE_URL", "DJANGO_"))
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DEGS_ALLOWED_HOSTS": "degs.example.org"}, "DEGS_SECRET_KEY"),
        ({"DEGS_SECRET_KEY": "k" * 20 + "x" * 40}, "DEGS_ALLOWED_HOSTS"),
        (
            {"DEGS_SECRET_KEY": "k" * 20 + "x" * 40, "DEGS_ALLOWED_HOSTS": "degs.example.org"},
            "DEGS_CERTIFICATE_KEY",
        ),
    ],
)
def test_production_refuses_missing_settings(tmp_path, env, message) -> None:
    result = _check({"DEGS_ENV": "production", "DEGS_DATA_DIR": str(tmp_path), **env})
    assert result.returncode != 0
    assert message in result.stderr


def test_production_passes_deploy_check(tmp_path) -> None:
    result = _check(
        {
            "DEGS_ENV": "production",
            "DEGS_DATA_DIR": str(tmp_path),
            "DEGS_SECRET_KEY": "a-long-random-secret-key-for-this-test-only-0123456789-abcdefghij",
            "DEGS_ALLOWED_HOSTS": "degs.example.org",
            "DEGS_CERTIFICATE_KEY": "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
        },
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stderr


def test_sqlite_defaults_are_wal_and_immediate() -> None:
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("SQLite settings only")
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in options["init_command"]
    assert options["timeout"] >= 5
