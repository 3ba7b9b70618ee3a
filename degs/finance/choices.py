"""The finance app's fixed lists: kinds of account and of journal entry."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AccountKind(models.TextChoices):
    """Where an account sits in the balance: a debit balance (assets, expenses) or a credit
    balance (the fund, liabilities, income)."""

    ASSET = "asset", _("Asset (bank, cash, advances)")
    LIABILITY = "liability", _("Liability")
    FUND = "fund", _("Fund")
    INCOME = "income", _("Receipts")
    EXPENSE = "expense", _("Expenditure")


class EntryKind(models.TextChoices):
    RECEIPT = "receipt", _("Receipt")
    PAYMENT = "payment", _("Payment")
    TRANSFER = "transfer", _("Transfer between heads")
    JOURNAL = "journal", _("Journal")
    REVERSAL = "reversal", _("Reversal")
    OPENING = "opening", _("Opening balance")
