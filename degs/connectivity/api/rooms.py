"""The API of the connectivity app's rooms part."""

from ninja import Router

router = Router(tags=["network"])
