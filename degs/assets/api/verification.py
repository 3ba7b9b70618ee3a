"""The assets API's verification part."""

from ninja import Router

router = Router(tags=["assets"])
