"""The generic pages every app builds on: one object's page, a form that calls a service, and a
workflow action posted from an object's page. They hold the one error policy of the pages:

- a user who may not open the page is refused before anything is read (``gate``: a section,
  a capability, or the view's own test); an object outside the user's areas answers 404, as if
  it did not exist;
- what the user typed wrong, and what the service refused, is shown on the form, in the
  user's language, with everything the user typed (and the files held for the form) still in
  place: never flashed after a redirect, never a page of its own. A field's error sits by the
  field; a refusal (``core.forms.REFUSALS``: someone else's change, with who and when; a step
  the state no longer allows; an action the user may not take; something already recorded)
  sits above the form;
- what went through is flashed once, and the browser is sent on (to the object created).

The scoped list page is ``core.lists.ScopedListView``. The API's one policy is the exception
handlers in ``config/api.py``; both read the same sentence from the exception.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View

from degs.core.exceptions import ApplicationError, PermissionDenied, StaleVersion
from degs.core.forms import REFUSALS, service_on_form
from degs.core.permissions import require_section, user_can
from degs.core.typing import AuthedRequest


class GateMixin(LoginRequiredMixin):
    """Who may open the page: a signed-in user who may open ``section`` (``roles.SECTIONS``)
    and holds ``capability`` (anywhere in their areas), when set; ``gate`` adds the view's own
    test. ``gate_object`` tests the object once it is read (a capability at its area)."""

    section: ClassVar[str | None] = None
    capability: ClassVar[str | None] = None
    kwargs: dict[str, Any]

    def gate(self, request: HttpRequest) -> None:
        if self.section is not None:
            require_section(request.user, self.section)
        if self.capability is not None and not user_can(request.user, self.capability):
            raise PermissionDenied

    def gate_object(self, request: HttpRequest, obj: Any) -> None:
        """Refuse (raise) an object the user may see but not act on here."""


class ScopedDetailView(GateMixin, View):
    """One object's page: the object is read in the user's scope (404 outside it) and drawn
    with ``template_name``. Declared: ``read`` (a selector ``read(user=, pk=)``; by default
    ``model.objects.visible_to(user)``) and ``page_context`` (``page_context(request, obj)``,
    the page's context; by default the object as ``context_object_name``). Both may be given
    to ``as_view`` (``x_detail = ScopedDetailView.as_view(read=..., template_name=...,
    page_context=...)``) or set on a subclass (as ``staticmethod``)."""

    model: ClassVar[type[Model] | None] = None
    template_name: ClassVar[str] = ""
    context_object_name: ClassVar[str] = "object"
    pk_url_kwarg: ClassVar[str] = "pk"
    read: ClassVar[Callable[..., Any] | None] = None
    page_context: ClassVar[Callable[..., dict[str, Any]] | None] = None
    http_method_names: ClassVar[list[str]] = ["get", "head"]  # type: ignore[misc]

    def get_queryset(self, request: AuthedRequest) -> QuerySet[Any]:
        return self.model.objects.visible_to(request.user)  # type: ignore[union-attr]

    def get_object(self, request: AuthedRequest) -> Any:
        """The object in the user's scope."""
        if self.read is not None:
            return self.read(user=request.user, pk=self.kwargs[self.pk_url_kwarg])
        return get_object_or_404(self.get_queryset(request), pk=self.kwargs[self.pk_url_kwarg])

    def get_context_data(self, request: AuthedRequest, obj: Any) -> dict[str, Any]:
        if self.page_context is not None:
            return self.page_context(request, obj)
        return {self.context_object_name: obj}

    def get(self, request: AuthedRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.gate(request)
        obj = self.object = self.get_object(request)
        self.gate_object(request, obj)
        return render(request, self.template_name, self.get_context_data(request, obj))


class ServiceFormView(GateMixin, View):
    """A form that calls a service: GET draws it; POST checks it, calls ``perform`` (the
    service) and either flashes ``success_message`` and goes to ``get_success_url(result)``
    (``result`` is what the service returned: the object created), or draws the form again
    with the service's errors on it (``invalid_status``) and what was typed.

    Set ``form_class`` and ``template_name``; override ``perform``, and as needed
    ``get_object`` (an object the form edits, read in the user's scope: its page's ``pk``),
    ``get_form_kwargs``, ``get_initial``, ``hold_files`` (files held for a ``HeldFilesMixin``
    form while it is corrected) and ``get_context_data``. ``refusals`` are the domain errors
    shown above the form; any other goes on to the middleware's error page."""

    form_class: ClassVar[type[forms.BaseForm]]
    template_name: ClassVar[str]
    success_message: ClassVar[Any] = ""
    success_url_name: ClassVar[str | None] = None  # a URL taking the key of what was made
    invalid_status: ClassVar[int] = 200
    refusals: ClassVar[tuple[type[ApplicationError], ...]] = REFUSALS
    http_method_names: ClassVar[list[str]] = ["get", "post"]  # type: ignore[misc]

    object: Any = None

    # --- hooks ---------------------------------------------------------------------------------

    def get_object(self, request: AuthedRequest) -> Any:
        """The object the form edits (read in the user's scope), or None for a new one."""
        return None

    def get_initial(self, request: AuthedRequest) -> dict[str, Any]:
        return {}

    def get_form_kwargs(self, request: AuthedRequest) -> dict[str, Any]:
        return {}

    def get_form(
        self, request: AuthedRequest, data: Any = None, files: Any = None
    ) -> forms.BaseForm:
        kwargs = {"initial": self.get_initial(request), **self.get_form_kwargs(request)}
        return self.form_class(data, files, **kwargs)

    def hold_files(self, request: AuthedRequest, form: forms.BaseForm) -> list[str]:
        """Hold the posted files for the form (``core.uploads``) and answer why any was
        refused; a form without files holds nothing."""
        return []

    def perform(self, request: AuthedRequest, form: forms.BaseForm) -> Any:
        """Call the service with the form's cleaned data; return what it made."""
        raise NotImplementedError

    def get_success_message(self, form: forms.BaseForm, result: Any) -> str:
        return str(self.success_message)

    def get_success_url(self, result: Any) -> str:
        if self.success_url_name:
            return reverse(self.success_url_name, args=[result.pk])
        url = getattr(result, "get_absolute_url", None)
        if callable(url):
            return str(url())
        raise NotImplementedError("get_success_url")

    def get_context_data(self, request: AuthedRequest, form: forms.BaseForm) -> dict[str, Any]:
        return {"form": form, "object": self.object}

    # --- the flow ------------------------------------------------------------------------------

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.gate(request)
        self.object = self.get_object(cast(AuthedRequest, request))
        if self.object is not None:
            self.gate_object(request, self.object)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: AuthedRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render_form(request, self.get_form(request))

    def post(self, request: AuthedRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.get_form(request, request.POST, request.FILES)
        refused_files = self.hold_files(request, form)
        valid = form.is_valid()
        for problem in refused_files:
            form.add_error(None, problem)
        if valid and not refused_files:
            result = service_on_form(form, lambda: self.perform(request, form), self.refusals)
            if result is not False:
                return self.form_done(request, form, result)
        return self.render_form(request, form, status=self.invalid_status)

    def form_done(self, request: AuthedRequest, form: forms.BaseForm, result: Any) -> HttpResponse:
        message = self.get_success_message(form, result)
        if message:
            messages.success(request, message)
        return redirect(self.get_success_url(result))

    def render_form(
        self, request: AuthedRequest, form: forms.BaseForm, status: int = 200
    ) -> HttpResponse:
        context = self.get_context_data(request, form)
        return render(request, self.template_name, context, status=status)


class TransitionView(GateMixin, View):
    """A small form posted from an object's page (a workflow action's buttons, a decision, a
    correction of one row): it calls a service on the object. Done, the user is sent on with
    ``success_message``; refused (someone else acted first, the state no longer allows it, a
    remark is missing), the object's page is drawn again as it is now, with the reason on the
    form and what was typed (``refused_status``; ``stale_status`` for someone else's change).

    Declared, not written: ``read`` (a selector ``read(user=, pk=)`` reading the object in the
    user's scope), ``service`` (called ``service(actor=user, <subject>=obj, **service_kwargs)``,
    by default the form's cleaned data: ``action``, ``version``, ``remark`` for a workflow's
    buttons), ``subject`` (the service's name for the object), ``page_context`` (the object's
    page, ``page_context(request, obj)``; the form is added as ``form_context_name``) and
    ``success_url_name`` (a URL taking the object's key; the object's own URL when unset).
    Override the matching methods when an app needs more."""

    form_class: ClassVar[type[forms.BaseForm]]
    template_name: ClassVar[str]
    success_message: ClassVar[Any] = ""
    refused_status: ClassVar[int] = 400
    stale_status: ClassVar[int | None] = None  # a different status for someone else's change
    refusals: ClassVar[tuple[type[ApplicationError], ...]] = REFUSALS
    http_method_names: ClassVar[list[str]] = ["post"]  # type: ignore[misc]

    read: ClassVar[Callable[..., Any] | None] = None
    service: ClassVar[Callable[..., Any] | None] = None
    subject: ClassVar[str] = "obj"
    page_context: ClassVar[Callable[..., dict[str, Any]] | None] = None
    form_context_name: ClassVar[str] = "transition_form"
    success_url_name: ClassVar[str | None] = None
    pk_url_kwarg: ClassVar[str] = "pk"

    object: Any = None
    form: forms.BaseForm
    stale: bool = False  # the refusal was someone else's change (StaleVersion)

    def get_object(self, request: AuthedRequest) -> Any:
        if self.read is None:
            raise NotImplementedError("read or get_object")
        return self.read(user=request.user, pk=self.kwargs[self.pk_url_kwarg])

    def get_form(self, request: AuthedRequest) -> forms.BaseForm:
        return self.form_class(request.POST)

    def service_kwargs(self, form: forms.BaseForm) -> dict[str, Any]:
        """What the service takes from the checked form besides the actor and the object."""
        return dict(form.cleaned_data)

    def perform(self, request: AuthedRequest, obj: Any, form: forms.BaseForm) -> Any:
        if self.service is None:
            raise NotImplementedError("service or perform")
        return self.service(actor=request.user, **{self.subject: obj}, **self.service_kwargs(form))

    def get_success_url(self, obj: Any) -> str:
        if self.success_url_name:
            return reverse(self.success_url_name, args=[obj.pk])
        return str(obj.get_absolute_url())

    def get_success_message(self, result: Any) -> str:
        return str(self.success_message)

    def get_context_data(
        self, request: AuthedRequest, obj: Any, form: forms.BaseForm
    ) -> dict[str, Any]:
        page = self.page_context(request, obj) if self.page_context else {"object": obj}
        return {**page, self.form_context_name: form}

    def post(self, request: AuthedRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.gate(request)
        obj = self.object = self.get_object(request)
        self.gate_object(request, obj)
        form = self.form = self.get_form(request)
        self.stale = False
        if form.is_valid():

            def call() -> Any:
                try:
                    return self.perform(request, obj, form)
                except StaleVersion:
                    self.stale = True  # the page may say so in its own way
                    raise

            result = service_on_form(form, call, self.refusals)
            if result is not False:
                message = self.get_success_message(result)
                if message:
                    messages.success(request, message)
                return redirect(self.get_success_url(obj))
        fresh = self.get_object(request)  # the page as it is now, with the reason above the action
        status = self.stale_status if self.stale and self.stale_status else self.refused_status
        return render(
            request, self.template_name, self.get_context_data(request, fresh, form), status=status
        )
