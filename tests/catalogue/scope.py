"""The catalogue app's entries for the jurisdiction tests (tests/scope_registry.py collects
them through the app's ``scope_tests``)."""

from __future__ import annotations

from typing import Any

from degs.directory.models import Area
from tests.factories import make_designation
from tests.scope_entries import Maker, ScopedURL


def _service(block: Area, tag: str) -> Any:
    """A district's own service, in the block's district: no service is offered below that."""
    import copy

    from degs.accounts.roles import Role
    from degs.catalogue import services as catalogue
    from degs.catalogue.demo_definitions import SERVICES
    from degs.core.scoping import district_path

    make_designation("co", Role.BLOCK_OFFICER)
    return catalogue.service_publish(
        actor=None,
        area=Area.objects.get(path=district_path(block.path)),
        code=tag.lower(),
        name=f"Service {tag}",
        department="Revenue",
        law="Right to Service Act",
        time_limit_days=15,
        designated="co",
        definition=copy.deepcopy(SERVICES[0]["definition"]),
    ).service


MAKERS: dict[str, Maker] = {
    "service": Maker(_service),
}


SCOPED_URLS: list[ScopedURL] = [
    # viewer dc_a: services are district-level, so the BDO of A1 rightly sees A2's.
    ScopedURL("catalogue:service_list", "service", "list", query="q={tag}", viewer="dc_a"),
    ScopedURL("catalogue:service_detail", "service", "detail", viewer="dc_a"),
    ScopedURL("catalogue:service_edit", "service", "detail", viewer="dc_a"),
]


NOT_AREA_BOUND: dict[str, str] = {
    "catalogue:service_create": "areas offered are the user's own states and districts; service checks (tested in catalogue/test_views)",
    "catalogue:version_detail": "two URL arguments; service through Service.objects.for_user (404 tested in catalogue/test_views)",
    "api:list_services": "services of the user's own states and districts (Service.for_user)",
    "api:get_service": "Service.for_user; another state's service answers 404",
}
