"""The rollouts app's API: one router per part, mounted at ``/api/rollouts/``."""

from ninja import Router

from degs.rollouts.api import programmes, progress, steps

router = Router()
for part in (
    programmes,
    steps,
    progress,
):
    router.add_router("", part.router)
