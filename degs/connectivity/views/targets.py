"""Pages of the connectivity app's targets part."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
