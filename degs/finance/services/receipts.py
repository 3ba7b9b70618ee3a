"""Writes of the receipts part: sanctions (grants sanctioned to the society) and the money
received into the society's bank: its share of the user charges of a month (from the
applications ledger), a grant received against a sanction, and interest the bank credits.

Every receipt is one entry posted by ``ledger.entry_post`` (Dr bank, Cr the receipt account
under one head). A receipt posted from a form carries the form's hidden token as its
``source_key``, so a form submitted twice posts once; a month's user charges carry
``user-charges:<yyyy-mm>``, so the month is received once whoever asks and however often."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from degs.core.formatting import format_rupees
from degs.core.permissions import require_capability
from degs.core.text import clean_name, clean_paragraphs, clean_text
from degs.directory.models import Area
from degs.finance.choices import EntryKind
from degs.finance.models import Account, Entry, FundHead, Sanction
from degs.finance.selectors import receipts as selectors
from degs.finance.services.ledger import entry_post

BANK = "1100"
USER_CHARGES = "4100"
GRANTS = "4200"
INTEREST = "4300"
# The head that receives the user charges: code "uc" (the tests' society), or "edistrict-uc"
# (the demo's: the e-District user charges), whichever the society has.
USER_CHARGES_HEADS = ("uc", "edistrict-uc")
USER_CHARGES_HEAD = USER_CHARGES_HEADS[0]

SANCTION_FIELDS = ("head", "number", "date", "grantor", "purpose", "amount_paise", "recurring")


def account(code: str) -> Account:
    return Account.objects.get(code=code)


def month_key(month: dt.date) -> str:
    return f"user-charges:{month:%Y-%m}"


# --- sanctions -------------------------------------------------------------------------------


def _check_sanction(sanction: Sanction) -> None:
    if sanction.head.district_id != sanction.district_id:
        raise ValidationError({"head": _("Choose a head of this district's fund.")})
    if sanction.amount_paise is None or sanction.amount_paise <= 0:
        raise ValidationError({"amount_paise": _("The amount must be more than zero.")})
    if (
        Sanction.objects.filter(district=sanction.district, number__iexact=sanction.number)
        .exclude(pk=sanction.pk)
        .exists()
    ):
        raise ValidationError(
            {"number": _("This district already has a sanction of this letter number.")}
        )


@transaction.atomic
def sanction_create(
    *,
    actor: Any,
    district: Area,
    head: FundHead,
    number: str,
    date: dt.date,
    grantor: str,
    amount_paise: int,
    purpose: str = "",
    recurring: bool = False,
) -> Sanction:
    """Record a grant sanctioned to the society of ``district`` (by whoever keeps its
    sanctions: ``finance.close``)."""
    require_capability(actor, "finance.close", district)
    sanction = Sanction(
        district=district,
        head=head,
        number=clean_text(number),
        date=date,
        grantor=clean_name(grantor),
        purpose=clean_paragraphs(purpose),
        amount_paise=amount_paise,
        recurring=recurring,
    )
    _check_sanction(sanction)
    sanction.save()
    return sanction


@transaction.atomic
def sanction_update(*, actor: Any, sanction: Sanction, seen: str = "", **fields: Any) -> Sanction:
    """Change a sanction's particulars. ``seen`` is the change time the editor's page showed
    (a change by someone else in between is refused). Its amount cannot go below what has
    already been received against it."""
    unknown = set(fields) - set(SANCTION_FIELDS)
    if unknown:
        raise ValidationError(_("These fields cannot be changed here."))
    locked = Sanction.objects.select_for_update().get(pk=sanction.pk)
    require_capability(actor, "finance.close", locked.district)
    if seen and seen != locked.updated_at.isoformat():
        raise ValidationError(
            _(
                "Someone changed this sanction at %(time)s after you opened it; "
                "open it again and make your change."
            )
            % {"time": timezone.localtime(locked.updated_at).strftime("%H:%M on %d-%m-%Y")}
        )
    for name, value in fields.items():
        if name in ("number",):
            value = clean_text(value)
        elif name == "grantor":
            value = clean_name(value)
        elif name == "purpose":
            value = clean_paragraphs(value)
        setattr(locked, name, value)
    _check_sanction(locked)
    received = selectors.sanction_received(locked)
    if locked.amount_paise < received:
        raise ValidationError(
            {
                "amount_paise": _(
                    "%(received)s has already been received against this sanction; the amount "
                    "cannot be less."
                )
                % {"received": format_rupees(paise=received)}
            }
        )
    if (
        received
        and "head" in fields
        and selectors.sanction_receipts(locked).exclude(legs__head=locked.head).exists()
    ):
        raise ValidationError({"head": _("Money has been received under the old head.")})
    locked.save()
    return locked


# --- receipts --------------------------------------------------------------------------------


def user_charges_head(district: Area) -> FundHead | None:
    """The head of ``district``'s fund that receives the user charges (``USER_CHARGES_HEADS``)."""
    heads = {
        h.code: h for h in FundHead.objects.filter(district=district, code__in=USER_CHARGES_HEADS)
    }
    return next((heads[code] for code in USER_CHARGES_HEADS if code in heads), None)


