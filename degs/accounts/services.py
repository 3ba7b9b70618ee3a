"""Writes about users: language, role grants, API tokens."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from degs.accounts.models import ApiToken, Notice, RoleGrant, User
from degs.accounts.roles import Capability, Role
from degs.accounts.selectors import require_capability, user_can
from degs.core.exceptions import ApplicationError, OutOfJurisdiction, PermissionDenied
from degs.core.mobile import read_mobile
from degs.core.scoping import forget_jurisdiction
from degs.core.text import clean_text
from degs.directory.models import Area


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def user_set_language(*, user: User, language: str) -> User:
    """Remember the language a user chose, so every device shows it after sign-in."""
    if language not in dict(settings.LANGUAGES):
        raise ApplicationError(_("Unknown language."))
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
    return user


@transaction.atomic
def role_grant_create(*, actor: User, user: User, role: str, area: Area) -> RoleGrant:
    """Give ``user`` a role in ``area``; the actor must manage accounts there."""
    require_capability(actor, Capability.ACCOUNTS_MANAGE, area)
    if role not in dict(Role.choices):
        raise ApplicationError(_("Unknown role."))
    grant, _created = RoleGrant.objects.get_or_create(
        user=user, role=role, area=area, defaults={"granted_by": actor}
    )
    _set_home_area(user.pk, area)
    forget_jurisdiction(user)
    return grant


def _set_home_area(user_id: int, area: Area) -> None:
    """Remember where an administrator last changed the user's roles: there the user stays
    visible, and can be given a role again, once they hold none."""
    User.objects.filter(pk=user_id).update(home_area=area)


@transaction.atomic
def api_token_create(
    *, actor: User, name: str, expires_at: dt.datetime | None = None
) -> tuple[ApiToken, str]:
    """A new token for the actor's own integrations; the secret is returned once, never kept."""
    name = name.strip()
    if not name:
        raise ApplicationError(_("Give the token a name, such as the system that will use it."))
    if expires_at is not None and expires_at <= timezone.now():
        raise ApplicationError(_("The expiry must be in the future."))
    raw = settings.DEGS_API_TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=actor,
        name=name[:100],
        prefix=raw[: len(settings.DEGS_API_TOKEN_PREFIX) + 6],
        key_hash=hash_token(raw),
        expires_at=expires_at,
    )
    token.full_clean()
    token.save()
    return token, raw


@transaction.atomic
def api_token_revoke(*, actor: User, token_id: int) -> ApiToken:
    """Revoke one of the actor's tokens; revoking twice changes nothing."""
    token = ApiToken.objects.select_for_update().filter(user=actor, pk=token_id).first()
    if token is None:
        raise OutOfJurisdiction
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at", "updated_at"])
    return token


def api_token_authenticate(*, raw: str) -> User | None:
    """The active user behind a live token, or None. Touches last-use at most once a minute."""
    if not raw or not raw.startswith(settings.DEGS_API_TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_token(raw), revoked_at__isnull=True)
        .first()
    )
    now = timezone.now()
    if token is None or not token.user.is_active:
        return None
    if token.expires_at is not None and token.expires_at <= now:
        return None
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


@transaction.atomic
def user_create(
    *,
    actor: User,
    username: str,
    full_name: str,
    password: str,
    role: str,
    area: Area,
    full_name_hi: str = "",
    mobile: str = "",
) -> User:
    """Create a person's account with one role in one area of the actor's jurisdiction."""
    require_capability(actor, Capability.ACCOUNTS_MANAGE, area)
    username = clean_text(username)
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("This user name is taken. Choose another.")})
    user = User(
        username=username,
        full_name=clean_text(full_name),
        full_name_hi=clean_text(full_name_hi),
        mobile=read_mobile(clean_text(mobile)),
        home_area=area,
    )
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc
    user.set_password(password)
    user.full_clean()
    user.save()
    RoleGrant.objects.create(user=user, role=role, area=area, granted_by=actor)
    return user


@transaction.atomic
def role_grant_revoke(*, actor: User, grant_id: int) -> int:
    """Take a role away; the actor must manage accounts where the role applies.

    Returns the id of the user who held it."""
    grant = RoleGrant.objects.visible_to(actor).select_related("area").filter(pk=grant_id).first()
    if grant is None:
        raise OutOfJurisdiction
    if not user_can(actor, Capability.ACCOUNTS_MANAGE, grant.area):
        raise PermissionDenied
    user_id = grant.user_id
    grant.delete()
    _set_home_area(user_id, grant.area)
    return user_id


def notice_send(*, user: User, key: str, text: str, text_hi: str = "", url: str = "") -> bool:
    """Give ``user`` a notice about ``key`` unless they already have one; e-mail it on commit.

    Returns whether a notice was made. Safe to call again and again: the (user, key) pair is
    unique, so concurrent sweeps also make one.
    """
    from degs.accounts.tasks import notice_email

    with transaction.atomic():
        notice, created = Notice.objects.get_or_create(
            user=user, key=key, defaults={"text": text[:500], "text_hi": text_hi[:500], "url": url}
        )
    if created and user.email:
        transaction.on_commit(lambda: notice_email.enqueue(notice.pk))
    return created


@transaction.atomic
def notice_mark_read(*, user: User, notice_id: int | None = None) -> int:
    """Mark one of the user's notices (or all of them) as read; returns how many changed."""
    notices = Notice.objects.filter(user=user, read_at__isnull=True)
    if notice_id is not None:
        notices = notices.filter(pk=notice_id)
    return notices.update(read_at=timezone.now())
