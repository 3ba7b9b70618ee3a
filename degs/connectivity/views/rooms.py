"""Pages of the connectivity app's rooms part."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
