"""A review meeting's press note or minutes, pasted or uploaded, as clean plain text.

The DIO's office imports the text to get a draft meeting. An upload is judged by its content
(its first bytes), never by its name: a PDF with a text layer, a Word .docx or UTF-8 / UTF-16
text is read; anything else is refused with a sentence in the user's language. Pure
functions, no database.

Every limit is checked before the work it limits, so one request cannot hold a worker:

- a paste or a file's text longer than ``max_chars()`` characters (50,000 by default, about
  fifteen times the longest sample note) is refused before any pattern runs on it, and a
  file's text is counted as it is extracted, so extraction stops at the cap;
- a .docx is refused by what its zip directory declares (entries, the size of
  word/document.xml, the size of everything) before anything is inflated, and
  word/document.xml is read in pieces, never past its cap, whatever the header says;
- a PDF is refused by its declared object and page counts before pypdf parses it, and pypdf
  runs with limits on each stream's declared and inflated length; the pages' content is
  counted against one budget for the whole file.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
import zlib
from xml.etree import ElementTree

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from degs.core.text import CONTROL_CHARACTERS, clean_paragraphs, clean_text

_MB = 1024 * 1024
_DOCX_INFLATE_FACTOR = 20  # everything in a .docx may inflate to this many times the upload limit
_DOCX_XML_PER_CHAR = 100  # word/document.xml may be this many bytes per character of text
_DOCX_MAX_ENTRIES = 1000  # a Word document holds a few dozen parts; images add one each
_DOCX_CHUNK = 64 * 1024
_PDF_MAX_PAGES = 200
_PDF_MAX_OBJECTS = 100_000
_PDF_STREAM_MAX = 4 * _MB  # one stream inflated (a page of text is tens of kilobytes)
_PDF_CONTENT_BUDGET = 16 * _MB  # all pages' content streams together, inflated
_MIN_PDF_LETTERS = 20  # below this a PDF is a scanned image (page numbers, a stray stamp)
_MAX_CONTROL_SHARE = 0.02

_EMPTY_TEXT = _("The text is empty.")
_EMPTY_FILE = _("The file is empty.")
_NO_TEXT_IN_FILE = _("The file has no text in it.")
_TEXT_TOO_LARGE = _("The text is longer than %(mb)s MB. Paste the meeting's part only.")
_TEXT_TOO_LONG = _(
    "The text is longer than %(chars)s characters. Paste the meeting's part only, or split it."
)
_FILE_TEXT_TOO_LONG = _(
    "The file holds more than %(chars)s characters of text. Paste the meeting's part only."
)
_PDF_TOO_LARGE = _(
    "This PDF has too many pages or too much content to import. Paste the part you need."
)
_FILE_TOO_LARGE = _("The file is larger than %(mb)s MB.")
_DOCX_TOO_LARGE = _("This Word document holds too much text to import. Paste the part you need.")
_PDF_SCANNED = _(
    "This PDF has no text layer: it is a scanned image. Paste the text, or upload the "
    "original document."
)
_PDF_ENCRYPTED = _("This PDF is protected by a password. Remove the password, or paste the text.")
_PDF_DAMAGED = _("This PDF is damaged and could not be read. Paste the text instead.")
_NOT_DOCX = _("This file is not a Word .docx document, or it is damaged.")
_NOT_TEXT = _("This file is not readable text. Save it as UTF-8 text, or paste the text.")
_NOT_ACCEPTED = _(
    "This type of file cannot be read. Paste the text, or upload a .txt file, a Word .docx "
    "file or a PDF that has text."
)
_OLD_WORD = _(
    "This is an old Word .doc file or a protected document. Save it as .docx, or paste the text."
)


class SourceError(ValueError):
    """The pasted text or uploaded file cannot be imported.

    ``message`` is a lazy translated sentence for the user.
    """

    def __init__(self, message: str | Promise) -> None:
        self.message = message
        super().__init__(str(message))


def max_bytes() -> int:
    """The largest paste or upload accepted, read from settings at each call."""
    return int(getattr(settings, "DEGS_PRESSNOTE_MAX_BYTES", 5 * _MB))


def max_chars() -> int:
    """The most characters of text read from a paste or a file, read from settings at each
    call. The reader's time grows in proportion to the length; this bounds it."""
    return int(getattr(settings, "DEGS_PRESSNOTE_MAX_CHARS", 50_000))


def _characters(limit: int) -> str:
    """The limit for a message, grouped in thousands: "50,000"."""
    return f"{limit:,}"


