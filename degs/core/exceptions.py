"""Domain errors. Services raise them; one middleware (HTML) and one handler (API) answer them.

Each carries a sentence for the user in their language, never a stack trace.
"""

from __future__ import annotations

from typing import Any

from django.utils.functional import lazy
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
    """Someone changed the object after the user loaded it: nothing was overwritten.

    Raised with ``extra={"by": user, "at": datetime}`` (the workflow engine does), the message
    also says who changed it and when ("A. Kumar changed this at 14:05 on 22-11-2026"), in the
    reader's language when it is read: pages and the API show the same sentence."""

    status = 409
    default_message = _(
        "Someone else changed this record after you opened it. Nothing was saved; "
        "please look at the current version and try again."
    )

    def __init__(self, message: Any = None, *, extra: dict[str, Any] | None = None) -> None:
        super().__init__(message, extra=extra)
        if self.extra.get("by") is not None or self.extra.get("at") is not None:
            self.message = _stale_message(self.message, self.extra.get("by"), self.extra.get("at"))


def _who(user: Any) -> str:
    """A person's name in the reader's language (their username when they have none)."""
    from degs.core.models import in_reader_language

    if isinstance(user, str):
        return user
    name = in_reader_language(getattr(user, "full_name", ""), getattr(user, "full_name_hi", ""))
    if name:
        return name
    get_username = getattr(user, "get_username", None)
    return str(get_username() if callable(get_username) else user)


def _changed_by(message: Any, by: Any, at: Any) -> str:
    from django.utils import timezone

    from degs.core.formatting import format_date

    said = str(message)
    if by is not None and at is not None:
        local = timezone.localtime(at) if timezone.is_aware(at) else at
        told = _("%(who)s changed this at %(time)s on %(date)s.") % {
            "who": _who(by),
            "time": local.strftime("%H:%M"),
            "date": format_date(local.date()),
        }
    elif by is not None:
        told = _("%(who)s changed this.") % {"who": _who(by)}
    else:
        local = timezone.localtime(at) if timezone.is_aware(at) else at
        told = _("It was changed at %(time)s on %(date)s.") % {
            "time": local.strftime("%H:%M"),
            "date": format_date(local.date()),
        }
    return f"{said} {told}"


_stale_message = lazy(_changed_by, str)


class ImportRejected(ApplicationError):
    """An import file had errors; nothing was written."""

    status = 400
    default_message = _("The file has errors. Nothing was imported.")


class AlreadyRecorded(ApplicationError):
    """What was submitted is already recorded (the same note imported twice): nothing new was
    written. ``extra`` names what already holds it."""

    status = 409
    default_message = _("This is already recorded. Nothing new was saved.")
