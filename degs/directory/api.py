"""Directory API: read endpoints for areas, offices, designations and posts, scoped."""

from ninja import Query, Router
from ninja.pagination import paginate

from degs.core.api import Pagination
from degs.core.typing import AuthedRequest
from degs.directory import selectors
from degs.directory.models import Area
from degs.directory.schemas import (
    AreaDetailOut,
    AreaFilters,
    AreaOut,
    AreaRef,
    DesignationOut,
    OfficeFilters,
    OfficeOut,
    PostFilters,
    PostOut,
)

router = Router(tags=["directory"])


def _under(request: AuthedRequest, pk: int | None) -> Area | None:
    return selectors.area_get(user=request.user, pk=pk) if pk else None


@router.get("/areas/", response=list[AreaOut])
@paginate(Pagination)
def list_areas(request: AuthedRequest, filters: Query[AreaFilters]) -> object:
    return selectors.area_list(
        user=request.user,
        kind=filters.kind or "",
        under=_under(request, filters.under),
        q=filters.q or "",
    )


@router.get("/areas/{area_id}/", response=AreaDetailOut)
def get_area(request: AuthedRequest, area_id: int) -> object:
    area = selectors.area_get(user=request.user, pk=area_id)
    area.children_count = area.children.count()  # type: ignore[attr-defined]
    return AreaDetailOut(
        **AreaOut.from_orm(area).dict(),
        ancestors=[AreaRef.from_orm(a) for a in area.ancestors()],
        children=area.children_count,  # type: ignore[attr-defined]
    )


@router.get("/offices/", response=list[OfficeOut])
@paginate(Pagination)
def list_offices(request: AuthedRequest, filters: Query[OfficeFilters]) -> object:
    return selectors.office_list(
        user=request.user,
        kind=filters.kind or "",
        under=_under(request, filters.under),
        q=filters.q or "",
    )


@router.get("/offices/{office_id}/", response=OfficeOut)
def get_office(request: AuthedRequest, office_id: int) -> object:
    return selectors.office_get(user=request.user, pk=office_id)


@router.get("/designations/", response=list[DesignationOut])
def list_designations(request: AuthedRequest) -> object:
    return selectors.designation_list()


@router.get("/posts/", response=list[PostOut])
@paginate(Pagination)
def list_posts(request: AuthedRequest, filters: Query[PostFilters]) -> object:
    posts = selectors.post_list(
        user=request.user,
        under=_under(request, filters.under),
        designation=filters.designation or "",
        vacant=filters.vacant,
    )
    return posts


@router.get("/posts/{post_id}/", response=PostOut)
def get_post(request: AuthedRequest, post_id: int) -> object:
    return selectors.post_get(user=request.user, pk=post_id)
