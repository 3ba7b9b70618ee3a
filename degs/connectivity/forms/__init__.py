"""The connectivity app's forms, one module per part."""

from __future__ import annotations

from typing import Any

from django import forms

# The browser's own pickers; the values they send back.
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class OfficeChoiceField(forms.ModelChoiceField):
    """An office shown with its area: "Block Office (Block A1)"."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.label} ({obj.area.label})"


class LinkChoiceField(forms.ModelChoiceField):
    """A link shown by its circuit, its site and its provider."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.circuit_id}: {obj.site_label} ({obj.provider.label})"


class ServiceValuesMixin:
    """A form whose cleaned data is what its service takes, less ``version`` (an edit's
    optimistic lock, which the view passes on its own)."""

    cleaned_data: dict[str, Any]

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data
