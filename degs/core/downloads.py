"""The one way a view answers with a file a user uploaded or the app exported.

An uploaded PDF may carry JavaScript, an "image" may be HTML: whatever the file holds, it must
not run in the site's origin, nor in the browser's viewer beside the officer's session. Every
such answer is therefore a download (``Content-Disposition: attachment``), never sniffed for
another type (``X-Content-Type-Options: nosniff``), and sandboxed with nothing allowed
(``Content-Security-Policy: default-src 'none'; sandbox``) should a browser show it anyway.
Only raster pictures the app has re-encoded itself (inspection photos) may be shown in the
page (``inline``), under the same policy: JPEG and PNG cannot run script.

PDFs the app draws itself (receipts, certificates, minutes) are not uploads and are shown
inline as before (``docs/operations.md``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.utils.http import content_disposition_header

from degs.core.tabular import CSV_TYPE, XLSX_TYPE, write_csv, write_xlsx

SANDBOX = "default-src 'none'; sandbox"
# Types that cannot run script; shown inline only when the caller re-encoded the file.
INLINE_TYPES = frozenset({"image/jpeg", "image/png"})


def file_response(
    content: bytes, *, filename: str, content_type: str, inline: bool = False
) -> HttpResponse:
    """``content`` as a download named ``filename`` (shown inline only if ``inline`` is asked
    for a type in ``INLINE_TYPES``), with the headers that keep it from running anything."""
    response = HttpResponse(content, content_type=content_type)
    _protect(response, filename=filename, content_type=content_type, inline=inline)
    return response


def table_response(
    header: Sequence[Any],
    rows: Iterable[Sequence[Any]],
    *,
    fmt: str,
    title: Any,
    stem: str = "",
    filename: str = "",
) -> HttpResponse:
    """A list exported as a download: an Excel workbook (sheet ``title``) when ``fmt`` is
    "xlsx", else CSV; named ``filename``, or ``<stem>-<today>.<fmt>`` (today in India)."""
    name = filename or f"{stem}-{timezone.localdate():%Y-%m-%d}.{fmt}"
    if fmt == "xlsx":
        return file_response(
            write_xlsx(header, rows, title=title), filename=name, content_type=XLSX_TYPE
        )
    return file_response(write_csv(header, rows), filename=name, content_type=CSV_TYPE)


def stored_file_response(
    file: FieldFile, *, filename: str, content_type: str, inline: bool = False
) -> FileResponse:
    """A stored upload (a row's file field), streamed as ``file_response`` answers; a file
    missing from the disk answers 404, as a row the user may not see does."""
    try:
        handle = file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(handle, content_type=content_type)
    _protect(response, filename=filename, content_type=content_type, inline=inline)
    return response


def _protect(response: HttpResponseBase, *, filename: str, content_type: str, inline: bool) -> None:
    as_attachment = not (inline and content_type.split(";")[0].strip() in INLINE_TYPES)
    response["Content-Disposition"] = content_disposition_header(as_attachment, filename) or ""
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX
