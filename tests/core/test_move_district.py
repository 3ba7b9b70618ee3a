"""Moving a district's laptop database into the state's (degs/core/moving, manage.py
move_district): a district built in a SQLite file of its own (tests/core/move_laptop.py) moves
into the test database — PostgreSQL in the suite's PostgreSQL run, SQLite in the other — with
every table proven; a second move, a clash deep in the tree, a laptop at another release and a
failed proof each change nothing."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from collections import Counter
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Sum
from django.urls import resolve
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from stdnum import verhoeff

from degs.applications.models import Application, Certificate
from degs.applications.selectors import public_status
from degs.core import memo
from degs.core.moving import MoveRefused, ProofFailed, move_district, rules
from degs.core.moving.engine import Move
from degs.core.moving.ids import Sequences
from degs.core.moving.tables import all_tables, field_of
from degs.core.scoping import path_segment
from degs.directory.choices import AreaKind
from degs.directory.models import Area, HistoricalOffice, Office
from degs.finance.models import Entry, Leg, MonthTotal
from degs.indicators.models import Figure
from degs.reviews.models import Directive, Meeting
from tests.core.move_laptop import DISTRICT, USERNAMES, build
from tests.factories import make_area

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="session")
def laptop(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The district's laptop database (read, never written, by every move)."""
    return build(tmp_path_factory.mktemp("laptop"))


@pytest.fixture
def media(laptop: Path) -> Path:
    return laptop.parent / "media"


@pytest.fixture
def state(world, settings, tmp_path):  # type: ignore[no-untyped-def]
    """The state's database: the tests' world (its state, two districts, their officers) and,
    in its directory, the laptop's district under the same state, with its LGD code."""
    settings.MEDIA_ROOT = tmp_path / "state-media"
    world.district_l = make_area(AreaKind.DISTRICT, DISTRICT[0], world.state, lgd_code=DISTRICT[1])
    return world


def _laptop(laptop: Path, sql: str, *args: object) -> list[tuple[object, ...]]:
    with sqlite3.connect(f"file:{laptop}?mode=ro", uri=True) as db:
        return db.execute(sql, args).fetchall()


def _counts() -> Counter[str]:
    return Counter(
        {m._meta.label: m._base_manager.count() for m in apps.get_models(include_auto_created=True)}
    )


def _media_files(root: Path) -> set[str]:
    return (
        {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}
        if root.exists()
        else set()
    )


def test_a_district_moves_every_table_proven(state, laptop, media):  # type: ignore[no-untyped-def]
    before = _counts()
    generation = memo.reference_generation()

    report = move_district(sqlite_path=laptop, media=media)

    assert report.outcome == "moved"
    assert not report.clashes and not report.problems
    assert report.proven
    after = _counts()
    for proof in report.tables:
        assert proof.laptop_sum == proof.state_sum, proof.label
        assert proof.moved == proof.read_back == proof.laptop - proof.matched - proof.left
        assert after[proof.label] - before[proof.label] == proof.moved, proof.label
    assert memo.reference_generation() != generation  # every process reads afresh
    skipped = {label for label, _count, _why in report.skipped}
    assert skipped == {"sessions.Session", "django_tasks_database.DBTaskResult"}
    # Every row of the laptop is moved, matched or left to the state's own.
    laptop_rows = sum(
        _laptop(laptop, f'SELECT COUNT(*) FROM "{t.db_table}"')[0][0]  # noqa: S608
        for t in all_tables()
        if t.skip is None
    )
    assert laptop_rows == report.totals().laptop
    by_label = {t.label: t for t in report.tables}
    # The state's directory already held the state and the district: matched, not copied.
    assert by_label["directory.Area"].matched == 2
    assert Area.objects.filter(name=DISTRICT[0]).get() == state.district_l
    assert Area.objects.filter(kind=AreaKind.STATE).count() == 1
    # Their figures are the state's own, worked out again (the report says how).
    assert by_label["indicators.Figure"].left > 0
    rebuild = next(line for line in report.after if "indicators_rebuild" in line)
    assert rebuild.endswith(f"indicators_rebuild --district {state.district_l.pk}")
    assert any("resign_certificates" in line for line in report.after)
    assert not Figure.objects.filter(area__in=[state.state, state.district_l]).exists()
    # The files came along under their own names.
    names = {row[0] for row in _laptop(laptop, "SELECT file FROM applications_applicationdocument")}
    assert report.files == len(_media_files(media)) >= 3
    for name in names:
        assert default_storage.open(name).read() == (media / name).read_bytes()


