"""Reports and dashboards read from a streaming replica; everything else, and every write, goes
to the primary.

Only when a replica is configured (``DEGS_REPLICA_URL``: ``DATABASES["replica"]``, this router
in ``DATABASE_ROUTERS`` and ``replica_middleware.ReadYourWritesMiddleware`` in the middleware,
all set by ``config/settings.py``); without one nothing here runs. A request reads from the
replica when all of these hold, else from the primary:

- its view is marked ``@reads_from_replica`` (the DC's dashboard and area pages, the state's
  view, the review pack, the applications' pending and disposal reports, the fund statement and
  the utilisation certificate);
- its user made no successful write request (unsafe method, answer under 400) in the last
  ``DEGS_REPLICA_STICKY_SECONDS``: read-your-writes. The time is kept in a signed cookie, not in
  the session or in a process's memory. Any gunicorn worker on any machine can check it without
  a query, a lagging replica can never lose it (a session read from the replica could be a
  stale one), and it costs no session write per request. It is per browser, which is how a
  person writes and then reads; a forged or altered cookie fails its signature and is ignored;
- the request has written nothing itself yet, and is in no transaction on the primary (inside
  one, reads must see its writes);
- the read is not one of the process's memo of reference data (``core.memo``), which outlives
  the request and is read from the primary (``primary_reads``);
- the replica answered the last health check of this process (at most one every
  ``DEGS_REPLICA_CHECK_SECONDS``) and was then at most ``DEGS_REPLICA_MAX_LAG_SECONDS`` behind.
  When a read on the replica fails (it stopped since the last check, or cancelled a query in
  conflict with its replay), the middleware runs the view once more on the primary and checks
  the replica at once.

Who asks (the session and the user) is always read from the primary, before the view runs.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import math
import threading
import time
from collections.abc import Callable, Iterator
from contextvars import ContextVar, Token
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from asgiref.sync import iscoroutinefunction
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)

REPLICA = "replica"
PRIMARY = DEFAULT_DB_ALIAS
STICKY_COOKIE = "degs_primary"
_SALT = "degs.core.db_router"
_MARK = "reads_from_replica"

V = TypeVar("V", bound=Callable[..., Any])


def reads_from_replica(view: V) -> V:
    """The view, marked: its reads may go to the replica (see the module's docstring for when
    they do). For a page that only reads, where data a few seconds old is acceptable. The view
    given is left unmarked (the same view may be served elsewhere from the primary)."""

    marked_view: Callable[..., Any]
    if iscoroutinefunction(view):

        async def marked_view(*args: Any, **kwargs: Any) -> Any:
            return await view(*args, **kwargs)

    else:

        def marked_view(*args: Any, **kwargs: Any) -> Any:
            return view(*args, **kwargs)

    marked_view = functools.wraps(view)(marked_view)
    setattr(marked_view, _MARK, True)
    return cast(V, marked_view)


def marked(view: Callable[..., Any]) -> bool:
    return bool(getattr(view, _MARK, False))


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def now() -> float:
    """The wall clock the read-your-writes window is measured on (tests move it)."""
    return time.time()


# --- this request's reads ---------------------------------------------------------------------


@dataclass
class _Reads:
    wanted: bool = False  # the view may read from the replica
    used: bool = False  # a read was sent to the replica


_reads: ContextVar[_Reads | None] = ContextVar("degs_replica_reads", default=None)
_primary_only: ContextVar[int] = ContextVar("degs_primary_only", default=0)


def request_started() -> Token[_Reads | None]:
    return _reads.set(_Reads())


def request_finished(token: Token[_Reads | None]) -> None:
    _reads.reset(token)


def want_replica() -> None:
    """The running request's view may read from the replica from now on."""
    reads = _reads.get()
    if reads is not None:
        reads.wanted = True


def replica_used() -> bool:
    reads = _reads.get()
    return reads is not None and reads.used


@contextlib.contextmanager
def reading_from_replica() -> Iterator[None]:
    """Reads in the block may go to the replica, as in a marked view (a report's task, tests)."""
    token = _reads.set(_Reads(wanted=True))
    try:
        yield
    finally:
        _reads.reset(token)


@contextlib.contextmanager
def primary_reads() -> Iterator[None]:
    """Reads in the block go to the primary, even in a marked view: data kept past the request
    (``core.memo``) must not be an older copy."""
    token = _primary_only.set(_primary_only.get() + 1)
    try:
        yield
    finally:
        _primary_only.reset(token)


