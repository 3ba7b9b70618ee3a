"""One filter set per list (django-filter), scoped to the user: the page's filter form, the
API's query parameters and the export all read the same ``ScopedFilterSet``.

- The rows start from the list's scoped queryset (``Model.objects.visible_to(user)`` unless the
  filter set names another), so no filter can reach past the user's areas.
- The form is a ``FilterForm``: Bootstrap classes, accessible errors and the typed-text check
  of every form in the suite (``core.forms``).
- ``query_schema(FilterSet)`` is the ninja schema of the API's query parameters, generated
  once from the filter set's fields, so the OpenAPI description names the same parameters
  with the same bounds; ``@filtered(FilterSet)`` hands a ninja operation the filter set built
  from its query (a value the form refuses answers 422 with the form's message).
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
import sys
from collections.abc import Callable
from typing import Annotated, Any, ClassVar, Literal, TypeVar

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from ninja import Field, Query, Schema
from pydantic import create_model

from degs.core.api import MAX_ID, Id
from degs.core.forms import StyledFormMixin
from degs.core.schemas import Text

FS = TypeVar("FS", bound="ScopedFilterSet")
R = TypeVar("R")

_TRUE = frozenset({"1", "on", "t", "true", "y", "yes"})
_FALSE = frozenset({"0", "off", "f", "false", "n", "no"})


class FilterForm(StyledFormMixin, forms.Form):
    """The form of every filter set: looks like the others, and checks typed text."""


class IdField(forms.IntegerField):
    """The id of a row (a committee, a post, an area): a number a database row can have.
    Its widget may be a select of the ids a page offers; any id is checked by the filter
    against the user's scope, never by the list of choices."""

    def __init__(self, *args: Any, choices: Any = None, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)
        if choices is not None:
            self.widget = forms.Select(choices=choices)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.Select):  # min/max/step mean nothing on a select
            for key in ("min", "max", "step"):
                attrs.pop(key, None)
        return attrs


class IdFilter(django_filters.NumberFilter):
    """An id, compared for equality (``field_name``), or read by ``method``."""

    field_class = IdField


class YesNoField(forms.TypedChoiceField):
    """A three-way choice (all, yes, no) that the page offers as a select and the API takes as
    a boolean: "yes", "true", "1" and the like are yes; "no", "false", "0" are no."""

    def __init__(self, *args: Any, choices: Any = None, **kwargs: Any) -> None:
        kwargs.pop("coerce", None)
        kwargs.pop("empty_value", None)
        super().__init__(
            *args,
            choices=choices or [("", _("All")), ("yes", _("Yes")), ("no", _("No"))],
            coerce=_yes_no,
            empty_value=None,
            **kwargs,
        )

    def to_python(self, value: Any) -> Any:
        if isinstance(value, bool):
            return "yes" if value else "no"
        text = str(value).strip().lower() if value is not None else ""
        if text in _TRUE:
            return "yes"
        if text in _FALSE:
            return "no"
        return text

    def valid_value(self, value: Any) -> bool:
        return value in ("yes", "no") or super().valid_value(value)


def _yes_no(value: str) -> bool:
    return value == "yes"


class YesNoFilter(django_filters.Filter):
    """``field_name`` is (or is not) the value; with ``method``, it receives True or False."""

    field_class = YesNoField

    def filter(self, qs: QuerySet, value: Any) -> QuerySet:
        if value is None:
            return qs
        return super().filter(qs, value)


class TextFilter(django_filters.CharFilter):
    """Typed text (a search box): a row matches when any of ``fields`` contains it (either
    case) or any of ``exact`` equals it. Blank text filters nothing."""

    def __init__(
        self, *, fields: tuple[str, ...], exact: tuple[str, ...] = (), **kwargs: Any
    ) -> None:
        kwargs.setdefault("max_length", 100)
        super().__init__(**kwargs)
        self.fields, self.exact = fields, exact

    def filter(self, qs: QuerySet, value: Any) -> QuerySet:
        value = (value or "").strip()
        if not value:
            return qs
        match = Q()
        for name in self.fields:
            match |= Q(**{f"{name}__icontains": value})
        for name in self.exact:
            match |= Q(**{name: value})
        return qs.filter(match)