def test_moved_rows_keep_their_relations(state, laptop, media):  # type: ignore[no-untyped-def]
    ((laptop_id, filed),) = _laptop(
        laptop,
        "SELECT id, submitted_at FROM applications_application WHERE submitted_at IS NOT NULL",
    )
    filed_at = parse_datetime(str(filed)).replace(tzinfo=dt.UTC)  # SQLite keeps UTC
    old_number = Application(pk=laptop_id, submitted_at=filed_at).number
    # the receipt's number, by an independent Verhoeff implementation
    printed = f"{timezone.localtime(filed_at):%y}{laptop_id:09d}"
    assert old_number == printed + verhoeff.calc_check_digit(printed)
    # The state has handed out application ids of its own (filed elsewhere, since deleted).
    ahead = Sequences(connection)
    ahead.fresh(Application, 40)
    ahead.finish()

    report = move_district(sqlite_path=laptop, media=media)

    # The area tree: new areas under the state's district, paths made of the new ids.
    moved = Area.objects.filter(path__startswith=state.district_l.path).exclude(
        pk=state.district_l.pk
    )
    assert moved.filter(kind=AreaKind.BLOCK).count() == 2
    for area in moved.select_related("parent"):
        assert area.path == area.parent.path + path_segment(area.pk)
        assert area.depth == area.parent.depth + 1
    # An application: its applicant, its centre, its village, its documents, its certificate.
    application = Application.objects.get(applicant_name="Applicant L")
    ((centre_code, doc_name, certificate_number),) = _laptop(
        laptop,
        "SELECT c.code, d.file, r.number FROM applications_application a "
        "JOIN centres_centre c ON c.id = a.centre_id "
        "JOIN applications_applicationdocument d ON d.application_id = a.id "
        "JOIN applications_certificate r ON r.application_id = a.id "
        "WHERE a.applicant_name = 'Applicant L'",
    )
    assert application.centre.code == centre_code
    assert application.district == state.district_l
    assert application.area.path.startswith(state.district_l.path)
    assert [d.file.name for d in application.documents.all()] == [doc_name]
    assert Certificate.objects.get(number=certificate_number).application == application
    # Its number is made from its id: where the new id changed it, the report gives both.
    changed = [("applications.Application", old_number, application.number)]
    assert old_number != application.number  # the state's ids are ahead of the laptop's
    assert report.numbers == changed
    # The receipt's number still finds it: on the public status page, and in the list's search.
    assert application.former_number == old_number
    assert public_status(number=old_number, last4=application.mobile[-4:]) == application
    assert public_status(number=application.number, last4=application.mobile[-4:]) == application
    assert list(Application.objects.numbered(old_number)) == [application]
    village = Area.objects.get(pk=application.data["village"]["id"])
    assert village.name == application.data["village"]["name"]
    assert village.path.startswith(state.district_l.path)
    # A meeting's directives, and what names them by id elsewhere.
    for meeting in Meeting.objects.filter(committee__area__path__startswith=state.district_l.path):
        expected = _laptop(
            laptop,
            "SELECT d.text FROM reviews_directive d JOIN reviews_meeting m ON m.id = d.meeting_id "
            "JOIN reviews_committee c ON c.id = m.committee_id WHERE c.name = ? ORDER BY d.number",
            meeting.committee.name,
        )
        assert [d.text for d in meeting.directives.order_by("number")] == [t for (t,) in expected]
    directive = Directive.objects.get(
        text=_laptop(laptop, "SELECT text FROM reviews_directive ORDER BY id")[0][0]
    )
    from degs.accounts.models import Notice

    told = Notice.objects.get(user__username="l_dc")
    assert told.key == f"directive:{directive.pk}:assigned:1"
    assert resolve(told.url).kwargs["pk"] == directive.pk
    assert LogEntry.objects.get(user__username="l_dc").object_id == str(directive.pk)
    # The ledger: every entry's legs balance per head, it is posted, the reversal points at
    # the entry it reverses, and the database built the month totals from the legs.
    entries = Entry.objects.filter(district=state.district_l)
    assert entries.count() == 4 and all(e.posted for e in entries)
    for entry in entries:
        sums = Leg.objects.filter(entry=entry).values("head").annotate(total=Sum("amount_paise"))
        assert sums and all(s["total"] == 0 for s in sums)
    reversal = entries.get(kind="reversal")
    assert reversal.reverses.district == state.district_l
    assert reversal.reverses.narration != reversal.narration
    for total in MonthTotal.objects.filter(district=state.district_l):
        legs = Leg.objects.filter(entry__district=state.district_l, entry__posted=True)
        legs = legs.filter(head=total.head, account=total.account)
        debit = legs.filter(amount_paise__gt=0).aggregate(s=Sum("amount_paise"))["s"] or 0
        assert total.debit_paise == debit
    # Users and their posts: the laptop's people, now the state's.
    from degs.accounts.models import User

    dc = User.objects.get(username="l_dc")
    assert dc.holdings.get().post.area == state.district_l


