"""The connectivity app's forms, one module per part."""

from __future__ import annotations

from typing import Any


class ServiceValuesMixin:
    """A form whose cleaned data is what its service takes, less ``version`` (an edit's
    optimistic lock, which the view passes on its own)."""

    cleaned_data: dict[str, Any]

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data
