from degs.finance.views import ledger, overview, payments, receipts, statements

app_name = "finance"

urlpatterns = [
    *ledger.urlpatterns,
    *receipts.urlpatterns,
    *payments.urlpatterns,
    *statements.urlpatterns,
    *overview.urlpatterns,
]
