from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from django.views.i18n import JavaScriptCatalog

from config.api import api
from degs.accounts.views import set_language
from degs.core.registry import degs_apps

admin.site.site_header = "DeGS Suite"
admin.site.site_title = "DeGS Suite"

# Each app's pages, at the prefix its AppConfig declares (degs.core.registry).
urlpatterns: list[URLPattern | URLResolver] = [
    path(prefix, include(module))
    for config in degs_apps()
    for prefix, module in (
        *(((config.url_prefix, config.urls),) if config.urls else ()),
        *config.extra_urls,
    )
]
urlpatterns += [
    path("language/", set_language, name="set_language"),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]

handler400 = "degs.core.handlers.bad_request"
handler404 = "degs.core.handlers.page_not_found"
handler403 = "degs.core.handlers.permission_denied"
handler500 = "degs.core.handlers.server_error"
