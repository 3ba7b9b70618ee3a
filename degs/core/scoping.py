"""Jurisdiction: the one mechanism that scopes every read and write to a user's areas.

Areas carry a materialised ``path`` ("00000001/00000007/..."): everything under an area is the
rows whose path starts with the area's path, one indexed query at any depth. A user's
jurisdiction is the set of area paths they may act in (explicit role grants plus the areas of
the posts they hold today). ``ScopedQuerySet.visible_to(user)`` filters any area-bound model by
it; out of scope is then indistinguishable from not found.

The resolver that computes a user's jurisdiction lives in the accounts app and is named by the
``DEGS_JURISDICTION_RESOLVER`` setting, so this module imports no domain model.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.module_loading import import_string

from degs.core import memo

# A signed-in user, an anonymous one or None: anything with is_authenticated.
AnyUser = Any

PATH_SEGMENT_WIDTH = 8
PATH_STEP = PATH_SEGMENT_WIDTH + 1  # digits plus the "/" separator


def path_segment(pk: int) -> str:
    """The fixed-width piece one area adds to its children's paths."""
    return f"{pk:0{PATH_SEGMENT_WIDTH}d}/"


def path_key(path: str) -> int:
    """The key of the area at ``path``: its last segment (``path_segment`` read back)."""
    return int(path[-PATH_STEP:-1])


def root_path(path: str) -> str:
    """The path of the topmost area above (or at) ``path``: its state."""
    return path[:PATH_STEP]


# States are the roots (depth 0); districts are the second level.
DISTRICT_DEPTH = 1


def district_path(path: str) -> str:
    """The path of the second-level area above (or at) ``path``: its district."""
    return path[: 2 * PATH_STEP]


def ancestor_paths(path: str) -> list[str]:
    """Paths of every ancestor of the area at ``path``, root first, itself excluded."""
    return [path[:end] for end in range(PATH_STEP, len(path), PATH_STEP)]


def minimal_paths(paths: Iterable[str]) -> tuple[str, ...]:
    """Drop paths that lie under another path of the set (their rows are already covered)."""
    result: list[str] = []
    for path in sorted(set(paths), key=len):
        if not any(path.startswith(kept) for kept in result):
            result.append(path)
    return tuple(sorted(result))


@dataclass(frozen=True)
class Jurisdiction:
    """Where a user may act, and with which roles in each place."""

    everywhere: bool = False
    paths: tuple[str, ...] = ()
    # (role, area path) pairs; a role held at a path holds for everything under it.
    roles: frozenset[tuple[str, str]] = field(default_factory=frozenset)

    def covers(self, path: str) -> bool:
        return self.everywhere or any(path.startswith(p) for p in self.paths)

    def roles_at(self, path: str) -> set[str]:
        """The roles that apply to an area at ``path``."""
        return {role for role, where in self.roles if path.startswith(where)}

    def role_names(self) -> set[str]:
        return {role for role, _ in self.roles}


NOWHERE = Jurisdiction()


@cache
def _resolver() -> Callable[[Any], Jurisdiction]:
    resolver: Callable[[Any], Jurisdiction] = import_string(settings.DEGS_JURISDICTION_RESOLVER)
    return resolver


def jurisdiction_of(user: AnyUser | None) -> Jurisdiction:
    """The user's jurisdiction, computed once per user object (so once per request)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return NOWHERE
    cached = getattr(user, "_degs_jurisdiction", None)
    if cached is None:
        cached = _resolver()(user)
        user._degs_jurisdiction = cached
    return cached


def forget_jurisdiction(user: AnyUser) -> None:
    """Call after changing a user's grants or posts within the same request."""
    if hasattr(user, "_degs_jurisdiction"):
        del user._degs_jurisdiction


def under_q(lookup: str, paths: Iterable[str]) -> Q:
    """Q matching rows whose area path (reached by ``lookup``) lies under any of ``paths``."""
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(**{f"{lookup}__startswith": path})
    return condition


