"""Text enters the suite in a few places, each checked once (core.text.typed_text): every form
(core.forms.TypedTextMixin, also given to the admin's), every API text field and text query
parameter (core.schemas.Text), every page address (core.middleware.AddressTextMiddleware) and
every imported spreadsheet cell (core.tabular). These tests walk each place whole, from
what the code declares (form classes, the admin registry, the OpenAPI description, the URL
tree), so a form, field or route added later is held too. A NUL must be refused with a message
in the user's language, never reach PostgreSQL (which refuses it: a 500) nor be dropped."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import unicodedata
from collections.abc import Iterator
from typing import Any

import pytest
from django import forms
from django.apps import apps as django_apps
from django.contrib import admin
from django.http import QueryDict
from django.test import RequestFactory
from django.urls import reverse

import degs
from config.api import api
from degs.accounts.models import User
from degs.catalogue.definition import parse_definition
from degs.catalogue.demo_definitions import SERVICES
from degs.core.forms import TypedTextMixin
from degs.core.tabular import read_table
from degs.core.text import ControlCharacters, typed_text
from tests.urlwalk import named_urls

NUL = "a\x00b"

# From the Unicode database (Python's unicodedata), not from the code under test: the control
# characters (category Cc) but tab, line feed and carriage return, and the surrogate halves
# (category Cs). Every other character is kept, the format characters (Cf) among them.
REFUSED = [
    chr(point)
    for point in range(0x110000)
    if (unicodedata.category(chr(point)) == "Cc" and chr(point) not in "\t\n\r")
    or unicodedata.category(chr(point)) == "Cs"
]
FORMAT_CHARACTERS = [chr(p) for p in range(0x3000) if unicodedata.category(chr(p)) == "Cf"]
KEPT = [
    "\t",
    "\n",
    "\r",
    "क्\u200dष",  # zero-width joiner between Devanagari letters
    "क्\u200cष",  # zero-width non-joiner
    "\u200e",  # left-to-right mark
    "\u200f",  # right-to-left mark
    "\u061c",  # Arabic letter mark (Urdu)
    "\u202a9876501234\u202c",  # a number as copied from WhatsApp
    "सुनीता देवी",
    "ॐ ₹ 😀",
]


def test_the_refused_set_is_what_the_unicode_database_says() -> None:
    assert len(REFUSED) == 65 - 3 + 2048  # C0, DEL and C1 but tab/LF/CR; the surrogates
    for char in REFUSED:
        with pytest.raises(ControlCharacters):
            typed_text(f"name{char}name")
    assert "\u202a" in FORMAT_CHARACTERS and "\u2066" in FORMAT_CHARACTERS
    for text in KEPT + FORMAT_CHARACTERS:
        assert typed_text(text) == unicodedata.normalize("NFC", text)


def test_text_is_nfc_normalised_on_input() -> None:
    assert typed_text("Cafe\u0301") == "Café"  # e + combining acute: one code point in NFC
    assert typed_text("\u0958") == "\u0915\u093c"  # क़ is a composition exclusion


# --- every form ----------------------------------------------------------------------------------


def _import_all() -> None:
    for module in pkgutil.walk_packages(degs.__path__, "degs."):
        if ".migrations" not in module.name:
            importlib.import_module(module.name)


def _subclasses(cls: type) -> Iterator[type]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _form_classes() -> list[type[forms.BaseForm]]:
    _import_all()
    found = {c for c in _subclasses(forms.BaseForm) if c.__module__.startswith("degs.")}
    return sorted(found, key=lambda c: f"{c.__module__}.{c.__qualname__}")


FORM_CLASSES = _form_classes()


def _empty(name: str, annotation: Any) -> Any:
    """An empty value for a form's keyword argument, read from its annotation."""
    text = str(annotation)
    if name == "definition":
        return parse_definition(SERVICES[0]["definition"])
    if text.startswith("QuerySet["):
        model_name = text.removeprefix("QuerySet[").removesuffix("]")
        by_name = {"services": "CentreService", "directives": "Directive"}
        model_name = by_name.get(name, model_name)
        model = next(m for m in django_apps.get_models() if m.__name__ == model_name)
        return model._default_manager.none()
    for prefix, value in (("list", []), ("dict", {}), ("set", set()), ("bool", False)):
        if text.startswith(prefix):
            return value
    return None


