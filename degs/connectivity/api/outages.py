"""The API of the connectivity app's outages part."""

from ninja import Router

router = Router(tags=["network"])