def _district_keys(areas: models.Manager, paths: tuple[str, ...]) -> list[int]:
    """The keys of the districts at, above or below ``paths``, named in the query as values:
    PostgreSQL then estimates each district's rows from its statistics. Through a subquery it
    guesses a few dozen rows for a whole state's 80,000 open applications, and sorts them on
    disk to group them where a hash of a few hundred groups would do (docs/performance.md).

    A path inside a district names it: the district's path ends in its key. Only a
    state's districts are read, and kept in the reference memo (``degs.core.memo``): a
    district added is seen within a second, like every change of areas."""
    wanted = minimal_paths(district_path(p) for p in paths)
    keys = {path_key(p) for p in wanted if len(p) > PATH_STEP}
    states = tuple(p for p in wanted if len(p) <= PATH_STEP)
    if states:
        keys.update(
            memo.remembered(
                ("district-keys", areas.model._meta.label, states),
                lambda: list(
                    areas.filter(under_q("path", states), depth=DISTRICT_DEPTH).values_list(
                        "pk", flat=True
                    )
                ),
            )
        )
    return sorted(keys)


class ScopedQuerySet(models.QuerySet):
    """Base queryset for every area-bound model.

    Subclasses set ``area_path_lookup`` to the lookup reaching the area's path from the model
    (``"path"`` on Area itself, ``"area__path"`` on Office, ``"post__area__path"`` ...).
    """

    area_path_lookup: str = "area__path"
    # For large tables: the name of the foreign key to the area. Scoping then asks for the rows
    # whose area is one of the areas under the paths (a subquery on the area table's path
    # index, then this table's index on the key) instead of joining every row to its area.
    area_field: str = ""
    # With ``area_field``: the name of a foreign key to the row's district (the second-level
    # area), kept on rows of very large tables. Scoping then names the districts too, so that
    # indexes beginning with the district serve a district's reports; a user whose areas are
    # whole districts or states is scoped by the district alone.
    district_field: str = ""
    # The roles whose areas show this model's rows; None: every role the user holds. A model
    # that only some roles may read (citizens' applications) names them.
    seeing_roles: frozenset[str] | None = None

    def _seeing_paths(self, jurisdiction: Jurisdiction) -> tuple[str, ...]:
        if self.seeing_roles is None:
            return jurisdiction.paths
        return minimal_paths(path for role, path in jurisdiction.roles if role in self.seeing_roles)

    def _under_paths(self, paths: Iterable[str]) -> Self:
        if self.area_field:
            paths = minimal_paths(paths)
            area_model = self.model._meta.get_field(self.area_field).related_model
            areas = area_model._default_manager
            if self.district_field:
                rows = self.filter(**{f"{self.district_field}__in": _district_keys(areas, paths)})
                if all(len(p) <= len(district_path(p)) for p in paths):
                    return rows  # every area is a district or a state: the district says all
                return rows.filter(
                    **{f"{self.area_field}__in": areas.filter(under_q("path", paths)).values("pk")}
                )
            return self.filter(
                **{f"{self.area_field}__in": areas.filter(under_q("path", paths)).values("pk")}
            )
        return self.filter(under_q(self.area_path_lookup, paths))

    def visible_to(self, user: AnyUser | None) -> Self:
        """Rows inside the user's jurisdiction; nothing for anonymous or inactive users."""
        jurisdiction = jurisdiction_of(user)
        if jurisdiction.everywhere:
            return self.all()
        paths = self._seeing_paths(jurisdiction)
        if not paths:
            return self.none()
        return self._under_paths(paths)

    def visible_one(self, user: AnyUser | None, **lookup: Any) -> Any:
        """The one row ``lookup`` names if the user sees it, else None: read by the lookup
        alone and checked against the jurisdiction in Python. The same answer as
        ``visible_to(user).filter(**lookup).first()`` without the scoping subquery, for reads
        made on every request; ``select_related`` the area so that the check needs no query."""
        row = self.filter(**lookup).first()
        if row is None:
            return None
        jurisdiction = jurisdiction_of(user)
        if jurisdiction.everywhere:
            return row
        path: Any = row
        for part in self.area_path_lookup.split("__"):
            path = getattr(path, part, None) if path is not None else None
        seen = isinstance(path, str) and any(
            path.startswith(p) for p in self._seeing_paths(jurisdiction)
        )
        return row if seen else None

    def under(self, path: str) -> Self:
        """Rows in the area at ``path`` or anywhere below it."""
        return self._under_paths([path])
