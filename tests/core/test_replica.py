"""The read replica against a real one: a throwaway PostgreSQL primary and a streaming replica
of it, started by ``tools/pg_replica.sh`` (``make test-replica``, part of ``make test``), which
names them in ``DATABASE_URL``, ``DEGS_REPLICA_URL`` and ``DEGS_TEST_REPLICA_CTL``.

Which server answered is told two ways: the server itself (``pg_is_in_recovery()`` is true on
the replica only) and the data: with the replica's replay paused, a row written on the primary
is on the primary only, so a page that lists it read the primary and one that does not read
the replica."""

from __future__ import annotations

import json
import os
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.db import connections
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import include, path, reverse
from django.views.decorators.http import require_POST

from degs.core import db_router
from degs.core.db_router import reads_from_replica
from degs.directory.models import Designation
from tests.factories import UserFactory, make_designation

NEEDS = (
    "needs a streaming replica: run `make test-replica`, whose tools/pg_replica.sh starts a "
    "throwaway primary and replica and sets DATABASE_URL, DEGS_REPLICA_URL and "
    "DEGS_TEST_REPLICA_CTL"
)
pytestmark = [
    pytest.mark.skipif(
        "replica" not in settings.DATABASES or not os.environ.get("DEGS_TEST_REPLICA_CTL"),
        reason=NEEDS,
    ),
    pytest.mark.django_db(transaction=True, databases=["default", "replica"]),
]
PREFIX = "probe-"


# --- a page that reads, marked and not, and one that writes -----------------------------------


def _read(request: HttpRequest) -> HttpResponse:
    """The designations written by these tests, and the server that gave them."""
    rows = Designation.objects.filter(code__startswith=PREFIX)
    with connections[rows.db].cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery()")
        (in_recovery,) = cursor.fetchone()
    return JsonResponse(
        {
            "alias": rows.db,
            "in_recovery": in_recovery,
            "codes": sorted(rows.values_list("code", flat=True)),
        }
    )


@require_POST
def _write(request: HttpRequest) -> HttpResponse:
    make_designation(PREFIX + request.POST["code"])
    return HttpResponse(status=201)


urlpatterns = [
    path("probe/report/", reads_from_replica(_read)),
    path("probe/inbox/", _read),
    path("probe/write/", _write),
    path("", include("config.urls")),
]


# --- the two servers ----------------------------------------------------------------------------


def _on(alias: str, sql: str, params: tuple[object, ...] = ()) -> object:
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def _replayed() -> None:
    """Wait until the replica has replayed everything the primary has written."""
    target = _on("default", "SELECT pg_current_wal_insert_lsn()::text")
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if _on("replica", "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", (target,)):
            return
        time.sleep(0.02)
    raise AssertionError("the replica did not catch up in 20 s")


@contextmanager
def _replay_paused() -> Iterator[None]:
    """What the primary writes meanwhile reaches the replica but is not applied."""
    _on("replica", "SELECT pg_wal_replay_pause()::text")
    for _ in range(200):
        if _on("replica", "SELECT pg_get_wal_replay_pause_state()") == "paused":
            break
        time.sleep(0.02)
    try:
        yield
    finally:
        _on("replica", "SELECT pg_wal_replay_resume()::text")


def _replica(command: str) -> None:
    subprocess.run([os.environ["DEGS_TEST_REPLICA_CTL"], command], check=True, timeout=90)


@pytest.fixture(autouse=True)
def _probes(settings) -> Iterator[None]:  # type: ignore[no-untyped-def]
    settings.ROOT_URLCONF = __name__
    # The lag limit is a test of its own; elsewhere a paused replay must not trip it.
    settings.DEGS_REPLICA_MAX_LAG_SECONDS = 3600
    db_router.health.forget()
    yield
    db_router.health.forget()


def _client() -> Client:
    client = Client()
    client.force_login(UserFactory())
    return client


