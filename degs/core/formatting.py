"""Indian number grouping (1,23,456) and dates (22-11-2026), for pages, exports and PDFs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone


def group_indian(value: int | float | Decimal | str | None, decimals: int | None = None) -> str:
    """Group digits the Indian way: the last three, then pairs (12,34,56,789)."""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value))
    except (ArithmeticError, ValueError):
        return str(value)
    if not number.is_finite():
        return str(value)
    if decimals is not None:
        number = number.quantize(Decimal(1).scaleb(-decimals))
    sign = "-" if number < 0 else ""
    text = format(abs(number), "f")
    whole, _, fraction = text.partition(".")
    if len(whole) > 3:
        head, tail = whole[:-3], whole[-3:]
        pairs: list[str] = []
        while len(head) > 2:
            pairs.insert(0, head[-2:])
            head = head[:-2]
        if head:
            pairs.insert(0, head)
        whole = ",".join([*pairs, tail])
    return f"{sign}{whole}.{fraction}" if fraction else f"{sign}{whole}"


def format_date(value: dt.date | dt.datetime | None) -> str:
    """22-11-2026; a datetime is shown in India's time zone."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime("%d-%m-%Y %H:%M")
    return value.strftime("%d-%m-%Y")


def format_iso_date(value: object) -> str:
    """22-11-2026 from "2026-11-22" (dates kept as text in JSON); other text unchanged."""
    if isinstance(value, dt.date):
        return format_date(value)
    text = "" if value is None else str(value)
    try:
        return format_date(dt.date.fromisoformat(text)) if text else ""
    except ValueError:
        return text
