"""The indicators demo: the data elements and indicators the sample notes review, a year of
monthly figures for Jamtara and East Singhbhum (plausible, each marked as a demo figure),
targets, and the maintained figures worked out from them. Loading twice changes nothing."""

from __future__ import annotations

from degs.indicators.demos import elements, values


def load() -> list[str]:
    count = elements.load_elements()
    written, targets, figures = values.load_values()
    return [
        f"Programme figures: {count} indicators; {written} demo values, {targets} targets "
        f"and {figures} figures written"
    ]
