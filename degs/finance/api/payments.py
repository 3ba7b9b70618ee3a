"""The finance API's payments part."""

from ninja import Router

router = Router(tags=["finance"])
