"""The read replica's settings and routing rules, without a replica: what ``DATABASES`` the
environment builds (replica, pool), which views are marked, the read-your-writes cookie, and
where the router sends a read in each case. The same rules against a real streaming replica:
``tests/core/test_replica.py`` (``make test-replica``)."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from asgiref.sync import iscoroutinefunction
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import OperationalError, connection, transaction
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from django.urls import resolve, reverse

from config.settings import databases
from degs.core import db_router, memo
from degs.core.db_router import ReplicaRouter, reading_from_replica
from degs.core.replica_middleware import ReadYourWritesMiddleware
from degs.directory.models import Area

ROOT = Path(__file__).resolve().parents[2]
PG = "postgres://degs:secret@db.example.org:5432/degs"
REPLICA = "postgres://degs:secret@replica.example.org:5432/degs"
POSTGRESQL = "django.db.backends.postgresql"


def _databases(**environ: str) -> dict:
    return databases(environ, test=False, sqlite_path="/srv/degs.sqlite3")


# --- settings ----------------------------------------------------------------------------------


def test_without_a_database_url_there_is_one_sqlite_database() -> None:
    built = _databases()
    assert list(built) == ["default"]
    assert built["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert built["default"]["NAME"] == "/srv/degs.sqlite3"


def test_postgresql_keeps_connections_a_minute_without_a_pool() -> None:
    built = _databases(DATABASE_URL=PG)
    assert list(built) == ["default"]
    default = built["default"]
    assert default["ENGINE"] == POSTGRESQL
    assert default["CONN_MAX_AGE"] == 60
    assert default["CONN_HEALTH_CHECKS"] is True
    assert "pool" not in default["OPTIONS"]
    assert default["OPTIONS"]["options"] == "-c jit=off"


def test_a_pool_sets_its_sizes_and_no_persistent_connections() -> None:
    built = _databases(DATABASE_URL=PG, DEGS_DB_POOL_MIN="4", DEGS_DB_POOL_MAX="12")
    default = built["default"]
    assert default["OPTIONS"]["pool"] == {"min_size": 4, "max_size": 12, "timeout": 10.0}
    # Django refuses a pool with persistent connections: the pool keeps them instead.
    assert default["CONN_MAX_AGE"] == 0
    assert default["OPTIONS"]["options"] == "-c jit=off"


def test_a_pool_without_a_minimum_keeps_two_open() -> None:
    pool = _databases(DATABASE_URL=PG, DEGS_DB_POOL_MAX="8", DEGS_DB_POOL_TIMEOUT="3")
    assert pool["default"]["OPTIONS"]["pool"] == {"min_size": 2, "max_size": 8, "timeout": 3.0}


@pytest.mark.parametrize(
    "environ",
    [
        {"DEGS_DB_POOL_MAX": "4"},  # no PostgreSQL
        {"DATABASE_URL": "sqlite:////srv/x.sqlite3", "DEGS_DB_POOL_MAX": "4"},
        {"DATABASE_URL": PG, "DEGS_DB_POOL_MAX": "4", "DEGS_DB_POOL_MIN": "5"},
        {"DATABASE_URL": PG, "DEGS_DB_POOL_MAX": "-1"},
        {"DATABASE_URL": PG, "DEGS_DB_POOL_MAX": "many"},
        {"DATABASE_URL": PG, "DEGS_DB_POOL_MAX": "4", "DEGS_DB_POOL_TIMEOUT": "0"},
        {"DEGS_REPLICA_URL": REPLICA},  # a replica of SQLite
        {"DATABASE_URL": "sqlite:////srv/x.sqlite3", "DEGS_REPLICA_URL": REPLICA},
        {"DATABASE_URL": PG, "DEGS_REPLICA_URL": "sqlite:////srv/x.sqlite3"},
    ],
)
def test_settings_that_cannot_work_are_refused(environ: dict[str, str]) -> None:
    with pytest.raises(ImproperlyConfigured):
        _databases(**environ)


def test_a_replica_is_a_second_postgresql_that_tests_mirror() -> None:
    built = _databases(DATABASE_URL=PG, DEGS_REPLICA_URL=REPLICA, DEGS_DB_POOL_MAX="6")
    assert list(built) == ["default", "replica"]
    replica = built["replica"]
    assert replica["HOST"] == "replica.example.org"
    assert replica["NAME"] == "degs"
    # No test database is made on it: it receives the primary's by streaming.
    assert replica["TEST"] == {"MIRROR": "default"}
    # It is given up on quickly when it does not answer, and pooled like the primary.
    assert replica["OPTIONS"]["connect_timeout"] == 2
    assert replica["OPTIONS"]["pool"] == {"min_size": 2, "max_size": 6, "timeout": 10.0}
    assert replica["CONN_MAX_AGE"] == 0
    assert "TEST" not in built["default"] or not built["default"]["TEST"].get("MIRROR")


def test_without_a_replica_nothing_routes_and_no_middleware_runs() -> None:
    if "replica" in settings.DATABASES:
        pytest.skip("this run has a replica (make test-replica)")
    assert settings.DATABASE_ROUTERS == []
    assert "degs.core.replica_middleware.ReadYourWritesMiddleware" not in settings.MIDDLEWARE


@pytest.mark.django_db
def test_the_pool_connects_and_answers_on_postgresql(tmp_path: Path) -> None:
    # given the test database, reached by a process of its own with a pool of at most 2
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: the pool is psycopg's")
    name = connection.settings_dict["NAME"]
    host = connection.settings_dict["HOST"] or "127.0.0.1"
    port = connection.settings_dict["PORT"] or "5432"
    user = connection.settings_dict["USER"] or "postgres"
    code = (
        "from django.db import connection; "
        "print(type(connection.pool).__name__, connection.settings_dict['CONN_MAX_AGE']); "
        "c = connection.cursor(); c.execute('SELECT 40 + 2'); print(c.fetchone()[0]); "
        "print(connection.pool.get_stats()['pool_max'])"
    )
    # when it asks a question through Django
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env={
            "PATH": "/usr/bin:/bin",
            "DEGS_ENV": "test",
            "DATABASE_URL": f"postgres://{user}@{host}:{port}/{name}",
            "DEGS_DB_POOL_MAX": "2",
            "DEGS_DB_POOL_MIN": "1",
            "DEGS_DATA_DIR": str(tmp_path),
        },
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    # then the answer came through a psycopg ConnectionPool of that size
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["ConnectionPool", "0", "42", "2"]


# --- which pages read from the replica -----------------------------------------------------------

MARKED = [
    ("dashboards:dashboard", []),
    ("dashboards:area", [1]),
    ("dashboards:ranking", [1, "x"]),
    ("dashboards:state", []),
    ("dashboards:pack_detail", [1]),
    ("dashboards:pack_pdf", [1]),
    ("applications:report_pending", []),
    ("applications:report_disposal", []),
    ("finance:statement", []),
    ("finance:statement_csv", []),
    ("finance:statement_xlsx", []),
    ("finance:uc", []),
    ("finance:uc_pdf", []),
]
NOT_MARKED = [
    ("dashboards:home", []),
    ("dashboards:pack_build", [1]),
    ("applications:inbox", []),
    ("applications:application_list", []),
    ("applications:application_detail", [1]),
    ("accounts:login", []),
]


@pytest.mark.parametrize(("name", "args"), MARKED)
def test_reports_and_dashboards_are_marked(name: str, args: list) -> None:
    assert db_router.marked(resolve(reverse(name, args=args)).func)


@pytest.mark.parametrize(("name", "args"), NOT_MARKED)
def test_pages_that_act_or_must_be_fresh_are_not_marked(name: str, args: list) -> None:
    assert not db_router.marked(resolve(reverse(name, args=args)).func)


# --- the read-your-writes cookie and the middleware ---------------------------------------------


def _answer(status: int) -> HttpResponse:
    return HttpResponse(status=status)


def _through(request: HttpRequest, status: int = 200) -> HttpResponse:
    return ReadYourWritesMiddleware(lambda r: _answer(status))(request)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The router's wall clock, moved by the test."""
    at = [1_800_000_000.0]
    monkeypatch.setattr(db_router, "now", lambda: at[0])
    return at


