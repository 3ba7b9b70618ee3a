"""Pages of the finance app's receipts part."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
