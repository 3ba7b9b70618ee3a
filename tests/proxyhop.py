"""A real proxy hop for tests: the client-address settings as ``config/settings.py`` derives
them from ``DEGS_PROXY_COUNT``, a small threaded reverse proxy that forwards to the app the way
the documented nginx does (``proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for``), and
an HTTP client that connects from a chosen loopback address (every 127.x.y.z is this machine),
so that each "client" really arrives from its own address.
"""

from __future__ import annotations

import http.client
import os
import re
import runpy
import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

SETTINGS_FILE = Path(__file__).resolve().parent.parent / "config" / "settings.py"
CLIENT_SETTINGS = (
    "AXES_IPWARE_PROXY_ORDER",
    "AXES_IPWARE_PROXY_COUNT",
    "AXES_IPWARE_PROXY_TRUSTED_IPS",
    "AXES_IPWARE_META_PRECEDENCE_ORDER",
    "IPWARE_STRICT",
)
# Headers that belong to one connection, not to the request (RFC 9110, 7.6.1).
HOP_BY_HOP = {
    "connection",
    "keep-alive",
    "proxy-connection",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
}


def client_settings(proxy_count: int) -> dict[str, Any]:
    """What ``config/settings.py`` sets for reading the client address with this many proxies
    in front, read by running the settings file itself with ``DEGS_PROXY_COUNT`` set."""
    saved = os.environ.get("DEGS_PROXY_COUNT")
    os.environ["DEGS_PROXY_COUNT"] = str(proxy_count)
    try:
        values = runpy.run_path(str(SETTINGS_FILE))
    finally:
        if saved is None:
            del os.environ["DEGS_PROXY_COUNT"]
        else:
            os.environ["DEGS_PROXY_COUNT"] = saved
    return {name: values[name] for name in CLIENT_SETTINGS if name in values}


def apply(settings: Any, proxy_count: int) -> None:
    """Set the client-address settings for ``proxy_count`` proxies on pytest-django's
    ``settings`` fixture (undone after the test)."""
    for name, value in client_settings(proxy_count).items():
        setattr(settings, name, value)


class _Forward(BaseHTTPRequestHandler):
    """Forwards one request upstream like nginx's ``proxy_pass`` with
    ``X-Forwarded-For $proxy_add_x_forwarded_for``: what the client sent, then the address the
    client connected from."""

    protocol_version = "HTTP/1.1"
    server: _ReverseProxy

    def _forward(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
        headers.pop("X-Forwarded-For", None)
        sent = self.headers.get("X-Forwarded-For")
        peer = self.client_address[0]
        headers["X-Forwarded-For"] = f"{sent}, {peer}" if sent else peer
        upstream = http.client.HTTPConnection(*self.server.upstream, timeout=60)
        try:
            upstream.request(self.command, self.path, body=body, headers=headers)
            answer = upstream.getresponse()
            content = answer.read()
            self.send_response(answer.status)
            for name, value in answer.getheaders():
                if name.lower() not in HOP_BY_HOP | {"content-length"}:
                    self.send_header(name, value)
        finally:
            upstream.close()
        self.send_header("Content-Length", str(len(content)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(content)
        self.close_connection = True

    do_GET = do_POST = do_HEAD = _forward

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _ReverseProxy(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, upstream: tuple[str, int]) -> None:
        super().__init__(("127.0.0.1", 0), _Forward)
        self.upstream = upstream


@contextmanager
def reverse_proxy(upstream_url: str) -> Iterator[tuple[str, int]]:
    """A reverse proxy on 127.0.0.1 in front of ``upstream_url``; yields its (host, port)."""
    parts = urllib.parse.urlsplit(upstream_url)
    proxy = _ReverseProxy(("127.0.0.1", parts.port or 80))
    thread = threading.Thread(target=proxy.serve_forever, daemon=True)
    thread.start()
    try:
        yield proxy.server_address[:2]  # type: ignore[misc]
    finally:
        proxy.shutdown()
        proxy.server_close()
        thread.join(timeout=10)


class Browser:
    """A cookie-keeping HTTP client that connects to ``server`` from the loopback address
    ``source``, and fills in the CSRF token of the form it last read."""

    def __init__(self, server: tuple[str, int], source: str) -> None:
        self.server = server
        self.source = source
        self.cookies: dict[str, str] = {}
        self.csrf = ""

    def request(
        self,
        method: str,
        path: str,
        form: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, str]:
        connection = http.client.HTTPConnection(
            *self.server, timeout=60, source_address=(self.source, 0)
        )
        sent = dict(headers or {})
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode({"csrfmiddlewaretoken": self.csrf, **form})
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=sent)
            answer = connection.getresponse()
            text = answer.read().decode("utf-8", "replace")
            for name, value in answer.getheaders():
                if name.lower() == "set-cookie":
                    key, _, rest = value.partition("=")
                    self.cookies[key.strip()] = rest.split(";", 1)[0]
        finally:
            connection.close()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text)
        if token:
            self.csrf = token.group(1)
        return answer.status, text

    def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, str]:
        return self.request("GET", path, headers=headers)

    def post(
        self, path: str, form: dict[str, str], headers: dict[str, str] | None = None
    ) -> tuple[int, str]:
        return self.request("POST", path, form=form, headers=headers)

    def sign_in(self, username: str, password: str, headers: dict[str, str] | None = None) -> int:
        """The answer's status: 302 signed in, 200 refused, 429 locked out."""
        self.get("/accounts/login/", headers=headers)
        status, _ = self.post(
            "/accounts/login/", {"username": username, "password": password}, headers=headers
        )
        if status == 302:
            self.cookies.pop("sessionid", None)  # signed in once is enough; start afresh
        return status
