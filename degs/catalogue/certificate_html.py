"""Certificate templates cleaned to an allow-list of tags, attributes and style properties.

A template is HTML written by a state or district administrator and drawn into the certificate
PDF. It may set out text (headings, paragraphs, lists, tables) and style it, and nothing else:
no element that fetches or embeds (``<link>``, ``<img>``, ``<object>``, ``<svg>``), no
``<style>`` or ``<script>`` (removed with their content), no event or URL attribute, and in a
``style`` attribute only the properties below, none of which takes a ``url()``. The cleaning is
Ammonia's (through ``nh3``), not a home-made parser. ``core.pdf`` refuses every fetch besides;
this keeps what is stored, and shown to the next administrator, free of it too.

``clean_certificate_html`` also says what it removed, so that nothing is dropped silently: the
service page tells the administrator, and ``service_publish`` refuses a template that is not
already clean.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser

import nh3
import tinycss2
from django.utils.translation import gettext

TAGS = frozenset(
    {
        "h1", "h2", "h3", "h4", "h5", "h6", "p", "div", "span", "br", "hr", "blockquote",
        "strong", "b", "em", "i", "u", "s", "small", "sub", "sup", "abbr",
        "ul", "ol", "li", "dl", "dt", "dd",
        "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td",
    }
)  # fmt: skip
ATTRIBUTES = {
    "*": {"class", "lang", "dir", "style", "title"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "type"},
}
# Layout and type only: none of these takes an image or another resource.
STYLE_PROPERTIES = frozenset(
    {
        "text-align", "text-indent", "text-decoration", "text-transform", "vertical-align",
        "font-size", "font-weight", "font-style", "letter-spacing", "word-spacing",
        "line-height", "white-space", "color", "background-color",
        "margin", "margin-top", "margin-right", "margin-bottom", "margin-left",
        "padding", "padding-top", "padding-right", "padding-bottom", "padding-left",
        "border", "border-top", "border-right", "border-bottom", "border-left",
        "border-width", "border-style", "border-color", "border-collapse", "border-spacing",
        "width", "min-width", "max-width", "height", "min-height", "max-height",
        "list-style-type", "break-before", "break-after", "break-inside",
        "page-break-before", "page-break-after", "page-break-inside",
    }
)  # fmt: skip
# Removed with everything inside them, not only the tags.
CONTENT_TAGS = frozenset(
    {"script", "style", "title", "template", "noscript", "iframe", "object", "svg", "math"}
)

_CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    clean_content_tags=set(CONTENT_TAGS),
    attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
    url_schemes=set(),
    link_rel=None,
    strip_comments=True,
    filter_style_properties=set(STYLE_PROPERTIES),
)


def _style_properties(style: str) -> list[str]:
    return [
        node.lower_name
        for node in tinycss2.parse_blocks_contents(style, skip_whitespace=True, skip_comments=True)
        if node.type == "declaration"
    ]


class _Inventory(HTMLParser):
    """Counts the tags, attributes, style properties and comments of an HTML fragment."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: Counter[str] = Counter()
        self.attributes: Counter[tuple[str, str]] = Counter()
        self.styles: Counter[tuple[str, str]] = Counter()
        self.comments = 0
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        for name, value in attrs:
            self.attributes[(tag, name)] += 1
            if name == "style":
                for prop in _style_properties(value or ""):
                    self.styles[(tag, prop)] += 1

    def handle_comment(self, data: str) -> None:
        self.comments += 1


@dataclass
class Removed:
    """What cleaning took out of a template."""

    tags: list[str] = field(default_factory=list)
    attributes: list[tuple[str, str]] = field(default_factory=list)
    styles: list[tuple[str, str]] = field(default_factory=list)
    comments: int = 0

    def __bool__(self) -> bool:
        return bool(self.tags or self.attributes or self.styles or self.comments)

    def describe(self) -> str:
        """One line in the active language, e.g. "<link>; the onclick attribute of <p>"."""
        parts = [f"<{tag}>" for tag in self.tags]
        parts += [
            gettext("the %(attribute)s attribute of <%(tag)s>") % {"attribute": name, "tag": tag}
            for tag, name in self.attributes
        ]
        parts += [
            gettext("%(property)s in the style of <%(tag)s>") % {"property": prop, "tag": tag}
            for tag, prop in self.styles
        ]
        if self.comments:
            parts.append(gettext("comments"))
        return "; ".join(parts)


@dataclass
class Cleaned:
    html: str
    removed: Removed


def clean_certificate_html(text: str) -> Cleaned:
    """The template cleaned to the allow-list, and what that removed (by comparing what the
    template had with what the cleaned one has, so the report follows Ammonia exactly)."""
    html = _CLEANER.clean(text)
    before, after = _Inventory(text), _Inventory(html)
    tags = sorted((before.tags - after.tags).keys())
    removed = Removed(
        tags=tags,
        # the attributes of a removed element go with it, unnamed
        attributes=sorted(k for k in (before.attributes - after.attributes) if k[0] not in tags),
        styles=sorted((before.styles - after.styles).keys()),
        comments=before.comments,
    )
    return Cleaned(html=html, removed=removed)