def _user_charges_head(district: Area) -> FundHead:
    head = user_charges_head(district)
    if head is None:
        raise ValidationError(
            _("The district's fund has no head “%(code)s” for user charges.")
            % {"code": USER_CHARGES_HEAD}
        )
    return head


def user_charges_receive(*, actor: Any, district: Area, month: dt.date) -> Entry:
    """Receive the society's share of the user charges of ``month`` (any day of it) in
    ``district``: the DeGS share the applications ledger credited for the month, as one
    receipt (Dr bank, Cr user charges, head ``uc``) dated the month's last day. A month is
    received once (``user-charges:<yyyy-mm>``): asking again returns the same entry. Only a
    month that is over is received (its share no longer changes). ``actor=None`` is the
    month-end job (``manage.py receive_user_charges``)."""
    if actor is not None:
        require_capability(actor, "finance.post", district)
    start = month.replace(day=1)
    end = selectors.month_end(start)
    if end >= timezone.localdate():
        raise ValidationError(
            _("%(month)s is not over yet; its share is received after the month ends.")
            % {"month": start.strftime("%m-%Y")}
        )
    existing = Entry.objects.filter(district=district, source_key=month_key(start)).first()
    if existing is not None:
        return existing
    share = selectors.user_charges_share(district=district, month=start)
    if share <= 0:
        raise ValidationError(
            _("No share of user charges is due to the society for %(month)s.")
            % {"month": start.strftime("%m-%Y")}
        )
    head = _user_charges_head(district)
    return entry_post(
        actor=actor,
        district=district,
        date=end,
        kind=EntryKind.RECEIPT,
        narration=f"Share of user charges, {start:%m-%Y}",
        legs=[(account(BANK), head, share), (account(USER_CHARGES), head, -share)],
        party="Applications ledger (DeGS share)",
        reference=f"{start:%m-%Y}",
        source_key=month_key(start),
    )


def user_charges_receive_due(*, month: dt.date) -> list[Entry]:
    """The month-end job: receive ``month``'s share in every district with a book whose share
    is due (the system posts: no actor). A month already received is found, not posted again.
    Returns the entries."""
    entries = []
    for district in Area.objects.filter(fund_book__isnull=False).order_by("path"):
        if selectors.user_charges_share(district=district, month=month) > 0:
            entries.append(user_charges_receive(actor=None, district=district, month=month))
    return entries


def _token(source_key: str) -> str:
    return f"form:{source_key}" if source_key else ""


@transaction.atomic
def grant_receive(
    *,
    actor: Any,
    sanction: Sanction,
    date: dt.date,
    amount_paise: int,
    reference: str,
    narration: str = "",
    source_key: str = "",
) -> Entry:
    """Receive money against ``sanction`` (Dr bank, Cr grants received, the sanction's head):
    at most what is left of it to receive. ``reference`` is the UTR or PFMS number."""
    require_capability(actor, "finance.post", sanction.district)
    if amount_paise <= 0:
        raise ValidationError({"amount_paise": _("The amount must be more than zero.")})
    key = _token(source_key)
    if key:
        existing = Entry.objects.filter(district=sanction.district, source_key=key).first()
        if existing is not None:
            return existing
    # the sanction's row lock: two receipts against it at once take turns
    locked = Sanction.objects.select_for_update().select_related("head").get(pk=sanction.pk)
    left = locked.amount_paise - selectors.sanction_received(locked)
    if amount_paise > left:
        raise ValidationError(
            {
                "amount_paise": _(
                    "Only %(left)s is left to receive against sanction %(number)s "
                    "(sanctioned %(amount)s)."
                )
                % {
                    "left": format_rupees(paise=left),
                    "number": locked.number,
                    "amount": format_rupees(paise=locked.amount_paise),
                }
            }
        )
    return entry_post(
        actor=actor,
        district=locked.district,
        date=date,
        kind=EntryKind.RECEIPT,
        narration=clean_paragraphs(narration) or f"Grant received against {locked.number}",
        legs=[
            (account(BANK), locked.head, amount_paise),
            (account(GRANTS), locked.head, -amount_paise),
        ],
        party=locked.grantor,
        reference=clean_text(reference),
        sanction=locked,
        source_key=key,
    )


def interest_receive(
    *,
    actor: Any,
    head: FundHead,
    date: dt.date,
    amount_paise: int,
    reference: str = "",
    narration: str = "",
    source_key: str = "",
) -> Entry:
    """Interest the bank credited to the society's account, under ``head``."""
    require_capability(actor, "finance.post", head.district)
    if amount_paise <= 0:
        raise ValidationError({"amount_paise": _("The amount must be more than zero.")})
    return entry_post(
        actor=actor,
        district=head.district,
        date=date,
        kind=EntryKind.RECEIPT,
        narration=clean_paragraphs(narration) or "Interest credited by the bank",
        legs=[(account(BANK), head, amount_paise), (account(INTEREST), head, -amount_paise)],
        party="Bank",
        reference=clean_text(reference),
        source_key=_token(source_key),
    )
