"""Pages of the connectivity app's health part."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
