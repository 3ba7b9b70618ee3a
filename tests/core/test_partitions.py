"""Partitions of the tables that grow without end (degs/core/partitions.py, docs/partitions.md).

On PostgreSQL: the migrations leave every registered table partitioned with a default partition;
``ensure_partitions`` makes the coming periods' partitions, once, even from two workers at once; a
row lands in its period's partition, one far outside the made ones in the default partition, and
moves into its own when that is made; the copy-and-swap of a plain table keeps every row (also
those written while it copies) and the models still read, write, filter and delete. SQLite keeps
plain tables and nothing here touches them.
"""

from __future__ import annotations

import datetime as dt
import io
import threading
import zoneinfo
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, connection, transaction
from django.db.models import Count
from django.utils import timezone

from degs.applications.models import ApplicationDocument, ApplicationEvent, LedgerEntry
from degs.applications.selectors import district_statement
from degs.connectivity.models import Heartbeat
from degs.connectivity.services.health import heartbeat_ingest
from degs.core import partitions
from degs.core.partitions import (
    BY_TABLE,
    TABLES,
    PartitionError,
    ensure_partitions,
    partition_in_migration,
    partition_table,
    partitions_of,
    state,
)
from degs.core.tasks import partitions_ensure as partitions_ensure_task
from tests.applications.conftest import apps, file_one  # noqa: F401 - the fixture is used below
from tests.centres.conftest import centres  # noqa: F401 - the fixture is used through apps
from tests.connectivity.conftest import net  # noqa: F401 - the fixture is used below

IST = zoneinfo.ZoneInfo("Asia/Kolkata")
ON_POSTGRES = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL only: SQLite keeps plain tables, there is nothing partitioned to test",
)


def _at(*parts: int) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=IST)  # type: ignore[misc]


def _one(sql: str, params: list[Any] | None = None) -> Any:
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        row = cursor.fetchone()
    return None if row is None else row[0]


def _partition_of(model: Any, pk: int) -> str:
    table = model._meta.db_table
    return str(_one(f'SELECT tableoid::regclass::text FROM "{table}" WHERE id = %s', [pk]))  # noqa: S608


# --- SQLite ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_sqlite_keeps_plain_tables() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only: on PostgreSQL the tables are partitioned")
    assert ensure_partitions(ahead=3) == []
    assert partitions_of("connectivity_heartbeat") == {}
    with pytest.raises(PartitionError, match="PostgreSQL"):
        partition_table("connectivity_heartbeat")
    # the migration step does nothing there either
    partition_in_migration(*BY_TABLE).code(None, SimpleNamespace(connection=connection))
    for spec in TABLES:
        assert state(spec.table) == "plain"
        sql = _one("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = %s", [spec.table])
        assert sql.startswith("CREATE TABLE") and "PARTITION" not in sql.upper()


# --- what the migrations leave --------------------------------------------------------------------


@ON_POSTGRES
@pytest.mark.django_db
@pytest.mark.parametrize("spec", TABLES, ids=[s.table for s in TABLES])
def test_the_migrations_leave_every_registered_table_partitioned(spec: Any) -> None:
    assert state(spec.table) == "partitioned"
    parts = partitions_of(spec.table)
    assert parts[spec.default] == "DEFAULT"
    assert spec.name_of(spec.start_of(timezone.localdate())) in parts
    # the primary key holds the partition column; ids come from the identity, as before
    key = _one(
        "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = %s::regclass "
        "AND contype = 'p'",
        [spec.table],
    )
    assert key in (f"PRIMARY KEY (id, {spec.column})", f'PRIMARY KEY (id, "{spec.column}")')
    assert _one("SELECT pg_get_serial_sequence(%s, 'id')", [spec.table]).endswith(
        f"{spec.table}_id_seq"
    )


# --- making partitions ----------------------------------------------------------------------------


