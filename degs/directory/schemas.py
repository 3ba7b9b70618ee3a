import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Schema


class AreaRef(Schema):
    id: int
    kind: str
    name: str
    name_hi: str
    lgd_code: str


class OfficeRef(Schema):
    """An office named in another app's answer (a link's site, a rollout's target, an asset's
    custodian)."""

    id: int
    name: str
    name_hi: str
    kind: str
    code: str


class AreaOut(AreaRef):
    parent_id: int | None
    depth: int
    is_sample: bool
    is_active: bool


class AreaDetailOut(AreaOut):
    ancestors: list[AreaRef]
    children: int


class OfficeOut(Schema):
    id: int
    kind: str
    name: str
    name_hi: str
    area: AreaRef
    address: str
    pincode: str
    latitude: Decimal | None
    longitude: Decimal | None
    phone: str
    email: str
    is_active: bool


class DesignationOut(Schema):
    id: int
    code: str
    short_name: str
    short_name_hi: str
    name: str
    name_hi: str
    level: str
    default_role: str


class HolderOut(Schema):
    user_id: int
    name: str
    name_hi: str
    start_date: dt.date
    end_date: dt.date | None
    charge: str


class PostOut(Schema):
    id: int
    designation: DesignationOut
    area: AreaRef
    office_id: int | None
    seat: str
    is_active: bool
    holders: list[HolderOut]

    @staticmethod
    def resolve_holders(post: Any) -> list[HolderOut]:
        """Current holders, from the prefetch that ``post_list``/``post_get`` set up."""
        return [
            HolderOut(
                user_id=h.user_id,
                name=h.user.full_name or h.user.username,
                name_hi=h.user.full_name_hi,
                start_date=h.start_date,
                end_date=h.end_date,
                charge=h.charge,
            )
            for h in post.current_holdings
        ]
