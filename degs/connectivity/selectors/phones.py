"""Reads of IP phones: the management list (scoped), what counts as a working phone, the
offices without one, and the extension directory every signed-in user may search."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from degs.connectivity.models import IpPhone
from degs.directory.choices import AreaKind
from degs.directory.models import Area, Office, Post


def _seen_since(now: dt.datetime | None) -> dt.datetime:
    return (now or timezone.now()) - dt.timedelta(hours=settings.DEGS_PHONE_SEEN_HOURS)


def working_q(*, now: dt.datetime | None = None, prefix: str = "") -> Q:
    """The condition of a working phone: in use, registered, and seen by the call server within
    ``DEGS_PHONE_SEEN_HOURS`` hours."""
    return Q(
        **{
            f"{prefix}is_active": True,
            f"{prefix}is_registered": True,
            f"{prefix}last_registered_at__gte": _seen_since(now),
        }
    )


def working_phones(qs: QuerySet[IpPhone], *, now: dt.datetime | None = None) -> QuerySet[IpPhone]:
    """The phones of ``qs`` that work (``working_q``)."""
    return qs.filter(working_q(now=now))


def phone_list(*, user: Any) -> QuerySet[IpPhone]:
    """The phones of the offices the user sees, by extension; each carries ``working``."""
    return (
        IpPhone.objects.visible_to(user)
        .annotate(working=ExpressionWrapper(working_q(), output_field=BooleanField()))
        .select_related("office__area", "post__designation")
        .order_by("extension")
    )


def phone_get(*, user: Any, pk: int) -> IpPhone:
    """One phone the user sees (404 otherwise)."""
    return get_object_or_404(phone_list(user=user), pk=pk)


def offices_without_working_phone(*, user: Any, now: dt.datetime | None = None) -> QuerySet[Office]:
    """The active offices the user sees with no working phone; each carries ``phones`` (how
    many phones in use it has: 0 means none was ever set up)."""
    working = IpPhone.objects.filter(working_q(now=now), office=OuterRef("pk"))
    return (
        Office.objects.visible_to(user)
        .filter(is_active=True)
        .exclude(Exists(working))
        .annotate(phones=Count("ip_phones", filter=Q(ip_phones__is_active=True)))
        .select_related("area")
        .order_by("area__path", "name", "pk")
    )


def phone_offices(*, user: Any) -> QuerySet[Office]:
    """The offices a phone may be set up in: active offices the user sees."""
    return Office.objects.visible_to(user).filter(is_active=True).select_related("area")


def phone_posts(*, user: Any) -> QuerySet[Post]:
    """The posts a phone may be for: active posts at offices the user sees."""
    return (
        Post.objects.visible_to(user)
        .filter(is_active=True, office__isnull=False)
        .select_related("designation", "office")
    )


def directory_entries(*, user: Any) -> QuerySet[IpPhone]:
    """The extension directory: every phone in use, in any area, for anyone signed in. It
    shows the extension, the office, the post and the desk; never a person's name (the
    directory's holders are shown only inside the reader's own areas)."""
    return (
        IpPhone.objects.filter(is_active=True, office__is_active=True)
        .select_related("office__area", "post__designation")
        .order_by("office__area__path", "office__name", "extension")
    )


def directory_districts() -> QuerySet[Area]:
    """The districts the directory may be narrowed to."""
    return Area.objects.filter(kind=AreaKind.DISTRICT, is_active=True).order_by("name")