@ON_POSTGRES
@pytest.mark.django_db
def test_ensure_makes_the_coming_months_and_years_once() -> None:
    made = ensure_partitions(ahead=3, today=dt.date(2031, 5, 10))
    for month in ("2031_05", "2031_06", "2031_07", "2031_08"):
        assert f"applications_ledgerentry_p{month}" in made
        assert f"connectivity_heartbeat_p{month}" in partitions_of("connectivity_heartbeat")
    assert "applications_ledgerentry_p2031_09" not in made
    # a financial year runs April to March
    assert "applications_applicationevent_fy2031_32" in made
    assert "indicators_datavalueevent_fy2031_32" in made
    assert "applications_applicationevent_fy2030_31" not in made
    assert partitions_of("applications_ledgerentry")["applications_ledgerentry_p2031_06"] == (
        "FOR VALUES FROM ('2031-06-01') TO ('2031-07-01')"
    )
    assert ensure_partitions(ahead=3, today=dt.date(2031, 5, 10)) == []
    # three months ahead of February reach into the next financial year
    made = ensure_partitions(ahead=3, today=dt.date(2032, 2, 1))
    assert "applications_applicationdocument_fy2032_33" in made
    assert "applications_applicationdocument_fy2031_32" not in made  # there already


@ON_POSTGRES
@pytest.mark.django_db
def test_a_row_lands_in_its_months_partition_and_a_far_one_in_the_default(net) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    ensure_partitions(ahead=2, today=dt.date(2031, 6, 10), tables=["connectivity_heartbeat"])
    june = Heartbeat.objects.create(link=net.link_a1, at=_at(2031, 6, 15, 10), latency_ms=20)
    # a month is the month in India: 1 July 00:10 IST is 30 June in UTC
    july = Heartbeat.objects.create(link=net.link_a1, at=_at(2031, 7, 1, 0, 10), latency_ms=21)
    far = Heartbeat.objects.create(link=net.link_a1, at=_at(2099, 1, 1), latency_ms=22)
    assert _partition_of(Heartbeat, june.pk) == "connectivity_heartbeat_p2031_06"
    assert _partition_of(Heartbeat, july.pk) == "connectivity_heartbeat_p2031_07"
    assert _partition_of(Heartbeat, far.pk) == "connectivity_heartbeat_default"
    # the model reads them through the table as ever
    assert list(
        Heartbeat.objects.filter(link=net.link_a1, at__year=2031)
        .order_by("at")
        .values_list("latency_ms", flat=True)
    ) == [20, 21]
    # (link, at) is still unique
    with pytest.raises(IntegrityError), transaction.atomic():
        Heartbeat.objects.create(link=net.link_a1, at=_at(2031, 6, 15, 10))


@ON_POSTGRES
@pytest.mark.django_db
def test_rows_in_the_default_move_into_their_partition_when_it_is_made(net) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    early = Heartbeat.objects.create(link=net.link_a1, at=_at(2033, 3, 5))
    late = Heartbeat.objects.create(link=net.link_a1, at=_at(2033, 4, 20))
    assert _partition_of(Heartbeat, early.pk) == "connectivity_heartbeat_default"

    made = ensure_partitions(ahead=0, today=dt.date(2033, 3, 1), tables=["connectivity_heartbeat"])

    assert [name for name in made if not name.startswith("-")] == [
        "connectivity_heartbeat_p2033_03"
    ]
    assert _partition_of(Heartbeat, early.pk) == "connectivity_heartbeat_p2033_03"
    assert _partition_of(Heartbeat, late.pk) == "connectivity_heartbeat_default"
    assert Heartbeat.objects.filter(pk__in=[early.pk, late.pk]).count() == 2
    # and --since makes the past periods a history loaded from years back needs
    ledger_made = ensure_partitions(
        ahead=0,
        today=dt.date(2033, 3, 1),
        since=dt.date(2032, 11, 1),
        tables=["applications_ledgerentry"],
    )
    assert ledger_made == [
        f"applications_ledgerentry_p{m}"
        for m in ("2032_11", "2032_12", "2033_01", "2033_02", "2033_03")
    ]


