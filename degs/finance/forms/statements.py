"""The choices of the fund statement (society, financial year, and the whole year, a quarter or
a month of it) and of the utilisation certificate (head, financial year), read from the query
string by the pages, the exports and the API alike."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from degs.core.forms import StyledFormMixin
from degs.core.years import financial_year_dates, financial_year_label, financial_year_of
from degs.finance.models import Book, FundHead
from degs.finance.selectors.statements import (
    month_end,
)

MONTHS = (
    (4, _("April")),
    (5, _("May")),
    (6, _("June")),
    (7, _("July")),
    (8, _("August")),
    (9, _("September")),
    (10, _("October")),
    (11, _("November")),
    (12, _("December")),
    (1, _("January")),
    (2, _("February")),
    (3, _("March")),
)
QUARTERS = (
    ("q1", _("April to June (first quarter)")),
    ("q2", _("July to September (second quarter)")),
    ("q3", _("October to December (third quarter)")),
    ("q4", _("January to March (fourth quarter)")),
)
FIRST_YEAR = 2015


def year_choices(today: dt.date | None = None) -> list[tuple[int, str]]:
    """Financial years from 2015-16 to the current one, the latest first."""
    current = financial_year_of(today or timezone.localdate())
    return [(y, financial_year_label(y)) for y in range(current, FIRST_YEAR - 1, -1)]


def period_bounds(year: int, part: str) -> tuple[dt.date, dt.date]:
    """The first and last day of the whole financial year (``part`` ""), a quarter ("q1".."q4")
    or a month ("m4".."m3", the month's number) of it."""
    start, end = financial_year_dates(year)
    if part.startswith("q"):
        quarter = int(part[1:]) - 1
        month = 4 + 3 * quarter
        first = dt.date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1)
        last_month = month + 2
        last = dt.date(year + (last_month - 1) // 12, (last_month - 1) % 12 + 1, 1)
        return first, month_end(last)
    if part.startswith("m"):
        number = int(part[1:])
        first = dt.date(year if number >= 4 else year + 1, number, 1)
        return first, month_end(first)
    return start, end


class StatementForm(StyledFormMixin, forms.Form):
    """Which society and which period; an empty or wrong choice falls back to the first society
    the user sees and the current financial year."""

    district = forms.TypedChoiceField(label=_("Society"), coerce=int, required=False)
    year = forms.TypedChoiceField(label=_("Financial year"), coerce=int, required=False)
    part = forms.ChoiceField(label=_("Period"), required=False)

    def __init__(self, data: Any = None, *, user: Any, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.books = list(
            Book.objects.visible_to(user).select_related("district").order_by("district__path")
        )
        cast(forms.ChoiceField, self.fields["district"]).choices = [
            (b.district_id, b.district.label) for b in self.books
        ]
        if len(self.books) < 2:
            self.fields["district"].widget = forms.HiddenInput()
        cast(forms.ChoiceField, self.fields["year"]).choices = year_choices()
        cast(forms.ChoiceField, self.fields["part"]).choices = [
            ("", _("Whole year")),
            *QUARTERS,
            *((f"m{n}", label) for n, label in MONTHS),
        ]

    def chosen(self) -> tuple[Book | None, int, str]:
        """The society's book (None: the user sees none), the year and the part chosen."""
        values = self.cleaned_data if self.is_bound and self.is_valid() else {}
        district = values.get("district")
        book = next((b for b in self.books if b.district_id == district), None)
        if book is None:
            book = self.books[0] if self.books else None
        year = values.get("year") or financial_year_of(timezone.localdate())
        return book, int(year), values.get("part") or ""


class CertificateForm(StyledFormMixin, forms.Form):
    """The head (of a society the user sees) and the financial year of a certificate."""

    head = forms.ModelChoiceField(label=_("Fund head"), queryset=FundHead.objects.none())
    year = forms.TypedChoiceField(label=_("Financial year"), coerce=int)

    def __init__(self, data: Any = None, *, user: Any, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        heads = FundHead.objects.visible_to(user).select_related("district")
        cast(forms.ModelChoiceField, self.fields["head"]).queryset = heads.order_by(
            "district__path", "code"
        )
        self.fields["head"].label_from_instance = lambda h: (  # type: ignore[attr-defined]
            f"{h.label} ({h.district.label})"
        )
        choices = year_choices()
        cast(forms.ChoiceField, self.fields["year"]).choices = choices
        # The last whole financial year is the one a certificate is usually asked for.
        self.fields["year"].initial = choices[1][0] if len(choices) > 1 else choices[0][0]
