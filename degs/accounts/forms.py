from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.utils.translation import gettext_lazy as _

from degs.core.forms import StyledFormMixin
from degs.core.mobile import MobileField


class LoginForm(StyledFormMixin, AuthenticationForm):
    """Django's login form with labels that read well on a phone."""

    username = forms.CharField(
        label=_("User name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class ApiTokenForm(StyledFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=100,
        help_text=_('Which system will use it, e.g. "state dashboard".'),
    )
    expires_on = forms.DateField(
        label=_("Expires on (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class StyledPasswordChangeForm(StyledFormMixin, PasswordChangeForm):
    """Django's password change form, styled and labelled like the rest."""


class RoleAreaChoicesMixin:
    """The role and area choices a form offers depend on who fills it in."""

    def __init__(
        self, *args: Any, roles: list[tuple[str, str]], areas: list[tuple[int, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        # No preselected role or area: giving "district administrator" must be a choice.
        self.fields["role"].choices = [("", "---------"), *roles]  # type: ignore[attr-defined]
        self.fields["area"].choices = [("", "---------"), *areas]  # type: ignore[attr-defined]


class UserCreateForm(RoleAreaChoicesMixin, StyledFormMixin, forms.Form):
    """A new user and the role they get in one area."""

    username = forms.RegexField(
        label=_("User name"),
        max_length=150,
        regex=r"^[\w.@+-]+$",
        help_text=_("Letters, digits and . @ + - _ only, e.g. operator.nala2"),
    )
    full_name = forms.CharField(label=_("Full name (English)"), max_length=150)
    full_name_hi = forms.CharField(label=_("Full name (Hindi)"), max_length=150, required=False)
    mobile = MobileField(label=_("Mobile"), required=False)
    role = forms.ChoiceField(label=_("Role"))
    area = forms.ChoiceField(label=_("Area"))
    password = forms.CharField(
        label=_("First password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Tell it to the user; they should change it after signing in."),
    )


class RoleGrantForm(RoleAreaChoicesMixin, StyledFormMixin, forms.Form):
    role = forms.ChoiceField(label=_("Role"))
    area = forms.ChoiceField(label=_("Area"))