def _make_form(cls: type[forms.BaseForm], data: Any) -> forms.BaseForm:
    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    for klass in cls.__mro__:
        if "__init__" not in klass.__dict__ or klass in (forms.BaseForm, forms.Form):
            continue
        for parameter in inspect.signature(klass.__init__).parameters.values():
            if parameter.default is not inspect.Parameter.empty or parameter.name in kwargs:
                continue
            if parameter.kind == inspect.Parameter.KEYWORD_ONLY:
                kwargs[parameter.name] = _empty(parameter.name, parameter.annotation)
            elif parameter.name == "user" and not args:  # SetPasswordForm(user, data)
                args.append(User(username="someone"))
    return cls(*args, data=data, **kwargs)


def _text_fields(form: forms.BaseForm) -> dict[str, list[str]]:
    """Each field that takes typed data, with the keys its widget reads."""
    fields = {}
    for name, field in form.fields.items():
        if field.disabled or isinstance(field, forms.FileField):
            continue
        key = form.add_prefix(name)
        widget = field.widget
        if isinstance(widget, forms.MultiWidget):
            fields[name] = [f"{key}{suffix}" for suffix in widget.widgets_names]
        else:
            fields[name] = [key]
    return fields


def _refused_fields(form: forms.BaseForm) -> set[str]:
    assert not form.is_valid()
    return {
        name
        for name, errors in form.errors.as_data().items()
        if any(error.code == "control_characters" for error in errors)
    }


def test_the_walk_finds_the_forms() -> None:
    names = {c.__name__ for c in FORM_CLASSES}
    assert {"CentreForm", "DirectiveForm", "MeetingForm", "ReportForm", "LoginForm"} <= names


@pytest.mark.django_db
@pytest.mark.parametrize("form_class", FORM_CLASSES, ids=lambda c: f"{c.__module__}.{c.__name__}")
def test_every_form_refuses_a_nul_on_each_field(form_class: type[forms.BaseForm]) -> None:
    """Given NUL in every field it reads, a form answers with the message on each of them, and
    none of them is in cleaned_data (nothing downstream holds it)."""
    fields = _text_fields(_make_form(form_class, None))
    data = QueryDict(mutable=True)
    for keys in fields.values():
        for key in keys:
            data[key] = NUL
    if not fields:
        return  # a base with no fields of its own (its subclasses are walked)
    form = _make_form(form_class, data)
    assert _refused_fields(form) == set(fields)
    assert not set(fields) & set(form.cleaned_data)
    assert all(form.data[key] == NUL for keys in fields.values() for key in keys)  # as typed


@pytest.mark.parametrize("form_class", FORM_CLASSES, ids=lambda c: f"{c.__module__}.{c.__name__}")
def test_every_form_takes_text_through_the_one_check(form_class: type[forms.BaseForm]) -> None:
    assert issubclass(form_class, TypedTextMixin)


def test_a_form_keeps_nfc_text_and_passwords_as_typed() -> None:
    class SignIn(TypedTextMixin, forms.Form):
        name = forms.CharField()
        password = forms.CharField(widget=forms.PasswordInput)

    form = SignIn(data={"name": "Cafe\u0301", "password": "Cafe\u0301"})
    assert form.is_valid() and form.cleaned_data["name"] == "Café"
    assert form.cleaned_data["password"] == "Cafe\u0301"  # checked against the hash as set
    refused = SignIn(data={"name": "x", "password": NUL})
    assert _refused_fields(refused) == {"password"}


# --- the admin -------------------------------------------------------------------------------------


def _admin_forms(request: Any) -> Iterator[tuple[str, type[forms.BaseForm]]]:
    for model, model_admin in admin.site._registry.items():
        label = f"{model._meta.label}"
        yield label, model_admin.get_form(request)
        for formset, inline in model_admin.get_formsets_with_inlines(request):
            yield f"{label} inline {inline.model._meta.label}", formset.form


@pytest.mark.django_db
def test_every_admin_form_refuses_a_nul_on_each_field() -> None:
    request = RequestFactory().get("/admin/")
    request.user = User.objects.create_superuser("root", password="x")  # type: ignore[attr-defined]
    walked = 0
    for label, form_class in _admin_forms(request):
        fields = _text_fields(form_class())
        if not fields:
            continue  # a read-only admin
        data = {key: NUL for keys in fields.values() for key in keys}
        assert _refused_fields(form_class(data=data)) == set(fields), label
        walked += 1
    assert walked > 15


