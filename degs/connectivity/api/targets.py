"""The API of the connectivity app's targets part."""

from ninja import Router

router = Router(tags=["network"])
