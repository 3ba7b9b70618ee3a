"""Production mode refuses to start half-configured."""

import os
import shutil
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
SITE = "https://degs.example.org"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DEGS_ALLOWED_HOSTS": HOSTS}, "DEGS_SECRET_KEY"),
        ({"DEGS_SECRET_KEY": SECRET}, "DEGS_ALLOWED_HOSTS"),
        # The Aadhaar hash key is required, and never falls back to the secret key.
        # The site's address, which every absolute link is made from.
        ({"DEGS_SECRET_KEY": SECRET, "DEGS_ALLOWED_HOSTS": HOSTS}, "needs DEGS_SITE_URL"),
        (
            {"DEGS_SECRET_KEY": SECRET, "DEGS_ALLOWED_HOSTS": HOSTS, "DEGS_SITE_URL": "degs.org"},
            "DEGS_SITE_URL must be the site's address",
        ),
        (
            {"DEGS_SECRET_KEY": SECRET, "DEGS_ALLOWED_HOSTS": HOSTS, "DEGS_SITE_URL": SITE},
            "needs DEGS_AADHAAR_HASH_KEY",
        ),
        (
            {
                "DEGS_SECRET_KEY": SECRET,
                "DEGS_ALLOWED_HOSTS": HOSTS,
                "DEGS_SITE_URL": SITE,
                "DEGS_AADHAAR_HASH_KEY": "short",
            },
            "needs DEGS_AADHAAR_HASH_KEY",
        ),
        (
            {
                "DEGS_SECRET_KEY": SECRET,
                "DEGS_ALLOWED_HOSTS": HOSTS,
                "DEGS_SITE_URL": SITE,
                "DEGS_AADHAAR_HASH_KEY": SECRET,
                "DEGS_CERTIFICATE_KEY": CERTIFICATE_KEY,
            },
            "DEGS_AADHAAR_HASH_KEY must be its own key",
        ),
        (
            {
                "DEGS_SECRET_KEY": SECRET,
                "DEGS_ALLOWED_HOSTS": HOSTS,
                "DEGS_SITE_URL": SITE,
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
        "DEGS_SITE_URL": SITE,
        "DEGS_CERTIFICATE_KEY": CERTIFICATE_KEY,
        "DEGS_AADHAAR_HASH_KEY": AADHAAR_KEY,
    }
    assert _aadhaar_key(production) == AADHAAR_KEY
    # Development has a fixed key of its own, whatever the secret key.
    for secret in ("", SECRET):
        assert _aadhaar_key({"DEGS_ENV": "development", "DEGS_SECRET_KEY": secret}) == (
            _aadhaar_key({"DEGS_ENV": "development"})
        )


def _production(tmp_path: Path, **changes: str) -> dict[str, str]:
    return {
        "DEGS_ENV": "production",
        "DEGS_DATA_DIR": str(tmp_path),
        "DEGS_SECRET_KEY": SECRET,
        "DEGS_ALLOWED_HOSTS": HOSTS,
        "DEGS_SITE_URL": SITE,
        "DEGS_CERTIFICATE_KEY": CERTIFICATE_KEY,
        "DEGS_AADHAAR_HASH_KEY": AADHAAR_KEY,
        **changes,
    }


def test_production_passes_deploy_check(tmp_path) -> None:
    result = _check(_production(tmp_path), "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr


def test_a_site_address_whose_host_is_not_served_is_refused(tmp_path) -> None:
    # Every link would answer "Bad Request": the host is not among the allowed hosts.
    result = _check(_production(tmp_path, DEGS_SITE_URL="https://degs.example.net"), "--deploy")
    assert result.returncode != 0
    assert "core.E001" in result.stderr and "https://degs.example.net" in result.stderr


def _make_lines(*args: str) -> list[str]:
    """The commands `make` would run (not run: -n), one a line."""
    make = shutil.which("make")
    assert make is not None
    result = subprocess.run(
        [make, "-n", *args], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return result.stdout.splitlines()


def test_the_demo_links_to_the_port_it_serves() -> None:
    lines = _make_lines("demo", "PORT=8080")
    (serve,) = [line for line in lines if "runserver" in line]
    (load,) = [line for line in lines if "load_demo" in line]
    assert serve.split()[0] == "DEGS_SITE_URL=http://127.0.0.1:8080"
    assert serve.endswith("runserver 127.0.0.1:8080")
    assert load.split()[0] == "DEGS_SITE_URL=http://127.0.0.1:8080"


def test_the_makefile_deploy_check_is_given_a_site_address() -> None:
    text = " ".join(_make_lines("checks"))
    deploy = text[text.index("DEGS_ENV=production") : text.index("--deploy")]
    assert f"DEGS_SITE_URL={SITE} " in deploy


def test_sqlite_defaults_are_wal_and_immediate() -> None:
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("SQLite settings only")
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in options["init_command"]
    assert options["timeout"] >= 5
