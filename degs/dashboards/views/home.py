"""The home page: each app's part of it, collected from the registry."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from degs.core.registry import degs_apps, load
from degs.core.typing import AuthedRequest


def home_context(user: Any) -> dict[str, Any]:
    """Every app's ``home_section(user=...)``: a dict of names for the page. A ``template``
    in it is an app's own block, drawn after the blocks the home page draws itself."""
    context: dict[str, Any] = {"home_templates": []}
    for config in degs_apps():
        if config.home_section:
            section = dict(load(config.home_section)(user=user))
            template = section.pop("template", None)
            if template:
                context["home_templates"].append(template)
            context.update(section)
    return context


@login_required
@require_GET
def home(request: AuthedRequest) -> HttpResponse:
    """The signed-in user's start page: their own work first (applications waiting for them or
    at their centre, their directives, inspections they owe), then the applications, review and
    service-centre figures of their areas, their posts and areas. Each app gives its section."""
    return render(request, "dashboards/home.html", home_context(request.user))
