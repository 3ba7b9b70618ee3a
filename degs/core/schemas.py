"""What the API's input schemas share: ``Text``, the type of every text field and text query
parameter, the API's one place where text enters (the forms' is ``core.forms``)."""

from __future__ import annotations

from typing import Annotated, Any

from django.utils.translation import gettext as _
from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

from degs.core.text import REFUSED_MESSAGE, ControlCharacters, typed_text


def _text(value: Any) -> str:
    """A JSON string only (a list, object, number or true/false is refused, never turned into
    text such as "['a']"), NFC-normalised, refused when it carries a control character. The
    message is in the caller's language; the API answers 422 with it under the field."""
    if not isinstance(value, str):
        raise PydanticCustomError(
            "text_type", _("Give text here (in quotes), not a list, object, number or true/false.")
        )
    try:
        return typed_text(value)
    except ControlCharacters:
        raise PydanticCustomError("control_characters", str(REFUSED_MESSAGE)) from None


Text = Annotated[str, BeforeValidator(_text)]
