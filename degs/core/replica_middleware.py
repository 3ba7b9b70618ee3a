"""The request's side of the read replica (``degs.core.db_router``): lets a marked view read from
the replica unless its user wrote a moment ago, marks a successful write request so that the
next reads stay on the primary, and runs a marked view again on the primary when a read on the
replica failed under it. Installed by ``config/settings.py`` only with a replica."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import Error
from django.http import HttpRequest, HttpResponse

from degs.core import db_router

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
_VIEW = "_degs_replica_view"


class ReadYourWritesMiddleware:
    """Read-your-writes and the replica's fallback, around every request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = db_router.request_started()
        try:
            response = self.get_response(request)
        finally:
            db_router.request_finished(token)
        if request.method not in SAFE_METHODS and response.status_code < 400:
            db_router.stick(response)
        return response

    def process_view(
        self,
        request: HttpRequest,
        view: Callable[..., HttpResponse],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
    ) -> None:
        if not db_router.marked(view) or db_router.sticky(request):
            return
        # Who asks is read from the primary, before the view's reads may go to the replica:
        # a lagging replica must never sign out someone who has just signed in.
        user = getattr(request, "user", None)
        if user is not None:
            user.is_authenticated  # noqa: B018 - loads the session and the user now
        setattr(request, _VIEW, (view, args, kwargs))
        db_router.want_replica()

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        called = getattr(request, _VIEW, None)
        if called is None or not isinstance(exception, Error) or not db_router.replica_used():
            return None
        # Stopped, cut off, or a query cancelled by the replica's replay ("conflict with
        # recovery"): the page runs once more, on the primary. Its own error would come again
        # there, and be answered as any error.
        db_router.replica_failed()
        view, args, kwargs = called
        delattr(request, _VIEW)  # once
        response = view(request, *args, **kwargs)
        render = getattr(response, "render", None)
        if callable(render) and not getattr(response, "is_rendered", True):
            response = render()
        return response
