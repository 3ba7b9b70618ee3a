"""The finance app's admin."""

# --- ledger: the chart, books, heads, entries, legs, month totals and closes ---------------------
# Shown read-only: every entry is written by services/ledger.py (and the database refuses a
# change to a posted one anyway: migration 0002); heads are kept on the fund heads page.

from typing import Any as _LedgerAny

from django.contrib import admin as _ledger_admin
from django.http import HttpRequest as _LedgerRequest

from degs.finance.models import Account, Book, Entry, FundHead, Leg, MonthClose, MonthTotal


class _LedgerReadOnly(_ledger_admin.ModelAdmin):
    def has_add_permission(self, request: _LedgerRequest, obj: _LedgerAny = None) -> bool:
        return False

    def has_change_permission(self, request: _LedgerRequest, obj: _LedgerAny = None) -> bool:
        return False

    def has_delete_permission(self, request: _LedgerRequest, obj: _LedgerAny = None) -> bool:
        return False


@_ledger_admin.register(Account)
class AccountAdmin(_LedgerReadOnly):
    list_display = ("code", "name", "name_hi", "kind", "is_money")


@_ledger_admin.register(Book)
class BookAdmin(_LedgerReadOnly):
    list_display = ("society", "district", "last_number")


@_ledger_admin.register(FundHead)
class FundHeadAdmin(_LedgerReadOnly):
    list_display = ("code", "name", "district", "is_active")
    list_filter = ("is_active",)


class LegInline(_ledger_admin.TabularInline):
    model = Leg
    extra = 0
    can_delete = False
    fields = ("account", "head", "amount_paise")
    readonly_fields = fields

    def has_add_permission(self, request: _LedgerRequest, obj: _LedgerAny = None) -> bool:
        return False


@_ledger_admin.register(Entry)
class EntryAdmin(_LedgerReadOnly):
    list_display = ("number", "date", "district", "kind", "narration", "posted")
    list_filter = ("kind", "posted")
    search_fields = ("narration", "party", "reference")
    inlines = [LegInline]


@_ledger_admin.register(Leg)
class LegAdmin(_LedgerReadOnly):
    list_display = ("entry", "account", "head", "amount_paise")


@_ledger_admin.register(MonthTotal)
class MonthTotalAdmin(_LedgerReadOnly):
    list_display = ("month", "district", "account", "head", "debit_paise", "credit_paise")


@_ledger_admin.register(MonthClose)
class MonthCloseAdmin(_LedgerReadOnly):
    list_display = ("month", "district", "closed_at", "closed_by")