# --- read-your-writes: the signed cookie ------------------------------------------------------


def stick(response: HttpResponse) -> None:
    """After a successful write request: this browser's reads stay on the primary for
    ``DEGS_REPLICA_STICKY_SECONDS``."""
    seconds = float(settings.DEGS_REPLICA_STICKY_SECONDS)
    if seconds <= 0:
        return
    response.set_signed_cookie(
        STICKY_COOKIE,
        f"{now() + seconds:.3f}",
        salt=_SALT,
        max_age=math.ceil(seconds),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def sticky(request: HttpRequest) -> bool:
    """Did this browser write within the window? A missing, expired or forged cookie: no."""
    value = request.get_signed_cookie(STICKY_COOKIE, default=None, salt=_SALT)
    try:
        return value is not None and now() < float(value)
    except ValueError:
        return False


# --- the replica's health, checked at most once every few seconds per process ---------------

# The replica's delay behind the primary, in seconds. Caught up (everything received is
# replayed, and a WAL receiver is running): 0, however long ago the primary last committed.
# Otherwise the age of the last transaction replayed (infinite when none was). Not a standby
# (promoted, or the primary itself): 0.
LAG_SQL = """
SELECT CASE
    WHEN NOT pg_is_in_recovery() THEN 0
    WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn()
        AND EXISTS (SELECT FROM pg_stat_wal_receiver) THEN 0
    ELSE COALESCE(
        EXTRACT(EPOCH FROM clock_timestamp() - pg_last_xact_replay_timestamp()),
        'Infinity'::float8
    )
END
"""


class ReplicaHealth:
    """This process's last word on the replica: usable or not, and its lag."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._checked = -math.inf
        self._usable = False
        self._said: bool | None = None  # the state last logged
        self.lag: float | None = None

    def usable(self) -> bool:
        with self._lock:
            if time.monotonic() - self._checked < settings.DEGS_REPLICA_CHECK_SECONDS:
                return self._usable
            # This thread checks; the others keep the last answer meanwhile.
            self._checked = time.monotonic()
        return self.check()

    def check(self) -> bool:
        """Ask the replica now."""
        try:
            with connections[REPLICA].cursor() as cursor:
                cursor.execute(LAG_SQL)
                lag = float(cursor.fetchone()[0])
        except Exception:  # the server, the network, or a test that allows it no connection
            close_replica()
            return self._answer(False, None, "does not answer")
        if lag > settings.DEGS_REPLICA_MAX_LAG_SECONDS:
            return self._answer(False, lag, "is behind")
        return self._answer(True, lag, "")

    def _answer(self, usable: bool, lag: float | None, why: str) -> bool:
        with self._lock:
            changed = usable != self._said
            self._usable, self._said, self.lag = usable, usable, lag
            self._checked = time.monotonic()
        if changed and not usable:
            logger.warning("read replica %s (lag %s s): reading from the primary", why, lag)
        elif changed:
            logger.info("read replica usable (lag %.3f s)", lag)
        return usable

    def forget(self) -> None:
        """Check again at the next read (tests; a new process starts so)."""
        with self._lock:
            self._checked = -math.inf
            self._usable = False
            self.lag = None


health = ReplicaHealth()


def close_replica() -> None:
    if replica_configured():
        with contextlib.suppress(Exception):
            connections[REPLICA].close()


def replica_failed() -> None:
    """A read on the replica failed: the rest of the request reads from the primary, and the
    replica is checked at once (down, the next requests do not try it until the next check)."""
    reads = _reads.get()
    if reads is not None:
        reads.wanted = False
    close_replica()
    health.check()


# --- the router ---------------------------------------------------------------------------------


class ReplicaRouter:
    """Reads to the replica as the module's docstring says; writes, migrations and every other
    read to the primary."""

    def db_for_read(self, model: type[Any], **hints: Any) -> str:
        reads = _reads.get()
        if reads is None or not reads.wanted or _primary_only.get():
            return PRIMARY
        if connections[PRIMARY].in_atomic_block or not health.usable():
            return PRIMARY
        reads.used = True
        return REPLICA

    def db_for_write(self, model: type[Any], **hints: Any) -> str:
        reads = _reads.get()
        if reads is not None:
            reads.wanted = False  # what the request reads next includes what it wrote
        return PRIMARY

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # the replica is a copy of the primary: its rows are the primary's rows

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == PRIMARY