@ON_POSTGRES
@pytest.mark.django_db
def test_empty_old_heartbeat_partitions_are_dropped_and_others_kept(net) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    ensure_partitions(ahead=3, today=dt.date(2034, 5, 10), tables=["connectivity_heartbeat"])
    kept = Heartbeat.objects.create(link=net.link_a1, at=_at(2034, 6, 2))

    done = ensure_partitions(ahead=0, today=dt.date(2034, 9, 10), tables=["connectivity_heartbeat"])

    parts = partitions_of("connectivity_heartbeat")
    assert "-connectivity_heartbeat_p2034_05" in done  # ended 1 June, empty
    assert "connectivity_heartbeat_p2034_05" not in parts
    assert "connectivity_heartbeat_p2034_06" in parts  # holds a row
    assert "connectivity_heartbeat_p2034_07" in parts  # ended 1 August: not two months yet
    assert Heartbeat.objects.filter(pk=kept.pk).exists()
    # the other tables keep every partition
    assert "applications_ledgerentry_p2034_05" not in done


@ON_POSTGRES
@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_make_each_partition_once() -> None:
    today = dt.date(2041, 1, 10)
    barrier = threading.Barrier(3)
    results: list[Any] = []

    def run() -> None:
        try:
            barrier.wait(timeout=10)
            results.append(ensure_partitions(ahead=5, today=today))
        except Exception as error:  # shown by the assertion below
            results.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(3)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert not [r for r in results if isinstance(r, Exception)], results
        made = [name for names in results for name in names]
        assert len(made) == len(set(made))  # nobody made one twice
        wanted = {
            *(
                f"{t}_p{m}"
                for t in ("applications_ledgerentry", "connectivity_heartbeat")
                for m in ("2041_01", "2041_02", "2041_03", "2041_04", "2041_05", "2041_06")
            ),
            *(
                f"{t}_fy{y}"
                for t in (
                    "applications_applicationevent",
                    "applications_applicationdocument",
                    "indicators_datavalueevent",
                )
                for y in ("2040_41", "2041_42")
            ),
        }
        assert {name for name in made if not name.startswith("-")} == wanted
        for name in wanted:
            assert _one("SELECT to_regclass(%s) IS NOT NULL", [name])
        assert ensure_partitions(ahead=5, today=today) == []
    finally:
        with connection.cursor() as cursor:
            for spec in TABLES:
                for name in partitions_of(spec.table):
                    start = spec.start_in(name)
                    if start is not None and start.year >= 2040:
                        cursor.execute(f'DROP TABLE "{name}"')
        ensure_partitions()  # today's heartbeat partitions, dropped as empty and old in 2041


# --- turning a plain table into a partitioned one -------------------------------------------------

SCHEMA = "partition_test"


