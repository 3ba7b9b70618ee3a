"""What of a citizen's application a reader sees: the one decision (``disclosure``) and the one
masking function (``shown``) that the application's page, the API, the receipt and any export
use. The table of who sees what is in docs/accounts.md.

A reader sees an application **whole** when they must act on it: the operator of the centre
that filed it (who typed it, corrects it when it is returned and prints for the citizen) and
the officers who hold the post it is with or a post that acted on it. Everyone else who may
see the row (``ApplicationQuerySet.visible_to``) sees it **limited**: each form field by its
privacy in the service definition (``FormField.privacy``: open, masked or hidden, with defaults
by field type), the mobile masked, the documents by name without their files, and no
certificate PDF (which prints the form's fields whole).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from degs.applications.models import Application
from degs.catalogue.choices import FieldType, Privacy
from degs.catalogue.definition import FormField
from degs.directory.selectors import held_post_ids

WHOLE = "whole"
LIMITED = "limited"


@dataclass(frozen=True)
class Disclosure:
    """How one reader sees one application."""

    level: str  # WHOLE or LIMITED
    operator: bool = False  # the reader runs the centre that filed it

    @property
    def whole(self) -> bool:
        return self.level == WHOLE

    @property
    def files(self) -> bool:
        """May open the documents' files (ID proofs and the rest)."""
        return self.whole

    @property
    def certificate(self) -> bool:
        """May open the certificate's PDF, which prints the form's fields whole."""
        return self.whole


def disclosure(*, user: Any, application: Application) -> Disclosure:
    """How ``user`` (who may see the application) sees it; kept on the application object."""
    cache: dict[Any, Disclosure] = application.__dict__.setdefault("_degs_disclosure", {})
    key = getattr(user, "pk", None)
    if key in cache:
        return cache[key]
    operator = _runs_centre(user, application)
    acting = False
    if not operator:
        posts = held_post_ids(user)
        if posts:
            acting = application.assigned_post_id in posts or _acted(application, posts)
    result = Disclosure(level=WHOLE if operator or acting else LIMITED, operator=operator)
    cache[key] = result
    return result


def _runs_centre(user: Any, application: Application) -> bool:
    if getattr(user, "pk", None) is None:
        return False
    centre = application.centre
    if centre.operator_id is None:
        return False
    from degs.centres.models import Operator

    cached = centre._state.fields_cache.get("operator")
    if cached is not None:
        return bool(cached.user_id == user.pk)
    return Operator.objects.filter(pk=centre.operator_id, user_id=user.pk).exists()


def _acted(application: Application, posts: set[int]) -> bool:
    """Has one of ``posts`` ever acted on the application (from its events if read)?"""
    prefetched = getattr(application, "_prefetched_objects_cache", {}).get("events")
    if prefetched is not None:
        return any(event.post_id in posts for event in prefetched)
    return application.events.filter(post_id__in=posts).exists()


# --- the one masking function ---------------------------------------------------------------


def masked(kind: str, value: Any) -> Any:
    """The masked form of a value of a field type, or None where no part of it is safe to show:
    a mobile's and an Aadhaar number's last four digits, a date's year, a PIN code's first
    three digits (the district), a name's initials."""
    if value is None or value == "":
        return value
    text = str(value)
    if kind == FieldType.MOBILE:
        return f"XXXXXX{text[-4:]}"
    if kind == FieldType.AADHAAR:
        return f"XXXX XXXX {text[-4:]}"
    if kind == FieldType.DATE:
        return f"XX-XX-{text[:4]}" if text[:4].isdigit() else None
    if kind == FieldType.PINCODE:
        return f"{text[:3]}XXX"
    if kind == FieldType.TEXT:
        return " ".join(f"{word[0]}." for word in text.split())
    return None  # a number, a choice, an area or a file has no safe part


class _Withheld:
    def __repr__(self) -> str:
        return "WITHHELD"


WITHHELD: Any = _Withheld()


def shown(spec: FormField | None, value: Any, *, whole: bool) -> Any:
    """What a reader sees of one form value: the value, its masked form, or ``WITHHELD``.
    A value whose field is no longer in the definition is withheld from limited readers."""
    if whole:
        return value
    privacy = spec.privacy if spec is not None else Privacy.HIDDEN
    if privacy == Privacy.OPEN:
        return value
    if privacy == Privacy.MASKED and spec is not None:
        part = masked(spec.type, value)
        if part is not None:
            return part
    return WITHHELD


def disclosed_data(application: Application, *, whole: bool) -> tuple[dict[str, Any], list[str]]:
    """The form's values a reader sees (masked where their field says so), and the codes of
    those withheld from them."""
    definition = application.definition
    values: dict[str, Any] = {}
    withheld: list[str] = []
    for code, value in (application.data or {}).items():
        seen = shown(definition.field(code), value, whole=whole)
        if seen is WITHHELD:
            withheld.append(code)
        else:
            values[code] = seen
    return values, withheld


def on_paper(spec: FormField | None, value: Any) -> Any:
    """What a printed certificate carries of a form value: whole (it is the holder's paper),
    except a mobile number, masked as on the receipt, since paper travels."""
    if spec is not None and spec.type == FieldType.MOBILE:
        return masked(FieldType.MOBILE, value)
    return value


def disclosed_mobile(application: Application, *, whole: bool) -> str:
    """The applicant's mobile: whole for those who act on the application, else masked."""
    if whole:
        return application.mobile
    return str(masked(FieldType.MOBILE, application.mobile) or "")
