"""The API of the connectivity app's links part."""

from ninja import Router

router = Router(tags=["network"])
