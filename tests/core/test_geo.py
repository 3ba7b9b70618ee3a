"""Great-circle distance, checked against computations that share no code with it."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from degs.core.geo import distance_m, phone_position

R = 6_371_008.8  # WGS84 mean radius (2a + b) / 3, metres


def chord_distance(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Through 3-D unit vectors: the chord between the points, then the arc it subtends."""

    def unit(lat: float, lon: float) -> tuple[float, float, float]:
        p, lam = math.radians(lat), math.radians(lon)
        return (math.cos(p) * math.cos(lam), math.cos(p) * math.sin(lam), math.sin(p))

    a, b = unit(lat1, lon1), unit(lat2, lon2)
    chord = math.dist(a, b)
    return 2 * R * math.asin(chord / 2)


def test_along_a_meridian_the_distance_is_the_arc() -> None:
    # 17 km due north of Jamtara town (23.96 N, 86.80 E): R times the angle, exactly.
    north = 23.96 + math.degrees(17_000 / R)
    assert distance_m(23.96, 86.80, north, 86.80) == pytest.approx(17_000, abs=1e-6)


@pytest.mark.parametrize(
    ("lat1", "lon1", "lat2", "lon2"),
    [
        (23.96, 86.80, 23.96, 86.967),  # Jamtara and a point about 17 km east
        (23.96, 86.80, 23.9561, 86.8012),  # a few hundred metres
        (23.96, 86.80, 28.2996, 74.9647),  # Jamtara to Churu
        (8.0883, 77.5385, 34.1526, 77.5771),  # Kanyakumari to Leh
    ],
)
def test_agrees_with_the_chord_computation(lat1, lon1, lat2, lon2) -> None:
    assert distance_m(lat1, lon1, lat2, lon2) == pytest.approx(
        chord_distance(lat1, lon1, lat2, lon2), rel=1e-9
    )


def test_a_point_is_no_distance_from_itself() -> None:
    assert distance_m(23.96, 86.80, 23.96, 86.80) == 0


def test_phone_position() -> None:
    none = {"latitude": None, "longitude": None, "accuracy_m": None}
    assert phone_position("", "") == none and phone_position(None, "86.8") == none
    assert phone_position("23.9612345", "86.8", "-3") == {
        "latitude": Decimal("23.961234"),
        "longitude": Decimal("86.800000"),
        "accuracy_m": 0,
    }
    with pytest.raises(ValidationError):
        phone_position("91", "86.8")
