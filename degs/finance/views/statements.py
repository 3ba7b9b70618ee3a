"""Pages of the finance app's statements part."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
