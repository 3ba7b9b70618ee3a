"""The network engineer's page (on a phone first): their open outages by age, the links down
or not reporting now, and the tests due, each with its action."""

from __future__ import annotations

from typing import Any

from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils import timezone
from django.views import View

from degs.connectivity.selectors.home import SPEED_TEST_DAYS, engineer_queue
from degs.core.generic import GateMixin
from degs.core.typing import AuthedRequest


class EngineerView(GateMixin, View):
    """For those who report on the network (``connectivity.report``) in some area."""

    section = "connectivity"
    capability = "connectivity.report"
    http_method_names = ["get", "head"]

    def get(self, request: AuthedRequest, *args: Any, **kwargs: Any) -> Any:
        self.gate(request)
        now = timezone.now()
        context = {
            "queue": engineer_queue(user=request.user, now=now),
            "now": now,
            "speed_days": SPEED_TEST_DAYS,
        }
        return render(request, "connectivity/engineer.html", context)


urlpatterns: list[URLPattern] = [
    path("engineer/", EngineerView.as_view(), name="engineer"),
]