def _megabytes(limit: int) -> str:
    """The limit for a message: "5", "2.5"; under one megabyte, two significant figures."""
    value = limit / _MB
    return f"{value:.1f}".removesuffix(".0") if value >= 1 else f"{value:.2g}"


# Vertical tab and form feed become line ends; every other control the forms refuse
# (core.text.CONTROL_CHARACTERS) is taken out, so a file's stray control, which the user cannot
# see or delete, never blocks the review step that sends the text back.
_PAGE_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})


def _clean(text: str) -> str:
    """NFC, no C0 controls but tab and newline, \\n line ends, no trailing spaces, at most one
    blank line in a row, stripped."""
    return clean_paragraphs(CONTROL_CHARACTERS.sub("", text.translate(_PAGE_BREAKS)))


_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060\ufeff]")  # soft hyphen, zero widths, marks


def note_fingerprint(text: str) -> str:
    """The SHA-256 of a note's text as the reader keeps it (``pressnote.clean_lines``: no
    captions, page furniture or repeated lines), the same however it was pasted or saved:
    control and invisible characters taken out, NFC, white space folded
    (``core.text.clean_text``), case folded. The same note imported twice, pasted, uploaded
    or sent back by the review page, has the same fingerprint."""
    from degs.reviews.pressnote import clean_lines

    visible = _INVISIBLE.sub("", CONTROL_CHARACTERS.sub(" ", text))
    folded = clean_text(" ".join(clean_lines(visible))).casefold()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def too_long() -> SourceError:
    """The refusal of a text longer than ``max_chars()``."""
    return SourceError(_TEXT_TOO_LONG % {"chars": _characters(max_chars())})


def text_from_paste(raw: str) -> str:
    """Pasted text, cleaned; SourceError when it is empty or over the length or size limit
    (the length is checked first, before anything else is done with the text)."""
    if len(raw) > max_chars():
        raise too_long()
    limit = max_bytes()
    if len(raw.encode("utf-8", "surrogatepass")) > limit:
        raise SourceError(_TEXT_TOO_LARGE % {"mb": _megabytes(limit)})
    text = _clean(raw)
    if not text:
        raise SourceError(_EMPTY_TEXT)
    return text


def text_from_upload(upload: UploadedFile) -> str:
    """The text of an uploaded PDF, Word .docx or plain-text file, cleaned.

    SourceError when the file is empty, too large, of a type not accepted, damaged, a PDF
    without a text layer, or holds no text.
    """
    limit = max_bytes()
    too_large = SourceError(_FILE_TOO_LARGE % {"mb": _megabytes(limit)})
    if upload.size is not None and upload.size > limit:
        raise too_large  # refused on the declared size, before a byte is read
    upload.seek(0)
    data = bytes(upload.read(limit + 1) or b"")
    if len(data) > limit:
        raise too_large
    if not data:
        raise SourceError(_EMPTY_FILE)
    text = _extract(data, limit)
    if len(text) > max_chars():
        raise _text_too_long()
    text = _clean(text)
    if not text:
        raise SourceError(_NO_TEXT_IN_FILE)
    return text


def _text_too_long() -> SourceError:
    return SourceError(_FILE_TEXT_TOO_LONG % {"chars": _characters(max_chars())})


_REFUSED_MAGIC = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", _OLD_WORD),  # OLE: .doc, .xls, password-protected .docx
    (b"\x89PNG\r\n\x1a\n", _NOT_ACCEPTED),
    (b"\xff\xd8\xff", _NOT_ACCEPTED),  # JPEG
    (b"GIF87a", _NOT_ACCEPTED),
    (b"GIF89a", _NOT_ACCEPTED),
    (b"II*\x00", _NOT_ACCEPTED),  # TIFF
    (b"MM\x00*", _NOT_ACCEPTED),
    (b"{\\rtf", _NOT_ACCEPTED),  # readable bytes, but markup rather than text
    (b"\x7fELF", _NOT_ACCEPTED),
    (b"\x1f\x8b", _NOT_ACCEPTED),  # gzip
    (b"7z\xbc\xaf\x27\x1c", _NOT_ACCEPTED),
    (b"Rar!\x1a\x07", _NOT_ACCEPTED),
)


