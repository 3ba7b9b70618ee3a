"""The finance API's receipts part."""

from ninja import Router

router = Router(tags=["finance"])