@pytest.mark.django_db
def test_the_admin_answers_a_nul_with_the_message(world, client) -> None:
    """End to end on the database in use (PostgreSQL refuses NUL): nothing saved."""
    from degs.directory.models import Holiday

    client.force_login(User.objects.create_superuser("root", password="x"))
    before = Holiday.objects.count()
    response = client.post(
        reverse("admin:directory_holiday_add"),
        {"name": NUL, "name_hi": "छुट्टी", "date": "2026-01-26", "area": world.district_a.pk},
    )
    assert response.status_code == 200
    assert "invisible control characters" in response.content.decode()
    assert Holiday.objects.count() == before


# --- every API input, from the OpenAPI description ---------------------------------------------


def _schema() -> dict[str, Any]:
    return api.get_openapi_schema()


def _resolve(node: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]]
    return node


def _is_text(node: dict[str, Any], schema: dict[str, Any]) -> bool:
    """Free text: a string with no enum, format or pattern (a date, a UUID and a decimal's
    string form are parsed, never stored as sent), or text-or-null."""
    node = _resolve(node, schema)
    if node.get("type") == "string":
        return not {"enum", "format", "pattern"} & set(node)
    options = [o for o in node.get("anyOf", []) if _resolve(o, schema).get("type") != "null"]
    return bool(options) and all(_is_text(o, schema) for o in options)


def _text_paths(
    node: dict[str, Any], schema: dict[str, Any], path: tuple[Any, ...] = ()
) -> Iterator[tuple[tuple[Any, ...], bool]]:
    """Every place in a body that takes text: (path, whether the place is a dict's key)."""
    node = _resolve(node, schema)
    if _is_text(node, schema):
        yield path, False
        return
    for option in node.get("anyOf", []):  # an object or list, or null (a number's string
        if _resolve(option, schema).get("type") in ("object", "array"):  # form is not text)
            yield from _text_paths(option, schema, path)
    if node.get("type") == "array":
        yield from _text_paths(node["items"], schema, (*path, 0))
    for name, child in node.get("properties", {}).items():
        yield from _text_paths(child, schema, (*path, name))
    extra = node.get("additionalProperties")
    if isinstance(extra, dict) and extra:
        yield from _text_paths(extra, schema, (*path, "key"))
        yield (*path, "key"), True


def _place(path: tuple[Any, ...], value: Any, as_key: bool) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    if head == 0:
        return [_place(rest, value, as_key)]
    if as_key and not rest:
        return {value: "x"}
    return {head: _place(rest, value, as_key)}


def _operations() -> list[tuple[str, str, dict[str, Any]]]:
    schema = _schema()
    return [
        (method, path, operation)
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if method in ("get", "post", "put", "patch", "delete")
    ]


def _url(path: str, operation: dict[str, Any]) -> str:
    for parameter in operation.get("parameters", []):
        if parameter["in"] == "path":
            path = path.replace("{" + parameter["name"] + "}", "1")
    return path


def _body_cases() -> Iterator[Any]:
    schema = _schema()
    for method, path, operation in _operations():
        body = operation.get("requestBody", {}).get("content", {}).get("application/json")
        if not body:
            continue
        for field_path, as_key in _text_paths(body["schema"], schema):
            yield pytest.param(
                method, path, operation, field_path, as_key, id=f"{method} {path} {field_path}"
            )


def _query_cases() -> Iterator[Any]:
    schema = _schema()
    for method, path, operation in _operations():
        for parameter in operation.get("parameters", []):
            if parameter["in"] == "query" and _is_text(parameter["schema"], schema):
                yield pytest.param(
                    method,
                    path,
                    operation,
                    parameter["name"],
                    id=f"{method} {path} ?{parameter['name']}",
                )


BODY_CASES = list(_body_cases())
QUERY_CASES = list(_query_cases())


def test_the_walk_finds_the_api_inputs() -> None:
    ids = {case.id for case in BODY_CASES} | {case.id for case in QUERY_CASES}
    assert "post /api/centres/centres/ ('name',)" in ids
    assert "post /api/reviews/meetings/ ('venue',)" in ids
    assert "post /api/reviews/meetings/ ('agenda', 0)" in ids
    assert "post /api/reviews/directives/{directive_id}/updates/ ('text',)" in ids
    assert "get /api/centres/centres/ ?q" in ids
    assert len(BODY_CASES) > 60 and len(QUERY_CASES) > 10


