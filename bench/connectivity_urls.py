"""The bench's URLconf (``bench/connectivity_scale.py`` only, never the project's): the project's
URLs plus ``/bench-hello/``, a plain Django view answering "ok" through the full middleware, the
baseline the heartbeat endpoint's ingest rate is compared with. ``bench/connectivity_settings.py``
points ``ROOT_URLCONF`` here."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from config.urls import handler403, handler404, handler500  # noqa: F401


def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


urlpatterns = [path("bench-hello/", hello), path("", include("config.urls"))]
