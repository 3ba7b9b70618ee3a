"""The API of the connectivity app's phones part."""

from ninja import Router

router = Router(tags=["network"])
