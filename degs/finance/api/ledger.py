"""The finance API's ledger part."""

from ninja import Router

router = Router(tags=["finance"])
