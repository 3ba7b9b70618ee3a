"""The finance app's tables: the DeGS fund's double-entry ledger.

A society (one per district: ``district``) keeps its money under fund heads (user charges,
a state grant, interest). Every journal entry has legs; a leg names an account of the chart
(bank, user-charge receipts, equipment…), a fund head and an amount in paise, a debit
positive and a credit negative. The legs of an entry sum to zero for each head, so for the
entry. The database holds this too (migration ``0002``): an entry is written unposted, its
legs added, and posting it (``posted`` from false to true) is refused unless its legs balance;
a posted entry's legs and money columns are never changed or deleted, and no leg is added to
it. A mistake is undone by a reversal, a new entry with the legs negated.

``MonthTotal`` holds the debits and credits per society, account, head and month, written by
the database as each entry is posted; the statements and the utilisation certificate read it,
so they cost the same at a thousand legs and at a million. ``MonthClose`` closes a month: no
entry is dated in it afterwards."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from degs.assets.models import ProcurementCase, Ticket
from degs.core.models import BilingualNameModel, TimeStampedModel
from degs.core.scoping import ScopedQuerySet
from degs.directory.models import Area
from degs.finance.choices import AccountKind, EntryKind


class BookQuerySet(ScopedQuerySet):
    area_path_lookup = "district__path"


class Book(models.Model):
    """A society's book: one per district. Every posting locks it (``SELECT … FOR UPDATE``),
    so postings of one society take their numbers in turn and a balance read before a payment
    is still the balance when it posts."""

    district = models.OneToOneField(
        Area, verbose_name=_("district"), on_delete=models.PROTECT, related_name="fund_book"
    )
    last_number = models.PositiveIntegerField(_("last entry number"), default=0)
    society = models.CharField(_("society's name (English)"), max_length=200)
    society_hi = models.CharField(_("society's name (Hindi)"), max_length=200, blank=True)

    objects = BookQuerySet.as_manager()

    class Meta:
        verbose_name = _("book of the fund")
        verbose_name_plural = _("books of the fund")

    def __str__(self) -> str:
        return self.society


class Account(BilingualNameModel):
    """An account of the chart, the same for every society."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=AccountKind.choices)
    is_money = models.BooleanField(
        _("bank or cash"),
        default=False,
        help_text=_("A head's balance is what its bank and cash accounts hold."),
    )

    class Meta:
        verbose_name = _("account")
        verbose_name_plural = _("accounts")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.label}"


class FundHeadQuerySet(ScopedQuerySet):
    area_path_lookup = "district__path"


class FundHead(BilingualNameModel, TimeStampedModel):
    """A head of the society's fund: money received for one purpose and spent on it."""

    district = models.ForeignKey(
        Area, verbose_name=_("district"), on_delete=models.PROTECT, related_name="fund_heads"
    )
    code = models.SlugField(_("code"), max_length=30)
    is_active = models.BooleanField(_("active"), default=True)

    objects = FundHeadQuerySet.as_manager()

    class Meta:
        verbose_name = _("fund head")
        verbose_name_plural = _("fund heads")
        ordering = ["district", "code"]
        constraints = [
            models.UniqueConstraint(fields=["district", "code"], name="fund_head_code_unique"),
        ]

    def get_absolute_url(self) -> str:
        return reverse("finance:head_detail", args=[self.pk])


class SanctionQuerySet(ScopedQuerySet):
    area_path_lookup = "district__path"


class Sanction(TimeStampedModel):
    """A grant sanctioned to the society (the letter's number and date, by whom, how much,
    for what): receipts are booked against it and the utilisation certificate lists it."""

    district = models.ForeignKey(
        Area, verbose_name=_("district"), on_delete=models.PROTECT, related_name="sanctions"
    )
    head = models.ForeignKey(
        FundHead, verbose_name=_("fund head"), on_delete=models.PROTECT, related_name="sanctions"
    )
    number = models.CharField(_("sanction letter number"), max_length=100)
    date = models.DateField(_("sanction date"))
    grantor = models.CharField(_("sanctioned by"), max_length=200)
    purpose = models.TextField(_("purpose"), blank=True)
    amount_paise = models.BigIntegerField(_("amount (paise)"))
    recurring = models.BooleanField(_("recurring"), default=False)

    objects = SanctionQuerySet.as_manager()

    class Meta:
        verbose_name = _("sanction")
        verbose_name_plural = _("sanctions")
        ordering = ["-date", "number"]
        constraints = [
            models.UniqueConstraint(fields=["district", "number"], name="sanction_number_unique"),
            models.CheckConstraint(condition=Q(amount_paise__gt=0), name="sanction_positive"),
        ]

    def __str__(self) -> str:
        return self.number


class EntryQuerySet(ScopedQuerySet):
    area_path_lookup = "district__path"