@pytest.fixture
def plain_tables(transactional_db: None) -> Iterator[None]:
    """The registered tables as a plain install has them (Django's own CREATE TABLE, with its
    identity, indexes, constraints and foreign keys to the real tables), in a schema of their
    own first in the search path: the models read and write them there."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: SQLite keeps plain tables")
    from django.apps import apps as registry

    with connection.cursor() as cursor:
        cursor.execute(f"CREATE SCHEMA {SCHEMA}")
        cursor.execute(f"SET search_path TO {SCHEMA}, public")
    try:
        with connection.schema_editor() as editor:
            for model in registry.get_models():
                if model._meta.db_table in BY_TABLE:
                    editor.create_model(model)
        for spec in TABLES:
            assert state(spec.table) == "plain"
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET search_path TO public")
            cursor.execute(f"DROP SCHEMA {SCHEMA} CASCADE")


def _rows(table: str) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT t::text FROM "{SCHEMA}"."{table}" t ORDER BY id')  # noqa: S608
        return cursor.fetchall()


def _names(table: str, kind: str) -> set[str]:
    """The table's indexes ('i') or constraints ('c'), by name."""
    sql = (
        "SELECT indexname FROM pg_indexes WHERE schemaname = %s AND tablename = %s"
        if kind == "i"
        else "SELECT conname FROM pg_constraint WHERE conrelid = to_regclass(%s || '.' || %s)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [SCHEMA, table])
        return {row[0] for row in cursor.fetchall()}


def test_copy_and_swap_keeps_every_row_also_those_written_meanwhile(plain_tables, net) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    links = [net.link_a1, net.link_a2, net.link_b1]
    start = _at(2025, 10, 3, 9)
    Heartbeat.objects.bulk_create(
        Heartbeat(link=links[i % 3], at=start + dt.timedelta(hours=7 * i), latency_ms=i % 500)
        for i in range(2400)  # seven hours apart: October 2025 to mid-2027
    )
    indexes, constraints = (
        _names("connectivity_heartbeat", "i"),
        _names("connectivity_heartbeat", "c"),
    )
    first, last = Heartbeat.objects.order_by("pk").first(), Heartbeat.objects.order_by("pk").last()
    assert first is not None and last is not None
    written: dict[str, int] = {}

    def meanwhile(copied: int) -> None:
        # the application goes on writing while the rows are copied
        if copied == 600:
            written["new"] = Heartbeat.objects.create(link=links[0], at=_at(2026, 2, 2, 2)).pk
            written["far"] = Heartbeat.objects.create(link=links[0], at=_at(2099, 1, 1)).pk
            Heartbeat.objects.filter(pk=first.pk).update(latency_ms=9999)  # copied already
            Heartbeat.objects.filter(pk=first.pk + 1).delete()
            Heartbeat.objects.filter(pk=last.pk).update(loss_percent=50)  # not copied yet

    before = len(_rows("connectivity_heartbeat"))
    result = partition_table(
        "connectivity_heartbeat", batch_rows=200, keep_old=True, on_batch=meanwhile
    )

    assert state("connectivity_heartbeat") == "partitioned"
    assert result.rows == 2400 and result.replayed >= 4 and result.kept
    assert 0 < result.lock_seconds < result.seconds
    # the same rows as the old table at the swap, every column of each
    assert _rows("connectivity_heartbeat") == _rows("connectivity_heartbeat__unpartitioned")
    assert len(_rows("connectivity_heartbeat")) == before + 2 - 1
    assert Heartbeat.objects.get(pk=first.pk).latency_ms == 9999
    assert Heartbeat.objects.get(pk=last.pk).loss_percent == 50
    assert not Heartbeat.objects.filter(pk=first.pk + 1).exists()
    # each row in its month's partition, the far one in the default
    assert _partition_of(Heartbeat, first.pk) == "connectivity_heartbeat_p2025_10"
    assert _partition_of(Heartbeat, written["new"]) == "connectivity_heartbeat_p2026_02"
    assert _partition_of(Heartbeat, written["far"]) == "connectivity_heartbeat_default"
    # the same index and constraint names as Django made, the old ones gone with the old name
    assert _names("connectivity_heartbeat", "i") == indexes
    assert _names("connectivity_heartbeat", "c") == constraints
    assert not _names("connectivity_heartbeat__unpartitioned", "c") & {
        c for c in constraints if "_fk_" in c
    }  # the kept table points at nothing

    # the model still reads, writes, filters and deletes
    made = Heartbeat.objects.create(link=links[1], at=_at(2026, 11, 30, 23, 59), latency_ms=7)
    assert made.pk > written["far"]  # the ids go on from the old table's
    assert Heartbeat.objects.filter(link=links[1], at__gte=_at(2026, 11, 30)).count() >= 1
    assert Heartbeat.objects.filter(pk=made.pk).update(latency_ms=8) == 1
    by_link = dict(Heartbeat.objects.values_list("link").annotate(n=Count("id")))
    assert sum(by_link.values()) == before + 2
    deleted, _ = Heartbeat.objects.filter(at__lt=_at(2026, 1, 1)).delete()
    assert deleted > 0 and not Heartbeat.objects.filter(at__lt=_at(2026, 1, 1)).exists()
    with pytest.raises(IntegrityError), transaction.atomic():
        Heartbeat.objects.create(link=links[1], at=_at(2026, 11, 30, 23, 59))
    # the probe's insert (ON CONFLICT on the link and time) works on the partitioned table
    beat = timezone.now().replace(microsecond=0)
    post = {"link_id": net.link_a1.pk, "token": net.token_a1, "beats": [{"at": beat.isoformat()}]}
    stored, again = heartbeat_ingest(**post), heartbeat_ingest(**post)
    assert (stored.accepted, again.accepted, again.duplicates) == (1, 0, 1)

    # running it again is refused: there is nothing plain left to partition
    with pytest.raises(PartitionError, match="partitioned already"):
        partition_table("connectivity_heartbeat")


def test_a_migration_partitions_a_small_table_in_place_and_leaves_a_big_one(  # type: ignore[no-untyped-def]
    plain_tables,
    world,
    apps,  # noqa: F811
    monkeypatch,
    capsys,
) -> None:
    first = file_one(world, apps)
    second = file_one(world, apps, applicant_name="Ramesh Oraon")
    step = partition_in_migration(
        "applications_applicationevent",
        "applications_applicationdocument",
        "applications_ledgerentry",
    )
    editor = SimpleNamespace(connection=connection)
    tables = (
        "applications_applicationevent",
        "applications_applicationdocument",
        "applications_ledgerentry",
    )
    before = {table: _rows(table) for table in tables}
    assert all(before.values())

    monkeypatch.setattr(partitions, "SMALL_TABLE_ROWS", 1)
    with transaction.atomic():
        step.code(None, editor)
    assert (
        "stays a plain table for now: run `manage.py partitions_migrate applications_ledgerentry`"
        in (capsys.readouterr().out)
    )
    assert {state(t) for t in tables} == {"plain"}

    monkeypatch.setattr(partitions, "SMALL_TABLE_ROWS", 100_000)
    with transaction.atomic():
        step.code(None, editor)
    assert {state(t) for t in tables} == {"partitioned"}
    assert {table: _rows(table) for table in tables} == before

    # the applications' pages read their events, documents and ledger as before
    third = file_one(world, apps, applicant_name="Sita Kumari")
    for application in (first, second, third):
        assert [e.kind for e in application.events.all()]
        assert application.documents.count() == 2
    assert ApplicationEvent.objects.filter(application=third).latest("at").pk > max(
        e.pk for e in ApplicationEvent.objects.filter(application__in=[first, second])
    )
    month = timezone.localdate(third.submitted_at)
    lines = LedgerEntry.objects.filter(
        district=world.district_a, posted_on__gte=month.replace(day=1)
    )
    assert lines.count() == 3 * LedgerEntry.objects.filter(application=first).count()
    statement = district_statement(user=None, district=world.district_a, month=month)
    assert statement.applications == 3
    document = ApplicationDocument.objects.filter(application=third).first()
    assert document is not None
    document.delete()
    assert third.documents.count() == 1


@ON_POSTGRES
@pytest.mark.django_db(transaction=True)
def test_one_conversion_of_a_table_at_a_time() -> None:
    # another process (another machine's partitions_migrate) is converting the table
    other = connection.get_new_connection(connection.get_connection_params())
    try:
        other.autocommit = True
        other.execute(
            "SELECT pg_advisory_lock(%s, hashtext(%s))", [202621, "connectivity_heartbeat"]
        )
        with pytest.raises(PartitionError, match="being partitioned by another process"):
            partition_table("connectivity_heartbeat")
    finally:
        other.close()
    with pytest.raises(PartitionError, match="partitioned already"):
        partition_table("connectivity_heartbeat")


def _trigger_count(table: str) -> int:
    return int(
        _one(
            "SELECT count(*) FROM pg_trigger WHERE tgrelid = to_regclass(%s) AND NOT tgisinternal",
            [f"{SCHEMA}.{table}"],
        )
    )


def test_a_conversion_stopped_half_way_leaves_the_table_as_it_was(  # type: ignore[no-untyped-def]
    plain_tables,
    net,  # noqa: F811
    monkeypatch,
) -> None:
    Heartbeat.objects.bulk_create(
        Heartbeat(link=net.link_a1, at=_at(2026, 6, 1) + dt.timedelta(hours=i)) for i in range(900)
    )
    rows = _rows("connectivity_heartbeat")

    def stop(copied: int) -> None:
        if copied >= 400:
            raise KeyboardInterrupt

    # stopped (an error, Ctrl-C): the trigger and the half-made copy go with it
    with pytest.raises(KeyboardInterrupt):
        partition_table("connectivity_heartbeat", batch_rows=200, on_batch=stop)
    assert state("connectivity_heartbeat") == "plain"
    assert not partitions.left_halfway("connectivity_heartbeat")
    assert _trigger_count("connectivity_heartbeat") == 0
    assert _rows("connectivity_heartbeat") == rows

    # killed outright (nothing cleared): the leftovers are seen and cleared on demand
    monkeypatch.setattr(partitions, "_abandon", lambda swap: None)
    with pytest.raises(KeyboardInterrupt):
        partition_table("connectivity_heartbeat", batch_rows=200, on_batch=stop)
    monkeypatch.undo()
    assert partitions.left_halfway("connectivity_heartbeat")
    assert _trigger_count("connectivity_heartbeat") == 1
    Heartbeat.objects.create(link=net.link_a1, at=_at(2027, 1, 1))  # the table still works
    assert partitions.abandon("connectivity_heartbeat")
    assert not partitions.left_halfway("connectivity_heartbeat")
    assert _trigger_count("connectivity_heartbeat") == 0
    assert not partitions.abandon("connectivity_heartbeat")  # nothing left to clear

    # and the next run goes through
    assert partition_table("connectivity_heartbeat", batch_rows=200).rows == 901
    assert state("connectivity_heartbeat") == "partitioned"


# --- the commands and the task --------------------------------------------------------------------


@pytest.mark.django_db
def test_the_commands_on_sqlite_change_nothing() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    out = io.StringIO()
    call_command("partitions_ensure", stdout=out)
    assert out.getvalue().startswith("made 0: -")
    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command("partitions_migrate", "--list")


@ON_POSTGRES
@pytest.mark.django_db
def test_the_daily_command_and_task_make_the_coming_months() -> None:
    out = io.StringIO()
    call_command(
        "partitions_ensure", "--ahead", "30", "--table", "applications_ledgerentry", stdout=out
    )
    wanted = _add_months_names(timezone.localdate(), 30)
    assert set(wanted) <= set(partitions_of("applications_ledgerentry"))
    assert out.getvalue().startswith("made ") and wanted[-1] in out.getvalue()
    # the worker's task (run at once by the tests' task backend)
    result = partitions_ensure_task.enqueue(ahead=40)
    assert "applications_ledgerentry_p" in " ".join(result.return_value)
    listed = io.StringIO()
    call_command("partitions_migrate", "--list", stdout=listed)
    assert "applications_ledgerentry: partitioned, by posted_on a month" in listed.getvalue()
    with pytest.raises(CommandError, match="Not a partitioned table"):
        call_command("partitions_migrate", "applications_application")


def _add_months_names(today: dt.date, months: int) -> list[str]:
    spec = BY_TABLE["applications_ledgerentry"]
    names, start = [], spec.start_of(today)
    for _month in range(months + 1):
        names.append(spec.name_of(start))
        start = spec.after(start)
    return names
