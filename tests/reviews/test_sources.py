"""Pasted and uploaded press notes turned into clean text, or refused in a sentence; no database.

Every input is built here: text in several encodings, a .docx written with zipfile, PDFs
written by hand (a text one, an empty "scanned" one) and files that only pretend to be text.
"""

from __future__ import annotations

import io
import random
import tracemalloc
import zipfile
import zlib
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from pypdf import PdfReader, PdfWriter

from degs.reviews.sources import SourceError, text_from_paste, text_from_upload

HINDI = "जिला समीक्षा बैठक"  # district review meeting
ZWJ_WORD = "क्\u200dष"  # a zero-width joiner shapes the conjunct: it must stay
SENTENCE = "Review meeting held today"


def upload(content: bytes, name: str = "note.txt") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def refusal(content: bytes, name: str = "note.txt") -> str:
    with pytest.raises(SourceError) as caught:
        text_from_upload(upload(content, name))
    return str(caught.value.message)


# PDFs by hand ----------------------------------------------------------------------------------


def make_pdf(content: bytes) -> bytes:
    """A one-page PDF with a Helvetica font and ``content`` as its page's content stream."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    pdf = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(pdf)


TEXT_PDF = make_pdf(b"BT /F1 12 Tf 72 700 Td (" + SENTENCE.encode() + b") Tj ET")
SCANNED_PDF = make_pdf(b"")


def encrypted(pdf: bytes, *, user_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password=user_password, owner_password="owner-secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# A .docx by zipfile ----------------------------------------------------------------------------

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def document_xml(body: str) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'
    )


DOCX_BODY = (
    # tab stops in the paragraph's properties are not text
    '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>'
    f'<w:r><w:t>{HINDI}</w:t></w:r><w:r><w:t xml:space="preserve">: minutes</w:t></w:r></w:p>'
    "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Item</w:t><w:tab/><w:t>Action</w:t></w:r></w:p></w:tc>"
    "<w:tc><w:p><w:r><w:t>CSC</w:t><w:br/><w:t>BDO</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    "<w:p><w:r><w:t>Next meeting in a month</w:t></w:r>"
    "<w:del><w:r><w:delText>struck out</w:delText></w:r></w:del></w:p>"
)


def make_zip(files: dict[str, str | bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()


def make_docx(body: str = DOCX_BODY) -> bytes:
    return make_zip({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": document_xml(body)})


# Pasted text -----------------------------------------------------------------------------------


def test_paste_is_normalised():
    # given Hindi and English with CRLF, a NUL, trailing spaces, a joiner and five blank lines
    raw = f"  {HINDI}  \r\nHeld\x00 on Monday\t \r\n{ZWJ_WORD} ok\r\n\r\n\r\n\r\n\r\n\r\nEnd\x07  "
    # when
    text = text_from_paste(raw)
    # then
    assert text == f"{HINDI}\nHeld on Monday\n{ZWJ_WORD} ok\n\nEnd"
    assert "\u200d" in text


def test_paste_is_nfc():
    # both spellings of a nukta letter (क़ or क + ़) and of é become one text
    assert text_from_paste("\u0958 cafe\u0301") == text_from_paste("\u0915\u093c caf\u00e9")
    assert text_from_paste("cafe\u0301") == "caf\u00e9"


@pytest.mark.parametrize("raw", ["", "   ", "\r\n\t\r\n", "\x00\x01\x02"])
def test_empty_paste_is_refused(raw: str):
    with pytest.raises(SourceError) as caught:
        text_from_paste(raw)
    assert str(caught.value.message) == "The text is empty."


def test_paste_over_the_limit_is_refused(settings):
    settings.DEGS_PRESSNOTE_MAX_BYTES = 30
    assert text_from_paste("a" * 30) == "a" * 30
    with pytest.raises(SourceError) as caught:
        text_from_paste(HINDI)  # 17 characters, 45 bytes of UTF-8
    assert "longer than" in str(caught.value.message)


# Text files ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "encoded",
    [
        f"{HINDI}\r\nReview held\r\n".encode(),
        b"\xef\xbb\xbf" + f"{HINDI}\r\nReview held\r\n".encode(),
        f"{HINDI}\r\nReview held\r\n".encode("utf-16"),  # a byte order mark first
        b"\xfe\xff" + f"{HINDI}\r\nReview held\r\n".encode("utf-16-be"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom"],
)
def test_text_file_is_read(encoded: bytes):
    assert text_from_upload(upload(encoded)) == f"{HINDI}\nReview held"


@pytest.mark.parametrize("start", [b"BMC ward review", b"MZ-1 block report", b"GIF scheme"])
def test_text_starting_like_a_magic_number_is_read(start: bytes):
    assert text_from_upload(upload(start + b"\nheld today")) == start.decode() + "\nheld today"


def test_file_is_judged_by_content_not_name():
    assert text_from_upload(upload(make_docx(), "minutes.pdf")).startswith(HINDI)
    assert text_from_upload(upload(TEXT_PDF, "note.txt")) == SENTENCE


def test_upload_already_read_is_read_from_the_start():
    note = upload(HINDI.encode())
    note.read()
    assert text_from_upload(note) == HINDI


# Word .docx ------------------------------------------------------------------------------------


def test_docx_paragraphs_and_table_cells_become_lines():
    text = text_from_upload(upload(make_docx(), "minutes.docx"))
    assert text.splitlines() == [
        f"{HINDI}: minutes",
        "Item\tAction",
        "CSC",
        "BDO",
        "Next meeting in a month",
    ]


def test_docx_text_box_is_read_once():
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    body = (
        f'<w:p><w:r><w:t>Before</w:t><mc:AlternateContent xmlns:mc="{mc}">'
        "<mc:Choice><w:txbxContent><w:p><w:r><w:t>Boxed</w:t></w:r></w:p></w:txbxContent>"
        "</mc:Choice><mc:Fallback><w:txbxContent><w:p><w:r><w:t>Boxed</w:t></w:r></w:p>"
        "</w:txbxContent></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )
    assert text_from_upload(upload(make_docx(body), "box.docx")) == "Boxed\nBefore"


def test_docx_with_a_dtd_is_refused():
    lol = '<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    xml = f'<?xml version="1.0"?><!DOCTYPE w:document [{lol}]>' + document_xml(
        "<w:p><w:r><w:t>&lol2;</w:t></w:r></w:p>"
    ).removeprefix('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>')
    docx = make_zip({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": xml})
    assert "not a Word .docx" in refusal(docx, "bomb.docx")


def test_docx_that_inflates_past_the_cap_is_refused(settings):
    # given a 2 kB limit: document.xml may inflate to 40 kB, this one is 200 kB of spaces
    settings.DEGS_PRESSNOTE_MAX_BYTES = 2000
    docx = make_docx("<w:p><w:r><w:t>x</w:t></w:r></w:p>" + " " * 200_000)
    assert len(docx) < 2000
    assert "too much text" in refusal(docx, "bomb.docx")


def test_docx_without_text_is_refused():
    assert refusal(make_docx("<w:p/><w:p><w:r><w:t>  </w:t></w:r></w:p>")) == (
        "The file has no text in it."
    )


# PDF -------------------------------------------------------------------------------------------


def test_text_pdf_is_read():
    assert text_from_upload(upload(TEXT_PDF, "note.pdf")) == SENTENCE


def test_pdf_with_owner_password_only_is_read():
    assert text_from_upload(upload(encrypted(TEXT_PDF, user_password=""))) == SENTENCE


def test_scanned_pdf_is_refused():
    message = refusal(SCANNED_PDF, "scan.pdf")
    assert "no text layer" in message
    assert "scanned image" in message


# Refusals --------------------------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
RANDOM_WITH_NULS = bytes(random.Random(7).randrange(256) for _ in range(4000)) + b"\x00" * 8


@pytest.mark.parametrize(
    ("content", "word"),
    [
        (b"", "The file is empty."),
        (PNG, "cannot be read"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "cannot be read"),
        (b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 64, "cannot be read"),
        (b"BM\x36\x00\x0c\x00\x00\x00\x00\x00\x36\x00\x00\x00" + b"\x00" * 64, "cannot be read"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "old Word .doc"),
        (RANDOM_WITH_NULS, "not readable text"),
        (b"caf\xe9 cr\xe8me", "not readable text"),  # Windows-1252, not UTF-8
        (b"abc\x01\x02\x03\x04 defghijkl" * 10, "not readable text"),  # control characters
        (make_zip({"notes/hello.txt": "hello"}), "not a Word .docx"),
        (b"PK\x03\x04" + b"\x14\x00 broken archive" * 20, "not a Word .docx"),
        (b"%PDF-1.7\n" + b"garbage that is no object\n" * 50, "PDF is damaged"),
        (encrypted(TEXT_PDF, user_password="user-secret"), "protected by a password"),
    ],
    ids=[
        "empty",
        "png-renamed-txt",
        "jpeg",
        "elf",
        "bitmap",
        "old-doc",
        "random-bytes-with-nuls",
        "not-utf-8",
        "control-characters",
        "zip-not-docx",
        "corrupt-zip",
        "corrupt-pdf",
        "encrypted-pdf",
    ],
)
def test_upload_is_refused_with_its_own_message(content: bytes, word: str):
    assert word in refusal(content)


def test_file_over_the_declared_limit_is_refused_before_reading():
    # given a file that says it is 50 MB (without allocating 50 MB)
    note = upload(b"a" * 100)
    note.size = 50 * 1024 * 1024
    # when
    with pytest.raises(SourceError) as caught:
        text_from_upload(note)
    # then
    assert str(caught.value.message) == "The file is larger than 5 MB."
    assert note.tell() == 0


def test_file_larger_than_its_declared_size_is_refused(settings):
    settings.DEGS_PRESSNOTE_MAX_BYTES = 1024 * 1024
    note = upload(b"a" * (1024 * 1024 + 1))
    note.size = 10  # a client can lie; only MAX_BYTES + 1 bytes are read
    with pytest.raises(SourceError) as caught:
        text_from_upload(note)
    assert str(caught.value.message) == "The file is larger than 1 MB."
    assert note.tell() == 1024 * 1024 + 1


def test_limit_is_read_from_settings_at_call_time(settings):
    settings.DEGS_PRESSNOTE_MAX_CHARS = 1024 * 1024  # the byte limit alone is under test here
    settings.DEGS_PRESSNOTE_MAX_BYTES = 512 * 1024
    assert "larger than 0.5 MB" in refusal(b"a" * (512 * 1024 + 1))
    settings.DEGS_PRESSNOTE_MAX_BYTES = 1024 * 1024
    assert text_from_upload(upload(b"a" * (512 * 1024 + 1))) == "a" * (512 * 1024 + 1)


@pytest.mark.parametrize("source", [TEXT_PDF, make_docx()], ids=["pdf", "docx"])
def test_truncated_files_give_text_or_a_refusal_never_a_crash(source: bytes):
    refused = 0
    for length in range(1, len(source), 7):
        try:
            text_from_upload(upload(source[:length]))
        except SourceError:
            refused += 1
    assert refused > 0


# Limits that hold before the work they limit ---------------------------------------------------

LONG_EN = "The text is longer than 50,000 characters. Paste the meeting's part only, or split it."
LONG_HI = "पाठ 50,000 अक्षरों से लंबा है। केवल बैठक वाला भाग चिपकाएँ, या इसे हिस्सों में बाँटें।"
FILE_LONG_EN = "The file holds more than %s characters of text. Paste the meeting's part only."
FILE_LONG_HI = "फ़ाइल में %s अक्षरों से अधिक पाठ है। केवल बैठक वाला भाग चिपकाएँ।"
TOO_MUCH_PDF_EN = (
    "This PDF has too many pages or too much content to import. Paste the part you need."
)
TOO_MUCH_PDF_HI = "इस पीडीएफ़ में आयात के लिए बहुत अधिक पृष्ठ या सामग्री है। केवल ज़रूरी भाग चिपकाएँ।"
TOO_MUCH_DOCX_EN = "This Word document holds too much text to import. Paste the part you need."
TOO_MUCH_DOCX_HI = "इस वर्ड दस्तावेज़ में आयात के लिए बहुत अधिक पाठ है। केवल ज़रूरी भाग चिपकाएँ।"
PEAK_MEMORY = 20 * 1024 * 1024


def refused_in_both_languages(read: Callable[[], object]) -> tuple[str, str, int]:
    """The refusal in English and in Hindi, and the memory the English attempt peaked at."""
    messages = []
    tracemalloc.start()
    try:
        for language in ("en", "hi"):
            with translation.override(language):
                with pytest.raises(SourceError) as caught:
                    read()
                messages.append(str(caught.value.message))
            if language == "en":
                peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return messages[0], messages[1], peak


def test_paste_over_the_character_cap_is_refused_before_anything_reads_it(monkeypatch):
    # a 5 MB paste once held a worker for a minute; now its length alone refuses it
    def never(*args: object) -> str:
        raise AssertionError("the text was cleaned: the cap was checked too late")

    monkeypatch.setattr("degs.reviews.sources.clean_paragraphs", never)
    assert refused_in_both_languages(lambda: text_from_paste("क" * 50_001))[:2] == (
        LONG_EN,
        LONG_HI,
    )
    monkeypatch.undo()
    assert text_from_paste("क" * 50_000) == "क" * 50_000


def test_text_file_over_the_character_cap_is_refused():
    english, hindi, _peak = refused_in_both_languages(
        lambda: text_from_upload(upload(("a" * 50_001).encode(), "note.txt"))
    )
    assert (english, hindi) == (FILE_LONG_EN % "50,000", FILE_LONG_HI % "50,000")


def _streamed_docx(xml_size: int) -> bytes:
    """A .docx whose word/document.xml is ``xml_size`` bytes of paragraphs, written in
    pieces (the test never holds the XML): it compresses to a few hundred kilobytes."""
    paragraph = b"<w:p><w:r><w:t>x</w:t></w:r></w:p>" * 1000
    head = document_xml("").split("<w:body>")[0].encode() + b"<w:body>"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        with archive.open("word/document.xml", "w", force_zip64=False) as member:
            member.write(head)
            written = len(head)
            while written < xml_size:
                member.write(paragraph)
                written += len(paragraph)
            member.write(b"</w:body></w:document>")
    return out.getvalue()


def test_docx_expanding_to_96_mb_of_xml_is_refused_by_its_declared_size():
    # given a 96 MB document.xml in a small file (under the 5 MB upload limit)
    docx = _streamed_docx(96 * 1024 * 1024)
    assert len(docx) < 1024 * 1024
    # when / then: refused from the zip's directory, nothing inflated
    english, hindi, peak = refused_in_both_languages(
        lambda: text_from_upload(upload(docx, "bomb.docx"))
    )
    assert (english, hindi) == (TOO_MUCH_DOCX_EN, TOO_MUCH_DOCX_HI)
    assert peak < PEAK_MEMORY


def _lie_about_sizes(docx: bytes, name: bytes, size: int) -> bytes:
    """The zip with ``name``'s uncompressed size in its local and central headers set to
    ``size``, as a crafted file would declare it."""
    data = bytearray(docx)
    local = data.find(b"PK\x03\x04")
    while local >= 0:
        length = int.from_bytes(data[local + 26 : local + 28], "little")
        if data[local + 30 : local + 30 + length] == name:
            data[local + 22 : local + 26] = size.to_bytes(4, "little")
        local = data.find(b"PK\x03\x04", local + 4)
    central = data.find(b"PK\x01\x02")
    while central >= 0:
        length = int.from_bytes(data[central + 28 : central + 30], "little")
        if data[central + 46 : central + 46 + length] == name:
            data[central + 24 : central + 28] = size.to_bytes(4, "little")
        central = data.find(b"PK\x01\x02", central + 4)
    return bytes(data)


def test_docx_whose_headers_lie_is_never_inflated_past_its_cap():
    # given a document.xml of 96 MB that declares 4 MB (under the cap)
    docx = _lie_about_sizes(_streamed_docx(96 * 1024 * 1024), b"word/document.xml", 4 * 1024 * 1024)
    # when
    tracemalloc.start()
    try:
        with pytest.raises(SourceError):
            text_from_upload(upload(docx, "liar.docx"))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # then: read in pieces, never more than the declared size at once
    assert peak < PEAK_MEMORY


def test_docx_with_too_many_entries_is_refused_before_its_directory_is_read():
    files: dict[str, str | bytes] = {f"word/media/image{i}.png": b"" for i in range(1001)}
    docx = make_zip(
        {
            "[Content_Types].xml": CONTENT_TYPES,
            "word/document.xml": document_xml(DOCX_BODY),
            **files,
        }
    )
    assert refused_in_both_languages(lambda: text_from_upload(upload(docx, "many.docx")))[:2] == (
        TOO_MUCH_DOCX_EN,
        TOO_MUCH_DOCX_HI,
    )


def test_docx_text_over_the_cap_is_refused_as_it_streams(settings):
    settings.DEGS_PRESSNOTE_MAX_CHARS = 100
    body = "<w:p><w:r><w:t>" + "क" * 60 + "</w:t></w:r></w:p>"
    english, hindi, _peak = refused_in_both_languages(
        lambda: text_from_upload(upload(make_docx(body * 2), "long.docx"))
    )
    assert (english, hindi) == (FILE_LONG_EN % "100", FILE_LONG_HI % "100")
    assert text_from_upload(upload(make_docx(body), "short.docx")) == "क" * 60


def _pdf(content: bytes, *, stream_keys: bytes = b"", pages_keys: bytes = b"/Count 1") -> bytes:
    """``make_pdf`` with extra keys in the content stream's and the page tree's dictionaries."""
    pdf = make_pdf(b"%%CONTENT%%")
    pdf = pdf.replace(b"/Count 1", pages_keys).replace(
        b"<< /Length 11 >>", b"<< /Length %d %s >>" % (len(content), stream_keys)
    )
    head, tail = pdf.split(b"%%CONTENT%%")
    # the cross-reference table's offsets are wrong now: pypdf finds the objects again
    return head + content + tail


def _inflating_to(size: int) -> bytes:
    packer = zlib.compressobj(9)
    chunk = b"0 0 m " * 10_000
    out = [packer.compress(b"BT /F1 12 Tf 72 700 Td (Review meeting held today) Tj ET\n")]
    out += [packer.compress(chunk) for _ in range(size // len(chunk))]
    return b"".join(out) + packer.flush()


def test_pdf_whose_stream_inflates_to_80_mb_is_refused_with_little_memory():
    # given a page whose content stream is 80 kB and inflates to 80 MB
    pdf = _pdf(_inflating_to(80 * 1024 * 1024), stream_keys=b"/Filter /FlateDecode")
    assert len(pdf) < 1024 * 1024
    # when / then: pypdf stops inflating at the stream limit
    english, hindi, peak = refused_in_both_languages(
        lambda: text_from_upload(upload(pdf, "bomb.pdf"))
    )
    assert (english, hindi) == (TOO_MUCH_PDF_EN, TOO_MUCH_PDF_HI)
    assert peak < PEAK_MEMORY


@pytest.mark.parametrize(
    "pdf",
    [
        _pdf(
            b"BT /F1 12 Tf 72 700 Td (Review meeting held today) Tj ET", pages_keys=b"/Count 5000"
        ),
        make_pdf(b"BT /F1 12 Tf 72 700 Td (Review meeting held today) Tj ET").replace(
            b"/Size 6", b"/Size 9000000"
        ),
    ],
    ids=["5000-pages", "9-million-objects"],
)
def test_pdf_declaring_too_many_pages_or_objects_is_refused_before_parsing(pdf, monkeypatch):
    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("pypdf parsed a PDF its declared sizes refuse")

    monkeypatch.setattr("pypdf.PdfReader", never)
    assert refused_in_both_languages(lambda: text_from_upload(upload(pdf, "big.pdf")))[:2] == (
        TOO_MUCH_PDF_EN,
        TOO_MUCH_PDF_HI,
    )


def test_pdf_text_over_the_cap_is_refused(settings):
    settings.DEGS_PRESSNOTE_MAX_CHARS = 20
    english, hindi, _peak = refused_in_both_languages(
        lambda: text_from_upload(upload(TEXT_PDF, "note.pdf"))
    )
    assert (english, hindi) == (FILE_LONG_EN % "20", FILE_LONG_HI % "20")
