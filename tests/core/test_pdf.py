"""Every PDF is drawn with a URL fetcher that reads only the project's own fonts: nothing a page
names can read another file of the server or make it call an address."""

from __future__ import annotations

import io
import re
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from degs.core.pdf import FONTS, RefusedURL, allowed_file, html_to_pdf


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 0, 0)).save(out, format="PNG")
    return out.getvalue()


PNG = _png()


def _contents(pdf: bytes) -> bytes:
    """The PDF with every compressed stream inflated, to search for what it carries."""
    parts = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.DOTALL):
        try:
            parts.append(zlib.decompressobj().decompress(match.group(1)))
        except zlib.error:
            continue
    return b"".join(parts)


def _page(body: str, *, head: str = "", style: str = "") -> str:
    return (
        f'<!doctype html><html><head><meta charset="utf-8">{head}<style>{style}</style></head>'
        f"<body>{body}</body></html>"
    )


@contextmanager
def recording_server() -> Iterator[tuple[str, list[str]]]:
    """A tiny HTTP server on a free local port that records every request it receives."""
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            css = self.path.endswith(".css")
            body = b"p { color: red }" if css else PNG
            self.send_response(200)
            self.send_header("Content-Type", "text/css" if css else "image/png")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", hits
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture
def listener() -> Iterator[tuple[str, list[str]]]:
    with recording_server() as server:
        yield server


# Each way a page can make WeasyPrint fetch: (head, body, style), with {url} the address.
FETCHING = {
    "img": ("", '<img src="{url}/a.png">', ""),
    "stylesheet link": ('<link rel="stylesheet" href="{url}/s.css">', "<p>x</p>", ""),
    "attachment link": ('<link rel="attachment" href="{url}/a.txt">', "<p>x</p>", ""),
    "attachment anchor": ("", '<a rel="attachment" href="{url}/b.txt">x</a>', ""),
    "@import": ("", "<p>x</p>", '@import url("{url}/i.css");'),
    "url() in a stylesheet": ("", "<p>x</p>", 'p {{ background-image: url("{url}/b.png") }}'),
    "url() in a style attribute": (
        "",
        "<p style=\"background-image: url('{url}/c.png')\">x</p>",
        "",
    ),
    "@font-face": (
        "",
        "<p>x</p>",
        '@font-face {{ font-family: X; src: url("{url}/f.ttf") }} p {{ font-family: X }}',
    ),
    "svg image": (
        "",
        '<svg width="20" height="20"><image href="{url}/d.png" width="20" height="20"/></svg>',
        "",
    ),
    "object": ("", '<object data="{url}/e.png" type="image/png"></object>', ""),
    "base href": ('<base href="{url}/">', '<img src="f.png">', ""),
}


@pytest.mark.parametrize("way", FETCHING)
def test_no_address_is_ever_requested(listener, way) -> None:
    url, hits = listener
    head, body, style = FETCHING[way]
    html_to_pdf(
        _page(
            body.format(url=url),
            head=head.format(url=url),
            style=style.format(url=url),
        )
    )
    assert hits == []


@pytest.mark.parametrize(
    "href", ["file:///proc/self/environ", "{secret}", "{relative}", "data:text/plain,secret"]
)
@pytest.mark.parametrize(
    "markup",
    ['<link rel="attachment" href="{href}">', '<a rel="attachment" href="{href}">x</a>'],
)
def test_no_file_is_attached(tmp_path, href, markup) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("DEGS_SECRET_KEY=do-not-leak")
    # The same file named relative to the fonts folder, the page's base address.
    relative = "../" * len(FONTS.parts) + str(secret).lstrip("/")
    href = href.format(secret=secret.as_uri(), relative=relative)
    pdf = html_to_pdf(_page(markup.format(href=href)))
    assert PdfReader(io.BytesIO(pdf)).attachments == {}
    contents = _contents(pdf)
    assert b"do-not-leak" not in contents
    assert b"PATH=" not in contents  # /proc/self/environ


def test_no_stylesheet_is_read_from_another_file(tmp_path) -> None:
    sheet = tmp_path / "page.css"
    sheet.write_text("@page { size: 50mm 50mm }")  # read, it would shrink the page
    for html in (
        _page("<p>x</p>", style=f'@import url("{sheet.as_uri()}");'),
        _page("<p>x</p>", head=f'<link rel="stylesheet" href="{sheet.as_uri()}">'),
    ):
        box = PdfReader(io.BytesIO(html_to_pdf(html))).pages[0].mediabox
        assert round(float(box.width)) == 595  # A4, 210 mm in points


def test_no_image_is_read_from_another_file(tmp_path) -> None:
    image = tmp_path / "photo.png"
    image.write_bytes(PNG)
    for body in (
        f'<img src="{image.as_uri()}" width="20" height="20">',
        f'<div style="width: 20px; height: 20px; background-image: url({image.as_uri()})"></div>',
    ):
        page = PdfReader(io.BytesIO(html_to_pdf(_page(body)))).pages[0]
        assert list(page.images) == []


def _font_names(pdf: bytes) -> set[str]:
    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def test_the_vendored_devanagari_font_still_loads() -> None:
    """The PDF names an embedded font after the @font-face family only when that face loaded
    (a refused or missing file falls back to a system font with its own name)."""
    style = (
        '@font-face { font-family: "DeGS Devanagari"; '
        f'src: url("{FONTS.as_uri()}/NotoSansDevanagari-Regular.ttf"); }}'
        ' body { font-family: "DeGS Devanagari"; }'
    )
    pdf = html_to_pdf(_page("<p>प्रमाण पत्र</p>", style=style))
    assert any(name.endswith("+DeGS-Devanagari") for name in _font_names(pdf))


def test_allowed_file_holds_to_its_folders_through_links_and_dots(tmp_path) -> None:
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    (fonts / "ok.ttf").write_bytes(b"font")
    outside = tmp_path / "secret.txt"
    outside.write_text("secret")
    (fonts / "link.ttf").symlink_to(outside)
    (fonts / "sub").symlink_to(tmp_path)
    roots = (fonts,)
    assert allowed_file((fonts / "ok.ttf").as_uri(), roots) == (fonts / "ok.ttf").resolve()
    assert allowed_file((fonts / "ok.ttf").as_uri() + "?v=1#x", roots).name == "ok.ttf"
    for url in (
        (fonts / "link.ttf").as_uri(),
        (fonts / "sub" / "secret.txt").as_uri(),
        fonts.as_uri() + "/../secret.txt",
        fonts.as_uri() + "/%2e%2e/secret.txt",
        fonts.as_uri(),  # a folder, not a file
        (fonts / "missing.ttf").as_uri(),
        "file://otherhost" + str(fonts / "ok.ttf"),
        "http://127.0.0.1/ok.ttf",
        "data:font/ttf;base64,AAAA",
    ):
        with pytest.raises(RefusedURL):
            allowed_file(url, roots)


def test_no_other_module_calls_weasyprint() -> None:
    """Every PDF goes through core.pdf and so through its fetcher."""
    root = Path(__file__).resolve().parents[2] / "degs"
    callers = sorted(
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "import weasyprint" in path.read_text() or "from weasyprint" in path.read_text()
    )
    assert callers == ["core/pdf.py"]
