"""The centres app's entries for the jurisdiction tests (tests/scope_registry.py collects
them through the app's ``scope_tests``)."""

from __future__ import annotations

from typing import Any

from degs.directory.choices import AreaKind
from degs.directory.models import Area
from tests.directory.scope import _post
from tests.factories import make_area
from tests.scope_entries import Maker, ScopedURL


def _centre(block: Area, tag: str) -> Any:
    """An active Pragya Kendra serving a new panchayat of the block."""
    from degs.centres import services as centres

    gp = make_area(AreaKind.GRAM_PANCHAYAT, f"Centre place {tag}", block)
    return centres.centre_create(
        actor=None,
        code=tag,
        name=f"Centre {tag}",
        kind="pragya_kendra",
        area=gp,
        status="active",
        operator=_operator(block, tag),
    )


def _operator(block: Area, tag: str) -> Any:
    import random

    from degs.centres import services as centres

    mobile = "9" + "".join(random.choice("0123456789") for _ in range(9))
    return centres.operator_create(actor=None, area=block, name=f"Operator {tag}", mobile=mobile)


def _inspection(block: Area, tag: str) -> Any:
    from degs.centres.models import Inspection
    from tests.factories import UserFactory

    return Inspection.objects.create(
        centre=_centre(block, tag),
        inspector=UserFactory(),
        result="functional",
        remarks=f"Remarks {tag}",
    )


def _photo(block: Area, tag: str) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from degs.centres.models import InspectionPhoto

    return InspectionPhoto.objects.create(
        inspection=_inspection(block, tag),
        file=SimpleUploadedFile(f"{tag}.png", b"\x89PNG\r\n\x1a\n"),
        content_type="image/png",
        size=8,
        width=1,
        height=1,
    )


def _draw(block: Area, tag: str) -> Any:
    """A surprise draw for a post of the block, holding one centre of the block."""
    import datetime as dt

    from degs.centres.models import Draw, DrawItem
    from tests.factories import UserFactory

    post = _post(block, tag)
    draw = Draw.objects.create(
        post=post,
        area=block,
        period="month",
        period_start=dt.date(2026, 11, 1),
        period_end=dt.date(2026, 11, 30),
        size=1,
        seed=1,
        window_days=45,
        drawn_by=UserFactory(),
    )
    DrawItem.objects.create(draw=draw, centre=_centre(block, tag), rank=1, weight=1.0)
    return draw


def _quota(block: Area, tag: str) -> Any:
    """A monthly inspection quota of a post of the block."""
    from degs.centres.models import InspectionQuota

    return InspectionQuota.objects.create(post=_post(block, tag), count=1, period="month")


def _centre_set(block: Area, tag: str) -> Any:
    from degs.centres.models import CentreSet

    return CentreSet.objects.create(name=f"Set {tag}", area=block, goal="active")


def _operator_id(block: Area, tag: str) -> Any:
    import datetime as dt

    from degs.centres.models import IdType, OperatorId

    id_type, _ = IdType.objects.get_or_create(
        state=Area.objects.get(path=block.path[:9]),
        code="jharseva",
        defaults={"name": "JharSeva ID"},
    )
    return OperatorId.objects.create(
        operator=_operator(block, tag),
        id_type=id_type,
        applied_on=dt.date(2026, 1, 1),
        application_reference=f"Ref {tag}",
    )


MAKERS: dict[str, Maker] = {
    "centre": Maker(_centre),
    "operator": Maker(_operator),
    "operator_id": Maker(_operator_id),
    "inspection": Maker(_inspection),
    "photo": Maker(_photo),
    "draw": Maker(_draw),
    "centre_set": Maker(_centre_set),
    "quota": Maker(_quota),
}


SCOPED_URLS: list[ScopedURL] = [
    ScopedURL("centres:centre_list", "centre", "list", query="q={tag}"),
    ScopedURL("centres:centre_detail", "centre", "detail"),
    ScopedURL("centres:centre_edit", "centre", "detail", viewer="dc_a"),
    ScopedURL("centres:inspection_create", "centre", "detail"),
    ScopedURL("centres:operator_list", "operator", "list", query="q={tag}"),
    ScopedURL("centres:operator_detail", "operator", "detail"),
    ScopedURL("centres:operator_edit", "operator", "detail", viewer="dc_a"),
    ScopedURL("centres:inspections", "inspection", "list"),
    ScopedURL("centres:inspection_detail", "inspection", "detail"),
    ScopedURL("centres:photo", "photo", "detail"),
    ScopedURL("centres:draw_detail", "draw", "detail"),
    ScopedURL("centres:set_list", "centre_set", "list"),
    ScopedURL("centres:set_detail", "centre_set", "detail"),
    ScopedURL("api:list_centres", "centre", "list", query="q={tag}&limit=100"),
    ScopedURL("api:get_centre", "centre", "detail", kwarg="centre_id"),
    ScopedURL("api:list_operators", "operator", "list", query="q={tag}&limit=100"),
    ScopedURL("api:get_operator", "operator", "detail", kwarg="operator_id"),
    ScopedURL("api:list_operator_ids", "operator_id", "list", query="limit=100"),
    ScopedURL("api:list_quotas", "quota", "list", query="limit=100"),
    ScopedURL("api:list_draws", "draw", "list", query="limit=100"),
    ScopedURL("api:get_draw", "draw", "detail", kwarg="draw_id"),
    ScopedURL("api:list_inspections", "inspection", "list", query="limit=100"),
    ScopedURL("api:get_inspection", "inspection", "detail", kwarg="inspection_id"),
]


NOT_AREA_BOUND: dict[str, str] = {
    "centres:centre_create": "areas and operators offered are the user's own; service checks",
    "centres:centre_transition": "POST; centre through visible_to (tested in centres/test_views)",
    "centres:operator_create": "areas offered are the user's own; service checks",
    "centres:operator_id_add": "POST; operator through visible_to",
    "centres:operator_id_update": "POST; ID through visible_to (tested in centres/test_views)",
    "centres:report": "each list starts from visible_to (tested in centres/test_views)",
    "centres:inspection_decide": "POST; inspection through visible_to (tested)",
    "centres:inspection_fine_waive": "POST; inspection through inspection_get (visible_to); "
    "the service checks who may waive (centres/test_fines)",
    "centres:draw_create": "POST; quota through visible_to (tested in centres/test_views)",
    "centres:locator": "public: active centres only, what a citizen needs",
    "centres:import": "the user's own uploads; writes are checked per row",
    "centres:import_apply": "the uploader's own batch only",
    "centres:import_progress": "the uploader's own batch only",
    "centres:export": "rows through visible_to (tested in centres/test_importing)",
    "api:create_centre": "POST; area and operator through visible_to, else 422 (centres/test_api)",
    "api:update_centre": "PATCH; centre through visible_to (404 tested in centres/test_api)",
    "api:transition_centre": "POST; centre through visible_to (404 tested in centres/test_api)",
    "api:create_operator_id": "POST; operator through visible_to (404 tested in centres/test_api)",
    "api:update_operator_id": "POST; ID through visible_to (404 tested in centres/test_api)",
    "api:create_draw": "POST; quota through visible_to (404 tested in centres/test_api)",
    "api:create_inspection": "POST; centre through visible_to, else 422 (centres/test_api)",
    "api:decide_inspection": "POST; inspection through visible_to (404 tested in centres/test_api)",
}


PUBLIC_URLS: set[str] = {
    "centres:locator",
}
