from django.urls import path

from degs.applications import views

app_name = "status"

urlpatterns = [path("", views.public_status, name="check")]
