"""Writes of the procurement part: a case from the need to the delivery into the register.

The route a purchase must take follows its value (GFR 2017, rule 149, as amended by the
Department of Expenditure's OM No. 1/3/2024/PPD of 10-07-2024; the two limits are the settings
``DEGS_GEM_DIRECT_LIMIT_PAISE`` and ``DEGS_GEM_L1_LIMIT_PAISE``):

- up to ₹50,000: direct purchase on GeM from any seller meeting the requirement;
- above ₹50,000 up to ₹10,00,000: the GeM seller with the lowest price among at least three
  sellers of three different manufacturers (L1);
- above ₹10,00,000: bid or reverse auction on GeM.

The case's route is computed from its estimate and recomputed when the estimate changes before
the order. Every status change goes through ``workflow.CASES`` with the version check; edits
and quotes write an event through ``record_change`` and move the version on too, so an order
prepared on quotes that changed since is refused as stale.

Rules decided here (docs/assets.md, "Procurement"):

- the sanctioned amount is not tied to the estimate (a sanction may be for less or more); the
  order's value must not exceed it;
- an L1 order needs at least three quotes with at least three different makers among them, and
  goes to the seller of the lowest quote (a tie: any of the lowest);
- a bid or reverse auction order names the GeM bid or RA number;
- an order whose value needs a stricter route than the case followed is refused with the rule's
  sentence for that value (a bid that ends below ₹10,00,000 is the auction's result, not a
  different route: it is accepted);
- the delivery puts ``quantity`` assets into the register in the same transaction as the step
  (all or nothing); each costs the order value ÷ quantity in whole paise, the remainder on the
  first, so the costs sum to the order value to the paisa; the purchase date is the delivery
  date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from degs.assets import workflow
from degs.assets.choices import CaseStatus, Funding, OrderKind, Route
from degs.assets.models import (
    Category,
    EquipmentModel,
    ProcurementCase,
    Quote,
    Supplier,
)
from degs.core.formatting import format_rupees
from degs.core.permissions import require_capability
from degs.core.text import clean_paragraphs, clean_text
from degs.core.workflow import check_version, lock, record_change, transition
from degs.directory.models import Area, Office

MANAGE = workflow.MANAGE
CASES = workflow.CASES

# Before the order the case's estimate, title and quotes may change.
BEFORE_ORDER = (CaseStatus.NEED, CaseStatus.SANCTIONED)
# The most one case may be worth: ₹1,000 crore (a typing slip guard), in paise.
MOST_PAISE = 1_000 * 1_00_00_000 * 100
MOST_QUANTITY = 10_000

_ROUTE_RANK = {Route.DIRECT: 0, Route.L1: 1, Route.BID: 2}


def direct_limit() -> int:
    return int(settings.DEGS_GEM_DIRECT_LIMIT_PAISE)


def l1_limit() -> int:
    return int(settings.DEGS_GEM_L1_LIMIT_PAISE)


def route_for(value_paise: int) -> Route:
    """The route GFR 2017 rule 149 (as amended on 10-07-2024) requires for goods of
    ``value_paise``: direct up to the direct limit, L1 above it up to the L1 limit, bid
    above that. A limit itself belongs to the lower route ("up to")."""
    if value_paise <= direct_limit():
        return Route.DIRECT
    if value_paise <= l1_limit():
        return Route.L1
    return Route.BID


def route_rule(route: str) -> str:
    """The rule's words for ``route``, in the reader's language, with the limits in ₹."""
    low = format_rupees(paise=direct_limit()).replace(".00", "")
    high = format_rupees(paise=l1_limit()).replace(".00", "")
    if route == Route.DIRECT:
        text = _(
            "Up to %(low)s: direct purchase on GeM from any seller meeting the requirement "
            "(GFR 2017, rule 149(i))."
        )
    elif route == Route.L1:
        text = _(
            "Above %(low)s up to %(high)s: from the GeM seller with the lowest price among at "
            "least three sellers of three different manufacturers (GFR 2017, rule 149(ii))."
        )
    else:
        text = _("Above %(high)s: by bid or reverse auction on GeM (GFR 2017, rule 149(iii)).")
    return str(text) % {"low": low, "high": high}


RULE_SOURCE = _(
    "GFR 2017, rule 149, as amended by the Department of Expenditure's OM No. 1/3/2024/PPD "
    "of 10-07-2024."
)


# --- checks ------------------------------------------------------------------------------------


def _check_money(value: Any, field: str, errors: dict[str, list[Any]]) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        errors.setdefault(field, []).append(_("Give an amount above zero."))
    elif value > MOST_PAISE:
        errors.setdefault(field, []).append(_("This amount is too large for one case."))


def _check_day(
    value: Any, field: str, errors: dict[str, list[Any]], *, after: dt.date | None = None
) -> None:
    today = timezone.localdate()
    if value is None:
        errors.setdefault(field, []).append(_("Give the date."))
    elif value > today:
        errors.setdefault(field, []).append(_("This date is in the future."))
    elif after is not None and value < after:
        errors.setdefault(field, []).append(
            _("This date is before %(day)s.") % {"day": after.strftime("%d-%m-%Y")}
        )


def _case_fields(
    *, title: str, need: str, category: Category | None, quantity: Any, estimated_paise: Any
) -> dict[str, Any]:
    errors: dict[str, list[Any]] = {}
    title = clean_text(title)
    if not title:
        errors["title"] = [_("Say what is needed.")]
    if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity < 1:
        errors["quantity"] = [_("Give a quantity of at least 1.")]
    elif quantity > MOST_QUANTITY:
        errors["quantity"] = [_("One case buys at most 10,000 items.")]
    _check_money(estimated_paise, "estimated_paise", errors)
    if errors:
        raise ValidationError(errors)
    return {
        "title": title[:200],
        "need": clean_paragraphs(need),
        "category": category,
        "quantity": quantity,
        "estimated_paise": estimated_paise,
        "route": route_for(estimated_paise),
    }


def _bump(case: ProcurementCase) -> None:
    case.version += 1


# --- the case ----------------------------------------------------------------------------------


def case_create(
    *,
    actor: Any,
    area: Area,
    title: str,
    quantity: int,
    estimated_paise: int,
    need: str = "",
    category: Category | None = None,
) -> ProcurementCase:
    """Record a need: what, why, how many and the estimated value (paise); the route follows
    the value. ``actor`` holds ``assets.manage`` at ``area`` (the district)."""
    require_capability(actor, MANAGE, area)
    fields = _case_fields(
        title=title,
        need=need,
        category=category,
        quantity=quantity,
        estimated_paise=estimated_paise,
    )
    with transaction.atomic():
        case = ProcurementCase.objects.create(area=area, created_by=actor, **fields)
        record_change(
            CASES,
            case,
            actor=actor,
            action="create",
            data={"estimated_paise": case.estimated_paise, "route": case.route},
        )
    return case


def case_edit(
    *,
    actor: Any,
    case: ProcurementCase,
    version: int | None,
    title: str,
    quantity: int,
    estimated_paise: int,
    need: str = "",
    category: Category | None = None,
) -> ProcurementCase:
    """Change a case before its order; the route is computed again from the new estimate."""
    fields = _case_fields(
        title=title,
        need=need,
        category=category,
        quantity=quantity,
        estimated_paise=estimated_paise,
    )
    with transaction.atomic():
        row = _locked_for_change(actor, case, version)
        before = {"estimated_paise": row.estimated_paise, "route": row.route}
        for name, value in fields.items():
            setattr(row, name, value)
        _bump(row)
        row.save(update_fields=[*fields, "version", "updated_at"])
        record_change(
            CASES,
            row,
            actor=actor,
            action="edit",
            data={
                "before": before,
                "after": {"estimated_paise": row.estimated_paise, "route": row.route},
            },
        )
    return row


def _locked_for_change(actor: Any, case: ProcurementCase, version: int | None) -> Any:
    """The case locked, in the actor's reach, at the version they saw, still before the order,
    with the actor managing its district."""
    from degs.core.exceptions import InvalidTransition

    row = lock(CASES, case)
    require_capability(actor, MANAGE, row.area)
    check_version(CASES, row, version)
    if row.status not in BEFORE_ORDER:
        raise InvalidTransition(
            _("A procurement case that is “%(status)s” cannot be changed this way.")
            % {"status": row.get_status_display()}
        )
    return row


def quote_add(
    *,
    actor: Any,
    case: ProcurementCase,
    version: int | None,
    seller: str,
    make: str,
    amount_paise: int,
) -> Quote:
    """Add a seller's price (the seller, the maker of what they offer, the total in paise)
    before the order. One quote per seller."""
    errors: dict[str, list[Any]] = {}
    seller = clean_text(seller)[:200]
    make = clean_text(make)[:100]
    if not seller:
        errors["seller"] = [_("Name the seller.")]
    if not make:
        errors["make"] = [_("Name the maker of what is offered.")]
    _check_money(amount_paise, "amount_paise", errors)
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            row = _locked_for_change(actor, case, version)
            if row.quotes.filter(seller__iexact=seller).exists():
                raise ValidationError({"seller": [_("This seller's quote is already recorded.")]})
            quote = Quote.objects.create(
                case=row, seller=seller, make=make, amount_paise=amount_paise
            )
            _bump(row)
            row.save(update_fields=["version", "updated_at"])
            record_change(
                CASES,
                row,
                actor=actor,
                action="quote",
                data={"seller": seller, "make": make, "amount_paise": amount_paise},
            )
    except IntegrityError:
        raise ValidationError({"seller": [_("This seller's quote is already recorded.")]}) from None
    return quote


def quote_remove(*, actor: Any, case: ProcurementCase, version: int | None, quote_id: int) -> None:
    """Take back a quote recorded by mistake, before the order."""
    with transaction.atomic():
        row = _locked_for_change(actor, case, version)
        quote = row.quotes.filter(pk=quote_id).first()
        if quote is None:
            raise ValidationError({"quote": [_("This quote is not on the case.")]})
        data = {"seller": quote.seller, "make": quote.make, "amount_paise": quote.amount_paise}
        quote.delete()
        _bump(row)
        row.save(update_fields=["version", "updated_at"])
        record_change(CASES, row, actor=actor, action="quote_remove", data=data)


# --- the steps ---------------------------------------------------------------------------------


def case_sanction(
    *,
    actor: Any,
    case: ProcurementCase,
    version: int | None,
    sanction_number: str,
    sanction_date: dt.date | None,
    sanctioned_paise: int,
    remark: str = "",
) -> ProcurementCase:
    """Record the sanction order (number, date, amount in paise)."""
    number = clean_text(sanction_number)[:80]

    def validate(row: ProcurementCase, step: Any, written: Any) -> None:
        errors: dict[str, list[Any]] = {}
        if not number:
            errors["sanction_number"] = [_("Give the sanction order's number.")]
        _check_day(sanction_date, "sanction_date", errors)
        _check_money(sanctioned_paise, "sanctioned_paise", errors)
        if errors:
            raise ValidationError(errors)

    def apply(row: ProcurementCase, step: Any) -> list[str]:
        row.sanction_number = number
        row.sanction_date = sanction_date
        row.sanctioned_paise = sanctioned_paise
        return ["sanction_number", "sanction_date", "sanctioned_paise"]

    return transition(
        CASES,
        case,
        "sanction",
        actor=actor,
        version=version,
        remark=remark,
        validate=validate,
        apply=apply,
        data={"sanctioned_paise": sanctioned_paise},
    )


def _lowest(quotes: Sequence[Quote]) -> list[Quote]:
    if not quotes:
        return []
    least = min(q.amount_paise for q in quotes)
    return [q for q in quotes if q.amount_paise == least]


def l1_problem(quotes: Sequence[Quote]) -> str:
    """Why these quotes do not make an L1 choice yet ("" when they do)."""
    makers = {q.make.casefold() for q in quotes}
    if len(quotes) < 3 or len(makers) < 3:
        return str(
            _(
                "An L1 purchase needs quotes from at least three sellers of three different "
                "manufacturers; this case has %(quotes)s quotes of %(makers)s manufacturers."
            )
            % {"quotes": len(quotes), "makers": len(makers)}
        )
    return ""


def case_order(
    *,
    actor: Any,
    case: ProcurementCase,
    version: int | None,
    supplier: Supplier | None,
    order_kind: str,
    order_number: str,
    order_date: dt.date | None,
    order_paise: int,
    bid_number: str = "",
    remark: str = "",
) -> ProcurementCase:
    """Record the order: the GeM order or supply order, its date, the supplier and the value.
    Refused: a value above the sanction, a route the value does not allow, an L1 order without
    three quotes of three makers or not to the lowest, a bid order without its bid number."""
    number = clean_text(order_number)[:80]
    bid = clean_text(bid_number)[:80]

    def validate(row: ProcurementCase, step: Any, written: Any) -> None:
        errors: dict[str, list[Any]] = {}
        if supplier is None:
            errors["supplier"] = [_("Choose the supplier.")]
        if order_kind not in (OrderKind.GEM_ORDER, OrderKind.SUPPLY_ORDER):
            errors["order_kind"] = [_("Choose a GeM order or a supply order.")]
        if not number:
            errors["order_number"] = [_("Give the order's number.")]
        _check_day(order_date, "order_date", errors, after=row.sanction_date)
        _check_money(order_paise, "order_paise", errors)
        if errors:
            raise ValidationError(errors)
        if row.sanctioned_paise is not None and order_paise > row.sanctioned_paise:
            raise ValidationError(
                {
                    "order_paise": _(
                        "The order's value is more than the sanctioned amount (%(amount)s)."
                    )
                    % {"amount": format_rupees(paise=row.sanctioned_paise)}
                }
            )
        needed = route_for(order_paise)
        if _ROUTE_RANK[needed] > _ROUTE_RANK[Route(row.route)]:
            raise ValidationError(
                {
                    "order_paise": _(
                        "An order of %(value)s cannot be placed by “%(route)s”: %(rule)s "
                        "Correct the estimate and follow that route."
                    )
                    % {
                        "value": format_rupees(paise=order_paise),
                        "route": Route(row.route).label,
                        "rule": route_rule(needed),
                    }
                }
            )
        if row.route == Route.L1:
            quotes = list(row.quotes.all())
            problem = l1_problem(quotes)
            if problem:
                raise ValidationError({"supplier": problem})
            lowest = _lowest(quotes)
            chosen = supplier.name.casefold() if supplier is not None else ""
            if chosen not in {q.seller.casefold() for q in lowest}:
                raise ValidationError(
                    {
                        "supplier": _(
                            "An L1 order goes to the seller with the lowest price: %(seller)s "
                            "(%(amount)s)."
                        )
                        % {
                            "seller": ", ".join(q.seller for q in lowest),
                            "amount": format_rupees(paise=lowest[0].amount_paise),
                        }
                    }
                )
        if row.route == Route.BID and not bid:
            raise ValidationError(
                {"bid_number": _("Give the GeM bid or reverse auction number of this order.")}
            )

    def apply(row: ProcurementCase, step: Any) -> list[str]:
        row.supplier = supplier
        row.order_kind = order_kind
        row.order_number = number
        row.order_date = order_date
        row.order_paise = order_paise
        return ["supplier", "order_kind", "order_number", "order_date", "order_paise"]

    data: dict[str, Any] = {"order_paise": order_paise, "order_number": number}
    if bid:
        data["bid_number"] = bid
    return transition(
        CASES,
        case,
        "order",
        actor=actor,
        version=version,
        remark=remark,
        validate=validate,
        apply=apply,
        data=data,
    )


def split_cost(total_paise: int, count: int) -> list[int]:
    """``total_paise`` over ``count`` items in whole paise: each the quotient, the first also
    the remainder (so the list sums to the total)."""
    each, rest = divmod(total_paise, count)
    return [each + rest, *([each] * (count - 1))]


def parse_serials(text: str) -> list[str]:
    """Serial numbers typed one a line (blank lines dropped)."""
    return [clean_text(line) for line in (text or "").splitlines() if clean_text(line)]


def case_deliver(
    *,
    actor: Any,
    case: ProcurementCase,
    version: int | None,
    delivered_on: dt.date | None,
    model: EquipmentModel | None,
    office: Office | None,
    funding: str,
    serials: Sequence[str] = (),
    warranty_until: dt.date | None = None,
    remark: str = "",
) -> ProcurementCase:
    """Record the delivery and put ``quantity`` assets of ``model`` into the register at
    ``office`` (the custodian: the district store or another office of the district), in one
    transaction with the step: all or nothing; a second submission of the same page finds the
    case moved on (stale) and makes nothing."""
    from degs.assets.services.register import assets_add_many

    wanted = [clean_text(s)[:80] for s in serials if clean_text(s)]

    def validate(row: ProcurementCase, step: Any, written: Any) -> None:
        errors: dict[str, list[Any]] = {}
        _check_day(delivered_on, "delivered_on", errors, after=row.order_date)
        if model is None:
            errors["model"] = [_("Choose the make and model delivered.")]
        elif row.category_id is not None and model.category_id != row.category_id:
            errors["model"] = [_("This model is not of the case's category.")]
        if office is None:
            errors["office"] = [_("Choose the custodian office.")]
        elif not office.area.path.startswith(row.area.path):
            errors["office"] = [_("The custodian office must be in the case's district.")]
        if funding not in Funding.values:
            errors["funding"] = [_("Choose who paid for it.")]
        if wanted and len(wanted) != row.quantity:
            errors["serials"] = [
                _("Give one serial number for each of the %(n)s items, or none.")
                % {"n": row.quantity}
            ]
        elif len({s.casefold() for s in wanted}) != len(wanted):
            errors["serials"] = [_("A serial number is given twice.")]
        if warranty_until is not None and delivered_on and warranty_until < delivered_on:
            errors["warranty_until"] = [_("The warranty ends before the delivery.")]
        if errors:
            raise ValidationError(errors)

    def apply(row: ProcurementCase, step: Any) -> list[str]:
        row.delivered_on = delivered_on
        if row.order_paise is None or model is None or office is None:  # validate saw to it
            raise ValidationError(_("The order or the delivery is incomplete."))
        costs = split_cost(row.order_paise, row.quantity)
        common = {
            "actor": actor,
            "model": model,
            "office": office,
            "funding": funding,
            "supplier": row.supplier,
            "order_kind": row.order_kind,
            "order_number": row.order_number,
            "purchased_on": delivered_on,
            "warranty_until": warranty_until,
            "procurement": row,
        }
        # The register's bulk add gives each asset one cost: the first (with the remainder)
        # is added alone when the order value does not divide evenly.
        batches = [(row.quantity, costs[0])]
        if costs[0] != costs[-1]:
            batches = [(1, costs[0]), (row.quantity - 1, costs[-1])]
        given = iter(wanted)
        try:
            for count, cost in batches:
                if count:
                    serials_now = [next(given) for _n in range(count)] if wanted else None
                    assets_add_many(count=count, serials=serials_now, cost_paise=cost, **common)
        except ValidationError as error:
            named = error.update_error_dict({})
            if "serial" in named:
                named["serials"] = named.pop("serial")
            raise ValidationError(named) from error
        return ["delivered_on"]

    try:
        with transaction.atomic():
            return transition(
                CASES,
                case,
                "deliver",
                actor=actor,
                version=version,
                remark=remark,
                validate=validate,
                apply=apply,
                data={"office": office.pk if office else None, "count": case.quantity},
            )
    except IntegrityError:
        raise ValidationError(
            {"serials": [_("A serial number of this model is already in the register.")]}
        ) from None


def case_step(
    *, actor: Any, case: ProcurementCase, action: str, version: int | None, remark: str = ""
) -> ProcurementCase:
    """Close a delivered case, or cancel one before delivery (with the reason)."""
    from degs.core.exceptions import InvalidTransition

    if action not in ("close", "cancel"):
        raise InvalidTransition
    return transition(CASES, case, action, actor=actor, version=version, remark=remark)
