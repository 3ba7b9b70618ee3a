"""The API of the connectivity app's speed part."""

from ninja import Router

router = Router(tags=["network"])
