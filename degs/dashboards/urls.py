from django.urls import path

from degs.dashboards.views import home

app_name = "dashboards"

urlpatterns = [
    path("", home.home, name="home"),
]
