"""Pages of the finance app's overview part."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