@pytest.mark.parametrize(
    ("method", "status", "sticks"),
    [
        ("post", 200, True),
        ("post", 302, True),
        ("delete", 204, True),
        ("put", 201, True),
        ("patch", 200, True),
        ("post", 400, False),  # refused: nothing written
        ("post", 403, False),
        ("post", 409, False),
        ("post", 500, False),
        ("get", 200, False),
        ("head", 200, False),
    ],
)
def test_a_successful_write_request_sets_the_cookie(
    clock: list[float], method: str, status: int, sticks: bool
) -> None:
    response = _through(getattr(RequestFactory(), method)("/x/"), status)
    assert (db_router.STICKY_COOKIE in response.cookies) is sticks
    if sticks:
        cookie = response.cookies[db_router.STICKY_COOKIE]
        assert cookie["max-age"] == 5
        assert cookie["httponly"]
        assert cookie["samesite"] == "Lax"


def _with_cookie(response: HttpResponse) -> HttpRequest:
    request = RequestFactory().get("/report/")
    request.COOKIES[db_router.STICKY_COOKIE] = response.cookies[db_router.STICKY_COOKIE].value
    return request


def test_reads_stay_on_the_primary_for_the_window_after_a_write(clock: list[float]) -> None:
    # given a write request answered at t
    written = _through(RequestFactory().post("/x/"), 302)
    # then the same browser is sticky until t + 5 s, and not after
    for later, expected in [(0, True), (4.9, True), (5.1, False), (60, False)]:
        at = clock[0]
        clock[0] = at + later
        assert db_router.sticky(_with_cookie(written)) is expected, later
        clock[0] = at


