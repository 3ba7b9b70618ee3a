"""Indexed-offset pagination for HTML lists: a page number and a bounded page size."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest


def paginate(request: HttpRequest, queryset: QuerySet, per_page: int | None = None) -> Page:
    """The requested page; a bad or too large page number gives the nearest real page."""
    paginator = Paginator(queryset, per_page or settings.DEGS_PAGE_SIZE)
    return paginator.get_page(request.GET.get("page"))
