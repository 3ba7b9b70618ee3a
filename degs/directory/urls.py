from django.urls import path

from degs.directory import views

app_name = "directory"

urlpatterns = [
    path("", views.area_tree, name="area_tree"),
    path("areas/", views.area_list, name="area_list"),
    path("areas/<int:pk>/", views.area_detail, name="area_detail"),
    path("areas/<int:pk>/children/", views.area_children, name="area_children"),
    path("areas/<int:pk>/settings/", views.district_settings, name="district_settings"),
    path("offices/", views.office_list, name="office_list"),
    path("offices/<int:pk>/", views.office_detail, name="office_detail"),
    path("posts/", views.post_list, name="post_list"),
    path("posts/<int:pk>/", views.post_detail, name="post_detail"),
    path("designations/", views.designation_list, name="designation_list"),
    path("holidays/", views.holiday_list, name="holiday_list"),
    path("import/", views.import_start, name="import_start"),
    path("import/<int:pk>/", views.import_detail, name="import_detail"),
    path("import/<int:pk>/apply/", views.import_apply, name="import_apply"),
    path("import/<int:pk>/progress/", views.import_progress, name="import_progress"),
    path("export/", views.export, name="export"),
]
