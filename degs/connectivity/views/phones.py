"""Pages of the connectivity app's phones part."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