def test_the_window_follows_the_setting(clock: list[float], settings) -> None:  # type: ignore[no-untyped-def]
    settings.DEGS_REPLICA_STICKY_SECONDS = 30
    written = _through(RequestFactory().post("/x/"))
    clock[0] += 20
    assert db_router.sticky(_with_cookie(written))
    settings.DEGS_REPLICA_STICKY_SECONDS = 0  # off: no cookie at all
    assert db_router.STICKY_COOKIE not in _through(RequestFactory().post("/x/")).cookies


@pytest.mark.parametrize("value", ["9999999999.000", "", "garbage", "1:2:3"])
def test_a_forged_or_broken_cookie_is_not_sticky(clock: list[float], value: str) -> None:
    request = RequestFactory().get("/report/")
    request.COOKIES[db_router.STICKY_COOKIE] = value
    assert not db_router.sticky(request)


def test_a_cookie_signed_for_another_use_is_not_sticky(clock: list[float]) -> None:
    response = HttpResponse()
    response.set_signed_cookie(db_router.STICKY_COOKIE, f"{clock[0] + 100:.3f}", salt="other")
    assert not db_router.sticky(_with_cookie(response))


class _User:
    loaded = False

    @property
    def is_authenticated(self) -> bool:
        self.loaded = True
        return True


@db_router.reads_from_replica
def _marked_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse()


def test_marking_a_view_leaves_the_view_given_unmarked() -> None:
    def view(request: HttpRequest) -> HttpResponse:
        return HttpResponse("answer")

    marked = db_router.reads_from_replica(view)
    assert db_router.marked(marked)
    assert not db_router.marked(view)
    assert marked(RequestFactory().get("/")).content == b"answer"
    assert marked.__name__ == "view"


def test_a_marked_async_view_stays_async() -> None:
    async def view(request: HttpRequest) -> HttpResponse:
        return HttpResponse("answer")

    marked = db_router.reads_from_replica(view)
    assert iscoroutinefunction(marked)
    request = RequestFactory().get("/")
    # In a thread of its own: a browser test before this one may leave an event loop running in
    # this worker's thread, where asyncio.run refuses to start another.
    with ThreadPoolExecutor(max_workers=1) as pool:
        response = pool.submit(asyncio.run, marked(request)).result()
    assert response.content == b"answer"


def _reads_wanted(request: HttpRequest, view=_marked_view) -> bool:  # type: ignore[no-untyped-def]
    """Does the middleware let this request's view read from the replica?"""
    seen: list[bool] = []

    def handler(r: HttpRequest) -> HttpResponse:
        middleware.process_view(r, view, (), {})
        seen.append(ReplicaRouter().db_for_read(Area) == db_router.REPLICA)
        return HttpResponse()

    middleware = ReadYourWritesMiddleware(handler)
    middleware(request)
    return seen[0]