class Entry(models.Model):
    """A journal entry of a society, numbered in its order of posting. ``source_key`` makes
    a posting from elsewhere happen once (a month's user-charge share, a form submitted twice).
    ``reverses`` names the entry this one undoes (each is undone at most once)."""

    district = models.ForeignKey(
        Area, verbose_name=_("district"), on_delete=models.PROTECT, related_name="fund_entries"
    )
    number = models.PositiveIntegerField(_("number"))
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=20, choices=EntryKind.choices)
    narration = models.TextField(_("narration"))
    party = models.CharField(_("received from / paid to"), max_length=200, blank=True)
    reference = models.CharField(_("cheque, UTR or PFMS number"), max_length=80, blank=True)
    sanction = models.ForeignKey(
        Sanction,
        verbose_name=_("sanction"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entries",
    )
    procurement = models.ForeignKey(
        ProcurementCase,
        verbose_name=_("procurement case"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="fund_entries",
    )
    ticket = models.ForeignKey(
        Ticket,
        verbose_name=_("ticket"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="fund_entries",
    )
    reverses = models.OneToOneField(
        "self",
        verbose_name=_("reverses"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reversed_by",
    )
    source_key = models.CharField(_("source"), max_length=80, blank=True)
    posted = models.BooleanField(_("posted"), default=False)
    posted_at = models.DateTimeField(_("posted at"), null=True, blank=True)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("posted by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = EntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("journal entry")
        verbose_name_plural = _("journal entries")
        ordering = ["district", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["district", "number"], name="entry_number_unique"),
            models.UniqueConstraint(
                fields=["district", "source_key"],
                condition=~Q(source_key=""),
                name="entry_source_once",
            ),
        ]
        indexes = [models.Index(fields=["district", "date"], name="entry_district_date")]

    def __str__(self) -> str:
        return f"{self.number} ({self.date:%d-%m-%Y})"

    def get_absolute_url(self) -> str:
        return reverse("finance:entry_detail", args=[self.pk])


class Leg(models.Model):
    """One line of an entry: an account, a head and an amount in paise (debit positive,
    credit negative, never zero)."""

    entry = models.ForeignKey(
        Entry, verbose_name=_("entry"), on_delete=models.PROTECT, related_name="legs"
    )
    account = models.ForeignKey(
        Account, verbose_name=_("account"), on_delete=models.PROTECT, related_name="legs"
    )
    head = models.ForeignKey(
        FundHead, verbose_name=_("fund head"), on_delete=models.PROTECT, related_name="legs"
    )
    amount_paise = models.BigIntegerField(_("amount (paise)"))

    class Meta:
        verbose_name = _("leg")
        verbose_name_plural = _("legs")
        ordering = ["entry", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(amount_paise=0), name="leg_not_zero"),
        ]
        indexes = [models.Index(fields=["head", "account"], name="leg_head_account")]

    def __str__(self) -> str:
        return f"{self.account.code} {self.amount_paise}"


class MonthTotalQuerySet(ScopedQuerySet):
    area_path_lookup = "district__path"


class MonthTotal(models.Model):
    """Debits and credits of posted legs per society, account, head and month (``month`` is
    its first day). Written by the database as each entry is posted (migration ``0002``), in
    the same statement, so it always agrees with the posted legs."""

    district = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="+")
    head = models.ForeignKey(FundHead, on_delete=models.PROTECT, related_name="+")
    month = models.DateField()
    debit_paise = models.BigIntegerField(default=0)
    credit_paise = models.BigIntegerField(default=0)

    objects = MonthTotalQuerySet.as_manager()

    class Meta:
        verbose_name = _("month's total")
        verbose_name_plural = _("months' totals")
        constraints = [
            models.UniqueConstraint(
                fields=["district", "month", "head", "account"], name="month_total_unique"
            ),
            models.CheckConstraint(
                condition=Q(debit_paise__gte=0) & Q(credit_paise__gte=0),
                name="month_total_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.month:%m-%Y} {self.account_id} {self.head_id}"


class SanctionMonthQuerySet(ScopedQuerySet):
    area_path_lookup = "sanction__district__path"


class SanctionMonth(models.Model):
    """Money received against a sanction in a month (``month`` is its first day): the credits to
    receipts accounts of the sanction's head by posted entries naming the sanction, a reversal
    subtracting. Written by the database as each entry is posted (migration ``0004``), as
    ``MonthTotal`` is; the utilisation certificate's grants of the year read it."""

    sanction = models.ForeignKey(Sanction, on_delete=models.PROTECT, related_name="months")
    month = models.DateField()
    received_paise = models.BigIntegerField(default=0)

    objects = SanctionMonthQuerySet.as_manager()

    class Meta:
        verbose_name = _("month received against a sanction")
        verbose_name_plural = _("months received against sanctions")
        constraints = [
            models.UniqueConstraint(fields=["sanction", "month"], name="sanction_month_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.month:%m-%Y} {self.sanction_id}"


class MonthCloseQuerySet(ScopedQuerySet):
    area_path_lookup = "district__path"


class MonthClose(models.Model):
    """A month closed: no entry is dated in it or before it afterwards."""

    district = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    month = models.DateField(_("month"))
    closed_at = models.DateTimeField(_("closed at"), auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = MonthCloseQuerySet.as_manager()

    class Meta:
        verbose_name = _("month closed")
        verbose_name_plural = _("months closed")
        ordering = ["district", "-month"]
        constraints = [
            models.UniqueConstraint(fields=["district", "month"], name="month_close_once"),
        ]

    def __str__(self) -> str:
        return f"{self.month:%m-%Y}"
