"""The indicators app's fixed lists: period types, how an element adds up over time, its
disaggregation and categories, where a value came from, and the direction of an indicator."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodType(models.TextChoices):
    """The periods figures are reported for (``degs.indicators.periods``). A quarter and a year
    are the financial year's: Q1 is April to June, the year April to March."""

    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    YEAR = "year", _("Financial year")


class OverTime(models.TextChoices):
    """How an element's monthly values make a quarter's or a year's: a flow adds up (people
    trained), a stock is the last month reported (cameras working at the month's end)."""

    SUM = "sum", _("Add up the months")
    LAST = "last", _("Last month reported")


class Disaggregation(models.TextChoices):
    """How one element's value is split when entered: not at all, or by sex."""

    NONE = "", _("Not split")
    SEX = "sex", _("By sex")


class Category(models.TextChoices):
    """A value's category within its element's disaggregation; TOTAL for an element not split.
    An element split by sex totals its categories."""

    TOTAL = "", _("Total")
    FEMALE = "female", _("Women")
    MALE = "male", _("Men")
    TRANSGENDER = "transgender", _("Transgender persons")


CATEGORIES_OF = {
    Disaggregation.NONE: (Category.TOTAL,),
    Disaggregation.SEX: (Category.FEMALE, Category.MALE, Category.TRANSGENDER),
}


class Source(models.TextChoices):
    """Where an element's values come from: entered (by hand or from a spreadsheet, or read
    out of a press note), or computed from the project's own rows by a figure source."""

    ENTERED = "entered", _("Entered by the post responsible")
    COMPUTED = "computed", _("Computed from the project's data")


class Origin(models.TextChoices):
    """How one value came in."""

    FORM = "form", _("Entered on the form")
    IMPORT = "import", _("Imported from a spreadsheet")
    PRESS_NOTE = "press_note", _("Read from a press note")
    COMPUTED = "computed", _("Computed")
    API = "api", _("Sent through the API")
    DEMO = "demo", _("Demo figure")


class Basis(models.TextChoices):
    """What districts are ranked by on the state's view."""

    VALUE = "value", _("The figure itself")
    PER_LAKH = "per_lakh", _("Per lakh people")
    OF_TARGET = "of_target", _("Share of target")
