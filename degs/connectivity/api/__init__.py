"""The connectivity app's API: one router per part, mounted at ``/api/network/``."""

from ninja import Router

from degs.connectivity.api import health, links, outages, phones, rooms, speed, targets, uptime

router = Router()
for part in (links, outages, uptime, health, speed, rooms, phones, targets):
    router.add_router("", part.router)
