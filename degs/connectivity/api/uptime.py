"""The API of the connectivity app's uptime part."""

from ninja import Router

router = Router(tags=["network"])
