from django.urls import path

from degs.catalogue import views

app_name = "catalogue"

urlpatterns = [
    path("", views.service_list, name="service_list"),
    path("new/", views.service_create, name="service_create"),
    path("<int:pk>/", views.service_detail, name="service_detail"),
    path("<int:pk>/edit/", views.service_edit, name="service_edit"),
    path("<int:pk>/versions/<int:number>/", views.version_detail, name="version_detail"),
]
