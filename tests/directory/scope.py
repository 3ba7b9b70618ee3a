"""The directory app's entries for the jurisdiction tests (tests/scope_registry.py collects
them through the app's ``scope_tests``)."""

from __future__ import annotations

from typing import Any

from degs.directory.choices import AreaKind, OfficeKind
from degs.directory.models import Area
from tests.factories import make_area, make_designation, make_office, make_post
from tests.scope_entries import Maker, ScopedURL


def _area(block: Area, tag: str) -> Area:
    gp = make_area(AreaKind.GRAM_PANCHAYAT, f"GP {tag}", block)
    return make_area(AreaKind.VILLAGE, f"Village {tag}", gp)


def _office(block: Area, tag: str) -> Any:
    return make_office(block, f"Office {tag}", OfficeKind.PANCHAYAT_BHAWAN)


def _post(block: Area, tag: str) -> Any:
    area = make_area(AreaKind.GRAM_PANCHAYAT, f"Post place {tag}", block)
    return make_post(make_designation("panchayat_secretary"), area)


MAKERS: dict[str, Maker] = {
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
    ScopedURL("api:list_areas", "area", "list", query="q={tag}"),
    ScopedURL("api:get_area", "area", "detail", kwarg="area_id"),
    ScopedURL("api:list_offices", "office", "list", query="q={tag}"),
    ScopedURL("api:get_office", "office", "detail", kwarg="office_id"),
    ScopedURL("api:list_posts", "post", "list", query="designation=panchayat_secretary&limit=100"),
    ScopedURL("api:get_post", "post", "detail", kwarg="post_id"),
]


NOT_AREA_BOUND: dict[str, str] = {
    "directory:area_tree": "starts at the user's own roots (tested in test_views)",
    "directory:designation_list": "designations are not area-bound",
    "directory:holiday_list": "holidays of the user's state and district (tested in test_selectors)",
    "directory:import_start": "the user's own uploads; writes are checked per row",
    "directory:import_detail": "the uploader's own batch only (tested)",
    "directory:import_apply": "the uploader's own batch only (tested)",
    "directory:import_progress": "the uploader's own batch only (tested in imports)",
    "api:list_designations": "designations are not area-bound",
    "directory:district_settings": "a district through area_get (visible_to; another "
    "district answers 404); only its administration may open it (centres/test_position)",
}
