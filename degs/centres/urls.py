from django.urls import path

from degs.centres import views, views_import

app_name = "centres"

urlpatterns = [
    path("", views.centre_list, name="centre_list"),
    path("new/", views.centre_create, name="centre_create"),
    path("<int:pk>/", views.centre_detail, name="centre_detail"),
    path("<int:pk>/edit/", views.centre_edit, name="centre_edit"),
    path("<int:pk>/status/", views.centre_transition, name="centre_transition"),
    path("<int:pk>/inspect/", views.inspection_create, name="inspection_create"),
    path("operators/", views.operator_list, name="operator_list"),
    path("operators/new/", views.operator_create, name="operator_create"),
    path("operators/<int:pk>/", views.operator_detail, name="operator_detail"),
    path("operators/<int:pk>/edit/", views.operator_edit, name="operator_edit"),
    path("operators/<int:pk>/ids/new/", views.operator_id_add, name="operator_id_add"),
    path("ids/<int:pk>/", views.operator_id_update, name="operator_id_update"),
    path("lists/<slug:name>/", views.report, name="report"),
    path("inspections/", views.inspections, name="inspections"),
    path("inspections/<int:pk>/", views.inspection_detail, name="inspection_detail"),
    path("inspections/<int:pk>/decide/", views.inspection_decide, name="inspection_decide"),
    path(
        "inspections/<int:pk>/waive-fine/",
        views.inspection_fine_waive,
        name="inspection_fine_waive",
    ),
    path("quotas/<int:pk>/draw/", views.draw_create, name="draw_create"),
    path("draws/<int:pk>/", views.draw_detail, name="draw_detail"),
    path("photos/<int:pk>/", views.photo, name="photo"),
    path("sets/", views.set_list, name="set_list"),
    path("sets/<int:pk>/", views.set_detail, name="set_detail"),
    path("locator/", views.locator, name="locator"),
    *views_import.urlpatterns,
]
