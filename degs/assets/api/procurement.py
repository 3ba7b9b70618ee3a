"""The assets API's procurement part."""

from ninja import Router

router = Router(tags=["assets"])