def test_a_deleted_rows_history_keeps_an_id_of_its_own(state, laptop, media):  # type: ignore[no-untyped-def]
    offices_before = set(Office.objects.values_list("pk", flat=True))

    move_district(sqlite_path=laptop, media=media)

    ghost = HistoricalOffice.objects.filter(name="Office closed").values_list("id", flat=True)
    (ghost_id,) = set(ghost)
    assert len(ghost) == 2  # created, then deleted
    assert not Office.objects.filter(pk=ghost_id).exists()
    assert ghost_id not in offices_before
    # ... and no later office takes it.
    later = make_area(AreaKind.BLOCK, "Block after", state.district_a)
    from tests.factories import make_office

    assert make_office(later, "After the move").pk > ghost_id


def test_a_second_move_is_refused_and_changes_nothing(state, laptop, media, settings):  # type: ignore[no-untyped-def]
    move_district(sqlite_path=laptop, media=media)
    before = _counts()
    files = _media_files(Path(settings.MEDIA_ROOT))

    with pytest.raises(MoveRefused) as refused:
        move_district(sqlite_path=laptop, media=media)

    report = refused.value.report
    assert report.outcome == "refused"
    clashes = {(c.label, c.fields, c.value) for c in report.clashes}
    for name in USERNAMES:
        assert ("accounts.User", "username", repr(name)) in clashes
    assert any(c.label == "centres.Centre" and c.fields == "code" for c in report.clashes)
    assert any(c.label == "applications.Certificate" for c in report.clashes)
    assert any(c.fields == "file" for c in report.clashes)
    assert _counts() == before
    assert _media_files(Path(settings.MEDIA_ROOT)) == files


def test_a_clash_in_one_deep_table_refuses_the_whole_move(state, laptop, media, settings):  # type: ignore[no-untyped-def]
    from tests.applications.scope import _certificate

    ((number,),) = _laptop(laptop, "SELECT number FROM applications_certificate")
    mine = _certificate(state.block_a1, "A1 own")
    mine.number = number
    mine.save(update_fields=["number"])
    before = _counts()

    with pytest.raises(MoveRefused) as refused:
        move_district(sqlite_path=laptop, media=media)

    ((label, fields, value),) = [(c.label, c.fields, c.value) for c in refused.value.report.clashes]
    assert (label, fields, value) == ("applications.Certificate", "number", repr(number))
    assert _counts() == before
    assert not _media_files(Path(settings.MEDIA_ROOT))


def test_a_shared_row_that_differs_is_a_clash(state, laptop, media):  # type: ignore[no-untyped-def]
    Area.objects.filter(pk=state.district_l.pk).update(name="District L (renamed)")

    with pytest.raises(MoveRefused) as refused:
        move_district(sqlite_path=laptop, media=media)

    clash = next(c for c in refused.value.report.clashes if c.label == "directory.Area")
    assert clash.fields == "name" and clash.value == repr(DISTRICT[0])
    assert "District L (renamed)" in clash.detail


def test_a_dry_run_proves_and_keeps_nothing(state, laptop, media, settings):  # type: ignore[no-untyped-def]
    before = _counts()

    report = move_district(sqlite_path=laptop, media=media, dry_run=True)

    assert report.outcome == "dry run" and report.proven
    assert report.totals().moved > 0 and report.files == 0
    assert _counts() == before
    assert not _media_files(Path(settings.MEDIA_ROOT))


