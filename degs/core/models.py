"""Base model classes, and the one table the core app owns: uploads held for a form being
corrected (``degs.core.uploads``). No domain tables."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

from django.conf import settings
from django.db import models
from django.db.models.base import ModelState
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

T = TypeVar("T")


def reads_hindi() -> bool:
    """Is the page being drawn in Hindi?"""
    return (get_language() or "en").startswith("hi")


def in_language(english: str, hindi: str, language: str) -> str:
    """The text in ``language`` ("hi" or "en"), or the other one when that is empty."""
    if language == "hi":
        return hindi or english
    return english or hindi


def in_reader_language(english: str, hindi: str) -> str:
    """The text in the reader's language, or the other one when that is empty."""
    return in_language(english, hindi, "hi" if reads_hindi() else "en")


_DEFAULTS: dict[type[models.Model], tuple[list[tuple[str, Any, bool]], dict[str, str]]] = {}


def build(model: type[T], **values: Any) -> T:
    """A new, unsaved instance of ``model`` from column values, the others at their defaults:
    what ``Model(...)`` makes, without the cost of its descriptors, for rows built by the ten
    thousand. A relation is given by its id (``parent_id``) or as the row (``parent``), which
    is then known to the instance as ``Model(parent=...)`` would know it. Nothing is
    validated here."""
    known = _DEFAULTS.get(model)  # type: ignore[arg-type]
    if known is None:
        defaults: list[tuple[str, Any, bool]] = []
        relations: dict[str, str] = {}
        for field in model._meta.concrete_fields:  # type: ignore[attr-defined]
            dynamic = callable(field.default)
            defaults.append((field.attname, field if dynamic else field.get_default(), dynamic))
            if field.is_relation:
                relations[field.name] = field.attname
        known = _DEFAULTS[model] = (defaults, relations)  # type: ignore[index]
    defaults, relations = known
    obj = model.__new__(model)
    state = obj.__dict__
    state["_state"] = ModelState()
    for name in relations.keys() & values.keys():
        related = values.pop(name)
        values[relations[name]] = None if related is None else related.pk
        state["_state"].fields_cache[name] = related
    for attname, default, dynamic in defaults:
        if attname in values:
            state[attname] = values[attname]
        else:
            state[attname] = default.get_default() if dynamic else default
    return obj


def save_changes(
    row: models.Model, values: Mapping[str, Any], *, validate: bool = True
) -> list[str]:
    """Set on ``row`` each of ``values`` that differs from what it holds and, when any did,
    validate the row (``full_clean``) and save only those fields with ``updated_at``. Returns
    the names of the fields changed (none: nothing is written)."""
    changed = [key for key, value in values.items() if getattr(row, key) != value]
    for key in changed:
        setattr(row, key, values[key])
    if changed:
        if validate:
            row.full_clean()
        row.save(update_fields=[*changed, "updated_at"])
    return changed


class TimeStampedModel(models.Model):
    """Every row knows when it was created and last changed."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, editable=False)

    class Meta:
        abstract = True


class BilingualNameModel(models.Model):
    """Master data named in English and Hindi; ``label`` follows the active language."""

    name = models.CharField(_("name (English)"), max_length=200)
    name_hi = models.CharField(_("name (Hindi)"), max_length=200, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return in_reader_language(self.name, self.name_hi)


class WorkflowEvent(models.Model):
    """One thing that happened to an object: the same columns in every app's event table.

    Written only by ``degs.core.workflow.record_event`` (and so by ``transition``): who
    (``actor``), when (``at``), what (``action``), from which status to which, the remark in
    both languages when the system wrote it (``degs.core.bilingual``; ``remark_hi`` is empty for
    typed text) and the step's own facts in ``data``. A concrete table names the object it
    belongs to in ``subject_field`` and may add columns of its own. Never edited.
    """

    subject_field: ClassVar[str] = ""

    action = models.CharField(_("action"), max_length=30)
    from_status = models.CharField(_("from"), max_length=40, blank=True)
    to_status = models.CharField(_("to"), max_length=40, blank=True)
    remark = models.TextField(_("remark"), blank=True)
    remark_hi = models.TextField(_("remark (Hindi)"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    data: models.JSONField[Any, Any] = models.JSONField(_("details"), default=dict, blank=True)
    at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.action} {self.at:%d-%m-%Y %H:%M}"

    @property
    def remark_label(self) -> str:
        """The remark in the reader's language."""
        return in_reader_language(self.remark, self.remark_hi)


def known_related(instance: models.Model, name: str, rows: list[Any]) -> None:
    """Tell ``instance`` that its ``name`` relation holds ``rows``, as ``prefetch_related``
    would: reading ``instance.<name>.all()`` then runs no query."""
    queryset = getattr(instance, name).all()
    queryset._result_cache = list(rows)
    queryset._prefetch_done = True
    cached = getattr(instance, "_prefetched_objects_cache", {})
    instance._prefetched_objects_cache = {**cached, name: queryset}  # type: ignore[attr-defined]


class HeldUpload(models.Model):
    """A file accepted with a form that came back for correction, kept for that user and that
    form (its random ``token``) so the correction does not ask for it again; it becomes the
    saved row's file when the form is saved, and ``manage.py uploads_sweep`` removes it if the
    form is abandoned."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=64)
    code = models.CharField(max_length=60)  # which of the form's file fields
    name = models.CharField(max_length=255)  # as it was called on the user's machine
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    file = models.FileField(upload_to="held/%Y/%m/")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "token", "code"], name="held_upload_one_per_field"
            )
        ]

    def __str__(self) -> str:
        return self.name
