from django.urls import path

from degs.dashboards.views import dashboard, home
from degs.dashboards.views import packs as pack_views
from degs.dashboards.views import state as state_views

app_name = "dashboards"

urlpatterns = [
    path("", home.home, name="home"),
    # --- part "dashboard": the DC's dashboard and its drill-down ---
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("dashboard/area/<int:area_id>/", dashboard.area, name="area"),
    path(
        "dashboard/area/<int:area_id>/indicator/<slug:code>/",
        dashboard.ranking,
        name="ranking",
    ),
    # the state's view
    path("dashboard/state/", state_views.state, name="state"),
    # --- part "the review pack": built from a meeting's page, read as a page and a PDF ---
    path("dashboard/meetings/<int:meeting_id>/pack/", pack_views.pack_build, name="pack_build"),
    path("dashboard/packs/<int:pk>/", pack_views.pack_detail, name="pack_detail"),
    path("dashboard/packs/<int:pk>/pdf/", pack_views.pack_pdf, name="pack_pdf"),
]