class ScopedFilterSet(django_filters.FilterSet):
    """The filters of one list. Subclasses declare their filters and set ``Meta.model`` (its
    manager has ``visible_to``); ``scoped_queryset`` may add what a row shows and the list's
    order. A value the form refuses is shown on the form and filters nothing."""

    user: Any
    scope: ClassVar[Callable[..., QuerySet] | None] = None  # a selector (as a staticmethod)

    class Meta:
        form = FilterForm
        fields: ClassVar[list[str]] = []

    def __init__(
        self,
        data: Any = None,
        *,
        user: Any,
        queryset: QuerySet | None = None,
        request: Any = None,
        prefix: str | None = None,
    ) -> None:
        self.user = user
        if queryset is None:
            queryset = self.scoped_queryset(user)
        super().__init__(data, queryset, request=request, prefix=prefix)

    def scoped_queryset(self, user: Any) -> QuerySet:
        """The rows the list starts from: what the user may see (``scope(user=)``, the app's
        selector, when set; else ``Meta.model``'s ``visible_to``)."""
        if self.scope is not None:
            return self.scope(user=user)
        return self._meta.model.objects.visible_to(user)

    def set_choices(self, name: str, choices: Any) -> None:
        """Give a select its options for this user (before the form is drawn)."""
        self.filters[name].extra["choices"] = choices

    def query(self) -> str:
        """The valid filters as a query string: the export link of the page."""
        data = QueryDict(mutable=True)
        if self.is_bound:
            for name in self.filters:
                key = self.form.add_prefix(name)
                values = (
                    self.data.getlist(key)
                    if hasattr(self.data, "getlist")
                    else [self.data.get(key)]
                )
                values = [v for v in values if v not in (None, "")]
                if values and name not in self.form.errors:
                    data.setlist(key, [str(v) for v in values])
        return data.urlencode()

    @property
    def values(self) -> dict[str, Any]:
        """The cleaned filters (those given and valid)."""
        if not self.is_bound:
            return {}
        self.errors  # noqa: B018  # clean first
        return dict(getattr(self.form, "cleaned_data", {}))


# --- the API: query parameters generated from the filter set -----------------------------------


def _annotation(name: str, flt: django_filters.Filter) -> Any:
    """The pydantic type of one filter's query parameter, from its form field."""
    field_class = flt.field_class
    extra = flt.extra
    if getattr(field_class, "api_type", None) is not None:  # the field says how the API takes it
        return field_class.api_type
    if issubclass(field_class, IdField):
        return Id
    if issubclass(field_class, YesNoField) or issubclass(field_class, forms.BooleanField):
        return bool
    if issubclass(field_class, forms.DateField):
        return dt.date
    if issubclass(field_class, forms.IntegerField):
        bounds = {"ge": extra.get("min_value"), "le": extra.get("max_value", MAX_ID)}
        return Annotated[int, Field(**{k: v for k, v in bounds.items() if v is not None})]
    if issubclass(field_class, forms.ChoiceField):
        choices = extra.get("choices")
        values = [str(v) for v, _label in choices or [] if v != ""] if not callable(choices) else []
        if values:
            return Literal[tuple(values)]
        return Text
    if extra.get("max_length"):
        return Annotated[Text, Field(max_length=extra["max_length"])]
    return Text


