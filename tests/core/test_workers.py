"""Task workers on more than one machine: three ``manage.py db_worker`` processes, each with its
own connection as on separate machines, work one queue in one PostgreSQL database, and each of
40 tasks runs exactly once.

What holds it (django-tasks-db 0.13, ``db_worker``): each worker, in a transaction, takes the
first ready task with ``SELECT … FOR UPDATE SKIP LOCKED`` (a task another worker has locked is
skipped, not waited for), marks it running with its worker id and commits, and only then runs
it. A worker that reaches a row the moment another commits its claim re-reads the row under
READ COMMITTED, finds it no longer ready, and leaves it (docs/operations.md, "Task workers on
several machines")."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from django.db import connection, transaction
from django_tasks import task
from django_tasks_db.models import DBTaskResult

ROOT = Path(__file__).resolve().parents[2]
TASKS = 40
WORKERS = 3
TABLE = "degs_test_worker_probe"

pytestmark = pytest.mark.django_db(transaction=True)


@task()
def record_key(key: int) -> None:
    """The probe task: one row keyed by its argument (a task run twice leaves two)."""
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {TABLE} (key, pid) VALUES (%s, %s)", [key, os.getpid()])  # noqa: S608 - a constant
    time.sleep(0.05)  # long enough that every worker is busy at once


class _Worker:
    """A ``db_worker`` process, its output gathered by a thread."""

    def __init__(self, name: str, env: dict[str, str]) -> None:
        self.name = name
        self.lines: list[str] = []
        self.process = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "db_worker",
                "--no-reload",
                "--no-startup-delay",
                "--interval",
                "0.05",
                "--worker-id",
                name,
                "--verbosity",
                "1",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line)

    @property
    def started(self) -> bool:
        return any("Starting worker" in line for line in self.lines)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # graceful: the running task finishes
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.reader.join(timeout=5)


def _wait(done, seconds: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not done():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} took more than {seconds:.0f} s")
        time.sleep(0.05)


@pytest.fixture
def probe_table():  # type: ignore[no-untyped-def]
    if connection.vendor != "postgresql":
        pytest.skip(
            "PostgreSQL only: worker processes with connections of their own (the SQLite test "
            "database lives in this process's memory)"
        )
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE {TABLE} (key integer NOT NULL, pid integer NOT NULL)")
    yield
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")


def _worker_env(tmp_path: Path) -> dict[str, str]:
    db = connection.settings_dict
    url = (
        f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DEGS_ENV": "test",
        "DATABASE_URL": url,
        "DEGS_TASKS_BACKEND": "database",
        "DEGS_DATA_DIR": str(tmp_path),
    }


def test_three_workers_on_one_queue_run_each_task_exactly_once(
    probe_table: None, settings, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    # given three workers, started and polling the default queue
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    env = _worker_env(tmp_path)
    workers = [_Worker(f"worker-{n}", env) for n in range(1, WORKERS + 1)]
    try:
        _wait(lambda: all(w.started or w.process.poll() is not None for w in workers), 120, "start")
        assert all(w.started for w in workers), [w.lines for w in workers]
        # when 40 tasks are queued at once
        with transaction.atomic():
            for key in range(TASKS):
                record_key.enqueue(key)
        # then all of them finish
        _wait(lambda: DBTaskResult.objects.finished().count() == TASKS, 120, "running 40 tasks")
    finally:
        for worker in workers:
            worker.stop()
    results = list(DBTaskResult.objects.all())
    assert len(results) == TASKS
    assert {r.status for r in results} == {"SUCCESSFUL"}, [r.traceback for r in results]
    # each claimed by one worker, once
    assert all(len(r.worker_ids) == 1 for r in results)
    # each key's row written once: no task ran twice, none was lost
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT key, pid FROM {TABLE}")  # noqa: S608 - a constant
        rows = cursor.fetchall()
    assert Counter(key for key, _pid in rows) == dict.fromkeys(range(TASKS), 1)
    # and the work was shared: more than one worker (process) ran tasks
    by_worker = Counter(r.worker_ids[0] for r in results)
    assert len(by_worker) >= 2, by_worker
    assert len({pid for _key, pid in rows}) == len(by_worker)
