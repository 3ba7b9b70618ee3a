"""Pages of the finance app's payments part."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