def _extract(data: bytes, limit: int) -> str:
    """Text by the file's first bytes: PDF, zip (a .docx), a known refused type, else text."""
    if data[:1024].lstrip().startswith(b"%PDF-"):
        return _pdf_text(data)
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _docx_text(data, limit)
    for magic, message in _REFUSED_MAGIC:
        if data.startswith(magic):
            raise SourceError(message)
    if data.startswith(b"RIFF") or data[4:8] == b"ftyp":  # WebP, WAV, AVI; MP4, HEIC photos
        raise SourceError(_NOT_ACCEPTED)
    # A bitmap or a Windows program; their short magic also starts texts ("BMC meeting").
    if data.startswith((b"BM", b"MZ")) and b"\x00" in data[2:64]:
        raise SourceError(_NOT_ACCEPTED)
    return _plain_text(data)


def _plain_text(data: bytes) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with a BOM; refused when binary or undecodable."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    elif b"\x00" in data:
        raise SourceError(_NOT_TEXT)
    else:
        encoding = "utf-8-sig"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise SourceError(_NOT_TEXT) from None
    controls = len(CONTROL_CHARACTERS.findall(text))
    if "\x00" in text or controls > _MAX_CONTROL_SHARE * len(text):
        raise SourceError(_NOT_TEXT)
    return text


# What a PDF declares: its objects (the trailer's /Size) and its pages (a page tree's /Count).
_PDF_SIZE = re.compile(rb"/Size\s+(\d{1,15})")
_PDF_COUNT = re.compile(rb"/Count\s+(\d{1,15})")


def _pdf_declares_too_much(data: bytes) -> bool:
    """Whether the PDF declares more objects or pages than a press note has, read from its
    bytes before pypdf parses anything."""
    objects = max((int(m[1]) for m in _PDF_SIZE.finditer(data)), default=0)
    pages = max((int(m[1]) for m in _PDF_COUNT.finditer(data)), default=0)
    return objects > _PDF_MAX_OBJECTS or pages > _PDF_MAX_PAGES


