"""The entry page's forms: which area and period to report for, and the figures themselves
(one input per element and category, the version each value was read at, and "not reported"
to take a value back)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from degs.core.forms import FormTokenMixin, StyledFormMixin
from degs.directory.models import Area
from degs.indicators.models import DataElement, DataValue
from degs.indicators.periods import Period
from degs.indicators.selectors.values import EntryCell, EntryRow
from degs.indicators.services.values import number_error


class EntryPickForm(StyledFormMixin, forms.Form):
    """Which area and period the page shows (a GET form)."""

    area = forms.TypedChoiceField(label=_("Area"), coerce=int)
    period = forms.ChoiceField(label=_("Period"))

    def __init__(
        self, data: Any = None, *, areas: list[Area], periods: list[Period], **kwargs: Any
    ) -> None:
        super().__init__(data, **kwargs)
        area: Any = self.fields["area"]
        area.choices = [(a.pk, f"{a.label} ({a.get_kind_display()})") for a in areas]
        period: Any = self.fields["period"]
        period.choices = [(p.code, p.label) for p in periods]


def cell_key(element: DataElement, category: str) -> str:
    return f"{element.pk}_{category or 'total'}"


def number_text(value: DataValue | None) -> str:
    """A stored value as the input shows it: 12, 12.5 (never 12.0000)."""
    if value is None:
        return ""
    return format(value.value.normalize(), "f")


def read_number(text: str) -> Decimal | None:
    """A typed number: spaces and Indian or Western grouping commas are taken out."""
    cleaned = text.replace(",", "").replace(" ", "").replace("\u00a0", "")
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


@dataclass
class Change:
    """One write the saved form asks for: set a number, or take a value back."""

    element: DataElement
    category: str
    field: str
    number: Decimal | None  # None: remove
    version: int | None
    current: DataValue | None


@dataclass
class EntryLine:
    """One input of the drawn form, with its hidden version and its "not reported" box."""

    cell: EntryCell
    value: Any
    version: Any
    not_reported: Any


class EntryForm(FormTokenMixin, StyledFormMixin, forms.Form):
    """Every figure of one area and period: a number per element and category. An empty input
    where a value was is refused unless "not reported" is ticked for it; a number equal to the
    current value is left alone."""

    def __init__(self, data: Any = None, *, rows: list[EntryRow], **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.rows = rows
        self.changes: list[Change] = []
        for row in rows:
            numeric = "numeric" if row.element.whole_numbers else "decimal"
            for cell in row.cells:
                key = cell_key(row.element, cell.category)
                label = row.element.label
                if cell.label:
                    label = f"{label}: {cell.label}"
                self.fields[f"v_{key}"] = forms.CharField(
                    label=label,
                    required=False,
                    max_length=30,
                    initial=number_text(cell.value),
                    widget=forms.TextInput(attrs={"inputmode": numeric, "autocomplete": "off"}),
                )
                self.fields[f"ver_{key}"] = forms.IntegerField(
                    required=False,
                    min_value=1,
                    initial=cell.value.version if cell.value else None,
                    widget=forms.HiddenInput,
                )
                self.fields[f"none_{key}"] = forms.BooleanField(
                    label=_("Not reported"), required=False
                )
        self.style_fields()

    def lines(self, row: EntryRow) -> list[EntryLine]:
        """The inputs of one element, as the page draws them."""
        found = []
        for cell in row.cells:
            key = cell_key(row.element, cell.category)
            found.append(EntryLine(cell, self[f"v_{key}"], self[f"ver_{key}"], self[f"none_{key}"]))
        return found

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self.changes = []
        for row in self.rows:
            for cell in row.cells:
                key = cell_key(row.element, cell.category)
                name = f"v_{key}"
                if name in self.errors:
                    continue
                typed = (cleaned.get(name) or "").strip()
                version = cleaned.get(f"ver_{key}")
                none = bool(cleaned.get(f"none_{key}"))
                current = cell.value
                if typed:
                    if none:
                        self.add_error(name, _("Give the number or tick “Not reported”, not both."))
                        continue
                    number = read_number(typed)
                    problem = (
                        _("Give a number.") if number is None else number_error(row.element, number)
                    )
                    if problem is not None or number is None:
                        self.add_error(name, problem)
                        continue
                    if current is not None and current.value == number:
                        continue
                    self.changes.append(
                        Change(row.element, cell.category, name, number, version, current)
                    )
                elif version is not None or none:
                    if not none:
                        self.add_error(
                            name,
                            _("Give the number, or tick “Not reported” to take the figure back."),
                        )
                    elif current is not None:
                        self.changes.append(
                            Change(row.element, cell.category, name, None, version, current)
                        )
        return cleaned
