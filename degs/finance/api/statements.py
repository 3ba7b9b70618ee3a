"""The finance API's statements part."""

from ninja import Router

router = Router(tags=["finance"])
