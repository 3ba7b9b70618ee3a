"""The shapes of the jurisdiction tests' entries (see tests/scope_registry.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Maker:
    """Makes one row of a model inside ``block`` and returns it with text that identifies it."""

    make: Callable[[Any, str], Any]  # (block, unique tag) -> object; the tag must be shown


@dataclass(frozen=True)
class ScopedURL:
    name: str  # URL name, e.g. "directory:office_detail" or "api:get_office"
    maker: str  # key in MAKERS
    kind: str  # "list" or "detail"
    kwarg: str = "pk"  # for details: the URL keyword that takes the object's id
    query: str = ""  # for lists: a query string that makes the row show on the first page
    # Who looks: the BDO of A1 by default. Pages for a capability the BDO lacks are checked as
    # the DC of district A, who must see blocks A1 and A2 but nothing of district B.
    viewer: str = "bdo_a1"
    # For details: what the viewer's own row answers. 403 where the row is seen but this
    # page is only for those who act on it (see tests/applications/test_disclosure.py).
    own_status: int = 200
