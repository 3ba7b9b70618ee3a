"""The assets API's register part."""

from ninja import Router

router = Router(tags=["assets"])
