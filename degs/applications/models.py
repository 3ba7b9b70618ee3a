"""Citizens' applications for catalogue services, their events and documents, the certificates
issued on them and the user-charge ledger.

An application keeps the service version it was filed under: its form, workflow and fee split
are read from that version for its whole life. Where it stands is ``state`` (a workflow state
code of that version, or ``draft``); the post that must act next is ``assigned_post``, with the
step's own due date beside the application's; ``is_open`` marks filed applications not yet
issued or rejected, and the inbox and reports read through partial indexes on it, so they cost
the same whether a state holds fifty thousand applications or five million.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from degs.accounts.roles import ROLE_CAPABILITIES, Capability
from degs.applications.choices import AT_KIOSK, DRAFT, Account, EventKind
from degs.catalogue.choices import ActionKind, FieldType
from degs.catalogue.definition import Definition
from degs.catalogue.models import Service, ServiceVersion
from degs.core.aadhaar import (
    first_table_digit,
    first_table_valid,
    verhoeff_digit,
    verhoeff_valid,
)
from degs.core.indexes import CoveringIndex
from degs.core.models import WorkflowEvent, in_reader_language
from degs.core.scoping import AnyUser, ScopedQuerySet, jurisdiction_of, under_q
from degs.core.text import ascii_digits
from degs.directory.models import Area, Post


def application_number(pk: int, filed: dt.datetime, *, first_table: bool = False) -> str:
    """Two digits of the year of filing, nine of the row's id and a Verhoeff check digit, so
    that a mistyped number is caught before it is looked up. Applications filed before the
    Verhoeff table was corrected keep the digit the first table gave them (``first_table``),
    as printed on their receipts and certificates."""
    base = f"{timezone.localtime(filed):%y}{pk:09d}"
    return base + (first_table_digit(base) if first_table else verhoeff_digit(base))


def _number_digits(number: str) -> str | None:
    digits = ascii_digits(number.strip())
    if len(digits) != 12 or not digits.isascii() or not digits.isdigit():
        return None
    return digits


def number_q(number: str) -> Q | None:
    """The rows with this application number, or None when it is not one: the number is the
    row's id with the year of filing and a check digit, so this reads by id; or the number a
    row had before it moved from a district's laptop (``Application.former_number``)."""
    digits = _number_digits(number)
    # A row's number has the check digit of one table only: the one it was filed under.
    tables = [
        first
        for first, valid in ((False, verhoeff_valid), (True, first_table_valid))
        if digits is not None and valid(digits)
    ]
    if digits is None or not tables:
        return None
    return Q(
        pk=int(digits[2:11]),
        submitted_at__year=2000 + int(digits[:2]),
        first_table_number__in=tables,
    ) | Q(former_number=digits)


def _roles_with(capability: str) -> frozenset[str]:
    return frozenset(role for role, caps in ROLE_CAPABILITIES.items() if capability in caps)


def operated_centre_ids(user: AnyUser) -> frozenset[int]:
    """The centres the user runs as their operator, in areas where they hold a role that
    operates a centre (cached on the user object for the request, like the jurisdiction)."""
    cached: frozenset[int] | None = getattr(user, "_degs_operated_centres", None)
    if cached is not None:
        return cached
    jurisdiction = jurisdiction_of(user)
    operating = _roles_with(Capability.CENTRE_OPERATE)
    paths = {path for role, path in jurisdiction.roles if role in operating}
    result: frozenset[int] = frozenset()
    if paths and user.pk is not None:
        from degs.centres.models import Centre

        result = frozenset(
            Centre.objects.filter(under_q("area__path", paths), operator__user_id=user.pk)
            .order_by()
            .values_list("pk", flat=True)
        )
    user._degs_operated_centres = result
    return result


class ApplicationQuerySet(ScopedQuerySet):
    """Who sees which applications (docs/accounts.md): the roles that see the citizens'
    applications of an area (``applications.view``) see those filed there; an operator sees
    those filed at the centres they run, and no other centre's, whatever their role's area.
    The officers who act on an application also see it (``selectors._visible``)."""

    area_path_lookup = "area__path"
    area_field = "area"  # millions of rows: scope through the area index, not a join
    district_field = "district"  # and by district, which the report indexes begin with
    seeing_roles = _roles_with(Capability.APPLICATIONS_VIEW)

    def visible_to(self, user: AnyUser | None) -> ApplicationQuerySet:
        rows = super().visible_to(user)
        if user is None or not user.is_authenticated or jurisdiction_of(user).everywhere:
            return rows
        centres = operated_centre_ids(user)
        return rows | self.filter(centre_id__in=centres) if centres else rows

    def visible_one(self, user: AnyUser | None, **lookup: Any) -> Any:
        return self.visible_to(user).filter(**lookup).first()

    def numbered(self, number: str) -> ApplicationQuerySet:
        """The filed application with this number (none for a mistyped one), and the one that
        had it before moving from a district's laptop, if any (``number_q``)."""
        found = number_q(number)
        return self.none() if found is None else self.filter(found)

    def filed(self) -> ApplicationQuerySet:
        return self.exclude(state=DRAFT)

    def open(self) -> ApplicationQuerySet:
        return self.filter(is_open=True)


