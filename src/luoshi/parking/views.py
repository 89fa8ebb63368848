"""Parking pages: the public 找车位 (no login, no plates) and the operator's occupancy page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from luoshi.core.permissions import require_role
from luoshi.core.personal import mask_plate
from luoshi.core.roles import CITY_WIDE_ROLES
from luoshi.parking import city, geo
from luoshi.parking.models import Facility, OccupancyException, Zone

NEAREST = 20
#: Where the search starts without a point: the centre of 主城区.
CENTRE = (city.ZONES[0][2], city.ZONES[0][3])


def find_space(request: HttpRequest) -> HttpResponse:
    """找车位: the nearest facilities with free spaces from a point (泊位诱导)."""
    lat, lon, problem = _point(request.GET.get("lat", ""), request.GET.get("lon", ""))
    facilities = Facility.objects.select_related("zone").only(
        "code", "kind", "name", "lat", "lon", "capacity", "occupied", "zone__name"
    )
    rows = sorted(
        (
            {"facility": f, "walk": geo.walking_m(lat, lon, f.lat, f.lon)}
            for f in facilities
            if f.free > 0
        ),
        key=lambda row: row["walk"],  # type: ignore[arg-type,return-value]
    )[:NEAREST]
    context = {"nav": "parking", "rows": rows, "lat": lat, "lon": lon, "problem": problem}
    return render(request, "parking/find.html", context, status=400 if problem else 200)


def _point(lat_text: str, lon_text: str) -> tuple[float, float, str]:
    if not lat_text and not lon_text:
        return *CENTRE, ""
    try:
        lat, lon = float(lat_text), float(lon_text)
    except ValueError:
        return *CENTRE, "位置格式不正确,已按市中心查找"
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return *CENTRE, "位置超出范围,已按市中心查找"
    return lat, lon, ""


@login_required
def occupancy(request: HttpRequest) -> HttpResponse:
    """The operator's view: occupancy by zone now, and the exceptions to look at."""
    require_role(request.user, *CITY_WIDE_ROLES)  # type: ignore[arg-type]
    zones = [
        {**zone, "free": (zone["spaces"] or 0) - (zone["taken"] or 0)}
        for zone in Zone.objects.order_by("id")
        .values("name")
        .annotate(
            facility_count=Count("facilities"),
            spaces=Sum("facilities__capacity"),
            taken=Sum("facilities__occupied"),
        )
    ]
    exceptions = [
        {"row": e, "plate": mask_plate(e.plate)}
        for e in OccupancyException.objects.select_related("facility")[:100]
    ]
    context = {
        "nav": "parking",
        "zones": zones,
        "exceptions": exceptions,
        "exception_count": OccupancyException.objects.count(),
    }
    return render(request, "parking/occupancy.html", context)
