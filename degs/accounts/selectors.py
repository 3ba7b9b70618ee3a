"""Reads about users: their jurisdiction, roles, posts and tokens."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from degs.accounts.models import ApiToken, Notice, RoleGrant
from degs.core import memo

# The permission checks live in degs.core.permissions; these names stay importable from here.
from degs.core.permissions import require_capability as require_capability
from degs.core.permissions import require_section as require_section
from degs.core.permissions import user_can as user_can
from degs.core.permissions import user_may_open as user_may_open
from degs.core.scoping import Jurisdiction, minimal_paths
from degs.directory.choices import AreaKind
from degs.directory.models import Area, PostHolding
from degs.directory.selectors import user_current_holdings as user_current_holdings

if TYPE_CHECKING:
    from degs.accounts.models import User


def user_jurisdiction(user: User) -> Jurisdiction:
    """Areas and roles from the user's grants and from the posts they hold today (1 query).
    Kept in the process's memo when the cache is shared (``degs.core.memo``): any change to
    grants, holdings, posts or areas is seen everywhere within a second."""
    if user.is_superuser:
        return Jurisdiction(everywhere=True)
    if not memo.shared_cache():
        return _read_jurisdiction(user)
    return memo.remembered(
        ("jurisdiction", user.pk, timezone.localdate()), lambda: _read_jurisdiction(user)
    )


def _read_jurisdiction(user: User) -> Jurisdiction:
    granted = RoleGrant.objects.filter(user=user, area__is_active=True).values_list(
        "role", "area__path"
    )
    held = (
        PostHolding.objects.current()
        .filter(user=user, post__is_active=True)
        .exclude(post__designation__default_role="")
        .values_list("post__designation__default_role", "post__area__path")
    )
    roles: set[tuple[str, str]] = set(granted.order_by().union(held.order_by(), all=True))
    return Jurisdiction(paths=minimal_paths(path for _, path in roles), roles=frozenset(roles))


def users_with_capability(*, capability: str, paths: Iterable[str]) -> list[User]:
    """Active users holding, at exactly one of the area ``paths``, a role (granted, or through
    a post they hold today) that carries ``capability``: whom to tell when it is needed."""
    found = users_by_area_path(capabilities=[capability], paths=paths)
    unique = {user.pk: user for users in found.values() for user in users}
    return [unique[pk] for pk in sorted(unique)]


def users_by_area_path(
    *, capabilities: Iterable[str], paths: Iterable[str]
) -> dict[str, list[User]]:
    """For each of the area ``paths``, the active users holding there a role (granted, or
    through a post they hold today) that carries any of ``capabilities``, in id order: three
    queries for all the paths (a sweep tells the people of many areas at once)."""
    from degs.accounts.models import User
    from degs.core.permissions import ROLE_CAPABILITIES

    wanted = set(capabilities)
    roles = [role for role, caps in ROLE_CAPABILITIES.items() if caps & wanted]
    places = sorted(set(paths))
    holders = (
        PostHolding.objects.current()
        .filter(
            post__area__path__in=places,
            post__designation__default_role__in=roles,
            post__is_active=True,
        )
        .values_list("post__area__path", "user_id")
    )
    granted = RoleGrant.objects.filter(area__path__in=places, role__in=roles).values_list(
        "area__path", "user_id"
    )
    pairs = {*holders, *granted}
    users = User.objects.filter(pk__in={user_id for _, user_id in pairs}, is_active=True).in_bulk()
    found: dict[str, list[User]] = {path: [] for path in places}
    for path, user_id in sorted(pairs):
        if user_id in users:
            found[path].append(users[user_id])
    return found


def user_role_grants(*, user: User) -> QuerySet[RoleGrant]:
    return RoleGrant.objects.filter(user=user).select_related("area")


def user_roots(*, user: User) -> QuerySet[Area]:
    """The top areas of the user's jurisdiction."""
    return Area.objects.roots_for(user).order_by("path")


def api_token_list(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)


def user_list(*, user: Any) -> QuerySet[User]:
    """People with a role or a current post in the viewer's areas; their filters are
    ``accounts.filters.UserFilterSet``."""
    from degs.accounts.models import User

    qs = User.objects.visible_to(user).filter(is_active=True)
    return qs.prefetch_related("role_grants__area").order_by("username")


def user_get(*, user: Any, pk: int) -> User:
    from degs.accounts.models import User

    return get_object_or_404(User.objects.visible_to(user), pk=pk)


def manageable_areas(*, user: Any) -> QuerySet[Area]:
    """Areas a role may be given in (choices for a form): every visible area down to the gram
    panchayat; villages and wards are too fine for a role."""
    return (
        Area.objects.visible_to(user)
        .exclude(kind__in=[AreaKind.VILLAGE, AreaKind.WARD])
        .filter(is_active=True)
        .order_by("path")
    )


def notice_list(*, user: User) -> QuerySet[Notice]:
    """The user's own notices, newest first."""
    return Notice.objects.filter(user=user)


def notice_unread_count(*, user: User) -> int:
    return Notice.objects.filter(user=user, read_at__isnull=True).count()
