"""Who the API caller is, and where they act."""

from ninja import Router, Schema

from degs.accounts.selectors import user_current_holdings, user_roots
from degs.core.scoping import jurisdiction_of
from degs.core.typing import AuthedRequest
from degs.directory.models import Area

router = Router(tags=["accounts"])


class MeOut(Schema):
    id: int
    username: str
    full_name: str
    full_name_hi: str
    language: str
    roles: list[tuple[str, int]]
    areas: list[int]
    posts: list[int]


@router.get("/me/", response=MeOut)
def me(request: AuthedRequest) -> object:
    user = request.user
    jurisdiction = jurisdiction_of(user)
    roots = list(user_roots(user=user))
    role_paths = {path for _role, path in jurisdiction.roles}
    by_path = dict(Area.objects.filter(path__in=role_paths).values_list("path", "pk"))
    return {
        "id": user.pk,
        "username": user.get_username(),
        "full_name": user.full_name,
        "full_name_hi": user.full_name_hi,
        "language": user.language,
        "roles": sorted(
            (role, by_path[path]) for role, path in jurisdiction.roles if path in by_path
        ),
        "areas": [a.pk for a in roots],
        "posts": [h.post_id for h in user_current_holdings(user=user)],
    }
