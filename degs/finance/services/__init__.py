"""The finance app's writes, one module per part: ledger, receipts, payments, statements."""
