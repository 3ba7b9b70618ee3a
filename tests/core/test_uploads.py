# ruff: noqa: F811 - the fixtures imported below are used as arguments
"""Uploaded files of rows that are never committed: a filing killed with SIGKILL before its
commit, a transaction rolled back after its files were written, files no row names. The sweep
(``manage.py uploads_sweep``, ``degs.core.uploads``) removes them and keeps every file a
committed row names."""

from __future__ import annotations

import datetime as dt
import json
import os
import selectors
import signal
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection, transaction

from degs.applications.models import Application, ApplicationDocument
from degs.centres.models import InspectionPhoto
from degs.core.uploads import PENDING, sweep
from degs.reviews.models import Attachment
from tests.applications.conftest import apps, centres, file_one  # noqa: F401 - fixtures
from tests.reviews.conftest import reviews  # noqa: F401 - a fixture

ROOT = Path(django_settings.BASE_DIR)
NOW = dt.timedelta(0)


def files_under(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def _environment(tmp_path: Path) -> dict[str, str]:
    """The test's database and a media folder of its own, for another process."""
    env = {**os.environ, "DEGS_ENV": "test", "DEGS_MEDIA_ROOT": str(tmp_path / "media")}
    env.pop("DEGS_REDIS_URL", None)
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        # The test database lives in this process's memory: give the other process a copy.
        copy = tmp_path / "filing.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(copy) as target:
            connection.connection.backup(target)
        env["DEGS_SQLITE_PATH"] = str(copy)
        env.pop("DATABASE_URL", None)
    else:
        password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
        env["DATABASE_URL"] = (
            f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}"
        )
    return env


def _run(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.django_db(transaction=True)
def test_a_filing_killed_before_its_commit_leaves_no_file_once_swept(world, apps, tmp_path):
    """A real filing in another process, killed with SIGKILL after its documents' files and
    rows are written and before the commit: the rows roll back, the files stay; the sweep
    removes them."""
    env = _environment(tmp_path)
    media = tmp_path / "media"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.core.filing_process",
            "file",
            str(world.operator_a1.pk),
            str(apps.centres.centre_a1.pk),
            str(apps.service.pk),
            str(world.village_a1.pk),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        waiting = selectors.DefaultSelector()
        waiting.register(process.stdout, selectors.EVENT_READ)  # type: ignore[arg-type]
        ready = waiting.select(timeout=120)
        line = process.stdout.readline() if ready else ""  # type: ignore[union-attr]
        if line.strip() != "written":  # the process failed before it could be killed
            pytest.fail(line + (process.stderr.read() if process.poll() is not None else ""))  # type: ignore[union-attr]
        documents = files_under(media / "applications")
        assert len(documents) == 2  # both files are on disk, the transaction still open
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        process.stdout.close()  # type: ignore[union-attr]
        process.stderr.close()  # type: ignore[union-attr]
    assert process.returncode == -signal.SIGKILL
    assert json.loads(_run(env, "-m", "tests.core.filing_process", "count")) == {
        "applications": 0,
        "documents": 0,
    }
    assert files_under(media / "applications") == documents  # what the fix has to clean up

    out = _run(env, "manage.py", "uploads_sweep", "--older-than", "0")

    assert files_under(media) == []
    assert "Removed 2 files" in out


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_the_sweep_keeps_files_of_committed_rows(
    world, apps, media, django_capture_on_commit_callbacks
):
    """Intents of a committed filing are dropped on commit; one left by a process killed
    between its commit and that step names a row, so its file stays."""
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        application = file_one(world, apps)
    intents = files_under(media / PENDING)
    assert len(intents) == 2 and len(callbacks) >= 2
    report = sweep(older_than=NOW)  # as if killed before the on-commit step ran
    assert report.kept == 2 and report.removed == []
    assert files_under(media / PENDING) == []
    stored = {d.file.name for d in application.documents.all()}
    assert {p.relative_to(media).as_posix() for p in files_under(media)} == stored


def test_the_sweep_leaves_young_intents_alone(world, apps, media):
    """An intent younger than the cut-off may belong to a transaction still running."""
    with pytest.raises(RuntimeError), transaction.atomic():
        file_one(world, apps)
        raise RuntimeError("rolled back after the documents were written")
    assert len(files_under(media / "applications")) == 2
    assert sweep(older_than=dt.timedelta(minutes=60)).removed == []
    assert len(files_under(media / "applications")) == 2
    assert len(sweep(older_than=NOW).removed) == 2
    assert files_under(media) == []


def _rolled_back(write) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(RuntimeError), transaction.atomic():
        write()
        raise RuntimeError("rolled back after the files were written")


def test_every_upload_is_swept_after_a_rollback(world, apps, reviews, media):
    """The class, not one case: the documents of a filing, a compliance report's attachments and
    an inspection's photos, each written and then rolled back, leave nothing once swept."""
    from degs.centres import services as centres
    from degs.reviews import services as reviewing
    from tests.centres.test_services import finding, jpeg_with_gps

    _rolled_back(lambda: file_one(world, apps))
    directive = reviews.directive()
    _rolled_back(
        lambda: reviewing.directive_report(
            actor=world.csc_manager_a,
            directive=directive,
            percent=50,
            text="Half done",
            files=[SimpleUploadedFile("letter.pdf", b"%PDF-1.4 letter")],
        )
    )
    _rolled_back(
        lambda: centres.inspection_record(
            actor=world.csc_manager_a,
            centre=apps.centres.centre_a1,
            client_token=uuid.uuid4(),
            finding=finding(),
            photos=[SimpleUploadedFile("kiosk.jpg", jpeg_with_gps(), content_type="image/jpeg")],
        )
    )
    folders = {p.relative_to(media).parts[0] for p in files_under(media)}
    assert folders == {"applications", "reviews", "inspections", PENDING}
    assert not (
        Application.objects.exists()
        or ApplicationDocument.objects.exists()
        or Attachment.objects.exists()
        or InspectionPhoto.objects.exists()
    )

    call_command("uploads_sweep", "--older-than", "0", stdout=open(os.devnull, "w"))  # noqa: SIM115

    assert files_under(media) == []


def test_unreferenced_files_are_removed_and_named_ones_kept(
    world, apps, media, django_capture_on_commit_callbacks
):
    """Files left before the journal existed (or by rows deleted since) are found by walking the
    upload folders; a file a row names is never removed."""
    with django_capture_on_commit_callbacks(execute=True):
        application = file_one(world, apps)
    stray = media / "applications" / "2026" / "11" / "left-by-a-killed-worker.pdf"
    stray.parent.mkdir(parents=True)
    stray.write_bytes(b"%PDF-1.4 orphan")
    kept = sorted((media / d.file.name) for d in application.documents.all())

    assert sweep(older_than=NOW).removed == []  # no intent names it
    report = sweep(older_than=NOW, unreferenced=True)

    assert report.removed == ["applications/2026/11/left-by-a-killed-worker.pdf"]
    assert files_under(media) == kept
