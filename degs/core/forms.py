"""Form plumbing shared by every app: where typed text enters, Bootstrap classes and accessible
error wiring."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict

from degs.core.exceptions import (
    AlreadyRecorded,
    ApplicationError,
    InvalidTransition,
    PermissionDenied,
    StaleVersion,
)
from degs.core.money import paise_of, rupees_text
from degs.core.text import REFUSED_MESSAGE, has_control_characters, typed_text


class TypedTextMixin:
    """The one place typed text enters a form, before any field, ``clean_*`` or ``clean()``
    sees it: every value is NFC-normalised, and a field whose value carries a control
    character (NUL, which PostgreSQL refuses, and the others in ``core.text``) gets an error
    and is cleaned as if left out, so nothing downstream (a lookup, a uniqueness check, a
    service) ever holds it. Passwords are checked but not normalised: they must match the
    text they were set with. Every form in the suite has this (``StyledFormMixin`` brings it;
    tests/core/test_typed_text.py walks them all, and the admin's, see ``core.admin``)."""

    def full_clean(self) -> None:
        form: forms.BaseForm = self  # type: ignore[assignment]
        if not form.is_bound or not hasattr(form.data, "copy"):
            super().full_clean()  # type: ignore[misc]
            return
        typed, refused = _typed_data(form)
        blanked = typed.copy()
        for key in refused:
            blanked.pop(key)
        form.data = blanked
        try:
            super().full_clean()  # type: ignore[misc]
        finally:
            form.data = typed  # shown again as it was typed
        for name in dict.fromkeys(refused.values()):
            form._errors.pop(name, None)  # type: ignore[attr-defined]  # "required", as left out
            form.add_error(name, ValidationError(REFUSED_MESSAGE, code="control_characters"))


def _typed_data(form: forms.BaseForm) -> tuple[Any, dict[str, str]]:
    """A copy of the form's data with its text NFC-normalised, and the keys whose text carries
    a control character, each with the name of its field."""
    keys: dict[str, str] = {}
    for name, field in form.fields.items():
        if field.disabled:  # its value is the initial one, never the data
            continue
        html_name = form.add_prefix(name)
        parts = re.compile(re.escape(html_name) + r"_[0-9]+")  # a MultiWidget's sub-values
        for key in form.data:
            if key == html_name or parts.fullmatch(key):
                keys[key] = name
    data: Any = form.data
    data = data.copy()  # a QueryDict (mutable once copied) or a dict
    refused: dict[str, str] = {}
    for key, name in keys.items():
        password = isinstance(form.fields[name].widget, forms.PasswordInput)
        many = hasattr(data, "getlist")
        values = data.getlist(key) if many else [data[key]]
        kept = []
        for value in values:
            if isinstance(value, str):
                if has_control_characters(value):
                    refused[key] = name
                elif not password:
                    value = typed_text(value)
            kept.append(value)
        if many:
            data.setlist(key, kept)
        else:
            data[key] = kept[0]
    return data, refused


class StyledFormMixin(TypedTextMixin):
    """Give widgets Bootstrap classes and point them at their help and error texts; typed text
    is checked by ``TypedTextMixin``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style_fields()

    def style_fields(self) -> None:
        for name, field in self.fields.items():  # type: ignore[attr-defined]
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = (widget.attrs.get("class", "") + " " + css).strip()
            bound = self[name]  # type: ignore[index]
            described = []
            if field.help_text:
                described.append(f"{bound.auto_id}_helptext")
            errors = self._errors  # type: ignore[attr-defined]  # None until cleaned: never clean here
            if errors and name in errors:
                widget.attrs["aria-invalid"] = "true"
                widget.attrs["class"] += " is-invalid"
                described.append(f"{bound.auto_id}_error")
            if described:
                widget.attrs["aria-describedby"] = " ".join(described)

    def full_clean(self) -> None:
        super().full_clean()
        self.style_fields()


def add_service_errors(form: forms.BaseForm, error: Any) -> None:
    """Show a service's ValidationError on the form: on its fields where the form has them,
    above the form otherwise, so no message is lost. A refusal (``ApplicationError``) that
    names fields (``extra["errors"]``, as the API answers them) is shown the same way; one
    that names none is its sentence above the form."""
    if isinstance(error, ApplicationError):
        named = error.extra.get("errors")
        if not isinstance(named, dict) or not named:
            form.add_error(None, str(error.message))
            return
        for field, said in named.items():
            for message in [said] if isinstance(said, str) else said:
                form.add_error(field if field in form.fields else None, str(message))
        return
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


REFUSALS: tuple[type[ApplicationError], ...] = (
    StaleVersion,
    InvalidTransition,
    PermissionDenied,
    AlreadyRecorded,
)
"""The refusals a page shows above its form (``core.generic``): someone else's change, a step
the object's state no longer allows, an action the user may not take, something already
recorded. Each says why in the user's language; the form keeps what was typed."""


def service_on_form(
    form: forms.BaseForm,
    call: Callable[[], object],
    refused: tuple[type[ApplicationError], ...] = (StaleVersion,),
) -> Any:
    """Run a service for a valid form: what it returned (the object it created, so a create
    view can go to it; True for a service that returns nothing), or False when it refused.
    Its ValidationError is shown on the form (``add_service_errors``); a refusal of the kinds
    in ``refused`` (by default someone else's change, ``StaleVersion``) is shown above the
    form (or on the fields it names); any other domain error goes on to the middleware."""
    try:
        result = call()
    except ValidationError as error:
        add_service_errors(form, error)
    except refused as error:
        add_service_errors(form, error)
    else:
        return True if result is None else result
    return False


class FormTokenMixin(TypedTextMixin, forms.Form):
    """A hidden random token, kept across the form's corrections: what a service takes as the
    submission's key (the ledger's ``source_key``), so a form sent twice (a double click, a
    reload) acts once. A post without one gets a fresh one for the page drawn again; a
    malformed one names no submission (``submission_key`` is empty)."""

    token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from degs.core.uploads import form_token

        super().__init__(*args, **kwargs)
        key = self.add_prefix("token")
        if not self.is_bound:
            self.initial["token"] = form_token()
        elif not self.data.get(key):
            data = QueryDict(mutable=True)
            data.update(self.data)
            data[key] = form_token()
            self.data = data

    def submission_key(self) -> str:
        from degs.core.uploads import is_form_token

        token = str(self.cleaned_data.get("token") or "")
        return token if is_form_token(token) else ""


class HeldFilesMixin(TypedTextMixin, forms.Form):
    """A form that takes files with other fields: its ``upload_token`` (random, hidden) names
    the files held for it while it is corrected (``core.uploads.hold``), so a post refused for
    another field does not ask for the files again."""

    upload_token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from degs.core.uploads import form_token

        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["upload_token"] = form_token()

    def held_token(self) -> str:
        """The posted form's token; a fresh one, carried by the page drawn again, when the
        post had none (or a malformed one)."""
        from degs.core.uploads import form_token, is_form_token

        key = self.add_prefix("upload_token")
        token = self.data.get(key, "")
        if not is_form_token(token):
            token = form_token()
            data = QueryDict(mutable=True)
            data.update(self.data)
            data[key] = token
            self.data = data
        return str(token)

    def removed_held(self) -> list[str]:
        """The held files the user asked to let go (their codes)."""
        getlist = getattr(self.data, "getlist", None)
        return list(getlist(self.add_prefix("remove_held"))) if getlist else []


class RupeesField(forms.CharField):
    """An amount typed in rupees with paise (Indian grouping allowed); cleaned to whole paise
    (an int) by ``degs.core.money.paise_of``. ``zero=True`` accepts ₹0 (a free repair)."""

    def __init__(self, *args: Any, zero: bool = False, **kwargs: Any) -> None:
        self.zero = zero
        kwargs.setdefault("max_length", 24)
        super().__init__(*args, **kwargs)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": "decimal", "autocomplete": "off"})
        return attrs

    def prepare_value(self, value: Any) -> Any:
        return rupees_text(value) if isinstance(value, int) else value

    def clean(self, value: Any) -> int | None:
        text = super().clean(value)
        return paise_of(text, zero=self.zero) if text else None
