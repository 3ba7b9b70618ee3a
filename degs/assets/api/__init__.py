"""The assets app's API: one router per part, mounted at ``/api/assets/``."""

from ninja import Router

from degs.assets.api import procurement, register, schedules, tickets, verification

router = Router()
for part in (
    register,
    verification,
    tickets,
    schedules,
    procurement,
):
    router.add_router("", part.router)
