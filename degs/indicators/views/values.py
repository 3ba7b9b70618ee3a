"""Pages of the values part: the entry page (a month's figures of one area, on a phone), the
list of values (with its CSV and Excel export) and one value with its history."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.views import View

from degs.core.downloads import table_response
from degs.core.exceptions import StaleVersion
from degs.core.filters import ScopedFilterSet
from degs.core.formatting import format_date
from degs.core.forms import add_service_errors
from degs.core.generic import GateMixin, ScopedDetailView
from degs.core.lists import ScopedListView
from degs.core.permissions import user_can
from degs.core.typing import AuthedRequest
from degs.indicators.filters.values import ValueFilterSet
from degs.indicators.forms.values import EntryForm, EntryPickForm
from degs.indicators.models import DataValue
from degs.indicators.periods import BadPeriod, Period, last_over
from degs.indicators.selectors import values as selectors
from degs.indicators.services import values as services

SECTION = "indicators"
ENTER = "indicators.enter"
FORMATS = ("csv", "xlsx")
# How long a saved entry form's token is remembered (a second click answers "already saved").
TOKEN_SECONDS = 3600


# --- the entry page ------------------------------------------------------------------------------


class EntryView(GateMixin, View):
    """One area's figures for one period: pick the area and period, type the numbers, save
    them all at once. A figure someone else entered or changed since the page was drawn is
    not overwritten: the page says who changed it and when, and keeps what was typed."""

    section = SECTION
    capability = ENTER
    http_method_names = ["get", "head", "post"]

    def setup_page(self, request: AuthedRequest, data: Any) -> tuple[Any, Any, Period]:
        areas = selectors.entry_areas(user=request.user)
        periods = selectors.entry_periods()
        area = None
        wanted = data.get("area")
        if wanted:
            try:
                area = selectors.entry_area(user=request.user, pk=int(wanted))
            except (TypeError, ValueError):
                area = None
            if area is None:
                raise Http404
        elif areas:
            area = areas[0]
        if area is not None and area.pk not in {a.pk for a in areas}:
            areas = [area, *areas]
        try:
            period = Period.parse(data.get("period") or "")
        except BadPeriod:
            period = last_over()
        if period not in periods:
            period = last_over()
        pick = EntryPickForm(
            {"area": area.pk if area else "", "period": period.code},
            areas=areas,
            periods=periods,
        )
        return pick, area, period

    def draw(
        self,
        request: AuthedRequest,
        pick: Any,
        area: Any,
        period: Period,
        form: EntryForm | None,
        status: int = 200,
        stale: bool = False,
    ) -> HttpResponse:
        rows = form.rows if form is not None else []
        return render(
            request,
            "indicators/entry.html",
            {
                "pick": pick,
                "area": area,
                "period": period,
                "form": form,
                "lines": [(row, form.lines(row)) for row in rows] if form is not None else [],
                "today": timezone.localdate(),
                "stale": stale,
            },
            status=status,
        )

    def get(self, request: AuthedRequest) -> HttpResponse:
        self.gate(request)
        pick, area, period = self.setup_page(request, request.GET)
        form = None
        if area is not None:
            rows = selectors.entry_rows(user=request.user, area=area, period=period)
            form = EntryForm(rows=rows)
        return self.draw(request, pick, area, period, form)

    def post(self, request: AuthedRequest) -> HttpResponse:
        self.gate(request)
        pick, area, period = self.setup_page(request, request.POST)
        if area is None:
            raise Http404
        here = (
            reverse("indicators:entry") + "?" + urlencode({"area": area.pk, "period": period.code})
        )
        rows = selectors.entry_rows(user=request.user, area=area, period=period)
        form = EntryForm(request.POST, rows=rows)
        if not form.is_valid():
            return self.draw(request, pick, area, period, form, status=400)
        token = form.submission_key()
        seen = f"indicators-entry:{request.user.pk}:{token}"
        if token and cache.get(seen):
            messages.info(request, gettext("These figures were already saved."))
            return redirect(here)
        try:
            with transaction.atomic():
                saved = self.save(request, form, area, period)
        except StaleVersion as error:
            form.add_error(None, str(error.message))
            self.refresh_versions(request, form, area, period)
            return self.draw(request, pick, area, period, form, status=409, stale=True)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.draw(request, pick, area, period, form, status=400)
        if token:
            cache.set(seen, True, TOKEN_SECONDS)
        if saved:
            messages.success(request, gettext("Figures saved: %(count)s.") % {"count": saved})
        else:
            messages.info(request, gettext("Nothing was changed."))
        return redirect(here)

    def save(self, request: AuthedRequest, form: EntryForm, area: Any, period: Period) -> int:
        """Every change of the form, in the caller's transaction; a refusal stops them all."""
        for change in form.changes:
            try:
                if change.number is None and change.current is not None:
                    services.value_remove(
                        actor=request.user, value=change.current, version=change.version or 0
                    )
                elif change.number is not None:
                    services.value_set(
                        actor=request.user,
                        element=change.element,
                        area=area,
                        period=period,
                        category=change.category,
                        value=change.number,
                        version=change.version,
                    )
            except ValidationError as error:
                said = error.message_dict if hasattr(error, "error_dict") else {}
                raise ValidationError(
                    {change.field: [m for ms in said.values() for m in ms] or error.messages}
                ) from error
        return len(form.changes)

    def refresh_versions(
        self, request: AuthedRequest, form: EntryForm, area: Any, period: Period
    ) -> None:
        """After someone else's change: each figure's current value is shown beside what was
        typed, and the form now carries the versions read now, so saving again is a choice
        made knowing the other's figure."""
        fresh = selectors.entry_rows(user=request.user, area=area, period=period)
        data: Any = form.data.copy()  # type: ignore[attr-defined]
        for row, now in zip(form.rows, fresh, strict=False):
            for cell, current in zip(row.cells, now.cells, strict=False):
                key = f"{row.element.pk}_{cell.category or 'total'}"
                seen = data.get(f"ver_{key}") or ""
                version = str(current.value.version) if current.value else ""
                if seen != version:
                    cell.now, cell.moved = current.value, True
                    data[f"ver_{key}"] = version
        form.data = data


