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


SECRET = "a-long-random-secret-key-for-this-test-only-0123456789-abcdefghij"
AADHAAR_KEY = "another-long-random-key-for-aadhaar-hashes-in-this-test-0123456789"
CERTIFICATE_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="
HOSTS = "degs.example.org"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DEGS_ALLOWED_HOSTS": HOSTS}, "DEGS_SECRET_KEY"),
        ({"DEGS_SECRET_KEY": SECRET}, "DEGS_ALLOWED_HOSTS"),
        # The Aadhaar hash key is required, and never falls back to the secret key.
        (
            {"DEGS_SECRET_KEY": SECRET, "DEGS_ALLOWED_HOSTS": HOSTS},
            "needs DEGS_AADHAAR_HASH_KEY",
        ),
        (
            {
                "DEGS_SECRET_KEY": SECRET,
                "DEGS_ALLOWED_HOSTS": HOSTS,
                "DEGS_AADHAAR_HASH_KEY": "short",
            },
            "needs DEGS_AADHAAR_HASH_KEY",
        ),
        (
            {
                "DEGS_SECRET_KEY": SECRET,
                "DEGS_ALLOWED_HOSTS": HOSTS,
                "DEGS_AADHAAR_HASH_KEY": SECRET,
                "DEGS_CERTIFICATE_KEY": CERTIFICATE_KEY,
            },
            "DEGS_AADHAAR_HASH_KEY must be its own key",
        ),
        (
            {
                "DEGS_SECRET_KEY": SECRET,
                "DEGS_ALLOWED_HOSTS": HOSTS,
                "DEGS_AADHAAR_HASH_KEY": AADHAAR_KEY,
            },
            "DEGS_CERTIFICATE_KEY",
        ),
    ],
)
def test_production_refuses_missing_settings(tmp_path, env, message) -> None:
    result = _check({"DEGS_ENV": "production", "DEGS_DATA_DIR": str(tmp_path), **env})
    assert result.returncode != 0
    assert message in result.stderr


def _aadhaar_key(env: dict[str, str]) -> str:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DEGS_", "PYTEST", "DATABASE_URL", "DJANGO_"))
    }
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.DEGS_AADHAAR_HASH_KEY, settings.SECRET_KEY, sep='\\n')",
        ],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    key, secret = result.stdout.splitlines()
    assert key != secret
    return key


def test_the_aadhaar_hash_key_is_the_one_given_and_never_the_secret_key(tmp_path) -> None:
    production = {
        "DEGS_ENV": "production",
        "DEGS_DATA_DIR": str(tmp_path),
        "DEGS_SECRET_KEY": SECRET,
        "DEGS_ALLOWED_HOSTS": HOSTS,
        "DEGS_CERTIFICATE_KEY": CERTIFICATE_KEY,
        "DEGS_AADHAAR_HASH_KEY": AADHAAR_KEY,
    }
    assert _aadhaar_key(production) == AADHAAR_KEY
    # Development has a fixed key of its own, whatever the secret key.
    for secret in ("", SECRET):
        assert _aadhaar_key({"DEGS_ENV": "development", "DEGS_SECRET_KEY": secret}) == (
            _aadhaar_key({"DEGS_ENV": "development"})
        )


def test_production_passes_deploy_check(tmp_path) -> None:
    result = _check(
        {
            "DEGS_ENV": "production",
            "DEGS_DATA_DIR": str(tmp_path),
            "DEGS_SECRET_KEY": SECRET,
            "DEGS_ALLOWED_HOSTS": HOSTS,
            "DEGS_CERTIFICATE_KEY": CERTIFICATE_KEY,
            "DEGS_AADHAAR_HASH_KEY": AADHAAR_KEY,
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
