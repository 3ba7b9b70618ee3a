"""Pages of the connectivity app's links part."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
