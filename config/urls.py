from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from config.api import api
from degs.accounts.views import set_language

admin.site.site_header = "DeGS Suite"
admin.site.site_title = "DeGS Suite"

urlpatterns = [
    path("", include("degs.core.urls")),
    path("accounts/", include("degs.accounts.urls")),
    path("directory/", include("degs.directory.urls")),
    path("reviews/", include("degs.reviews.urls")),
    path("centres/", include("degs.centres.urls")),
    path("catalogue/", include("degs.catalogue.urls")),
    path("verify/", include("degs.applications.urls_public")),
    path("applications/", include("degs.applications.urls")),
    path("status/", include("degs.applications.urls_status")),
    path("language/", set_language, name="set_language"),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]

handler400 = "degs.core.handlers.bad_request"
handler404 = "degs.core.handlers.page_not_found"
handler403 = "degs.core.handlers.permission_denied"
handler500 = "degs.core.handlers.server_error"
