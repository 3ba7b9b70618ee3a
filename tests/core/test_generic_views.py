"""core.generic: the one error policy of the pages. What a service refuses is shown on the
form, in the user's language, with everything typed still there; someone else's change says
who made it and when; what goes through is flashed once and the browser sent on."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.base import SessionBase
from django.core.exceptions import ValidationError
from django.http import Http404
from django.test import RequestFactory
from django.utils import timezone, translation

from degs.core.exceptions import InvalidTransition, PermissionDenied, StaleVersion
from degs.core.generic import ScopedDetailView, ServiceFormView, TransitionView
from degs.directory.models import Area
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


class NoteForm(forms.Form):
    title = forms.CharField()
    note = forms.CharField(required=False)
    version = forms.IntegerField()


class ActionForm(forms.Form):
    action = forms.CharField()
    version = forms.IntegerField()
    remark = forms.CharField(required=False)


class Saved:
    pk = 7

    def get_absolute_url(self) -> str:
        return "/saved/7/"


class NoteView(ServiceFormView):
    """The service raises what the test puts in ``refusal`` (or saves)."""

    form_class = NoteForm
    template_name = "core/partials/form_errors.html"
    success_message = "Saved."
    refusal: Exception | None = None
    shown: forms.BaseForm | None = None

    def perform(self, request: Any, form: forms.BaseForm) -> Any:
        if self.refusal is not None:
            raise self.refusal
        return Saved()

    def get_context_data(self, request: Any, form: forms.BaseForm) -> dict[str, Any]:
        type(self).shown = form
        return super().get_context_data(request, form)


class ActView(TransitionView):
    form_class = ActionForm
    template_name = "core/partials/transition_errors.html"
    success_message = "Done."
    refusal: Exception | None = None
    shown: dict[str, Any] = {}

    def get_object(self, request: Any) -> Saved:
        return Saved()

    def perform(self, request: Any, obj: Any, form: forms.BaseForm) -> Any:
        if self.refusal is not None:
            raise self.refusal
        return obj

    def get_context_data(self, request: Any, obj: Any, form: forms.BaseForm) -> dict[str, Any]:
        context = super().get_context_data(request, obj, form)
        type(self).shown = context
        return context


def _post(user: Any, data: dict[str, Any]) -> Any:
    request = RequestFactory().post("/x/", data)
    request.user = user
    request.session = SessionBase()
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    return request


TYPED = {"title": "Typed title", "note": "कुछ लिखा", "version": "3"}


def test_a_form_that_goes_through_flashes_once_and_goes_to_the_object() -> None:
    NoteView.refusal = None
    request = _post(UserFactory(), TYPED)
    response = NoteView.as_view()(request)
    assert response.status_code == 302 and response["Location"] == "/saved/7/"
    assert [str(m) for m in get_messages(request)] == ["Saved."]


def test_a_stale_post_names_who_changed_it_and_keeps_what_was_typed() -> None:
    other = UserFactory(full_name="Asha Kumari", full_name_hi="आशा कुमारी")
    at = dt.datetime(2026, 11, 22, 14, 5, tzinfo=timezone.get_current_timezone())
    NoteView.refusal = StaleVersion(extra={"by": other, "at": at})
    request = _post(UserFactory(), TYPED)
    response = NoteView.as_view()(request)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this record" in body
    assert "Asha Kumari changed this at 14:05 on 22-11-2026." in body
    form = NoteView.shown
    assert form is not None and form.data["title"] == "Typed title"
    assert form.data["note"] == "कुछ लिखा"
    assert not list(get_messages(request))  # on the form, never flashed


def test_a_refused_service_keeps_what_was_typed_with_its_reason_above_the_form() -> None:
    for refusal in (InvalidTransition("Already decided."), PermissionDenied("Not yours.")):
        NoteView.refusal = refusal
        response = NoteView.as_view()(_post(UserFactory(), TYPED))
        assert response.status_code == 200
        assert str(refusal.message) in response.content.decode()
        assert NoteView.shown is not None and NoteView.shown.data["title"] == "Typed title"


def test_a_service_validation_error_lands_on_its_field() -> None:
    NoteView.refusal = ValidationError({"title": "This title is taken."})
    NoteView.as_view()(_post(UserFactory(), TYPED))
    form = NoteView.shown
    assert form is not None and form.errors["title"] == ["This title is taken."]
    assert form.data["title"] == "Typed title"


def test_errors_in_hindi() -> None:
    other = UserFactory(full_name="Asha Kumari", full_name_hi="आशा कुमारी")
    at = dt.datetime(2026, 11, 22, 14, 5, tzinfo=timezone.get_current_timezone())
    NoteView.refusal = StaleVersion(extra={"by": other, "at": at})
    with translation.override("hi"):
        body = NoteView.as_view()(_post(UserFactory(), TYPED)).content.decode()
    assert "आशा कुमारी ने इसे 22-11-2026 को 14:05 बजे बदला।" in body
    assert "Someone else" not in body and "changed this" not in body
    # the sentence is made in the reader's language when it is read, not when raised
    error = StaleVersion(extra={"by": other, "at": at})
    with translation.override("hi"):
        assert "आशा कुमारी ने इसे" in str(error.message)
    with translation.override("en"):
        assert "Asha Kumari changed this at 14:05" in str(error.message)


def test_the_api_says_the_same_sentence() -> None:
    from config.api import application_error

    other = UserFactory(full_name="Asha Kumari")
    at = dt.datetime(2026, 11, 22, 14, 5, tzinfo=timezone.get_current_timezone())
    error = StaleVersion(extra={"by": other, "at": at})
    response = application_error(RequestFactory().post("/api/x/"), error)
    assert response.status_code == 409
    assert "Asha Kumari changed this at 14:05 on 22-11-2026." in response.content.decode()


def test_a_refused_transition_draws_the_page_again_with_why_and_the_remark() -> None:
    other = UserFactory(full_name="Asha Kumari")
    at = dt.datetime(2026, 11, 22, 9, 30, tzinfo=timezone.get_current_timezone())
    ActView.refusal = StaleVersion(extra={"by": other, "at": at})
    data = {"action": "send_back", "version": "2", "remark": "पूरा नहीं"}
    request = _post(UserFactory(), data)
    response = ActView.as_view()(request)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Asha Kumari changed this at 09:30 on 22-11-2026." in body
    assert ActView.shown["transition_form"].data["remark"] == "पूरा नहीं"
    assert not list(get_messages(request))
    ActView.refusal = None
    request = _post(UserFactory(), data)
    done = ActView.as_view()(request)
    assert done.status_code == 302 and done["Location"] == "/saved/7/"
    assert [str(m) for m in get_messages(request)] == ["Done."]


def test_an_incomplete_transition_post_says_nothing_changed() -> None:
    ActView.refusal = None
    response = ActView.as_view()(_post(UserFactory(), {"action": "x", "version": "v"}))
    assert response.status_code == 400
    assert "Nothing was changed" in response.content.decode()


class AreaPage(ScopedDetailView):
    model = Area
    template_name = "core/partials/form_errors.html"
    context_object_name = "area"


class ReviewsAreaPage(AreaPage):
    section = "reviews"


def _get(user: Any) -> Any:
    request = RequestFactory().get("/x/")
    request.user = user
    return request


def test_a_detail_page_reads_in_the_users_scope(world) -> None:  # type: ignore[no-untyped-def]
    assert AreaPage.as_view()(_get(world.bdo_a1), pk=world.block_a1.pk).status_code == 200
    with pytest.raises(Http404):  # another block: as if it did not exist
        AreaPage.as_view()(_get(world.bdo_a1), pk=world.block_b1.pk)


def test_a_detail_page_of_a_section_refuses_those_who_may_not_open_it(world) -> None:  # type: ignore[no-untyped-def]
    outsider = UserFactory()
    with pytest.raises(PermissionDenied):
        ReviewsAreaPage.as_view()(_get(outsider), pk=world.block_a1.pk)
    anonymous = RequestFactory().get("/x/")
    from django.contrib.auth.models import AnonymousUser

    anonymous.user = AnonymousUser()
    assert ReviewsAreaPage.as_view()(anonymous, pk=world.block_a1.pk).status_code == 302
