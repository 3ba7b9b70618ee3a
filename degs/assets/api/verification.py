"""The API of the verification part: this financial year's verification of an asset, with
its photo (multipart) and the phone's position."""

from __future__ import annotations

from ninja import File, Form, Router
from ninja.files import UploadedFile

from degs.assets.schemas.register import VerificationIn, VerificationOut
from degs.assets.selectors import register as selectors
from degs.assets.services import verification as services
from degs.core.permissions import require_section
from degs.core.typing import AuthedRequest

router = Router(tags=["assets"])

SECTION = "assets"


@router.post(
    "/equipment/{asset_id}/verifications/",
    response={201: VerificationOut},
    url_name="create_verification",
)
def create_verification(
    request: AuthedRequest,
    asset_id: int,
    payload: Form[VerificationIn],
    photo: UploadedFile | None = File(None),  # noqa: B008  # ninja declares files so
) -> object:
    """Record the asset's verification for this financial year (once a year: a second one
    answers 422 naming the first); ``photo`` (JPEG or PNG) unless it was not found."""
    require_section(request.user, SECTION)
    asset = selectors.asset_get(user=request.user, pk=asset_id)
    row = services.verification_record(
        actor=request.user, asset=asset, photo=photo, **payload.model_dump()
    )
    return 201, row
