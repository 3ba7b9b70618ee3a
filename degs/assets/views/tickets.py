"""Pages of the assets app's tickets part."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
