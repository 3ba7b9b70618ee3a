"""The assets API's tickets part."""

from ninja import Router

router = Router(tags=["assets"])