# --- the list and one value ----------------------------------------------------------------------


def export_header() -> list[str]:
    return [
        gettext("Figure"),
        gettext("Code"),
        gettext("Area"),
        gettext("LGD code"),
        gettext("Period"),
        gettext("Category"),
        gettext("Value"),
        gettext("Entered through"),
        gettext("Entered by"),
        gettext("Entered at"),
        gettext("Late"),
        gettext("Demo figure"),
        gettext("Comment"),
    ]


def export_rows(values: Iterable[DataValue]) -> Iterable[list[Any]]:
    yes = gettext("yes")
    for v in values:
        yield [
            v.element.label,
            v.element.code,
            v.area.label,
            v.area.lgd_code,
            v.period.code,
            v.get_category_display() if v.category else "",
            v.value.normalize(),
            v.get_origin_display(),
            v.entered_by.label if v.entered_by else "",
            format_date(timezone.localdate(v.entered_at)),
            yes if v.is_late else "",
            yes if v.is_demo else "",
            v.comment,
        ]


class ValueListView(ScopedListView):
    """The values in the user's areas, filtered; CSV and Excel with the same query."""

    filterset_class = ValueFilterSet
    template_name = "indicators/value_list.html"
    section = SECTION
    export_formats = FORMATS

    def export(self, filterset: ScopedFilterSet, fmt: str) -> HttpResponse:
        rows = export_rows(filterset.qs.iterator(chunk_size=2000))
        return table_response(
            export_header(), rows, fmt=fmt, title=gettext("Values"), stem="degs-values"
        )

    def extra_context(self, request: HttpRequest, filterset: ScopedFilterSet) -> dict[str, Any]:
        return {"can_enter": user_can(request.user, ENTER)}


def value_page(request: AuthedRequest, value: DataValue) -> dict[str, Any]:
    return {
        "value": value,
        "history": selectors.value_history(value),
        "can_enter": user_can(request.user, ENTER, value.area),
        "entry_query": urlencode({"area": str(value.area_id), "period": value.period.code}),
    }


value_detail = ScopedDetailView.as_view(
    read=selectors.value_get,
    template_name="indicators/value_detail.html",
    page_context=value_page,
    section=SECTION,
)


urlpatterns = [
    path("entry/", EntryView.as_view(), name="entry"),
    path("values/", ValueListView.as_view(), name="value_list"),
    path("values/<int:pk>/", value_detail, name="value_detail"),
]