def _get(client: Client, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    return json.loads(response.content)


# --- the tests ----------------------------------------------------------------------------------


def test_a_row_written_on_the_primary_appears_on_the_replica() -> None:
    assert _on("default", "SELECT pg_is_in_recovery()") is False
    assert _on("replica", "SELECT pg_is_in_recovery()") is True
    make_designation(PREFIX + "streamed")
    _replayed()
    sql = "SELECT count(*) FROM directory_designation WHERE code = %s"
    assert _on("replica", sql, (PREFIX + "streamed",)) == 1


def test_a_marked_page_reads_from_the_replica_and_others_from_the_primary() -> None:
    client = _client()
    make_designation(PREFIX + "old")
    _replayed()
    with _replay_paused():
        # a row on the primary only
        make_designation(PREFIX + "new")
        report = _get(client, "/probe/report/")
        inbox = _get(client, "/probe/inbox/")
    assert report == {"alias": "replica", "in_recovery": True, "codes": [PREFIX + "old"]}
    assert inbox == {
        "alias": "default",
        "in_recovery": False,
        "codes": [PREFIX + "new", PREFIX + "old"],
    }


def test_after_a_write_the_user_reads_from_the_primary_until_the_window_ends(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    writer, other = _client(), _client()
    _replayed()
    with _replay_paused():
        # when the writer writes, through a request, a row the replica has not applied
        assert writer.post("/probe/write/", {"code": "mine"}).status_code == 201
        # then the writer's next read, within the window, is the primary's, with the row
        assert _get(writer, "/probe/report/") == {
            "alias": "default",
            "in_recovery": False,
            "codes": [PREFIX + "mine"],
        }
        # while another user, who wrote nothing, still reads the replica
        assert _get(other, "/probe/report/")["alias"] == "replica"
        # and after the window (5 s), the writer reads the replica again
        later = time.time() + settings.DEGS_REPLICA_STICKY_SECONDS + 0.5
        monkeypatch.setattr(db_router, "now", lambda: later)
        assert _get(writer, "/probe/report/") == {
            "alias": "replica",
            "in_recovery": True,
            "codes": [],
        }
    # once the replica has applied it, the replica gives the row too
    _replayed()
    assert _get(writer, "/probe/report/") == {
        "alias": "replica",
        "in_recovery": True,
        "codes": [PREFIX + "mine"],
    }


def test_a_replica_further_behind_than_the_limit_is_not_read(settings) -> None:  # type: ignore[no-untyped-def]
    client = _client()
    _replayed()
    with _replay_paused():
        make_designation(PREFIX + "late")
        settings.DEGS_REPLICA_MAX_LAG_SECONDS = 0.3
        time.sleep(0.5)
        db_router.health.forget()
        behind = _get(client, "/probe/report/")
        lag = db_router.health.lag
        settings.DEGS_REPLICA_MAX_LAG_SECONDS = 3600
        db_router.health.forget()
        tolerated = _get(client, "/probe/report/")
    assert behind["alias"] == "default"
    assert behind["codes"] == [PREFIX + "late"]
    assert lag is not None and lag > 0.3
    assert tolerated["alias"] == "replica"
    assert tolerated["codes"] == []
    # caught up, a primary that writes nothing for a while is no lag (the age of the last
    # transaction replayed would say a second)
    _replayed()
    time.sleep(1)
    assert db_router.health.check()
    assert db_router.health.lag is not None and db_router.health.lag < 0.5


@pytest.mark.parametrize(
    ("name", "table"),
    [
        ("applications:report_pending", "applications_application"),
        ("applications:report_disposal", "applications_application"),
        ("dashboards:dashboard", "directory_area"),
    ],
)
def test_the_real_reports_and_dashboards_read_from_the_replica(
    world, name: str, table: str
) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(world.dc_a)
    _replayed()
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as replica,
    ):
        response = client.get(reverse(name))
    assert response.status_code == 200
    on_replica = " ".join(q["sql"] for q in replica.captured_queries)
    on_primary = " ".join(q["sql"] for q in primary.captured_queries)
    # the page's own reads came from the replica (and the user's jurisdiction with them)
    assert f'FROM "{table}"' in on_replica
    assert "accounts_rolegrant" in on_replica
    assert f'"{table}"' not in on_primary
    # who asks came from the primary, before the page's reads
    assert '"django_session"' in on_primary
    assert '"accounts_user"' in on_primary


def test_a_stopped_replica_falls_back_to_the_primary(monkeypatch: pytest.MonkeyPatch) -> None:
    client = _client()
    make_designation(PREFIX + "kept")
    _replayed()
    assert _get(client, "/probe/report/")["alias"] == "replica"  # and the process trusts it
    checks: list[bool] = []
    check = db_router.health.check
    monkeypatch.setattr(db_router.health, "check", lambda: checks.append(check()) or checks[-1])
    _replica("stop")
    try:
        # the read fails under the page: checked at once, down, the page runs on the primary
        assert _get(client, "/probe/report/") == {
            "alias": "default",
            "in_recovery": False,
            "codes": [PREFIX + "kept"],
        }
        assert checks == [False]
        # the next pages do not try it until the next check is due
        assert _get(client, "/probe/report/")["alias"] == "default"
        assert checks == [False]
        # and the next check finds it still down, quickly
        db_router.health.forget()
        started = time.monotonic()
        assert _get(client, "/probe/report/")["alias"] == "default"
        assert time.monotonic() - started < 5
        assert checks == [False, False]
    finally:
        _replica("start")
    db_router.health.forget()
    _replayed()
    assert _get(client, "/probe/report/")["alias"] == "replica"
