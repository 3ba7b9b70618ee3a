"""Shared personas for every test, as STYLE.md describes.

One state with two districts (A and B), two blocks each (A1, A2, B1, B2), a gram panchayat and a
village in each block, a block office in each block; a state admin, the DC, DIO and CSC manager
of district A, the BDO of block A1, a kiosk operator in A1, and the BDO of block B1.
"""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import OperationalError, transaction
from django.utils import translation

from degs.accounts.models import User
from degs.accounts.roles import Role
from degs.core import memo
from degs.directory.choices import AreaKind, OfficeKind
from degs.directory.models import Area, Office, Post
from tests.factories import (
    UserFactory,
    grant,
    hold,
    make_area,
    make_designation,
    make_office,
    make_post,
)


@pytest.fixture(autouse=True, scope="session")
def _media_of_this_run(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Uploads go to a folder of this run (of this worker, under pytest-xdist), never to the data
    folder a demo or another worker uses; a test that needs its own still sets MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True, scope="session")
def _no_session_left(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """Before the test databases are dropped, end any PostgreSQL session still open on them.
    A browser test's live server and Playwright's event loop each keep Django connections in
    a context of their own, which the test's own teardown does not reach; one left open made
    the drop fail and left a test database behind on the server."""
    yield
    from django.db import connections

    for connection in connections.all():
        if connection.vendor != "postgresql":
            continue
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    """Each test starts in the default language: a page read in Hindi through the test client
    leaves Hindi active in this thread (LocaleMiddleware activates it per request and the next
    request sets its own), and a later test would read labels in Hindi."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


# The ledger's guards (degs/finance/migrations 0002 and 0004) refuse to delete a posted entry
# or its legs. On SQLite a transactional test's flush deletes row by row, so that one flush runs
# with the guards lifted and puts them back after itself (PostgreSQL flushes with TRUNCATE,
# which row triggers do not see).
_LEDGER_GUARDS = ("0002_ledger_guards", "0004_sanction_months")


def _ledger_guards(connection, which: str) -> None:  # type: ignore[no-untyped-def]
    import importlib

    with connection.cursor() as cursor:
        for name in _LEDGER_GUARDS:
            module = importlib.import_module(f"degs.finance.migrations.{name}")
            for statement in getattr(module, which):
                cursor.execute(statement)


def _when_unlocked(flush: Callable[[], None]) -> None:
    """The in-memory database is one shared cache: a reader that another connection of this
    process still holds (a finished thread's connection not yet collected, a live-server request
    still closing after its answer was read) locks what it reads against the flush's DELETE and
    DROP TRIGGER ("database table is locked", which SQLite's busy timeout does not wait on).
    Such a reader is let go (collected, or given time to finish) and the flush, rolled back
    whole, is tried again; a lock still held after 10 s fails the test with SQLite's words."""
    deadline = time.monotonic() + 10
    while True:
        try:
            flush()
            return
        except OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            print(f"flush retried: {error}", file=sys.stderr)  # seen in CI's output
            gc.collect()
            time.sleep(0.2)


@pytest.fixture(autouse=True)
def _ledger_guards_around_flush(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction")) or any(
        name in request.fixturenames for name in ("transactional_db", "live_server")
    )
    if not transactional:
        return
    from django.db import connection

    if connection.vendor != "sqlite":
        return
    ops = connection.ops
    # The backend's own flush, never a wrapper left by a test whose database was flushed before
    # this fixture's teardown (one asking for transactional_db through another fixture): that
    # wrapper then serves the next flush, and must not wrap itself.
    flush = type(ops).execute_sql_flush.__get__(ops)

    def flush_with_the_guards_lifted(sql_list):  # type: ignore[no-untyped-def]
        vars(ops).pop("execute_sql_flush", None)  # this flush only

        def lifted() -> None:  # one transaction: a failure leaves the guards as they were
            with transaction.atomic(using=connection.alias):
                _ledger_guards(connection, "SQLITE_DROP")
                flush(sql_list)
                _ledger_guards(connection, "SQLITE")

        _when_unlocked(lifted)

    ops.execute_sql_flush = flush_with_the_guards_lifted  # type: ignore[method-assign]


@pytest.fixture(autouse=True)
def _fresh_memo() -> None:
    """Each test starts with an empty reference memo, as a new process would."""
    memo.forget()


@pytest.fixture(autouse=True)
def _fresh_limits() -> None:
    """Each test starts with no look-ups counted (degs.core.ratelimit): the local-memory cache
    would otherwise carry one test's tries into the next within the same hour."""
    if isinstance(caches["default"], LocMemCache):
        caches["default"].clear()


@dataclass
class World:
    state: Area
    district_a: Area
    district_b: Area
    block_a1: Area
    block_a2: Area
    block_b1: Area
    block_b2: Area
    gp_a1: Area
    gp_b1: Area
    village_a1: Area
    office_a1: Office
    office_a2: Office
    office_b1: Office
    dc_office_a: Office
    post_dc_a: Post
    post_bdo_a1: Post
    post_bdo_b1: Post
    state_admin: User
    dc_a: User
    dio_a: User
    csc_manager_a: User
    bdo_a1: User
    operator_a1: User
    bdo_b1: User


@pytest.fixture
def world(db: None) -> World:
    state = make_area(AreaKind.STATE, "Test State", lgd_code="99", name_hi="परीक्षण राज्य")
    district_a = make_area(AreaKind.DISTRICT, "District A", state, name_hi="जिला ए")
    district_b = make_area(AreaKind.DISTRICT, "District B", state, name_hi="जिला बी")
    blocks = {
        key: make_area(AreaKind.BLOCK, f"Block {key}", parent, name_hi=f"प्रखंड {key}")
        for key, parent in [
            ("A1", district_a),
            ("A2", district_a),
            ("B1", district_b),
            ("B2", district_b),
        ]
    }
    gp_a1 = make_area(AreaKind.GRAM_PANCHAYAT, "Panchayat A1", blocks["A1"])
    gp_b1 = make_area(AreaKind.GRAM_PANCHAYAT, "Panchayat B1", blocks["B1"])
    village_a1 = make_area(AreaKind.VILLAGE, "Village A1", gp_a1)
    make_area(AreaKind.VILLAGE, "Village B1", gp_b1)
    offices = {key: make_office(block, f"Block Office {key}") for key, block in blocks.items()}
    dc_office_a = make_office(district_a, "Collectorate A", OfficeKind.DC_OFFICE)

    dc = make_designation("dc", Role.DISTRICT_ADMIN)
    dio = make_designation("dio", Role.DISTRICT_ADMIN)
    csc = make_designation("csc_dm", Role.CSC_MANAGER)
    bdo = make_designation("bdo", Role.BLOCK_OFFICER, AreaKind.BLOCK)
    post_dc_a = make_post(dc, district_a, dc_office_a)
    post_bdo_a1 = make_post(bdo, blocks["A1"], offices["A1"])
    post_bdo_b1 = make_post(bdo, blocks["B1"], offices["B1"])

    state_admin = UserFactory(username="state_admin", full_name="State Admin")
    grant(state_admin, Role.STATE_ADMIN, state)
    dc_a = UserFactory(username="dc_a", full_name="DC A")
    hold(post_dc_a, dc_a)
    dio_a = UserFactory(username="dio_a", full_name="DIO A")
    hold(make_post(dio, district_a, dc_office_a), dio_a)
    csc_manager_a = UserFactory(username="csc_a", full_name="CSC Manager A")
    hold(make_post(csc, district_a), csc_manager_a)
    bdo_a1 = UserFactory(username="bdo_a1", full_name="BDO A1")
    hold(post_bdo_a1, bdo_a1)
    operator_a1 = UserFactory(username="operator_a1", full_name="Operator A1")
    grant(operator_a1, Role.KIOSK_OPERATOR, gp_a1)
    bdo_b1 = UserFactory(username="bdo_b1", full_name="BDO B1")
    hold(post_bdo_b1, bdo_b1)
    return World(
        state=state,
        district_a=district_a,
        district_b=district_b,
        block_a1=blocks["A1"],
        block_a2=blocks["A2"],
        block_b1=blocks["B1"],
        block_b2=blocks["B2"],
        gp_a1=gp_a1,
        gp_b1=gp_b1,
        village_a1=village_a1,
        office_a1=offices["A1"],
        office_a2=offices["A2"],
        office_b1=offices["B1"],
        dc_office_a=dc_office_a,
        post_dc_a=post_dc_a,
        post_bdo_a1=post_bdo_a1,
        post_bdo_b1=post_bdo_b1,
        state_admin=state_admin,
        dc_a=dc_a,
        dio_a=dio_a,
        csc_manager_a=csc_manager_a,
        bdo_a1=bdo_a1,
        operator_a1=operator_a1,
        bdo_b1=bdo_b1,
    )


@pytest.fixture
def client_as(client):  # type: ignore[no-untyped-def]
    """client_as(user) -> a test client signed in as that user."""

    def sign_in(user: User):  # type: ignore[no-untyped-def]
        client.force_login(user)
        return client

    return sign_in
