"""Sign-in, sign-out, password change, language choice, profile and API tokens."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from degs.accounts import selectors, services
from degs.accounts.filters import UserFilterSet
from degs.accounts.forms import (
    ApiTokenForm,
    LoginForm,
    RoleGrantForm,
    StyledPasswordChangeForm,
    UserCreateForm,
)
from degs.accounts.roles import Capability, Role, capabilities_of
from degs.accounts.selectors import user_can
from degs.core.exceptions import ApplicationError, OutOfJurisdiction
from degs.core.forms import service_on_form
from degs.core.generic import ServiceFormView
from degs.core.lists import ScopedListView
from degs.core.pagination import paginate
from degs.core.scoping import jurisdiction_of
from degs.core.typing import AuthedRequest
from degs.directory.selectors import area_get


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form: LoginForm) -> HttpResponse:  # type: ignore[override]
        response = super().form_valid(form)
        user = form.get_user()
        if user.language:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                user.language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                samesite="Lax",
                secure=settings.LANGUAGE_COOKIE_SECURE,
            )
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = StyledPasswordChangeForm
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):
        messages.success(self.request, _("Your password was changed."))
        return super().form_valid(form)


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """The Hindi/English switch on every page; a signed-in user's choice is remembered."""
    language = request.POST.get("language", "")
    next_url = request.POST.get("next") or reverse("dashboards:home")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("dashboards:home")
    response = HttpResponseRedirect(next_url)
    if language not in dict(settings.LANGUAGES):
        return response
    translation.activate(language)
    if request.user.is_authenticated:
        services.user_set_language(user=request.user, language=language)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=settings.LANGUAGE_COOKIE_SECURE,
    )
    return response


@login_required
def profile(request: AuthedRequest, token_form: ApiTokenForm | None = None) -> HttpResponse:
    """Who I am here: my posts, my roles and where, my API tokens (with ``token_form`` as it
    was refused, when a new token was not created)."""
    user = request.user
    jurisdiction = jurisdiction_of(user)
    context = {
        "holdings": selectors.user_current_holdings(user=user),
        "grants": selectors.user_role_grants(user=user),
        "roots": selectors.user_roots(user=user),
        "capabilities": [
            Capability(c).label for c in sorted(capabilities_of(jurisdiction.role_names()))
        ],
        "everywhere": jurisdiction.everywhere,
        "tokens": selectors.api_token_list(user=user),
        "token_form": token_form or ApiTokenForm(),
    }
    status = 200 if token_form is None else 400
    return render(request, "accounts/profile.html", context, status=status)


@login_required
@require_POST
def api_token_create(request: AuthedRequest) -> HttpResponse:
    """A new token, shown once; refused, the profile page again with why on the form and the
    name as typed."""
    form = ApiTokenForm(request.POST)
    if not form.is_valid():
        form.add_error(None, _("The token was not created: check the name and date."))
        return profile(request, token_form=form)
    expires_on = form.cleaned_data.get("expires_on")
    expires_at = (
        timezone.make_aware(dt.datetime.combine(expires_on, dt.time.max)) if expires_on else None
    )
    created = service_on_form(
        form,
        lambda: services.api_token_create(
            actor=request.user,
            name=form.cleaned_data["name"],
            expires_at=expires_at,
        ),
        (ApplicationError,),
    )
    if not created:
        return profile(request, token_form=form)
    token, raw = created
    return render(request, "accounts/token_created.html", {"token": token, "raw": raw})


@login_required
@require_POST
def api_token_revoke(request: AuthedRequest, pk: int) -> HttpResponse:
    token = services.api_token_revoke(actor=request.user, token_id=pk)
    messages.success(request, _("Token %(name)s was revoked.") % {"name": token.name})
    return redirect("accounts:profile")


def _role_choices(user: Any) -> list[tuple[str, str]]:
    everywhere = jurisdiction_of(user).everywhere
    return [(v, str(label)) for v, label in Role.choices if everywhere or v != Role.STATE_ADMIN]


def _area_choices(user: Any) -> list[tuple[int, str]]:
    return [
        (a.pk, f"{'— ' * a.depth}{a.label} ({a.get_kind_display()})")
        for a in selectors.manageable_areas(user=user)
        if user_can(user, Capability.ACCOUNTS_MANAGE, a)
    ]


def _require_accounts_manager(request: AuthedRequest) -> None:
    if not user_can(request.user, Capability.ACCOUNTS_MANAGE):
        raise OutOfJurisdiction


class UserListView(ScopedListView):
    """People who work in my areas (for account managers)."""

    filterset_class = UserFilterSet
    template_name = "accounts/user_list.html"

    def gate(self, request: HttpRequest) -> None:
        _require_accounts_manager(request)  # type: ignore[arg-type]


user_list = UserListView.as_view()


class UserCreateView(ServiceFormView):
    """A new account with its first role, in the manager's areas; the password rules' errors
    sit by the password."""

    form_class = UserCreateForm
    template_name = "accounts/user_create.html"

    def gate(self, request: HttpRequest) -> None:
        _require_accounts_manager(request)  # type: ignore[arg-type]

    def get_form_kwargs(self, request: AuthedRequest) -> dict[str, Any]:
        return {"roles": _role_choices(request.user), "areas": _area_choices(request.user)}

    def perform(self, request: AuthedRequest, form: Any) -> Any:
        data = form.cleaned_data
        area = area_get(user=request.user, pk=int(data["area"]))
        try:
            return services.user_create(actor=request.user, **{**data, "area": area})
        except ValidationError as exc:  # the password validators' errors name no field
            raise ValidationError(
                {
                    "password" if field == NON_FIELD_ERRORS else field: errors
                    for field, errors in exc.update_error_dict({}).items()
                }
            ) from exc

    def get_success_message(self, form: Any, result: Any) -> str:
        return _("The account %(name)s was created.") % {"name": result.username}

    def get_success_url(self, result: Any) -> str:
        return reverse("accounts:user_detail", kwargs={"pk": result.pk})


user_create = UserCreateView.as_view()


@login_required
def user_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    _require_accounts_manager(request)
    person = selectors.user_get(user=request.user, pk=pk)
    form = RoleGrantForm(
        request.POST or None, roles=_role_choices(request.user), areas=_area_choices(request.user)
    )
    if request.method == "POST" and form.is_valid():
        area = area_get(user=request.user, pk=int(form.cleaned_data["area"]))
        services.role_grant_create(
            actor=request.user, user=person, role=form.cleaned_data["role"], area=area
        )
        messages.success(request, _("The role was given."))
        return redirect("accounts:user_detail", pk=person.pk)
    context = {
        "person": person,
        "grants": selectors.user_role_grants(user=person),
        "holdings": selectors.user_current_holdings(user=person),
        "form": form,
    }
    return render(request, "accounts/user_detail.html", context)


@login_required
@require_POST
def role_grant_revoke(request: AuthedRequest, pk: int) -> HttpResponse:
    grant_user = services.role_grant_revoke(actor=request.user, grant_id=pk)
    messages.success(request, _("The role was taken away."))
    return redirect("accounts:user_detail", pk=grant_user)


@login_required
@require_http_methods(["GET", "POST"])
def notice_list(request: AuthedRequest) -> HttpResponse:
    """The user's notices, newest first; POST marks them read."""
    if request.method == "POST":
        services.notice_mark_read(user=request.user)
        return redirect("accounts:notice_list")
    page = paginate(request, selectors.notice_list(user=request.user))
    return render(request, "accounts/notice_list.html", {"page": page})