def test_a_failed_proof_rolls_everything_back(state, laptop, media, settings, monkeypatch):  # type: ignore[no-untyped-def]
    before = _counts()
    written = Move.transform

    def changed_on_the_way(self, t, row, *, insert):  # type: ignore[no-untyped-def]
        out = written(self, t, row, insert=insert)
        if insert and t.label == "directory.Office":
            out[t.index("name")] += " (changed on the way)"
        return out

    monkeypatch.setattr(Move, "transform", changed_on_the_way)

    with pytest.raises(ProofFailed) as failed:
        move_district(sqlite_path=laptop, media=media)

    report = failed.value.report
    assert report.outcome == "rolled back"
    assert [t.label for t in report.tables if not t.proven] == ["directory.Office"]
    assert _counts() == before
    assert not _media_files(Path(settings.MEDIA_ROOT))  # the files copied were taken back


def test_a_name_taken_while_moving_rolls_everything_back(state, laptop, media, monkeypatch):  # type: ignore[no-untyped-def]
    """Another user of the state writes a clashing row after the check: the database refuses
    the move's row, and the move rolls back and says so."""
    from tests.factories import UserFactory

    before = _counts()
    insert = Move._insert

    def someone_else_first(self, t):  # type: ignore[no-untyped-def]
        if t.label == "accounts.User":
            UserFactory(username=USERNAMES[0])
        insert(self, t)

    monkeypatch.setattr(Move, "_insert", someone_else_first)

    with pytest.raises(MoveRefused) as refused:
        move_district(sqlite_path=laptop, media=media)

    assert refused.value.report.outcome == "rolled back"
    (problem,) = refused.value.report.problems
    assert problem.startswith("the state's database refused a row")
    assert _counts() == before


def test_a_laptop_at_another_release_is_refused(state, laptop, media, tmp_path):  # type: ignore[no-untyped-def]
    older = tmp_path / "older.sqlite3"
    shutil.copy(laptop, older)
    with sqlite3.connect(older) as db:
        db.execute(
            "DELETE FROM django_migrations WHERE id = (SELECT MAX(id) FROM django_migrations)"
        )

    with pytest.raises(MoveRefused) as refused:
        move_district(sqlite_path=older, media=media)

    (problem,) = refused.value.report.problems
    assert "migrate it with this release first" in problem


def test_a_file_that_is_no_database_is_refused(state, tmp_path):  # type: ignore[no-untyped-def]
    notes = tmp_path / "notes.sqlite3"
    notes.write_text("minutes of the meeting")

    with pytest.raises(MoveRefused) as refused:
        move_district(sqlite_path=notes)

    (problem,) = refused.value.report.problems
    assert problem.startswith("the file is not a SQLite database")


def test_a_laptop_with_tasks_waiting_is_refused(state, laptop, media, tmp_path):  # type: ignore[no-untyped-def]
    busy = tmp_path / "busy.sqlite3"
    shutil.copy(laptop, busy)
    with sqlite3.connect(busy) as db:
        db.execute(
            "INSERT INTO django_tasks_database_dbtaskresult (id, status, enqueued_at, "
            "priority, task_path, args_kwargs, queue_name, backend_name, run_after, "
            "return_value, exception_class_path, traceback, worker_ids) VALUES ("
            "'00000000000000000000000000000001', 'READY', '2026-12-01 00:00:00', 0, 'x.y', "
            "'{}', 'default', 'default', '2026-12-01 00:00:00', 'null', '', '', '[]')"
        )

    with pytest.raises(MoveRefused) as refused:
        move_district(sqlite_path=busy, media=media)

    (problem,) = refused.value.report.problems
    assert "tasks not yet run" in problem


def test_the_command_prints_the_proof_and_writes_the_report(state, laptop, tmp_path):  # type: ignore[no-untyped-def]
    out = StringIO()
    report = tmp_path / "report.txt"

    call_command("move_district", str(laptop), "--dry-run", "--report", str(report), stdout=out)

    printed = out.getvalue()
    assert "applications.Application" in printed and "dry run in" in printed
    written = report.read_text()
    assert "Full checksums:" in written and "MISMATCH" not in written
    assert "applications.Application" in written


def test_the_command_refuses_with_the_clashes_listed(state, laptop, tmp_path):  # type: ignore[no-untyped-def]
    call_command(
        "move_district", str(laptop), "--report", str(tmp_path / "one.txt"), stdout=StringIO()
    )
    err = StringIO()

    with pytest.raises(CommandError, match="nothing was written"):
        call_command(
            "move_district",
            str(laptop),
            "--report",
            str(tmp_path / "two.txt"),
            stdout=StringIO(),
            stderr=err,
        )

    assert "clash: accounts.User  username = 'l_dc'" in err.getvalue()
    assert "Refused:" in (tmp_path / "two.txt").read_text()


# --- what the move knows of the suite (degs/core/moving/rules.py) ------------------------------


