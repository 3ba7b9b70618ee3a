from degs.connectivity.views import (
    engineer,
    health,
    links,
    outages,
    phones,
    rooms,
    speed,
    targets,
    uptime,
)

app_name = "connectivity"

urlpatterns = [
    *links.urlpatterns,
    *outages.urlpatterns,
    *uptime.urlpatterns,
    *health.urlpatterns,
    *speed.urlpatterns,
    *rooms.urlpatterns,
    *phones.urlpatterns,
    *targets.urlpatterns,
    *engineer.urlpatterns,
]
