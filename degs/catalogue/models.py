"""Citizen services as data: a service and its published versions.

A service belongs to a state (or, for a district's own service, a district). Every change is a
new ``ServiceVersion``: the form, documents, fee split and workflow live in its ``definition``
(checked by ``degs.catalogue.definition``) and an application keeps the version it was filed
under. A version is never edited after it is published.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from degs.catalogue.definition import Definition, parse_definition
from degs.core.models import BilingualNameModel, TimeStampedModel, in_reader_language
from degs.core.scoping import district_path, jurisdiction_of, root_path, under_q
from degs.directory.models import Area, Designation


def _service_scope(user: Any) -> tuple[set[str], tuple[str, ...]] | None:
    """Where the services a user may see are offered: exactly at one of the first paths (the
    states and districts they work in) or under one of the second (every district's own
    services under an area they work over). None: everywhere (a state admin)."""
    jurisdiction = jurisdiction_of(user)
    if jurisdiction.everywhere:
        return None
    paths = tuple(jurisdiction.paths)
    allowed = {root_path(p) for p in paths} | {district_path(p) for p in paths if p != root_path(p)}
    return allowed, paths


class ServiceQuerySet(models.QuerySet):
    def for_user(self, user: Any) -> ServiceQuerySet:
        """Services a user may see (``_service_scope``)."""
        scope = _service_scope(user)
        if scope is None:
            return self.all()
        allowed, paths = scope
        return self.filter(Q(area__path__in=allowed) | under_q("area__path", paths))


class Service(BilingualNameModel, TimeStampedModel):
    """A service citizens apply for: income certificate, caste certificate, …"""

    area = models.ForeignKey(
        Area,
        verbose_name=_("offered in"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The state, or the district for a district's own service."),
    )
    code = models.SlugField(_("code"), max_length=60)
    department = models.CharField(_("department"), max_length=200)
    department_hi = models.CharField(_("department (Hindi)"), max_length=200, blank=True)
    current = models.ForeignKey(
        "ServiceVersion",
        verbose_name=_("current version"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    is_active = models.BooleanField(_("taking applications"), default=True)
    is_demo = models.BooleanField(
        _("demo values"),
        default=False,
        help_text=_("Time limits and fees are examples the administrator must confirm."),
    )

    objects = ServiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["area", "code"], name="service_unique_code_in_area")
        ]

    @property
    def department_label(self) -> str:
        return in_reader_language(self.department, self.department_hi)

    def seen_by(self, user: Any) -> bool:
        """The test ``Service.objects.for_user`` makes in SQL, on a service already read."""
        scope = _service_scope(user)
        if scope is None:
            return True
        allowed, paths = scope
        return self.area.path in allowed or self.area.path.startswith(paths)


class ServiceVersion(models.Model):
    """One published version of a service. Never changed once saved."""

    service = models.ForeignKey(
        Service, verbose_name=_("service"), on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    law = models.CharField(_("law"), max_length=300)
    law_hi = models.CharField(_("law (Hindi)"), max_length=300, blank=True)
    time_limit_days = models.PositiveSmallIntegerField(
        _("time limit (working days)"), validators=[MinValueValidator(1), MaxValueValidator(365)]
    )
    designated_post = models.ForeignKey(
        Designation,
        verbose_name=_("designated officer"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    appellate_post = models.ForeignKey(
        Designation,
        verbose_name=_("appellate officer"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    validity_days = models.PositiveIntegerField(
        _("certificate valid for (days)"), null=True, blank=True
    )
    definition: models.JSONField[Any, Any] = models.JSONField(_("definition"))
    certificate_template = models.TextField(_("certificate (English)"), blank=True)
    certificate_template_hi = models.TextField(_("certificate (Hindi)"), blank=True)
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    # The Hindi of a note the system wrote (degs.core.bilingual); empty for a typed one.
    note_hi = models.CharField(_("what changed (Hindi)"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("published"), default=timezone.now)

    class Meta:
        verbose_name = _("service version")
        verbose_name_plural = _("service versions")
        ordering = ["service", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["service", "number"], name="service_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.service.code} v{self.number}"

    def parsed(self) -> Definition:
        """The definition as typed objects (it was checked when published). A version never
        changes once saved, so each is parsed once per process: the key is its id and the
        moment it was published."""
        if self.pk is None:
            return parse_definition(self.definition)
        key = (self.pk, self.created_at)
        parsed = _PARSED.get(key)
        if parsed is None:
            if len(_PARSED) > 1000:
                _PARSED.clear()
            parsed = _PARSED[key] = parse_definition(self.definition)
        return parsed


_PARSED: dict[tuple[int, Any], Definition] = {}
