from degs.rollouts.views import programmes, progress, steps

app_name = "rollouts"

urlpatterns = [
    *programmes.urlpatterns,
    *steps.urlpatterns,
    *progress.urlpatterns,
]
