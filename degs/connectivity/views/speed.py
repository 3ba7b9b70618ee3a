"""Pages of the connectivity app's speed part."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
