"""The finance API's overview part."""

from ninja import Router

router = Router(tags=["finance"])