def _pdf_text(data: bytes) -> str:
    """The text layer of every page, pages apart by a blank line; extraction stops once the
    text is longer than ``max_chars()``."""
    from pypdf import PdfReader, apply_configuration  # only PDF imports pay for loading pypdf
    from pypdf.errors import LimitReachedError

    if _pdf_declares_too_much(data):
        raise SourceError(_PDF_TOO_LARGE)
    limits = {
        "maximum_declared_stream_length": len(data),  # no stream is longer than its file
        "zlib_maximum_output_length": _PDF_STREAM_MAX,
        "lzw_maximum_output_length": _PDF_STREAM_MAX,
        "run_length_maximum_output_length": _PDF_STREAM_MAX,
        "brotli_maximum_output_length": _PDF_STREAM_MAX,
        "jbig2_maximum_output_length": _PDF_STREAM_MAX,
        "array_based_stream_maximum_output_length": _PDF_STREAM_MAX,
        "image_maximum_buffer_size": _PDF_STREAM_MAX,
        "stream_decoding_work_maximum_length": 2 * _PDF_STREAM_MAX,
        "page_tree_maximum_entries": 4 * _PDF_MAX_PAGES,
        "page_tree_maximum_page_entries": 4 * _PDF_MAX_PAGES,
        "xform_maximum_invocations_per_extraction": 100,
    }
    cap, budget, pages, length = max_chars(), _PDF_CONTENT_BUDGET, [], 0
    try:
        with apply_configuration(None, **limits):
            reader = PdfReader(io.BytesIO(data), xref_stream_maximum_entries=_PDF_MAX_OBJECTS)
            # An owner password alone (no copying, no printing) opens with the empty password.
            if reader.is_encrypted and not reader.decrypt(""):
                raise SourceError(_PDF_ENCRYPTED)
            if not reader.pages:
                raise SourceError(_PDF_DAMAGED)
            if len(reader.pages) > _PDF_MAX_PAGES:
                raise SourceError(_PDF_TOO_LARGE)
            for page in reader.pages:
                contents = page.get_contents()
                budget -= len(contents.get_data()) if contents is not None else 0
                if budget < 0:
                    raise SourceError(_PDF_TOO_LARGE)
                pages.append((page.extract_text() or "").strip())
                length += len(pages[-1]) + 2
                if length > cap:
                    raise _text_too_long()
    except SourceError:
        raise
    except LimitReachedError:
        raise SourceError(_PDF_TOO_LARGE) from None
    except Exception:  # a hostile or broken PDF fails in any of pypdf's layers
        raise SourceError(_PDF_DAMAGED) from None
    text = "\n\n".join(page for page in pages if page)
    if sum(char.isalpha() for char in text) < _MIN_PDF_LETTERS:
        raise SourceError(_PDF_SCANNED)
    return text


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_PARAGRAPH, _TEXT = f"{_W}p", f"{_W}t"
_INSERTED = {f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n"}
# Properties hold tab stops (w:tab) that are not text; a fallback repeats what its choice shows.
_SKIPPED = {f"{_W}pPr", f"{_W}rPr", f"{_MC}Fallback"}


class _DocxLines:
    """ElementTree parser target: each w:p a line, built as the XML streams, no tree kept.

    A paragraph inside another (a text box) becomes its own line, before the one holding it.
    """

    def __init__(self, cap: int) -> None:
        self.cap = cap  # the most characters of text read; more is refused as it streams
        self.length = 0
        self.lines: list[str] = []
        self._open: list[list[str]] = []  # the parts of each paragraph not yet closed
        self._skipping = 0
        self._in_text = False

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        if self._skipping or tag in _SKIPPED:
            self._skipping += 1
        elif tag == _PARAGRAPH:
            self._open.append([])
        elif tag == _TEXT:
            self._in_text = True
        elif tag in _INSERTED and self._open:
            self._open[-1].append(_INSERTED[tag])

    def end(self, tag: str) -> None:
        if self._skipping:
            self._skipping -= 1
        elif tag == _PARAGRAPH and self._open:
            self.lines.append("".join(self._open.pop()))
        elif tag == _TEXT:
            self._in_text = False

    def data(self, text: str) -> None:
        if self._in_text and not self._skipping and self._open:
            self.length += len(text)
            if self.length > self.cap:
                raise _text_too_long()
            self._open[-1].append(text)

    def doctype(self, name: str, pubid: str | None, system: str | None) -> None:
        # Word never writes a DTD; refusing one shuts out entity expansion (billion laughs).
        raise SourceError(_NOT_DOCX)

    def close(self) -> None:
        return None


_EOCD = b"PK\x05\x06"  # end of central directory: the zip's own count of its entries


def _declared_entries(data: bytes) -> int | None:
    """How many entries the zip's end record declares, read before its directory is parsed;
    None when there is no end record (zipfile then refuses the file)."""
    at = data.rfind(_EOCD, max(0, len(data) - 22 - 0xFFFF))
    if at < 0 or at + 22 > len(data):
        return None
    return int.from_bytes(data[at + 10 : at + 12], "little")


def _docx_text(data: bytes, limit: int) -> str:
    """The paragraphs of word/document.xml as lines, table cells' paragraphs included.

    Refused by the sizes the zip declares before anything is inflated: more than
    ``_DOCX_MAX_ENTRIES`` entries (0xFFFF: a zip64 count), word/document.xml over
    ``_DOCX_XML_PER_CHAR`` bytes per character of the text cap, or all entries together over
    ``_DOCX_INFLATE_FACTOR`` times the upload limit. The XML is then inflated and parsed in
    pieces, and refused once it passes its cap or its text passes ``max_chars()``."""
    chars = max_chars()
    xml_cap = _DOCX_XML_PER_CHAR * chars
    entries = _declared_entries(data)
    if entries is not None and entries > _DOCX_MAX_ENTRIES:
        raise SourceError(_DOCX_TOO_LARGE)
    target = _DocxLines(chars)
    parser = ElementTree.XMLParser(target=target)  # noqa: S314 - no DTD allowed, see doctype()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > _DOCX_MAX_ENTRIES:
                raise SourceError(_DOCX_TOO_LARGE)
            try:
                info = archive.getinfo("word/document.xml")
            except KeyError:
                raise SourceError(_NOT_DOCX) from None
            total = sum(member.file_size for member in members)
            if info.file_size > xml_cap or total > _DOCX_INFLATE_FACTOR * limit:
                raise SourceError(_DOCX_TOO_LARGE)
            read = 0
            with archive.open(info) as member:
                while chunk := member.read(_DOCX_CHUNK):
                    read += len(chunk)
                    if read > xml_cap:  # the declared size may lie: never inflate past the cap
                        raise SourceError(_DOCX_TOO_LARGE)
                    parser.feed(chunk)
            parser.close()
    except SourceError:
        raise
    except ElementTree.ParseError:
        raise SourceError(_NOT_DOCX) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, ValueError):
        # RuntimeError: encrypted member; NotImplementedError (a RuntimeError): unknown method
        raise SourceError(_NOT_DOCX) from None
    return "\n".join(target.lines)
