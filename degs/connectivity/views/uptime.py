"""Pages of the connectivity app's uptime part."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
