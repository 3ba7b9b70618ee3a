"""The import framework: one permission answer, row errors, all-or-nothing, background apply
with progress, batch history. Directory areas and centres are the kinds used."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from django.utils import translation

from degs.core.exceptions import ImportRejected
from degs.core.tabular import read_table
from degs.directory import importing as directory
from degs.directory.models import Area
from degs.imports import bulk, services
from degs.imports.models import ImportBatch
from degs.imports.registry import import_kinds

HEADER = "kind,lgd_code,name,name_hi,parent_kind,parent_lgd_code,parent_name,is_sample\n"


def _areas(*names: str) -> bytes:
    rows = "".join(f"gram_panchayat,,{n},गाँव,block,,Block A1,false\n" for n in names)
    return (HEADER + rows).encode()


def _upload(client, url: str, content: bytes, kind: str = "areas"):
    upload = io.BytesIO(content)
    upload.name = "file.csv"
    return client.post(url, {"kind": kind, "file": upload})


def test_every_app_declares_its_kinds_in_its_app_config() -> None:
    kinds = import_kinds()
    assert {"areas", "offices", "centres", "operators", "operator_ids"} <= set(kinds)
    assert kinds["areas"].capability == "directory.manage"


def test_a_kind_not_registered_is_refused_on_the_batch() -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        ImportBatch(kind="no_such_kind").full_clean(
            exclude=["uploaded_by", "content", "filename", "sha256", "status"]
        )


@pytest.mark.parametrize(
    "url", ["directory:import_start", "centres:import"], ids=["directory", "centres"]
)
def test_one_permission_answer_for_a_missing_capability(world, client_as, url) -> None:
    # A block officer holds neither the directory's nor the centres' manage capability.
    assert client_as(world.bdo_a1).get(reverse(url)).status_code == 403


def test_a_missing_capability_is_refused_by_the_service_too(world) -> None:
    from degs.core.exceptions import PermissionDenied

    for kind in ("areas", "centres"):
        with pytest.raises(PermissionDenied):
            services.batch_create(
                actor=world.bdo_a1, kind=kind, filename="f.csv", content=_areas("X")
            )


def test_a_bad_row_is_reported_with_line_column_and_reason_in_the_users_language(world) -> None:
    table = read_table("a.csv", _areas("Good") + b"gram_panchayat,12ab,Bad,,block,,Block A1,no\n")
    report = services.check(kind=directory.AREAS, actor=world.dc_a, table=table)
    assert [(e.line, e.column) for e in report.errors] == [(3, "lgd_code")]
    with translation.override("en"):
        assert str(report.errors[0].message) == "An LGD code has only digits (at most 12)."
    with translation.override("hi"):
        assert any("\u0900" <= ch <= "\u097f" for ch in str(report.errors[0].message))


def test_the_page_shows_the_bad_rows_and_no_import_button(world, client_as) -> None:
    client = client_as(world.dc_a)
    _upload(client, reverse("directory:import_start"), _areas("Bad, Name") + b"x,1\n")
    batch = ImportBatch.objects.get()
    page = client.get(reverse("directory:import_detail", args=[batch.pk])).content.decode()
    assert 'id="import-errors"' in page and "Import now" not in page


def test_a_failure_in_the_middle_of_the_apply_leaves_nothing(world, monkeypatch) -> None:
    before = Area.objects.count()
    names = [f"Chunked {n}" for n in range(7)]
    table = read_table("a.csv", _areas(*names))
    monkeypatch.setattr(bulk, "CHUNK", 3)
    written: list[int] = []

    def progress(done: int) -> None:
        written.append(done)
        if done >= 6:  # two chunks are in the database by now
            assert Area.objects.filter(name__startswith="Chunked").count() == 6
            raise RuntimeError("the connection broke")

    with pytest.raises(RuntimeError):
        services.apply(kind=directory.AREAS, actor=world.dc_a, table=table, progress=progress)
    assert written == [3, 6]
    assert Area.objects.count() == before


def test_a_row_bad_at_apply_time_writes_nothing(world) -> None:
    table = read_table("a.csv", _areas("Fine") + b"gram_panchayat,,Lost,,block,,Nowhere,false\n")
    with pytest.raises(ImportRejected) as raised:
        services.apply(kind=directory.AREAS, actor=world.dc_a, table=table)
    assert raised.value.extra["report"].errors[0].line == 3
    assert not Area.objects.filter(name="Fine").exists()


def test_a_big_file_is_applied_by_the_task_worker_with_progress(
    world, client_as, settings, monkeypatch, django_capture_on_commit_callbacks
) -> None:
    settings.DEGS_IMPORT_BACKGROUND_ROWS = 3
    monkeypatch.setattr(bulk, "CHUNK", 2)
    seen: list[tuple[str, int]] = []
    real_progress = services.batch_progress

    def watch(done_key: str, done: int, timeout: int) -> None:
        batch = ImportBatch.objects.get()
        seen.append((batch.status, real_progress(batch)))

    client = client_as(world.dc_a)
    names = [f"Background {n}" for n in range(5)]
    _upload(client, reverse("directory:import_start"), _areas(*names))
    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatch.Status.CHECKED and batch.rows == 5
    from django.core.cache import cache

    original_set = cache.set

    def spy(key, value, timeout=None):
        original_set(key, value, timeout)
        if key.endswith(":done"):
            watch(key, value, timeout)

    monkeypatch.setattr(cache, "set", spy)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("directory:import_apply", args=[batch.pk]))
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.IMPORTED and batch.created == 5
    assert batch.done == 5
    # While it ran, the page's progress read "running" with the rows done so far.
    assert seen == [("running", 0), ("running", 2), ("running", 4), ("running", 5)]
    assert Area.objects.filter(name__startswith="Background").count() == 5


def test_the_page_polls_while_the_worker_runs(world, client_as) -> None:
    client = client_as(world.dc_a)
    _upload(client, reverse("directory:import_start"), _areas("Polled"))
    batch = ImportBatch.objects.get()
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.RUNNING)
    page = client.get(reverse("directory:import_detail", args=[batch.pk])).content.decode()
    progress_url = reverse("directory:import_progress", args=[batch.pk])
    assert f'hx-get="{progress_url}"' in page and 'hx-trigger="every 2s"' in page
    fragment = client.get(progress_url, headers={"HX-Request": "true"})
    assert fragment.status_code == 200 and "HX-Refresh" not in fragment
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.IMPORTED)
    fragment = client.get(progress_url, headers={"HX-Request": "true"})
    assert fragment["HX-Refresh"] == "true"
    # Someone else's batch is not found.
    assert client_as(world.dio_a).get(progress_url).status_code == 404


def test_a_failed_background_import_says_so_and_keeps_nothing(world, monkeypatch) -> None:
    batch, report = services.batch_create(
        actor=world.dc_a, kind="areas", filename="a.csv", content=_areas("Later Gone")
    )
    assert report.ok
    # The parent block disappears between the dry run and the worker's turn.
    Area.objects.filter(pk=world.block_a1.pk).update(name="Renamed Block")
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.QUEUED)
    services.batch_run(pk=batch.pk)
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.FAILED and "2, parent_name" in batch.failure
    assert not Area.objects.filter(name="Later Gone").exists()


def test_batch_history_lists_the_users_own_files_of_the_pages_kinds(world, client_as) -> None:
    client = client_as(world.dc_a)
    _upload(client, reverse("directory:import_start"), _areas("History One"))
    services.batch_create(
        actor=world.dio_a, kind="areas", filename="someone-else.csv", content=_areas("X")
    )
    mine = ImportBatch.objects.get(uploaded_by=world.dc_a)
    page = client.get(reverse("directory:import_start")).content.decode()
    assert "My recent files" in page and "file.csv" in page
    assert reverse("directory:import_detail", args=[mine.pk]) in page
    assert "someone-else.csv" not in page
    assert list(services.batch_list(actor=world.dc_a, kinds=["centres"])) == []


# The upload page: one body (imports/partials/upload.html) for every app ---------------------

UPLOAD_PAGES = [
    # (page, who may import there, where a kind's empty template is, the app's first own note)
    ("directory:import_start", "dc_a", None, "An export has exactly these columns"),
    (
        "centres:import",
        "csc_manager_a",
        "/centres/export/centres.csv?template=1",
        "Where a centre or operator is",
    ),
    (
        "connectivity:link_import",
        "dio_a",
        "/network/links/import/template.csv",
        "Each link is at a gram panchayat",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "who", "template", "note"), UPLOAD_PAGES)
@pytest.mark.parametrize("language", ["en", "hi"])
def test_upload_pages_in_both_languages(world, client_as, name, who, template, note, language):  # type: ignore[no-untyped-def]
    from tests.hindi_crawl import data_words, english_words, speak

    user = getattr(world, who)
    client = speak(client_as(user), user, language)
    response = client.get(reverse(name))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'action="{reverse(name)}"' in html
    if template:
        assert f'href="{template}"' in html
    else:
        assert "template=" not in html and "Empty template" not in html
    if language == "en":
        assert "Every row is checked first." in html and note in html
        assert "Columns marked * are required." in html
    else:
        assert "पहले हर पंक्ति जाँची जाती है" in html
        assert english_words(html, data_words()) == set()