@functools.cache
def query_schema(filterset_class: type[ScopedFilterSet]) -> type[Schema]:
    """The ninja schema of a list's query parameters: one optional parameter per filter, with
    the form field's type and bounds (an id is an ``Id``, a choice an enum of its values)."""
    fields: dict[str, Any] = {}
    for name, flt in filterset_class.base_filters.items():
        label = flt.extra.get("help_text") or flt.extra.get("label") or flt.label
        with override("en"):  # the API's description is in English, whoever asks first
            with_doc = Field(None, description=str(label)) if label else None
        fields[name] = (_annotation(name, flt) | None, with_doc)
    name = filterset_class.__name__.removesuffix("FilterSet") + "Query"
    return create_model(name, __base__=Schema, **fields)


def api_filterset(filterset_class: type[FS], query: Schema, *, user: Any, **kwargs: Any) -> FS:
    """The filter set of a ninja operation's query; a value the form refuses answers 422."""
    data = {k: v for k, v in query.dict().items() if v is not None}
    filterset = filterset_class(data, user=user, **kwargs)
    if not filterset.is_valid():
        raise ValidationError({k: list(v) for k, v in filterset.errors.items()})
    return filterset


def filtered(
    filterset_class: type[FS], *, before: Callable[[Any], None] | None = None, **init: Any
) -> Callable[[Callable[..., R]], Callable[..., R]]:
    """For a ninja list operation: its ``filters`` parameter is the filter set, built from the
    query parameters that ``query_schema`` declares (and the OpenAPI description lists)::

        @router.get("/posts/", response=list[PostOut])
        @paginate(Pagination)
        @filtered(PostFilterSet)
        def list_posts(request, filters: PostFilterSet) -> object:
            return filters.qs

    ``before(request)`` is the operation's gate: it runs before the query is read, so a caller
    it refuses learns nothing from the filters' checks (a 422 naming what their choices hold).
    """
    schema: Any = query_schema(filterset_class)  # type: ignore[arg-type]

    def decorate(view: Callable[..., R]) -> Callable[..., R]:
        signature = inspect.signature(view)
        parameters = [
            p.replace(annotation=Query[schema]) if p.name == "filters" else p  # type: ignore[misc]
            for p in signature.parameters.values()
        ]

        @functools.wraps(view)
        def operation(request: Any, *args: Any, filters: Schema, **kwargs: Any) -> R:
            if before is not None:
                before(request)
            filterset = api_filterset(filterset_class, filters, user=request.user, **init)
            return view(request, *args, filters=filterset, **kwargs)

        operation.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
        return operation

    return decorate


def list_operation(
    router: Any,
    path: str,
    filterset_class: type[FS],
    response: Any,
    *,
    name: str,
    section: str | None = None,
    gate: Callable[[Any], None] | None = None,
    rows: Callable[[FS], Any] | None = None,
    doc: str | None = None,
    **init: Any,
) -> None:
    """Add the API list of ``filterset_class`` to ``router`` at ``path``: the scoped rows the
    filter set's query parameters choose (``filtered``), a page at a time (``core.api.Pagination``),
    each drawn as ``response``. Callers who may not open ``section`` (the pages' rule,
    ``core.permissions.require_section``) are refused, and so are those ``gate(request)``
    refuses (raises); ``rows(filterset)`` adds to the rows (``select_related``). ``name`` is the operation's
    (its OpenAPI id and summary, as a function of that name in the caller's module gives)."""
    from ninja.pagination import paginate

    from degs.core.api import Pagination
    from degs.core.permissions import require_section

    def refuse(request: Any) -> None:
        if section is not None:
            require_section(request.user, section)
        if gate is not None:
            gate(request)

    def operation(request: Any, filters: Any) -> object:
        return rows(filters) if rows is not None else filters.qs

    operation.__name__ = operation.__qualname__ = name
    operation.__module__ = sys._getframe(1).f_globals["__name__"]  # the caller's module
    operation.__doc__ = doc
    operation.__annotations__ = {"filters": filterset_class, "return": object}
    router.get(path, response=list[response])(
        paginate(Pagination)(filtered(filterset_class, before=refuse, **init)(operation))
    )
