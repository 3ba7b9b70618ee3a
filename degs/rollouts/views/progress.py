"""Pages of the rollouts app's progress part."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
