"""Directory API: read endpoints for areas, offices, designations and posts, scoped."""

from ninja import Router
from ninja.pagination import paginate

from degs.core.api import Pagination
from degs.core.filters import filtered
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


@router.get("/areas/", response=list[AreaOut])
@paginate(Pagination)
@filtered(AreaFilterSet)
def list_areas(request: AuthedRequest, filters: AreaFilterSet) -> object:
    return filters.qs


@router.get("/areas/{area_id}/", response=AreaDetailOut)
def get_area(request: AuthedRequest, area_id: int) -> object:
    area = selectors.area_get(user=request.user, pk=area_id)
    return AreaDetailOut(
        **AreaOut.from_orm(area).dict(),
        ancestors=[AreaRef.from_orm(a) for a in area.ancestors()],
        children=area.children.count(),
    )


@router.get("/offices/", response=list[OfficeOut])
@paginate(Pagination)
@filtered(OfficeFilterSet)
def list_offices(request: AuthedRequest, filters: OfficeFilterSet) -> object:
    return filters.qs


@router.get("/offices/{office_id}/", response=OfficeOut)
def get_office(request: AuthedRequest, office_id: int) -> object:
    return selectors.office_get(user=request.user, pk=office_id)


@router.get("/designations/", response=list[DesignationOut])
def list_designations(request: AuthedRequest) -> object:
    return selectors.designation_list()


@router.get("/posts/", response=list[PostOut])
@paginate(Pagination)
@filtered(PostFilterSet)
def list_posts(request: AuthedRequest, filters: PostFilterSet) -> object:
    return filters.qs


@router.get("/posts/{post_id}/", response=PostOut)
def get_post(request: AuthedRequest, post_id: int) -> object:
    return selectors.post_get(user=request.user, pk=post_id)
