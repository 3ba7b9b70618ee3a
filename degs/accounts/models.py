"""Users, the roles they hold in areas, and API tokens for integrations."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as BaseUserManager
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from degs.accounts.roles import Role
from degs.core.mobile import mobile_validator
from degs.core.models import TimeStampedModel, in_reader_language, reads_hindi
from degs.core.scoping import ScopedQuerySet, jurisdiction_of, under_q


class UserQuerySet(models.QuerySet["User"]):
    def visible_to(self, user: object) -> UserQuerySet:
        """Users with a role or a current post inside the viewer's areas, those whose home area
        is there (so a user whose last role was taken away stays), and the viewer."""
        from degs.directory.models import PostHolding  # the directory app imports this one

        jurisdiction = jurisdiction_of(user)
        if jurisdiction.everywhere:
            return self.all()
        if not jurisdiction.paths:
            return self.none()
        grants = under_q("role_grants__area__path", jurisdiction.paths)
        posts = under_q("post__area__path", jurisdiction.paths)
        holders = PostHolding.objects.current().filter(posts).values("user_id")
        granted = self.filter(grants).values("pk")
        return self.filter(
            Q(pk__in=granted)
            | Q(pk__in=holders)
            | under_q("home_area__path", jurisdiction.paths)
            | Q(pk=getattr(user, "pk", None))
        )


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):  # type: ignore[misc]
    """Django's user manager with ``visible_to``."""


class User(AbstractUser):
    """A person who signs in: an officer, an operator, an administrator."""

    full_name = models.CharField(_("full name (English)"), max_length=150, blank=True)
    full_name_hi = models.CharField(_("full name (Hindi)"), max_length=150, blank=True)
    mobile = models.CharField(_("mobile"), max_length=10, blank=True, validators=[mobile_validator])
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="", blank=True
    )
    # Where an administrator last gave or took away one of the user's roles: a user with no
    # role and no post stays visible there, and can be given a role again.
    home_area = models.ForeignKey(
        "directory.Area",
        verbose_name=_("home area"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords(excluded_fields=["last_login", "password"])
    objects = UserManager()  # type: ignore[misc]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def label(self) -> str:
        if reads_hindi() and self.full_name_hi:
            return self.full_name_hi
        return self.full_name or self.get_full_name() or self.username

    def __str__(self) -> str:
        return self.label


class RoleGrantQuerySet(ScopedQuerySet):
    area_path_lookup = "area__path"


class RoleGrant(TimeStampedModel):
    """A role given to a user in an area, besides what the posts they hold give them."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="role_grants"
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    area = models.ForeignKey(
        "directory.Area",
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        related_name="role_grants",
    )
    granted_by = models.ForeignKey(
        User,
        verbose_name=_("granted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()
    objects = RoleGrantQuerySet.as_manager()

    class Meta:
        verbose_name = _("role grant")
        verbose_name_plural = _("role grants")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "area"], name="role_grant_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.area}"


class ApiToken(TimeStampedModel):
    """A secret an integration sends as ``Authorization: Bearer ...``; only its hash is kept."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=16, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class Notice(models.Model):
    """A message to one user in the app (and by e-mail when they have an address).

    ``key`` names what the notice is about ("directive:12:overdue:2026-11-30"); one user gets one
    notice per key, so a sweep that runs twice sends nothing twice. Both languages are written
    when the notice is made, and the reader sees theirs.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notices",
    )
    key = models.CharField(_("about"), max_length=120)
    text = models.CharField(_("text (English)"), max_length=500)
    text_hi = models.CharField(_("text (Hindi)"), max_length=500, blank=True)
    url = models.CharField(_("link"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="notice_once_per_key")]
        indexes = [models.Index(fields=["user", "read_at"], name="notice_user_unread")]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return in_reader_language(self.text, self.text_hi)