class Application(models.Model):
    """One citizen's application for one service, filed at a centre."""

    service = models.ForeignKey(
        Service, verbose_name=_("service"), on_delete=models.PROTECT, related_name="+"
    )
    service_version = models.ForeignKey(
        ServiceVersion, verbose_name=_("filed under"), on_delete=models.PROTECT, related_name="+"
    )
    # No index of their own: (centre, created_at) and (area, created_at) below serve every
    # look-up by either, and each index more is written by every filing.
    centre = models.ForeignKey(
        "centres.Centre",
        verbose_name=_("centre"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    # The centre's area at filing (panchayat or ward), and the district and block above it,
    # kept so that scoping, routing and reports need no walk up the area tree.
    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="+", db_index=False
    )
    district = models.ForeignKey(
        Area, verbose_name=_("district"), on_delete=models.PROTECT, related_name="+"
    )
    block = models.ForeignKey(
        Area,
        verbose_name=_("block"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("filed by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    client_token = models.UUIDField(
        null=True, blank=True, unique=True, editable=False, help_text="One form, one application."
    )
    applicant_name = models.CharField(_("applicant"), max_length=100)
    mobile = models.CharField(_("mobile"), max_length=10)
    aadhaar_last4 = models.CharField(_("Aadhaar (last four digits)"), max_length=4, blank=True)
    aadhaar_hash = models.CharField(max_length=64, blank=True, editable=False)
    data: models.JSONField[Any, Any] = models.JSONField(_("form"), default=dict)
    state = models.CharField(pgettext_lazy("workflow", "state"), max_length=40, default=DRAFT)
    is_open = models.BooleanField(default=False, editable=False)
    assigned_post = models.ForeignKey(
        Post,
        verbose_name=_("with"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    fee_paise = models.PositiveIntegerField(_("fee (paise)"), default=0)
    submitted_at = models.DateTimeField(_("filed"), null=True, blank=True)
    due_date = models.DateField(_("due by"), null=True, blank=True)
    step_started = models.DateField(_("step began"), null=True, blank=True)
    step_due = models.DateField(_("step due by"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    within_limit = models.BooleanField(_("within the time limit"), null=True, blank=True)
    escalated_on = models.DateField(_("escalated on"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    # True for applications filed before the Verhoeff table was corrected (set by migration
    # 0005): their number keeps the check digit printed on their receipts.
    first_table_number = models.BooleanField(default=False, editable=False)
    # The number the application had in the district's laptop database before it moved into
    # the state's (its number is made from its id, which the move changed): still on the
    # citizen's receipt, so still found by it (``numbered``). Empty for all others.
    former_number = models.CharField(
        _("number before the move"), max_length=12, blank=True, default="", editable=False
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["assigned_post", "step_due"],
                condition=Q(is_open=True),
                name="application_inbox",
            ),
            # The reports are counted from these indexes alone (index-only scans on
            # PostgreSQL): they carry every column the reports group and filter by.
            CoveringIndex(
                fields=["district", "due_date"],
                covering=["block", "service", "assigned_post"],
                condition=Q(is_open=True),
                name="application_open_due",
            ),
            CoveringIndex(
                fields=["district", "decided_on"],
                covering=["block", "within_limit"],
                condition=Q(decided_on__isnull=False),
                name="application_decided",
            ),
            models.Index(fields=["area", "created_at"], name="application_area_created"),
            models.Index(fields=["centre", "created_at"], name="application_centre_created"),
            models.Index(
                fields=["former_number"],
                condition=~Q(former_number=""),
                name="application_former_number",
            ),
        ]

    def __str__(self) -> str:
        return self.number or _("Draft %(pk)s") % {"pk": self.pk}

    @property
    def number(self) -> str | None:
        """The number on the receipt; a draft has none."""
        if self.pk is None or self.submitted_at is None:
            return None
        return application_number(self.pk, self.submitted_at, first_table=self.first_table_number)

    @property
    def definition(self) -> Definition:
        cached: Definition | None = getattr(self, "_definition", None)
        if cached is None:
            cached = self.service_version.parsed()
            self._definition = cached
        return cached

    def label_of_state(self, code: str) -> str:
        """A state of this application's workflow as the reader calls it."""
        if not code:
            return "—"
        if code == DRAFT:
            return str(_("Draft"))
        label, label_hi = self.definition.state_label(code)
        if code == AT_KIOSK and label == code:  # a workflow need not name the kiosk state
            return str(_("Returned to the kiosk"))
        return in_reader_language(label, label_hi)

    @property
    def state_label(self) -> str:
        return self.label_of_state(self.state)

    @property
    def mobile_masked(self) -> str:
        """The mobile as paper and readers who do not act on the application see it."""
        from degs.applications.disclosure import masked

        return str(masked(FieldType.MOBILE, self.mobile) or "")


class ApplicationDocument(models.Model):
    """A document uploaded with an application (checked by content, not by its name)."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    code = models.CharField(_("document"), max_length=40)
    file = models.FileField(_("file"), upload_to="applications/%Y/%m/")
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.application} {self.code}"

    @property
    def label(self) -> str:
        document = next(
            (d for d in self.application.definition.documents if d.code == self.code),
            None,
        )
        return in_reader_language(document.label, document.label_hi) if document else self.code


class ApplicationEventQuerySet(ScopedQuerySet):
    area_path_lookup = "application__area__path"


class ApplicationEvent(WorkflowEvent):
    """Something that happened to an application: who, when, from which state to which (the
    shared columns of ``WorkflowEvent``), what kind of thing and as which post."""

    subject_field: ClassVar[str] = "application"

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("what"), max_length=30, choices=EventKind.choices)
    # The catalogue's action; empty for what is not a step of the service (filing, the kiosk's
    # resubmission, documents added, escalation, revocation).
    action = models.CharField(_("action"), max_length=30, choices=ActionKind.choices, blank=True)
    post = models.ForeignKey(
        Post,
        verbose_name=_("as"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )

    objects = ApplicationEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("application event")
        verbose_name_plural = _("application events")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.application} {self.kind} {self.to_status}"


class Certificate(models.Model):
    """What an issued application gives the citizen: numbered, signed, revocable."""

    application = models.OneToOneField(
        Application,
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="certificate",
    )
    number = models.CharField(_("certificate number"), max_length=40, unique=True)
    issued_on = models.DateField(_("issued on"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    officer_post = models.ForeignKey(
        Post, verbose_name=_("officer"), on_delete=models.PROTECT, related_name="+", null=True
    )
    # The fields a verifier sees, fixed at issue; the signed payload carries the same.
    fields: models.JSONField[Any, Any] = models.JSONField(default=dict)
    payload = models.TextField(_("signed payload"))
    key_id = models.CharField(max_length=16)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_on", "-pk"]

    def __str__(self) -> str:
        return self.number

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class LedgerEntryQuerySet(ScopedQuerySet):
    area_path_lookup = "district__path"


class LedgerEntry(models.Model):
    """One line of a fee's or an inspection fine's posting. A posting's lines add up to zero:
    debits (collected at the centre, due from the state, a fine due from the centre) are
    positive, credits (each party's share, the society's fines) negative. A waived fine is
    reversed by lines of the opposite sign, never edited."""

    application = models.ForeignKey(
        Application,
        on_delete=models.PROTECT,
        related_name="ledger_entries",
        null=True,
        blank=True,
    )
    inspection = models.ForeignKey(
        "centres.Inspection",
        on_delete=models.PROTECT,
        related_name="ledger_entries",
        null=True,
        blank=True,
    )
    reversal = models.BooleanField(_("reversal"), default=False)
    centre = models.ForeignKey("centres.Centre", on_delete=models.PROTECT, related_name="+")
    district = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    posted_on = models.DateField(_("posted on"))
    account = models.CharField(_("account"), max_length=20, choices=Account.choices)
    party = models.CharField(_("party"), max_length=40, blank=True)
    party_label = models.CharField(max_length=100, blank=True)
    party_label_hi = models.CharField(max_length=100, blank=True)
    amount_paise = models.BigIntegerField(_("amount (paise)"))

    objects = LedgerEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        ordering = ["posted_on", "pk"]
        indexes = [
            models.Index(fields=["centre", "posted_on"], name="ledger_centre_day"),
            models.Index(fields=["district", "posted_on"], name="ledger_district_day"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "account", "party"], name="ledger_one_line_per_account"
            ),
            # A fine is posted once and reversed at most once, whatever is retried.
            models.UniqueConstraint(
                fields=["inspection", "account", "reversal"],
                condition=Q(inspection__isnull=False),
                name="ledger_one_fine_line_per_account",
            ),
            models.CheckConstraint(
                condition=Q(application__isnull=True, inspection__isnull=False)
                | Q(application__isnull=False, inspection__isnull=True),
                name="ledger_line_for_a_fee_or_a_fine",
            ),
        ]

    def __str__(self) -> str:
        source = self.application or f"inspection {self.inspection_id}"
        return f"{source} {self.account} {self.party} {self.amount_paise}"
