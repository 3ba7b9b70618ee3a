"""Figure sources: the project's own rows counted as programme figures (applications disposed
within time, pending beyond the limit, centres active, links up…).

An app declares the figures it can count in its config's ``figure_sources`` (dotted paths to
``FigureSource`` objects, kept in the app's ``selectors/figures.py``); the indicators app
stores what they count as values of computed data elements (``DataElement.figure_source``) and
keeps its figures from them, like any other value. Core names the shape only, so the apps that
count import nothing above them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any
from urllib.parse import urlencode

from django.db import models
from django.urls import reverse
from django.utils import timezone

from degs.core.registry import degs_apps, load

# (district, first day, last day) -> {area id: value} for the district's rows in the period: the
# area is the row's own (a panchayat, a block, an office's area); the indicators app adds them
# up the tree. A stock ("pending at the month's end") is counted at the last day, or now for a
# period not yet over.
Count = Callable[[Any, dt.date, dt.date], Mapping[int, Decimal | int]]
# (area, first day, last day) -> the address of the list of rows behind the figure there.
Rows = Callable[[Any, dt.date, dt.date], str]


@dataclass(frozen=True)
class FigureSource:
    code: str  # "applications.pending_beyond_limit"
    label: Any  # a lazy translation
    count: Count
    # "sum": a flow, the months add up (disposed in the month); "last": a stock, a quarter's is
    # its last month's (pending at the end).
    over_time: str = "sum"
    rows: Rows | None = None
    description: Any = ""


@cache
def figure_sources() -> dict[str, FigureSource]:
    """Every app's figure sources by code, in INSTALLED_APPS order."""
    found: dict[str, FigureSource] = {}
    for config in degs_apps():
        for dotted in config.figure_sources:
            source = load(dotted)
            if source.code in found:
                raise ValueError(f"Two figure sources named {source.code}")
            found[source.code] = source
    return found


def figure_source(code: str) -> FigureSource | None:
    return figure_sources().get(code)


# --- what every source writes the same way -------------------------------------------------------


def stock_day(last: dt.date) -> dt.date:
    """The day a stock is counted on: the period's last day, or today for a period not over."""
    return min(last, timezone.localdate())


def counted_by(rows: models.QuerySet[Any], column: str) -> dict[int, int]:
    """``rows`` counted in one GROUP BY on ``column`` (the area a row is counted for)."""
    counted = rows.values(column).annotate(n=models.Count("pk")).order_by()
    return {row[column]: row["n"] for row in counted}


def list_address(url_name: str, query: Mapping[str, Any]) -> str:
    """The address of an app's list page filtered by ``query``: the rows behind a figure."""
    return f"{reverse(url_name)}?{urlencode(query)}"
