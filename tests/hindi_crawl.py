"""Crawl the site in Hindi and list every English word a reader sees that is not a proper noun
or data from the database (docs/architecture.md, "Checking the Hindi pages").

Used by tests/core/test_hindi_pages.py; it can also be run against a demo database to list
what remains (see the test's docstring).
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urldefrag, urlsplit

from django.apps import apps
from django.conf import settings
from django.db import connection, models
from django.test import Client
from django.urls import NoReverseMatch, Resolver404, resolve, reverse

from tests.urlwalk import named_urls

# Names and abbreviations a Hindi page writes in Latin letters, as Hindi newspapers do.
_NOUNS = """
    DeGS CSC Aadhaar UIDAI BharatNet JharNet RajNet BSNL BBNL NIC LGD PIN QR PDF XLSX CSV API
    OpenAPI JSON HTTP HTTPS URL SMS OTP ID IDs VLE DC DM SDM SDO CO BDO DIO EDM DPRO DSP ATR
    JharSeva RajDhara GeM GFR PRAGATI DISHA DARPAN UPI IFSC PAN GB MB KB km JPEG PNG Ed Suite
    AMC UPS GSTIN
    csv xlsx txt docx
    DD MM YYYY YY
"""
PROPER_NOUNS = frozenset(_NOUNS.split())
# Hindi words the pages must not use, and the word they use instead (one term for one thing).
WRONG_HINDI = {
    "शब्दकूट": "पासवर्ड",
    "एप्लीकेशन": "आवेदन",
    "एप्लिकेशन": "आवेदन",
    "रु.": "₹",
}
# A masked digit (XXXX XXXX 1234, XX-XX-1982) is not a word.
MASK = re.compile(r"X+")

# The part of the address that is not a page a person reads (downloads answer files).
SKIP_PREFIXES = ("/admin/", "/api/", "/static/", "/media/", "/i18n/", "/logout", "/accounts/logout")

WORD = re.compile(r"[A-Za-z]+")
ATTRIBUTES = ("placeholder", "title", "aria-label", "alt")


# Not read as Hindi prose: scripts and styles; machine text a person copies exactly (file
# column names, commands, JSON keys) in code, pre, kbd and samp; what a user typed, in textareas.
MACHINE_TAGS = frozenset({"script", "style", "template", "code", "pre", "kbd", "samp", "textarea"})
VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)


class VisibleText(HTMLParser):
    """The text a person reads on a page as Hindi: element text and option texts, and the
    placeholder, title, aria-label and alt attributes; not machine text (MACHINE_TAGS) nor an
    element marked as another language (``lang="en"``: the language switcher's "English", an
    English name shown beside the Hindi one). Also the page's links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self.links: list[str] = []
        self._open: list[tuple[str, bool]] = []  # (tag, skipped) of the open elements

    @property
    def _skip(self) -> bool:
        return any(skipped for _tag, skipped in self._open)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href") and "download" not in values:
            self.links.append(values["href"] or "")
        lang = values.get("lang")
        skipped = tag in MACHINE_TAGS or (lang is not None and not lang.startswith("hi"))
        if tag not in VOID_TAGS:
            self._open.append((tag, skipped))
        if skipped or self._skip:
            return
        for name in ATTRIBUTES:
            if values.get(name):
                self.pieces.append(values[name] or "")
        if tag == "input" and values.get("type") in ("submit", "button") and values.get("value"):
            self.pieces.append(values["value"] or "")

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i][0] == tag:
                del self._open[i:]
                break

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.pieces.append(data)


