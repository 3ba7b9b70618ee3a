"""The API of the connectivity app's health part."""

from ninja import Router

router = Router(tags=["network"])
