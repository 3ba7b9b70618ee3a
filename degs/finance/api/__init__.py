"""The finance app's API: one router per part, mounted at ``/api/fund/``."""

from ninja import Router

from degs.finance.api import ledger, overview, payments, receipts, statements

router = Router()
for part in (
    ledger,
    receipts,
    payments,
    statements,
    overview,
):
    router.add_router("", part.router)
