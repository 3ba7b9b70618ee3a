"""Pages of the assets app's register part."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
