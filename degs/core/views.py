"""The home page and the health check."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from degs.accounts.selectors import user_current_holdings
from degs.centres.choices import CentreStatus
from degs.centres.selectors import centre_summary, my_centres
from degs.core.typing import AuthedRequest
from degs.directory.selectors import post_list, roots_with_counts
from degs.reviews.selectors import district_summary, my_directives


@login_required
@require_GET
def home(request: AuthedRequest) -> HttpResponse:
    """The signed-in user's start page: their directives, posts and areas, and the review and
    service-centre figures of their areas."""
    rows = roots_with_counts(user=request.user)
    posts = post_list(user=request.user)
    context = {
        "holdings": user_current_holdings(user=request.user),
        "areas": rows[:20],
        "more_areas": max(0, len(rows) - 20),
        "post_total": posts.count(),
        "post_vacant": post_list(user=request.user, vacant=True).count(),
        "reviews": district_summary(user=request.user),
        "my_directives": list(my_directives(user=request.user)[:5]),
        "centres": centre_summary(user=request.user),
        "centre_statuses": CentreStatus.choices,
        "my_centres": my_centres(user=request.user),
    }
    return render(request, "core/home.html", context)


@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """For the load balancer and monitoring: answers 200 when the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
