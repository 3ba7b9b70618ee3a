"""The generic scoped list page: a list's filter set (``core.filters``) drawn as the filter
form, its rows a page at a time, and an export link carrying the same query."""

from __future__ import annotations

from typing import Any, ClassVar

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views import View

from degs.core.filters import ScopedFilterSet
from degs.core.generic import GateMixin
from degs.core.pagination import paginate


class ScopedListView(GateMixin, View):
    """A list page, refused to those the gate (``core.generic.GateMixin``: ``section``,
    ``capability`` or the view's own ``gate``) turns away. Set ``filterset_class`` and ``template_name``; the template receives
    ``filter`` (the filter set), ``form`` (its form), ``page`` (the rows of the page asked
    for) and ``export_query`` (the valid filters, for an export link).

    ``export`` (a callable taking the filter set and the format) answers ``?format=<fmt>``
    for the formats in ``export_formats`` with the same rows the page lists.

    A list that needs nothing more is declared by ``ScopedListView.as_view(filterset_class=...,
    template_name=...)``."""

    filterset_class: ClassVar[type[ScopedFilterSet]] = ScopedFilterSet
    template_name: ClassVar[str] = ""
    http_method_names: ClassVar[list[str]] = ["get", "head"]  # type: ignore[misc]
    export_formats: ClassVar[tuple[str, ...]] = ()

    def get_filterset(self, request: HttpRequest) -> ScopedFilterSet:
        return self.filterset_class(request.GET or None, user=request.user, request=request)

    def rows(self, filterset: ScopedFilterSet) -> Any:
        return filterset.qs

    def export(self, filterset: ScopedFilterSet, fmt: str) -> HttpResponse:
        raise NotImplementedError

    def extra_context(self, request: HttpRequest, filterset: ScopedFilterSet) -> dict[str, Any]:
        return {}

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.gate(request)
        filterset = self.get_filterset(request)
        fmt = request.GET.get("format", "")
        if fmt and fmt in self.export_formats:
            return self.export(filterset, fmt)
        context = {
            "filter": filterset,
            "form": filterset.form,
            "page": paginate(request, self.rows(filterset)),
            "export_query": filterset.query(),
            **self.extra_context(request, filterset),
        }
        return render(request, self.template_name, context)
