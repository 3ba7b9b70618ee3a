"""Pages of the connectivity app's engineer part."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
