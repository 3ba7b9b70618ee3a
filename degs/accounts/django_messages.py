"""Django's own messages that our Hindi catalogue translates.

Django's Hindi catalogue leaves its password rules and password forms untranslated or calls a
password "शब्दकूट"; the project's catalogue (LOCALE_PATHS, read before Django's) gives them in
the project's words. Naming them here keeps them in the catalogue when it is brought up to date
with ``makemessages``: nothing calls these, and the text must stay exactly Django's.
"""

# ruff: noqa: RUF001  (Django writes these with a typographic apostrophe)

from __future__ import annotations

from django.utils.translation import gettext_noop, ngettext_lazy

DJANGO_MESSAGES = (
    # django.contrib.auth.forms
    gettext_noop("Old password"),
    gettext_noop("New password"),
    gettext_noop("New password confirmation"),
    gettext_noop("Password confirmation"),
    gettext_noop("password"),
    gettext_noop("Password (again)"),
    gettext_noop("The two password fields didn’t match."),
    gettext_noop("Enter the same password as before, for verification."),
    gettext_noop("Your old password was entered incorrectly. Please enter it again."),
    gettext_noop("Invalid password format or unknown hashing algorithm."),
    # django.contrib.auth.password_validation
    gettext_noop("The password is too similar to the %(verbose_name)s."),
    gettext_noop("Your password can’t be too similar to your other personal information."),
    gettext_noop("This password is too common."),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("This password is entirely numeric."),
    gettext_noop("Your password can’t be entirely numeric."),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        "min_length",
    ),
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        1,
    ),
    # django.contrib.auth.views and admin
    gettext_noop("Password change"),
    gettext_noop("Password change successful"),
    gettext_noop("Password changed successfully."),
    gettext_noop("Change password: %s"),
)