@pytest.fixture
def replica_up(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(db_router.health, "usable", lambda: True)


def test_a_marked_view_reads_from_the_replica_after_loading_its_user(replica_up: None) -> None:
    request = RequestFactory().get("/report/")
    request.user = _User()  # type: ignore[assignment]
    assert _reads_wanted(request)
    # the user (and so the session) was read before the view's reads could go to the replica
    assert request.user.loaded  # type: ignore[attr-defined]


def test_an_unmarked_view_reads_from_the_primary(replica_up: None) -> None:
    def plain(request: HttpRequest) -> HttpResponse:
        return HttpResponse()

    assert not _reads_wanted(RequestFactory().get("/inbox/"), view=plain)


def test_a_marked_view_of_a_user_who_just_wrote_reads_from_the_primary(
    replica_up: None, clock: list[float]
) -> None:
    written = _through(RequestFactory().post("/x/"), 302)
    clock[0] += 2
    assert not _reads_wanted(_with_cookie(written))
    clock[0] += 4
    assert _reads_wanted(_with_cookie(written))


def test_the_request_state_ends_with_the_request(replica_up: None) -> None:
    _reads_wanted(RequestFactory().get("/report/"))
    assert ReplicaRouter().db_for_read(Area) == db_router.PRIMARY


# --- the router ---------------------------------------------------------------------------------


@pytest.fixture
def router() -> ReplicaRouter:
    return ReplicaRouter()


def test_outside_a_marked_view_every_read_is_the_primarys(
    router: ReplicaRouter, replica_up
) -> None:  # type: ignore[no-untyped-def]
    assert router.db_for_read(Area) == db_router.PRIMARY


def test_in_a_marked_view_reads_go_to_a_usable_replica(router: ReplicaRouter, replica_up) -> None:  # type: ignore[no-untyped-def]
    with reading_from_replica():
        assert router.db_for_read(Area) == db_router.REPLICA
        assert db_router.replica_used()


def test_a_replica_down_or_behind_is_not_read(
    router: ReplicaRouter, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db_router.health, "usable", lambda: False)
    with reading_from_replica():
        assert router.db_for_read(Area) == db_router.PRIMARY
        assert not db_router.replica_used()


def test_writes_go_to_the_primary_and_later_reads_of_the_request_too(
    router: ReplicaRouter,
    replica_up,  # type: ignore[no-untyped-def]
) -> None:
    with reading_from_replica():
        assert router.db_for_write(Area) == db_router.PRIMARY
        assert router.db_for_read(Area) == db_router.PRIMARY


def test_reads_kept_by_the_memo_come_from_the_primary(router: ReplicaRouter, replica_up) -> None:  # type: ignore[no-untyped-def]
    with reading_from_replica():
        assert memo.remembered(("test", "router"), lambda: router.db_for_read(Area)) == "default"
        assert router.db_for_read(Area) == db_router.REPLICA


@pytest.mark.django_db
def test_reads_inside_a_transaction_on_the_primary_stay_there(
    router: ReplicaRouter, replica_up
) -> None:  # type: ignore[no-untyped-def]
    with reading_from_replica(), transaction.atomic():
        assert router.db_for_read(Area) == db_router.PRIMARY


def test_migrations_run_on_the_primary_only(router: ReplicaRouter) -> None:
    assert router.allow_migrate("default", "directory")
    assert not router.allow_migrate("replica", "directory")
    assert router.allow_relation(object(), object())


def test_a_replica_that_does_not_answer_is_checked_again_only_after_the_interval(
    monkeypatch: pytest.MonkeyPatch, settings
) -> None:  # type: ignore[no-untyped-def]
    # given a health object whose checks are counted
    health = db_router.ReplicaHealth()
    checks: list[int] = []
    monkeypatch.setattr(health, "check", lambda: checks.append(1) or False)
    settings.DEGS_REPLICA_CHECK_SECONDS = 60
    # when it is asked many times
    answers = {health.usable() for _ in range(50)}
    # then it asked the replica once
    assert answers == {False}
    assert len(checks) == 1
    health.forget()
    health.usable()
    assert len(checks) == 2


def _serve(view, monkeypatch: pytest.MonkeyPatch) -> tuple[HttpResponse | None, list[str]]:  # type: ignore[no-untyped-def]
    """Django's order for one request: the middleware around, its process_view, the view, and
    its process_exception when the view raises."""
    monkeypatch.setattr(db_router.health, "usable", lambda: True)
    monkeypatch.setattr(db_router.health, "check", lambda: True)
    answers: list[HttpResponse | None] = []

    def handler(request: HttpRequest) -> HttpResponse:
        middleware.process_view(request, view, (), {})
        try:
            return view(request)
        except Exception as error:
            answer = middleware.process_exception(request, error)
            answers.append(answer)
            if answer is None:
                raise
            return answer

    middleware = ReadYourWritesMiddleware(handler)
    try:
        middleware(RequestFactory().get("/report/"))
    except Exception as error:
        return None, [type(error).__name__]
    return answers[0] if answers else None, []


def _failing_on_the_replica(error: Exception):  # type: ignore[no-untyped-def]
    calls: list[str] = []

    @db_router.reads_from_replica
    def view(request: HttpRequest) -> HttpResponse:
        alias = ReplicaRouter().db_for_read(Area)
        calls.append(alias)
        if alias == db_router.REPLICA:
            raise error
        return HttpResponse(alias)

    return view, calls


def test_a_read_failing_on_the_replica_runs_the_page_again_on_the_primary(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a query cancelled in conflict with the replica's replay: the replica itself answers
    view, calls = _failing_on_the_replica(OperationalError("conflict with recovery"))
    answer, raised = _serve(view, monkeypatch)
    assert raised == []
    assert answer is not None and answer.content == b"default"
    assert calls == ["replica", "default"]


def test_other_errors_are_not_run_again(monkeypatch: pytest.MonkeyPatch) -> None:
    view, calls = _failing_on_the_replica(ValueError("the view's own"))
    assert _serve(view, monkeypatch) == (None, ["ValueError"])
    assert calls == ["replica"]


def test_a_replica_that_cannot_be_asked_at_all_is_not_used() -> None:
    # here there is no replica alias; in a test that allows no connection to it, or with a
    # broken one, the same: any failure to ask means reading the primary
    health = db_router.ReplicaHealth()
    assert health.check() is False
    assert health.lag is None
