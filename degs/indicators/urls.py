from degs.indicators.views import catalogue, values

app_name = "indicators"

urlpatterns: list = []

# --- part "catalogue"
urlpatterns += catalogue.urlpatterns

# --- part "values"
urlpatterns += values.urlpatterns
