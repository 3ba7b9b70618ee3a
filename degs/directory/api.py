"""Directory API: read endpoints for areas, offices, designations and posts, scoped."""

from ninja import Router

from degs.core.filters import list_operation
from degs.core.typing import AuthedRequest
from degs.directory import selectors
from degs.directory.filters import AreaFilterSet, OfficeFilterSet, PostFilterSet
from degs.directory.schemas import (
    AreaDetailOut,
    AreaOut,
    AreaRef,
    DesignationOut,
    OfficeOut,
    PostOut,
)

router = Router(tags=["directory"])


list_operation(router, "/areas/", AreaFilterSet, AreaOut, name="list_areas")


@router.get("/areas/{area_id}/", response=AreaDetailOut)
def get_area(request: AuthedRequest, area_id: int) -> object:
    area = selectors.area_get(user=request.user, pk=area_id)
    return AreaDetailOut(
        **AreaOut.from_orm(area).dict(),
        ancestors=[AreaRef.from_orm(a) for a in area.ancestors()],
        children=area.children.count(),
    )


list_operation(router, "/offices/", OfficeFilterSet, OfficeOut, name="list_offices")


@router.get("/offices/{office_id}/", response=OfficeOut)
def get_office(request: AuthedRequest, office_id: int) -> object:
    return selectors.office_get(user=request.user, pk=office_id)


@router.get("/designations/", response=list[DesignationOut])
def list_designations(request: AuthedRequest) -> object:
    return selectors.designation_list()


list_operation(router, "/posts/", PostFilterSet, PostOut, name="list_posts")


@router.get("/posts/{post_id}/", response=PostOut)
def get_post(request: AuthedRequest, post_id: int) -> object:
    return selectors.post_get(user=request.user, pk=post_id)
