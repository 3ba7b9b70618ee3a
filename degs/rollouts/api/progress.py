"""The rollouts API's progress part: a programme's figures on a day, over the targets the
caller sees (docs/rollouts.md, "Progress: how it is counted")."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from ninja import Router

from degs.core.permissions import require_section
from degs.core.typing import AuthedRequest
from degs.rollouts.schemas.progress import ProgressOut
from degs.rollouts.selectors import programmes as selectors
from degs.rollouts.selectors.progress import programme_progress

router = Router(tags=["rollouts"])


@router.get(
    "/programmes/{programme_id}/progress/",
    response=ProgressOut,
    url_name="get_programme_progress",
)
def get_programme_progress(
    request: AuthedRequest, programme_id: int, on: dt.date | None = None
) -> object:
    """In the set, done, on time of due, overdue and weighted, in total, per block (or circle)
    and per district, on ``on`` (today by default; a later day reads as today)."""
    require_section(request.user, "rollouts")
    programme = selectors.programme_get(user=request.user, pk=programme_id)
    today = timezone.localdate()
    day = min(on, today) if on else today
    return programme_progress(
        programme, selectors.targets_of(user=request.user, programme=programme), day
    )