def test_every_table_and_column_the_rules_name_exists() -> None:
    labels = {m._meta.label for m in apps.get_models(include_auto_created=True)}
    named: dict[str, list[str]] = {
        **{label: list(shared.same) for label, shared in rules.SHARED.items()},
        **{label: [column] for label, column in rules.BELONGS_TO.items()},
        **{label: [] for label in rules.SKIPPED},
        **{label: list(columns) for label, columns in rules.JSON_IDS.items()},
        **{label: list(columns) for label, columns in rules.JSON_GENERIC_IDS.items()},
        **{label: list(columns) for label, columns in rules.GENERIC_IDS.items()},
        **{label: [keys.column] for label, keys in rules.NOTICE_KEYS.items()},
        **{label: [column] for label, column in rules.LINK_COLUMNS.items()},
        **{label: list(columns) for label, columns in rules.PATHS.items()},
        **{label: [posted.column] for label, posted in rules.POSTED_LATER.items()},
        **{label: list(columns) for label, columns in rules.BUILT_BY_DATABASE.items()},
        **{label: list(n.needs) for label, n in rules.NUMBERS_FROM_IDS.items()},
        **{rule.model: [rule.column] if rule.column else [] for rule in rules.AFTER_MOVE},
        rules.FORM_AREAS["model"]: [rules.FORM_AREAS["column"], rules.FORM_AREAS["version"]],
    }
    for label, columns in named.items():
        assert label in labels, label
        model = apps.get_model(label)
        for column in columns:
            field_of(model, column)
    targets = [
        spec.model
        for columns in rules.JSON_IDS.values()
        for specs in columns.values()
        for spec in specs
    ]
    targets += [label for keys in rules.NOTICE_KEYS.values() for _p, label in keys.patterns]
    targets += [*rules.URL_IDS.values(), rules.FORM_AREAS["area"]]
    assert set(targets) <= labels
    from django.urls import reverse

    for name in rules.URL_IDS:
        reverse(name, kwargs={"pk": 1})
    # A table the database builds is counted through a key's reference to moved rows only.
    for label, key in rules.BUILT_BY_DATABASE.items():
        model = apps.get_model(label)
        assert any(
            field_of(model, n).is_relation
            and field_of(model, n).related_model._meta.label not in rules.SHARED
            for n in key
        ), label


def test_every_table_has_plain_natural_keys() -> None:
    """Natural keys over expressions could not be looked up in the state; none exist."""
    assert all_tables()  # plan() raises on a unique constraint over expressions


def test_every_number_in_the_laptops_payloads_is_known(laptop) -> None:  # type: ignore[no-untyped-def]
    """An integer in an event's payload is an id the move re-points or a number it leaves:
    a new kind of payload must be classified in rules.JSON_IDS or rules.JSON_NOT_IDS."""
    import json

    unknown = set()
    for t in all_tables():
        for i, f in enumerate(t.fields):
            if f.get_internal_type() != "JSONField" or t.label in {
                "django_tasks_database.DBTaskResult",
                rules.FORM_AREAS["model"],
                "dashboards.ReviewPack",
            }:
                continue
            known = {spec.path for _i, specs in t.json for spec in specs if _i == i}
            known |= {k for _i, *keys in t.json_generic for k in keys if _i == i}
            for (value,) in _laptop(laptop, f'SELECT "{f.column}" FROM "{t.db_table}"'):  # noqa: S608
                data = json.loads(value) if isinstance(value, str) else None
                if not isinstance(data, dict):
                    continue
                for key, item in data.items():
                    number = isinstance(item, int) and not isinstance(item, bool)
                    if number and key not in known and key not in rules.JSON_NOT_IDS:
                        unknown.add((t.label, f.name, key))
    assert not unknown


def test_decimal_and_moment_checksums_agree_across_databases() -> None:
    import datetime as dt
    from zoneinfo import ZoneInfo

    from degs.core.moving.engine import _digest

    assert _digest(
        [Decimal("10.50"), dt.datetime(2026, 1, 1, 5, 30, tzinfo=ZoneInfo("Asia/Kolkata"))]
    ) == _digest([Decimal("10.5"), dt.datetime(2026, 1, 1, 0, 0, tzinfo=dt.UTC)])
    assert _digest([{"b": 1, "a": [1, 2]}, memoryview(b"\x01")]) == _digest(
        [{"a": [1, 2], "b": 1}, b"\x01"]
    )
