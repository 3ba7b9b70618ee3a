from degs.assets.views import procurement, register, schedules, tickets, verification

app_name = "assets"

urlpatterns = [
    *register.urlpatterns,
    *verification.urlpatterns,
    *tickets.urlpatterns,
    *schedules.urlpatterns,
    *procurement.urlpatterns,
]