def speak(client: Client, user: Any, language: str) -> Client:
    """``client`` (signed in as ``user``) reads the pages in ``language``: the user's setting
    and the language cookie, as the language switcher sets them."""
    user.language = language
    user.save(update_fields=["language"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def is_english(word: str, allowed: Collection[str] = frozenset()) -> bool:
    """A Latin-letter word read on a Hindi page is English UI text unless it is a proper noun,
    a single letter, a mask (XXXX) or ``allowed`` (the data's words: :func:`data_words`)."""
    return not (word in allowed or word in PROPER_NOUNS or len(word) == 1 or MASK.fullmatch(word))


def english_words(html: str, allowed: Collection[str] = frozenset()) -> set[str]:
    """The English words a reader sees on one page in Hindi (the crawl's check, for a test that
    fetches its own pages): ``english_words(html, data_words()) == set()``."""
    parser = VisibleText()
    parser.feed(html)
    return {w for w in WORD.findall(" ".join(parser.pieces)) if is_english(w, allowed)}


# Fields that hold a system-written sentence in English beside its Hindi twin (or a remark a
# person typed, with the twin left empty): only the typed ones are data.
SYSTEM_TEXT = {
    ("applications", "applicationevent", "remark"),
    ("centres", "centreevent", "reason"),
    ("reviews", "directiveevent", "remark"),
}
# Internal keys the pages must show as labels (a service's name, a designation's, "PDF"),
# never raw: these fields, when they hold a lower-case key ("income_certificate", "co",
# "application/pdf"); a code people write on paper ("JH-JAM-0001") is data.
CODE_FIELDS = {"code", "content_type", "kind", "status", "state", "action", "role", "party"}
INTERNAL_KEY = re.compile(r"[a-z][a-z0-9_./+-]*")
KEY_TOKEN = re.compile(r"[a-z][a-z0-9_./+-]*[a-z0-9]")


def data_words() -> set[str]:
    """Every Latin-letter word stored in the database as data a person typed or imported:
    names (both halves of a bilingual pair: a page may show the English name beside the
    Hindi one), numbers, addresses, remarks. Not a choice's code nor a code field (CODE_FIELDS:
    the page must show its label), and not the English of a system-written sentence."""
    words: set[str] = set()
    tables = set(connection.introspection.table_names())
    for model in apps.get_models():
        meta = model._meta
        if meta.db_table not in tables:
            continue
        if meta.app_label in ("admin", "contenttypes", "sessions", "auth", "axes"):
            continue
        if model.__name__.startswith("Historical"):
            continue
        names = {f.name for f in meta.concrete_fields}
        for f in meta.concrete_fields:
            if not isinstance(f, models.CharField | models.TextField | models.JSONField):
                continue
            if f.choices or f.name.endswith(("_hash", "password")):
                continue
            rows = model._default_manager.all()
            twin = f"{f.name}_hi"
            if (meta.app_label, meta.model_name, f.name) in SYSTEM_TEXT and twin in names:
                rows = rows.filter(**{twin: ""})
            for value in rows.values_list(f.name, flat=True).iterator():
                if f.name in CODE_FIELDS and INTERNAL_KEY.fullmatch(str(value)):
                    continue
                words.update(_words_of(value))
    return words


def internal_keys() -> set[str]:
    """The compound internal keys stored in the database (income_certificate, application/pdf,
    aadhaar_operator): a page shows their labels, so one seen whole is a leak even when each of
    its words is also data."""
    keys: set[str] = set()
    tables = set(connection.introspection.table_names())
    for model in apps.get_models():
        meta = model._meta
        if meta.db_table not in tables or model.__name__.startswith("Historical"):
            continue
        for f in meta.concrete_fields:
            if f.name in CODE_FIELDS and isinstance(f, models.CharField):
                for value in model._default_manager.values_list(f.name, flat=True).distinct():
                    if INTERNAL_KEY.fullmatch(str(value)) and re.search(r"[_/]", str(value)):
                        keys.add(str(value))
    return keys


def _words_of(value: object, *, in_json: bool = False) -> Iterator[str]:
    if isinstance(value, str):
        if in_json and INTERNAL_KEY.fullmatch(value):
            return  # a key inside structured data (a workflow state, a field's code)
        yield from WORD.findall(value)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _words_of(item, in_json=True)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _words_of(item, in_json=True)


@dataclass
class Leak:
    page: str
    word: str
    context: str


@dataclass
class Crawl:
    """What one crawl saw."""

    pages: list[str] = field(default_factory=list)
    leaks: list[Leak] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def start_urls() -> list[str]:
    found = []
    for url in named_urls():
        if url.kwargs:
            continue
        try:
            path = reverse(url.name)
        except NoReverseMatch:
            continue
        if not path.startswith(SKIP_PREFIXES):
            found.append(path)
    return found


def _route(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def crawl_hindi(
    client: Client,
    *,
    allowed: set[str] | frozenset[str],
    keys: set[str] | frozenset[str] = frozenset(),
    starts: Iterable[str] | None = None,
    budget: int = 300,
    per_route: int = 2,
) -> Crawl:
    """Fetch pages in Hindi from the start URLs, following links on the same site: at most
    ``per_route`` addresses of each named URL and ``budget`` pages in all."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "hi"
    result = Crawl()
    queue: deque[str] = deque(starts if starts is not None else start_urls())
    seen: set[str] = set()
    per: dict[str, int] = {}
    while queue and len(result.pages) < budget:
        path = queue.popleft()
        if path in seen:
            continue
        seen.add(path)
        route = _route(urlsplit(path).path)
        if route is None:
            continue
        if per.get(route, 0) >= per_route:
            continue
        per[route] = per.get(route, 0) + 1
        response = client.get(path, HTTP_ACCEPT_LANGUAGE="hi")
        if response.status_code >= 500:
            result.errors.append(f"{path}: {response.status_code}")
            continue
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        result.pages.append(path)
        parser = VisibleText()
        parser.feed(response.content.decode())
        text = " ".join(parser.pieces)
        for match in WORD.finditer(text):
            word = match.group()
            if not is_english(word, allowed):
                continue
            start = max(0, match.start() - 30)
            context = " ".join(text[start : match.end() + 30].split())
            result.leaks.append(Leak(path, word, context))
        for token in set(KEY_TOKEN.findall(text)) & keys:
            at = text.find(token)
            context = " ".join(text[max(0, at - 30) : at + len(token) + 30].split())
            result.leaks.append(Leak(path, token, context))
        for wrong, right in WRONG_HINDI.items():
            at = text.find(wrong)
            if at >= 0:
                context = " ".join(text[max(0, at - 30) : at + 30].split())
                result.leaks.append(Leak(path, f"{wrong} (say {right})", context))
        for href in parser.links:
            href, _fragment = urldefrag(href)
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path.startswith("/"):
                continue
            if parts.path.startswith(SKIP_PREFIXES):
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if target not in seen:
                queue.append(target)
    return result


def report(leaks: list[Leak], limit: int = 200) -> str:
    """One line per page and word (the first place each word was seen on that page)."""
    lines = []
    seen: set[tuple[str, str]] = set()
    for leak in leaks:
        if (leak.page, leak.word) in seen:
            continue
        seen.add((leak.page, leak.word))
        lines.append(f"{leak.page}: {leak.word!r} in “{leak.context}”")
    return "\n".join(lines[:limit]) + (
        f"\n… {len(lines) - limit} more" if len(lines) > limit else ""
    )
