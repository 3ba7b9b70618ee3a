from django.urls import path

from degs.applications import views_public

app_name = "verify"

urlpatterns = [
    path("", views_public.verify, name="verify"),
    path("key/", views_public.key, name="key"),
]
