"""The home page and the health check."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from degs.accounts.selectors import user_current_holdings
from degs.applications import selectors as applications
from degs.centres import selectors as centres
from degs.centres.choices import CentreStatus
from degs.core.typing import AuthedRequest
from degs.directory.selectors import post_list, roots_with_counts
from degs.reviews import selectors as reviews


@login_required
@require_GET
def home(request: AuthedRequest) -> HttpResponse:
    """The signed-in user's start page: their own work first (applications waiting for them or
    at their centre, their directives, inspections they owe), then the applications, review and
    service-centre figures of their areas, their posts and areas. Each app gives its section."""
    rows = roots_with_counts(user=request.user)
    posts = post_list(user=request.user)
    review_home = reviews.home_section(user=request.user)
    centre_home = centres.home_section(user=request.user)
    context = {
        "holdings": user_current_holdings(user=request.user),
        "areas": rows[:20],
        "more_areas": max(0, len(rows) - 20),
        "post_total": posts.count(),
        "post_vacant": post_list(user=request.user, vacant=True).count(),
        "applications": applications.home_section(user=request.user),
        "directives": review_home,
        "reviews": review_home.summary,
        "work_centres": centre_home,
        "centres": centre_home.summary if centre_home else None,
        "centre_statuses": CentreStatus.choices,
    }
    return render(request, "core/home.html", context)


@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """For the load balancer and monitoring: answers 200 when the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
