"""Distances on the ground (步行距离的估计). Pure: no Django."""

from __future__ import annotations

import math

EARTH_RADIUS_M = 6_371_000
#: Streets are not straight lines: walking distance ≈ 1.3 × the great-circle distance.
WALKING_DETOUR = 1.3


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance in metres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def walking_m(lat1: float, lon1: float, lat2: float, lon2: float) -> int:
    return round(distance_m(lat1, lon1, lat2, lon2) * WALKING_DETOUR)
