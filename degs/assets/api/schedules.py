"""The assets API's schedules part."""

from ninja import Router

router = Router(tags=["assets"])
