"""core.forms.service_on_form: how a view shows what a service refused."""

from __future__ import annotations

import pytest
from django import forms
from django.core.exceptions import ValidationError

from degs.core.exceptions import InvalidTransition, PermissionDenied, StaleVersion
from degs.core.forms import service_on_form


class NoteForm(forms.Form):
    note = forms.CharField()


def _form() -> NoteForm:
    form = NoteForm({"note": "typed"})
    assert form.is_valid()
    return form


def _raise(error: Exception):  # type: ignore[no-untyped-def]
    def call() -> None:
        raise error

    return call


def test_a_service_that_goes_through_answers_true() -> None:
    done = []
    form = _form()
    assert service_on_form(form, lambda: done.append(1)) is True
    assert done == [1] and not form.errors


def test_a_validation_error_lands_on_its_field_or_above_the_form() -> None:
    form = _form()
    error = ValidationError({"note": "Too short.", "elsewhere": "Not on this form."})
    assert service_on_form(form, _raise(error)) is False
    assert form.errors["note"] == ["Too short."]
    assert form.non_field_errors() == ["Not on this form."]
    assert form.data["note"] == "typed"  # what the user typed stays


def test_someone_elses_change_is_shown_above_the_form_by_default() -> None:
    form = _form()
    assert service_on_form(form, _raise(StaleVersion())) is False
    assert form.non_field_errors() == [str(StaleVersion.default_message)]


def test_only_the_named_refusals_are_shown_the_others_go_on() -> None:
    form = _form()
    refusal = InvalidTransition("Already decided.")
    assert service_on_form(form, _raise(refusal), (InvalidTransition,)) is False
    assert form.non_field_errors() == ["Already decided."]
    with pytest.raises(PermissionDenied):
        service_on_form(_form(), _raise(PermissionDenied()), (InvalidTransition,))
    with pytest.raises(StaleVersion):
        service_on_form(_form(), _raise(StaleVersion()), ())
