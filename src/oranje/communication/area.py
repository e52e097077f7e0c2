"""A warning's area: the incident's affected area as a closed ring of [latitude, longitude]
points (CAP 1.2 `polygon`: "lat,lon" pairs, first and last the same, at least four)."""

from __future__ import annotations

import math
from typing import Any

from django.utils.translation import gettext as _

from oranje.communication.constants import AREA_POINTS_MAX


def area_problem(area: Any) -> str | None:
    """Why `area` is no usable closed ring (a Dutch sentence naming the problem), or None."""
    if not isinstance(area, list) or not area:
        return _("The area is empty: draw or paste the affected area (at least three points).")
    if len(area) > AREA_POINTS_MAX:
        return _("The area has more than %(limit)s points.") % {"limit": AREA_POINTS_MAX}
    points: list[tuple[float, float]] = []
    for number, point in enumerate(area, start=1):
        if (
            not isinstance(point, list | tuple)
            or len(point) != 2
            or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in point)
            or not all(math.isfinite(v) for v in point)
        ):
            return _("Point %(number)s of the area is no pair of latitude and longitude.") % {
                "number": number
            }
        lat, lon = float(point[0]), float(point[1])
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            return _("Point %(number)s of the area lies outside the world (%(lat)s, %(lon)s).") % {
                "number": number,
                "lat": lat,
                "lon": lon,
            }
        points.append((lat, lon))
    if len(points) < 4 or points[0] != points[-1]:
        return _(
            "The area is not a closed ring: it needs at least three different points and must "
            "end where it starts."
        )
    if len(set(points)) < 3:
        return _("The area needs at least three different points.")
    return None


def cap_polygon(area: list[list[float]]) -> str:
    """The CAP `polygon` text: "lat,lon" pairs separated by spaces."""
    return " ".join(
        f"{float(lat):.6f},{float(lon):.6f}".replace(".000000", ".0") for lat, lon in area
    )
