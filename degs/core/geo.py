"""Distances on the Earth, for comparing a recorded position with a place's coordinates."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

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


def phone_position(latitude: Any, longitude: Any, accuracy_m: Any = None) -> dict[str, Any]:
    """Where a phone said it was (a form's hidden fields): latitude and longitude to six
    decimals and the accuracy in metres, all None when the phone gave none; a place off the
    map is refused (``ValidationError`` on "latitude")."""
    if latitude in (None, "") or longitude in (None, ""):
        return {"latitude": None, "longitude": None, "accuracy_m": None}
    lat, lon = Decimal(str(latitude)), Decimal(str(longitude))
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValidationError({"latitude": _("The place the phone gave is not on the map.")})
    return {
        "latitude": lat.quantize(Decimal("0.000001")),
        "longitude": lon.quantize(Decimal("0.000001")),
        "accuracy_m": None if accuracy_m in (None, "") else max(0, int(accuracy_m)),
    }
