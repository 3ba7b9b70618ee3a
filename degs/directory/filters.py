"""The directory's lists, one filter set each: the page's form, the API's query and the
export read the same filters (``core.filters``)."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from degs.core.filters import IdField, IdFilter, ScopedFilterSet, TextFilter, YesNoFilter
from degs.directory import selectors
from degs.directory.choices import AreaKind, OfficeKind
from degs.directory.models import Area, Office, Post, PostHolding


class AreaIdField(IdField):
    """An area's id; the page offers the areas of ``queryset`` (read when the form is drawn)
    in a select, while any id is taken and checked by the filter against the user's areas."""

    def __init__(self, *args: Any, queryset: Any = None, empty_label: Any = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.empty_label = empty_label if empty_label is not None else _("Everywhere")
        self.queryset = queryset

    @property
    def queryset(self) -> Any:
        return self._queryset

    @queryset.setter
    def queryset(self, queryset: Any) -> None:
        self._queryset = queryset
        self.widget = forms.Select(choices=self._choices)  # type: ignore[arg-type]  # read when drawn

    def _choices(self) -> list[tuple[Any, Any]]:
        areas = self._queryset if self._queryset is not None else []
        return [("", self.empty_label), *((a.pk, self.label_from_instance(a)) for a in areas)]

    def label_from_instance(self, area: Area) -> str:
        return f"{area.label} ({area.get_kind_display()})"


class UnderFilter(IdFilter):
    """Rows anywhere under one area the user sees. An area outside the user's areas is not
    found (404), as on the area's own page; with ``outside="none"``, it lists nothing."""

    field_class = AreaIdField

    def __init__(self, *args: Any, outside: str = "404", lookup: str = "", **kwargs: Any):
        kwargs.setdefault("label", _("Under"))
        super().__init__(*args, **kwargs)
        self.outside = outside
        self.lookup = lookup

    def filter(self, qs: QuerySet, value: Any) -> QuerySet:
        if not value:
            return qs
        user = self.parent.user
        area = Area.objects.visible_to(user).filter(pk=value).first()
        if area is None:
            if self.outside == "none":
                return qs.none()
            raise Http404
        if self.lookup:  # through the area column (an index), not the row's own path
            return qs.filter(**{f"{self.lookup}__in": Area.objects.under(area.path).values("pk")})
        return qs.under(area.path)  # type: ignore[attr-defined]


class DirectoryFilterSet(ScopedFilterSet):
    """A directory list: its ``under`` choices are the user's districts or blocks."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "under" in self.filters:
            self.filters["under"].extra["queryset"] = selectors.area_choices(user=self.user)


class AreaFilterSet(DirectoryFilterSet):
    q = TextFilter(label=_("Name or LGD code"), fields=("name", "name_hi"), exact=("lgd_code",))
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=AreaKind.choices, empty_label=_("All kinds")
    )
    under = UnderFilter()
    scope = staticmethod(selectors.area_list)

    class Meta(ScopedFilterSet.Meta):
        model = Area


class OfficeFilterSet(DirectoryFilterSet):
    q = TextFilter(label=_("Name"), fields=("name", "name_hi"))
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=OfficeKind.choices, empty_label=_("All kinds")
    )
    under = UnderFilter()
    scope = staticmethod(selectors.office_list)

    class Meta(ScopedFilterSet.Meta):
        model = Office


class PostFilterSet(DirectoryFilterSet):
    under = UnderFilter()
    designation = django_filters.ChoiceFilter(
        label=_("Designation"), field_name="designation__code", empty_label=_("All designations")
    )
    vacant = YesNoFilter(
        label=_("Holder"),
        method="filter_vacant",
        choices=[("", _("All posts")), ("yes", _("Vacant posts")), ("no", _("Filled posts"))],
    )
    scope = staticmethod(selectors.post_list)

    class Meta(ScopedFilterSet.Meta):
        model = Post

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_choices("designation", [(d.code, d.label) for d in selectors.designation_list()])

    def filter_vacant(self, qs: QuerySet, name: str, value: bool) -> QuerySet:
        held = PostHolding.objects.current().values("post_id")
        return qs.exclude(pk__in=held) if value else qs.filter(pk__in=held)
