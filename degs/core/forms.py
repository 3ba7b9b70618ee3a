"""Form plumbing shared by every app: Bootstrap classes and accessible error wiring."""

from __future__ import annotations

from typing import Any

from django import forms


class StyledFormMixin:
    """Give widgets Bootstrap classes and point them at their help and error texts."""

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
        super().full_clean()  # type: ignore[misc]
        self.style_fields()


def add_service_errors(form: forms.BaseForm, error: Any) -> None:
    """Show a service's ValidationError on the form: on its fields where the form has them,
    above the form otherwise, so no message is lost."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
