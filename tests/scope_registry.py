"""The jurisdiction check's registry: every page and API endpoint that shows area-bound rows.

An app registers, for each model it shows, how to make one row inside a given block
(``Maker``), and then each list and detail URL that shows it (``ScopedURL``). The check in
``tests/core/test_jurisdiction.py`` signs in as the BDO of block A1 and, for every registered
URL, asserts that rows made in block A1 are shown and rows made in block B1 (another district)
and block A2 (same district) are absent from lists and answer 404 in details.

Every URL of the project must be registered here or listed in ``NOT_AREA_BOUND`` with the
reason; ``test_every_url_is_classified`` fails otherwise, so a later app cannot forget.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from degs.directory.choices import AreaKind, OfficeKind
from degs.directory.models import Area
from tests.factories import make_area, make_designation, make_office, make_post


@dataclass(frozen=True)
class Maker:
    """Makes one row of a model inside ``block`` and returns it with text that identifies it."""

    make: Callable[[Area, str], Any]  # (block, unique tag) -> object; the tag must be shown


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


def _area(block: Area, tag: str) -> Area:
    gp = make_area(AreaKind.GRAM_PANCHAYAT, f"GP {tag}", block)
    return make_area(AreaKind.VILLAGE, f"Village {tag}", gp)


def _office(block: Area, tag: str) -> Any:
    return make_office(block, f"Office {tag}", OfficeKind.PANCHAYAT_BHAWAN)


def _post(block: Area, tag: str) -> Any:
    area = make_area(AreaKind.GRAM_PANCHAYAT, f"Post place {tag}", block)
    return make_post(make_designation("panchayat_secretary"), area)


def _user(block: Area, tag: str) -> Any:
    from degs.accounts.roles import Role
    from tests.factories import UserFactory, grant

    person = UserFactory(username=f"user_{tag}", full_name=f"Person {tag}")
    grant(person, Role.VIEWER, block)
    return person


MAKERS: dict[str, Maker] = {
    "user": Maker(_user),
    "area": Maker(_area),
    "office": Maker(_office),
    "post": Maker(_post),
}

SCOPED_URLS: list[ScopedURL] = [
    ScopedURL("directory:area_list", "area", "list", query="q={tag}"),
    ScopedURL("directory:area_detail", "area", "detail"),
    ScopedURL("directory:area_children", "area", "detail"),
    ScopedURL("directory:office_list", "office", "list", query="q={tag}"),
    ScopedURL("directory:office_detail", "office", "detail"),
    ScopedURL("directory:post_list", "post", "list", query="designation=panchayat_secretary"),
    ScopedURL("directory:post_detail", "post", "detail"),
    ScopedURL("directory:export", "area", "list", query="kind=areas&format=csv"),
    ScopedURL("accounts:user_list", "user", "list", query="q={tag}", viewer="dc_a"),
    ScopedURL("accounts:user_detail", "user", "detail", viewer="dc_a"),
    ScopedURL("api:list_areas", "area", "list", query="q={tag}"),
    ScopedURL("api:get_area", "area", "detail", kwarg="area_id"),
    ScopedURL("api:list_offices", "office", "list", query="q={tag}"),
    ScopedURL("api:get_office", "office", "detail", kwarg="office_id"),
    ScopedURL("api:list_posts", "post", "list", query="designation=panchayat_secretary&limit=1000"),
    ScopedURL("api:get_post", "post", "detail", kwarg="post_id"),
]

# URLs that show no area-bound rows, or only the signed-in user's own, with the reason.
NOT_AREA_BOUND: dict[str, str] = {
    "core:home": "shows the user's own posts and areas, through the same selectors",
    "core:healthz": "public health check, no data",
    "accounts:login": "public",
    "accounts:logout": "signs out",
    "accounts:password_change": "the user's own password",
    "accounts:profile": "the user's own posts, roles and tokens",
    "accounts:token_create": "the user's own tokens",
    "accounts:token_revoke": "the user's own tokens; another user's answers 404 (tested)",
    "set_language": "public language switch",
    "javascript-catalog": "public translations",
    "accounts:user_create": "creates a user with a role only in the creator's areas (tested)",
    "accounts:role_grant_revoke": "grants outside the actor's areas answer 404 (tested)",
    "directory:area_tree": "starts at the user's own roots (tested in test_views)",
    "directory:designation_list": "designations are not area-bound",
    "directory:holiday_list": "holidays of the user's state and district (tested in test_selectors)",
    "directory:import_start": "the user's own uploads; writes are checked per row",
    "directory:import_detail": "the uploader's own batch only (tested)",
    "directory:import_apply": "the uploader's own batch only (tested)",
    "api:list_designations": "designations are not area-bound",
    "api:me": "the caller's own record",
    "api:openapi-json": "public API description",
    "api:api-root": "django-ninja's root, answers 404",
    "api:openapi-view": "public API documentation",
}

# Reachable without signing in.
PUBLIC_URLS = {
    "accounts:login",
    "set_language",
    "javascript-catalog",
    "core:healthz",
    "api:openapi-json",
    "api:openapi-view",
    "api:api-root",
}
