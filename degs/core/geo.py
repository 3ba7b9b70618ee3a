"""Distances on the Earth, for comparing a recorded position with a place's coordinates."""

from __future__ import annotations

import math
from decimal import Decimal

# The mean radius of the WGS84 ellipsoid, (2a + b) / 3, in metres.
EARTH_RADIUS_M = 6_371_008.8


def distance_m(
    lat1: float | Decimal, lon1: float | Decimal, lat2: float | Decimal, lon2: float | Decimal
) -> float:
    """Great-circle distance in metres between two points in degrees (haversine formula)."""
    phi1, phi2 = math.radians(float(lat1)), math.radians(float(lat2))
    d_phi = phi2 - phi1
    d_lambda = math.radians(float(lon2) - float(lon1))
    h = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))
