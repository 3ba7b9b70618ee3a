"""Pages of the connectivity app's outages part."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
