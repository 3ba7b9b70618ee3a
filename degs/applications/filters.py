"""The application list's one filter set: the list page, the API's query parameters and the
links from the reports and the home page (``post``, ``district``, ``issued_by``,
``decided``) read the same filters (``core.filters``). The rows are read by
``selectors.application_list``, tuned for millions of rows (docs/performance.md): the filter
set checks the values and hands them over, so the query keeps its shape."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from ninja import Field

from degs.applications import selectors
from degs.applications.models import Application
from degs.core.filters import IdFilter, ScopedFilterSet
from degs.core.schemas import Text


class IssuedByField(forms.CharField):
    """A post's id, or ``mine`` (the posts the user holds)."""

    api_type = Annotated[Text, Field(max_length=20, description="a post's id, or mine")]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 20)
        super().__init__(*args, **kwargs)

    def clean(self, value: Any) -> Any:
        value = super().clean(value)
        if value in ("", None):
            return None
        if value == selectors.MINE:
            return value
        if str(value).isdigit() and 0 < int(value) < 2**63:
            return int(value)
        raise forms.ValidationError(_("Give a post's number or “mine”."), code="invalid")


class MonthField(forms.DateField):
    """A month as YYYY-MM (a date, the first of the month)."""

    input_formats = ["%Y-%m"]
    api_type = Annotated[Text, Field(max_length=7, description="a month: YYYY-MM")]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "month"}, format="%Y-%m"))
        super().__init__(*args, **kwargs)

    def to_python(self, value: Any) -> dt.date | None:
        if isinstance(value, dt.date):
            return value.replace(day=1)
        day = super().to_python(value)
        return day.replace(day=1) if day else None


class IssuedByFilter(django_filters.Filter):
    field_class = IssuedByField


class MonthFilter(django_filters.Filter):
    field_class = MonthField


class ApplicationFilterSet(ScopedFilterSet):
    q = django_filters.CharFilter(label=_("Number or applicant"), max_length=100)
    service = IdFilter(label=_("Service"))
    block = IdFilter(label=_("Block"))
    centre = IdFilter(label=_("Centre"))
    state = django_filters.CharFilter(label=_("State"), max_length=40)
    late = django_filters.BooleanFilter(label=_("Past due"), widget=forms.CheckboxInput)
    post = IdFilter(label=_("Post"))
    district = IdFilter(label=_("District"))
    issued_by = IssuedByFilter(label=_("Issued by"))
    decided = MonthFilter(label=_("Decided in the month"))
    # The programme figures' rows (applications/figures.py): a panchayat's or ward's
    # applications, those filed or decided between two days, decided within the time limit,
    # and those pending (with ``late``: past due) on a past day.
    area = IdFilter(label=_("Panchayat or ward"))
    filed_from = django_filters.DateFilter(label=_("Filed on or after"))
    filed_to = django_filters.DateFilter(label=_("Filed on or before"))
    decided_from = django_filters.DateFilter(label=_("Decided on or after"))
    decided_to = django_filters.DateFilter(label=_("Decided on or before"))
    in_time = django_filters.BooleanFilter(
        label=_("Decided within the time limit"), widget=forms.CheckboxInput
    )
    pending_on = django_filters.DateFilter(label=_("Pending on"))

    class Meta(ScopedFilterSet.Meta):
        model = Application

    def scoped_queryset(self, user: Any) -> QuerySet[Application]:
        return selectors.application_list(user=user)

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        """The tuned selector reads the rows, from the user's scope, with the valid values."""
        values = {k: v for k, v in self.form.cleaned_data.items() if v not in (None, "")}
        values["late"] = bool(values.get("late"))
        values["in_time"] = bool(values.get("in_time"))
        return selectors.application_list(user=self.user, **values)

    @property
    def shown(self) -> dict[str, Any]:
        """The filters as the list page's own form shows them (each key, blank when not
        given)."""
        values = self.values
        return {
            "service": values.get("service"),
            "state": values.get("state") or "",
            "block": values.get("block"),
            "centre": values.get("centre"),
            "q": values.get("q") or "",
            "late": bool(values.get("late")),
            "post": values.get("post"),
            "district": values.get("district"),
            "issued_by": values.get("issued_by"),
            "decided": values.get("decided"),
            "area": values.get("area"),
            "filed_from": values.get("filed_from"),
            "filed_to": values.get("filed_to"),
            "decided_from": values.get("decided_from"),
            "decided_to": values.get("decided_to"),
            "in_time": bool(values.get("in_time")),
            "pending_on": values.get("pending_on"),
        }
