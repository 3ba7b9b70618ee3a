"""Files written for rows the same transaction inserts, and the sweep that removes those a killed
process or a rolled-back transaction left behind.

A row's file is written before the row (the row names it), so a worker killed with ``kill -9``
or a database connection cut between the two leaves a file no row names; no clean-up code can
run in the dying process. Every upload is therefore journaled: before the file, a small *intent*
naming it is written under ``pending/`` in the same storage, and it is removed once the
transaction commits. An intent still present after ``older_than`` (far longer than any request
or task can hold a transaction open) belongs to a transaction that never committed, or to one
killed between its commit and the intent's removal: ``sweep`` removes the file unless a row
names it, then the intent. ``manage.py uploads_sweep`` runs it (docs/operations.md); with
``--unreferenced`` it also removes older files under the upload folders that no row names
(those left before this journal existed, or by rows deleted since).

Every model with a ``FileField`` writes its files through ``NewFiles``; the sweep finds the
models through Django's app registry, so this module imports no domain model.

Held uploads: a form that takes files with other fields and comes back for correction (a
mistyped number) keeps each file it accepted as a ``HeldUpload`` of that user under the form's
random token (``form_token``, a hidden field), so the correction does not ask for the files
again; on a slow link that is minutes of work. Rows are found only by owner *and* token, so a
token seen or guessed by someone else gives them nothing. The service that saves the form
reads the held files as uploads and drops the held rows in its own transaction; the sweep
removes those of abandoned forms after ``held_for`` (a day by default).
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
import secrets
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from types import TracebackType
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.core.files.storage import Storage
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from degs.core.models import HeldUpload

PENDING = "pending"
HELD_FOR = dt.timedelta(days=1)
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{32,64}$")


class NewFiles:
    """Writes the files of rows about to be inserted in the current transaction.

    Used as a context manager around the writes and the inserts: if anything in the block
    fails, the files written in it are removed at once; whatever happens later (a rollback
    further out, the process killed) is left to ``sweep``.
    """

    def __init__(self) -> None:
        self._written: list[tuple[Storage, str, str]] = []

    def __enter__(self) -> NewFiles:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if kind is None:
            return
        for storage, name, intent in self._written:  # no row will name these files
            storage.delete(name)
            storage.delete(intent)

    def write(self, file: FieldFile, content: bytes | File[Any], *, extension: str) -> str:
        """Write ``content`` as ``file`` (a row's file field, before the row is saved) under a
        fresh name in the field's folder; returns the name, which the row now carries."""
        if not transaction.get_connection().in_atomic_block:
            raise RuntimeError("NewFiles writes files for rows inserted in a transaction")
        field = file.field
        instance = file.instance
        storage = file.storage
        name = field.generate_filename(instance, f"{uuid.uuid4().hex}.{extension.lower()}")
        intent = storage.save(
            posixpath.join(PENDING, f"{uuid.uuid4().hex}.json"),
            ContentFile(
                json.dumps(
                    {"model": instance._meta.label, "field": field.name, "name": name}
                ).encode()
            ),
        )
        self._written.append((storage, name, intent))
        if isinstance(content, bytes):
            content = ContentFile(content)
        saved = storage.save(name, content, max_length=field.max_length)
        if saved != name:  # a fresh uuid is never taken; should it be, undo what was written
            self._written[-1] = (storage, saved, intent)
            raise RuntimeError(f"storage wrote {saved!r} instead of {name!r}")
        setattr(instance, field.attname, saved)
        transaction.on_commit(lambda: storage.delete(intent), robust=True)
        return saved


def check_size(upload: UploadedFile, limit: int, field: str) -> None:
    """ValidationError on ``field``, naming the file, when ``upload`` is larger than ``limit``
    bytes (said in whole MB)."""
    if (upload.size or 0) > limit:
        raise ValidationError(
            {
                field: _("“%(name)s” is larger than %(mb)s MB.")
                % {"name": upload.name or "", "mb": limit // (1024 * 1024)}
            }
        )


def file_head(upload: UploadedFile, size: int) -> bytes:
    """The first ``size`` bytes of ``upload`` (its signature), the file left at its start."""
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def form_token() -> str:
    """A fresh random token for one form's held uploads (256 bits: not to be guessed)."""
    return secrets.token_urlsafe(32)


def is_form_token(value: object) -> bool:
    return isinstance(value, str) and _TOKEN.fullmatch(value) is not None


def held_uploads(*, owner: Any, token: str) -> dict[str, HeldUpload]:
    """The files held for this user's form, by field code; none for a malformed token or
    another user's."""
    if not is_form_token(token) or not getattr(owner, "is_authenticated", False):
        return {}
    rows = HeldUpload.objects.filter(owner=owner, token=token).order_by("pk")
    return {row.code: row for row in rows}


def held_keep(
    *,
    owner: Any,
    token: str,
    code: str,
    content: bytes,
    name: str,
    content_type: str,
    extension: str,
) -> HeldUpload:
    """Hold an accepted file for the user's form, in place of one held for the same field."""
    if not is_form_token(token):
        raise ValueError("not a form token")
    with transaction.atomic():
        held_drop(
            HeldUpload.objects.select_for_update().filter(owner=owner, token=token, code=code)
        )
        row = HeldUpload(
            owner=owner,
            token=token,
            code=code,
            name=posixpath.basename(name.replace("\\", "/"))[-255:] or code,
            content_type=content_type,
            size=len(content),
        )
        with NewFiles() as files:
            files.write(row.file, content, extension=extension)
            row.save()
    return row


@dataclass(frozen=True)
class Accepted:
    """What a form's check says of an acceptable file."""

    content: bytes
    content_type: str
    extension: str


def hold(
    *,
    owner: Any,
    token: str,
    uploads: Sequence[tuple[str, UploadedFile]],
    check: Callable[[UploadedFile], Accepted],
    remove: Iterable[str] = (),
) -> tuple[dict[str, HeldUpload], list[tuple[str, UploadedFile, ValidationError]]]:
    """Hold a posted form's acceptable files for the user's form, by field code, each in place
    of one held for the same code; ``remove`` lets go of held ones. Returns every file now held
    for the form, and the new files ``check`` refused (with its error), which are not held: an
    earlier file held for the same code stays."""
    held = held_uploads(owner=owner, token=token)
    held_drop(held.pop(code) for code in set(remove) if code in held)
    refused: list[tuple[str, UploadedFile, ValidationError]] = []
    for code, upload in uploads:
        try:
            accepted = check(upload)
        except ValidationError as error:
            refused.append((code, upload, error))
            continue
        held[code] = held_keep(
            owner=owner,
            token=token,
            code=code,
            content=accepted.content,
            name=upload.name or "",
            content_type=accepted.content_type,
            extension=accepted.extension,
        )
    return held, refused


def held_release(rows: Iterable[HeldUpload], *, owner: Any) -> None:
    """Let go of held files that a form's save has just stored as its own rows, in the save's
    transaction; refused if any is not the saving user's."""
    rows = list(rows)
    if any(owner is None or row.owner_id != owner.pk for row in rows):
        raise PermissionError("held files of another user")
    held_drop(rows)


def held_drop(rows: Iterable[HeldUpload]) -> None:
    """Delete held rows; their files go once the transaction commits (kept on a rollback)."""
    rows = list(rows)
    if not rows:
        return
    HeldUpload.objects.filter(pk__in=[r.pk for r in rows]).delete()
    for row in rows:
        transaction.on_commit(partial(row.file.storage.delete, str(row.file.name)), robust=True)


def held_file(row: HeldUpload) -> UploadedFile:
    """A held file as an upload again, with its name and claimed type, to be checked as the
    first one was."""
    with row.file.open("rb") as handle:
        content = handle.read()
    return SimpleUploadedFile(row.name, content, content_type=row.content_type)


@dataclass
class SweepReport:
    removed: list[str]  # files removed: their row was never committed, or is gone
    kept: int  # intents dropped because a committed row names their file


def _file_fields() -> Iterator[tuple[type[models.Model], models.FileField]]:
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                yield model, field


def _storages() -> list[Storage]:
    found: list[Storage] = []
    for _model, field in _file_fields():
        if not any(field.storage is s for s in found):
            found.append(field.storage)
    return found


def _named(model: type[models.Model], field: str, names: list[str]) -> set[str]:
    rows = model._default_manager.filter(**{f"{field}__in": names})
    return {str(n) for n in rows.values_list(field, flat=True)}


def _walk(storage: Storage, folder: str) -> Iterator[str]:
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        yield posixpath.join(folder, name)
    for sub in folders:
        yield from _walk(storage, posixpath.join(folder, sub))


def _older(storage: Storage, name: str, cutoff: dt.datetime) -> bool:
    try:
        return storage.get_modified_time(name) <= cutoff
    except FileNotFoundError:
        return False


def sweep(
    *, older_than: dt.timedelta, unreferenced: bool = False, held_for: dt.timedelta = HELD_FOR
) -> SweepReport:
    """Remove the files of uncommitted rows whose intent is older than ``older_than`` (and,
    with ``unreferenced``, every file that old under an upload folder that no row names), and
    the uploads held for forms abandoned more than ``held_for`` ago."""
    cutoff = timezone.now() - older_than
    report = SweepReport(removed=[], kept=0)
    abandoned = HeldUpload.objects.filter(created_at__lt=timezone.now() - held_for)
    for row in abandoned.iterator():
        with transaction.atomic():
            if HeldUpload.objects.filter(pk=row.pk).delete()[0]:
                row.file.storage.delete(row.file.name)
                report.removed.append(row.file.name)
    for storage in _storages():
        for intent in list(_walk(storage, PENDING)):
            if not _older(storage, intent, cutoff):
                continue
            with storage.open(intent, "rb") as handle:
                try:
                    entry = json.loads(handle.read())
                    model = apps.get_model(entry["model"])
                    field, name = str(entry["field"]), str(entry["name"])
                except (ValueError, KeyError, LookupError):
                    entry = None
            if entry is not None:
                if _named(model, field, [name]):
                    report.kept += 1
                elif storage.exists(name):
                    storage.delete(name)
                    report.removed.append(name)
            storage.delete(intent)
    if unreferenced:
        folders: dict[tuple[int, str], list[tuple[type[models.Model], str]]] = {}
        for model, file_field in _file_fields():
            upload_to = file_field.upload_to
            folder = "" if callable(upload_to) else str(upload_to).split("%", 1)[0].rstrip("/")
            if folder and folder != PENDING:  # a callable upload_to has no folder of its own
                key = (id(file_field.storage), folder)
                folders.setdefault(key, []).append((model, file_field.name))
        for storage in _storages():
            for (storage_id, folder), fields in folders.items():
                if storage_id != id(storage):
                    continue
                old = [n for n in _walk(storage, folder) if _older(storage, n, cutoff)]
                for start in range(0, len(old), 500):
                    batch = old[start : start + 500]
                    named = set().union(*(_named(m, f, batch) for m, f in fields))
                    for name in batch:
                        if name not in named:
                            storage.delete(name)
                            report.removed.append(name)
    return report
