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


def format_paise(paise: int | None) -> str:
    """Rupees from whole paise, grouped the Indian way, without floats: 123456789 ->
    12,34,567.89, for a column whose header carries the ₹ sign (``format_rupees`` adds it)."""
    if paise is None or paise == "":
        return ""
    return group_indian(Decimal(int(paise)).scaleb(-2), 2)


def format_rupees(
    rupees: int | float | Decimal | str | None = None, *, paise: int | None = None
) -> str:
    """₹ with Indian grouping and two decimals: ₹ 1,23,456.50 (from rupees, or whole paise)."""
    if paise is not None:
        text = format_paise(paise)
    elif rupees is None or rupees == "":
        return ""
    else:
        text = group_indian(rupees, 2)
    return f"-₹\u00a0{text[1:]}" if text.startswith("-") else f"₹\u00a0{text}"


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


# What a person calls a stored file's type (its MIME type is an internal code).
FILE_KINDS = {
    "application/pdf": "PDF",
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "text/csv": "CSV",
    "text/plain": "TXT",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
}


def file_kind(content_type: str | None) -> str:
    """The name people use for a file's type, in any language: PDF for application/pdf."""
    if not content_type:
        return ""
    return FILE_KINDS.get(content_type.split(";")[0].strip().lower(), content_type)