def _errors_at(response: Any, location: list[Any]) -> set[str]:
    assert response.status_code == 422, response.content
    return {e["type"] for e in response.json()["errors"] if e["loc"] == location}


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "path", "operation", "field_path", "as_key"), BODY_CASES)
def test_every_api_text_field_refuses_a_nul_and_what_is_not_text(
    world, client_as, method, path, operation, field_path, as_key
) -> None:
    """422 with the field's message (not 500, not stored), for a NUL and for a list, object,
    number or true/false where text belongs (a JSON object's keys are always text)."""
    client = client_as(world.state_admin)
    url = _url(path, operation)
    location = ["body", "payload", *field_path]
    if as_key:  # pydantic names a refused key by its text, then "[key]"
        location = ["body", "payload", *field_path[:-1], NUL, "[key]"]
    send = getattr(client, method)
    response = send(url, _place(field_path, NUL, as_key), content_type="application/json")
    assert "control_characters" in _errors_at(response, location)
    if as_key:
        return
    for wrong in (["a"], {"a": "b"}, 1, 1.5, True):
        response = send(url, _place(field_path, wrong, as_key), content_type="application/json")
        assert "text_type" in _errors_at(response, location), wrong


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "path", "operation", "name"), QUERY_CASES)
def test_every_api_text_parameter_refuses_a_nul(
    world, client_as, method, path, operation, name
) -> None:
    client = client_as(world.state_admin)
    response = getattr(client, method)(f"{_url(path, operation)}?{name}=a%00b")
    assert "control_characters" in _errors_at(response, ["query", name])


@pytest.mark.django_db
def test_the_api_message_is_in_the_callers_language(world, client_as) -> None:
    world.state_admin.language = "hi"
    world.state_admin.save(update_fields=["language"])
    response = client_as(world.state_admin).get("/api/centres/centres/?q=%00")
    messages = [e["msg"] for e in response.json()["errors"]]
    assert messages and all("नियंत्रण वर्ण" in m for m in messages)


# --- every page address ------------------------------------------------------------------------


@pytest.mark.django_db
def test_every_page_refuses_a_nul_in_its_address(world, client_as) -> None:
    """Search boxes and filters read the query string, some straight from request.GET."""
    client = client_as(world.dc_a)
    pages = [u.name for u in named_urls() if not u.kwargs and not u.name.startswith("api")]
    assert len(pages) > 20
    for name in pages:
        url = reverse(name)
        for query in ("q=a%00b", "a%00b=1", "page=%1b"):
            response = client.get(f"{url}?{query}")
            assert response.status_code == 400, (url, query, response.status_code)
    refused = client.get(reverse("centres:centre_list") + "?q=%00")
    assert "invisible control characters" in refused.content.decode()
    admin_search = client_as(User.objects.create_superuser("root", password="x")).get(
        "/admin/centres/centre/?q=%00"
    )
    assert admin_search.status_code == 400


# --- every imported spreadsheet --------------------------------------------------------------------


def test_an_imported_cell_with_a_nul_refuses_the_file_naming_the_cell() -> None:
    from degs.core.exceptions import ImportRejected

    content = b"code,name\nC1,ok\nC2,bad\x00name\n"
    with pytest.raises(ImportRejected) as refused:
        read_table("centres.csv", content)
    assert "B3" in str(refused.value.message)
    assert (
        read_table("centres.csv", b"code,name\nC1,Cafe\xcc\x81\n").rows[0].values["name"] == "Café"
    )


# --- text inside JSON a user writes ------------------------------------------------------------


def test_a_service_definition_refuses_a_nul_written_as_a_json_escape() -> None:
    """The service form's definition is JSON typed in a text box: "\\u0000" there passes the
    form's check as six letters and is a NUL once read, which PostgreSQL's jsonb refuses."""
    import copy
    import json

    from django.core.exceptions import ValidationError

    definition = copy.deepcopy(SERVICES[0]["definition"])
    definition["fields"][0]["label"] = json.loads('"Annual\\u0000income"')
    with pytest.raises(ValidationError) as refused:
        parse_definition(definition)
    assert any("invisible control characters" in m for m in refused.value.messages)


def test_text_read_from_a_file_passes_the_check_it_meets_when_sent_back() -> None:
    """A press note's file text fills the import's review form; a control character a file
    carries (not typed by the user) is taken out when read, so the form does not refuse it."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from degs.reviews.sources import text_from_upload

    for control in ("\x1b", "\x7f", "\x85", "\x9f"):  # escape, DEL, C1: next line, APC
        note = f"जिला ई-गवर्नेंस सोसाइटी की बैठक{control} की अध्यक्षता उपायुक्त ने की।".encode()
        upload = SimpleUploadedFile("note.txt", note, content_type="text/plain")
        text = text_from_upload(upload)
        assert typed_text(text) == "जिला ई-गवर्नेंस सोसाइटी की बैठक की अध्यक्षता उपायुक्त ने की।"
