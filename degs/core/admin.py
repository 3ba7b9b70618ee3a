"""The Django admin's forms take typed text through the same check as the suite's own forms."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from degs.core.forms import TypedTextMixin


def check_admin_text(site: admin.AdminSite | None = None) -> None:
    """Give every registered model admin's forms (change, add, password, inlines)
    ``TypedTextMixin``, so a NUL typed in the admin is refused on its field like anywhere else.
    Called once the admin has found every app's ``admin.py`` (``CoreConfig.ready``)."""
    site = site or admin.site
    for model_admin in site._registry.values():
        holders: list[Any] = [model_admin, *model_admin.inlines]
        for holder in holders:
            for attribute in ("form", "add_form", "change_password_form"):
                form = getattr(holder, attribute, None)
                if isinstance(form, type) and not issubclass(form, TypedTextMixin):
                    checked = type(form.__name__, (TypedTextMixin, form), {})
                    checked.__module__ = form.__module__
                    setattr(holder, attribute, checked)
