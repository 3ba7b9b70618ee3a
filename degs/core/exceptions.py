"""Domain errors. Services raise them; one middleware (HTML) and one handler (API) answer them.

Each carries a sentence for the user in their language, never a stack trace.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _


class ApplicationError(Exception):
    """A rule of the domain refused what was asked. ``status`` is the HTTP answer."""

    status = 400
    default_message: Any = _("This request could not be carried out.")

    def __init__(self, message: Any = None, *, extra: dict[str, Any] | None = None) -> None:
        self.message = message if message is not None else self.default_message
        self.extra = extra or {}
        super().__init__(str(self.message))


class PermissionDenied(ApplicationError):
    """The user may see the object but may not do this to it."""

    status = 403
    default_message = _("You do not have permission to do this.")


class OutOfJurisdiction(ApplicationError):
    """Outside the user's areas: answered exactly like an object that does not exist."""

    status = 404
    default_message = _("Not found.")


class InvalidTransition(ApplicationError):
    """A workflow action that the object's current state does not allow."""

    status = 409
    default_message = _("This action is not allowed in the current state.")


class StaleVersion(ApplicationError):
    """Someone changed the object after the user loaded it: nothing was overwritten."""

    status = 409
    default_message = _(
        "Someone else changed this record after you opened it. Nothing was saved; "
        "please look at the current version and try again."
    )


class ImportRejected(ApplicationError):
    """An import file had errors; nothing was written."""

    status = 400
    default_message = _("The file has errors. Nothing was imported.")


class AlreadyRecorded(ApplicationError):
    """What was submitted is already recorded (the same note imported twice): nothing new was
    written. ``extra`` names what already holds it."""

    status = 409
    default_message = _("This is already recorded. Nothing new was saved.")
